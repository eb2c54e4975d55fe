/**
 * What an operator sees in the Temporal Web UI, in real Chromium: the embedded dev server's UI
 * started with `--ui-codec-endpoint` at the codec server (as `npm start` does), a registration's
 * registration found from its URN (the link `npm run support -- query` prints), its workflow page, its status and
 * decoded input, personal data masked. Saves a screenshot.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import {
  acceptTerms,
  credentialVerified,
  registrationStatus,
  submitBusinessAccount,
  submitUserAccount,
} from '../../client';
import { createLogger } from '../../config/logger';
import { MASKED } from '../../domain/personal-data';
import { codecEndpoint, startCodecServer, type RunningCodecServer } from '../../operators/codec-server';
import { startEmbeddedTemporal, type EmbeddedTemporal } from '../../service/embedded/temporal';
import { freePort } from '../../testkit/ports';
import { inBrowser, launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  startTestStack,
  testConfig,
  type TestStack,
} from '../support/stack';
import { openUpdateInHistory, openWorkflow } from '../support/web-ui';
import { searchQueryLines } from '../../operators/support/commands/query';

let temporal: EmbeddedTemporal;
let stack: TestStack;
let codec: RunningCodecServer;
let browser: Browser;

beforeAll(async () => {
  const [uiPort, codecPort] = [await freePort(), await freePort()];
  const codecConfig = testConfig({ CERS_CODEC_PORT: String(codecPort), TEMPORAL_DEV_UI_PORT: String(uiPort) });
  [temporal, browser] = await Promise.all([
    startEmbeddedTemporal({
      cliPath: process.env.TEMPORAL_CLI_PATH,
      port: await freePort(),
      uiPort,
      uiCodecEndpoint: codecEndpoint(codecConfig.codec),
    }),
    launchChromium(),
  ]);
  stack = await startTestStack({ TEMPORAL_ADDRESS: temporal.address });
  // The component as `npm start` runs it: development defaults, loopback, no sign-in (operator role).
  codec = await startCodecServer({ config: codecConfig, db: stack.db, log: createLogger('codec', 'warn') });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await codec?.close();
  await stack?.stop();
  await temporal?.stop();
});

describe('the Temporal Web UI through the codec server', () => {
  test('an operator opens a registration: status and decoded input, personal data masked', async () => {
    const auth = await issueTestAuthorization(stack.db);
    const { handle, applicant } = await startTestRegistration(stack);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: 'pai-web-ui-subject' }] });
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
    });
    const { urn } = await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
    await handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
    });
    await handle.result();

    const testName = 'web-ui-operator-registration';
    await inBrowser(browser, testName, async (context) => {
      const page = await context.newPage();
      // Found from the URN a caller reads out, with the link `npm run support -- query urn …` prints.
      const printed = searchQueryLines(['urn', ...urn.split('-'), '--ui', temporal.uiUrl!], stack.config);
      await page.goto(printed[1]!.replace(/^Web UI:\s+/, ''));
      await page.getByText(handle.workflowId).first().waitFor();
      const view = await openWorkflow(page, {
        uiUrl: temporal.uiUrl!,
        codecUrl: codec.url,
        namespace: stack.config.temporal.namespace,
        workflowId: handle.workflowId,
      });
      const saveScreenshot = async (name: string) => {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        process.stderr.write(`screenshot of what an operator sees: ${file}\n`);
      };
      await saveScreenshot('web-ui-operator-workflow');
      assert.match(view.status, /Completed/i);
      // The input, decoded: the applicant's Slack ids and the policy are readable, not ciphertext.
      assert.ok(view.inputAndResults.includes(applicant.userId), view.inputAndResults);
      assert.match(view.inputAndResults, /"maxReminders"/);
      assert.match(view.inputAndResults, /"step":\s*"completed"/);

      // The user account update in the event history: personal fields masked, language shown.
      await page.setViewportSize({ width: 1400, height: 1200 });
      const history = await openUpdateInHistory(page, 'submitUserAccount');
      await saveScreenshot('web-ui-operator-user-account-update');
      assert.match(history, new RegExp(`"givenName":\\s*"${escapeRegExp(MASKED)}"`));
      assert.match(history, /"language":\s*"fr"/);
      const secrets = [sampleUserAccount.email, sampleUserAccount.familyName, 'pai-web-ui-subject', auth.sharedSecret];
      for (const value of secrets) assert.ok(!history.includes(value), `the page shows ${value}`);
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
