/**
 * Issue 15, point 1 in real Chromium: a person registers through the Slack console choosing "I'm
 * joining an existing business", then registers a business account from the completed modal with
 * an activation code from `npm run cbsa:issue`: no second sign-in, the same URN and credential.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ActionId } from '../../slack/ids';
import { translator } from '../../i18n/catalogue';
import { startBotStack, type BotTestStack } from '../support/bot-stack';
import { inBrowser, launchChromium } from '../support/chromium';
import { cbsaIssue, registerThroughConsole, slackPerson } from '../support/console-registration';
import { newBusinessNumber } from '../../testkit/fixtures';

let stack: BotTestStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startBotStack({}, { signIn: true }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a business account after joining, in Chromium, through the Slack console', () => {
  const testName = 'join others, then register a business from the completed modal';
  it(testName, async () => {
    const person = slackPerson(stack, { name: 'Bob Singh', locale: 'en-CA', provider: 'gckey', username: 'bob' });
    const businessNumber = newBusinessNumber();
    const { sharedSecret } = await cbsaIssue(businessNumber);
    const t = translator('en');

    const urn = await inBrowser(browser, testName, async (context) => {
      // Registered, joining others: the helper confirms "I'm joining an existing business" and waits for the modal saying so.
      const { slack, urn } = await registerThroughConsole(stack, context, person, 'join');
      const credential = await stack.db.credentialLink.findFirstOrThrow({ where: { userAccount: { urn } } });

      await slack.click(ActionId.RegisterBusinessAccount, t('business_again.register'));
      await slack.waitForModal(t('business_again.choice'));
      assert.ok(((await slack.modal.textContent()) ?? '').includes(urn), 'the URN they have');
      await slack.click(ActionId.OpenBusinessForm, t('bot.business.register'));
      await slack.fill({
        businessNumber,
        sharedSecret,
        'owner.positionTitle': 'Export manager',
        'owner.address.line1': '123 Wellington St',
        'owner.address.city': 'Ottawa',
        'owner.address.province': 'ON',
        'owner.address.postalCode': 'K1A 0B1',
        'owner.phone': '613-555-0199',
        'owner.email': 'exports-bob@exportco.example.ca',
      });
      await slack.submit(t('bot.business.submit'));
      await slack.waitForModal(t('bot.completed.role_owner'));
      const completed = (await slack.modal.textContent()) ?? '';
      assert.ok(completed.includes(urn), 'the same URN');
      assert.ok(completed.replace(/\s/g, '').includes(businessNumber), 'the business number');
      assert.ok(!completed.includes(sharedSecret), 'never the activation code');
      // The credential link is the one they signed in with, untouched.
      assert.deepEqual(await stack.db.credentialLink.findUniqueOrThrow({ where: { id: credential.id } }), credential);
      return urn;
    });

    const account = await stack.db.userAccount.findUniqueOrThrow({
      where: { urn },
      include: { memberships: { include: { businessAccount: true } }, credential: true },
    });
    assert.deepEqual(
      account.memberships.map((m) => [m.role, m.businessAccount.businessNumber]),
      [['owner', businessNumber]],
    );
    assert.equal(account.credential?.subject, stack.identityProvider!.accounts.find((a) => a.username === 'bob')!.sub);
  });
});
