/**
 * Whole registrations in real Chromium, as a person does them: the local Slack console, the
 * sign-in page in a new tab, the local OpenID provider's login, back to the console for the terms,
 * the user account and the business account with an activation code from `npm run cbsa:issue`.
 * One in English with GCKey, one in French with a Sign-In Partner.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startBotStack, type BotTestStack } from '../support/bot-stack';
import { inBrowser, launchChromium } from '../support/chromium';
import { cbsaIssue, emailOf, languageOf, registerThroughConsole, slackPerson } from '../support/console-registration';
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

const people = [
  { name: 'Alice Tremblay', locale: 'en-CA', provider: 'gckey', username: 'alice' },
  { name: 'Chloé Gagnon', locale: 'fr-CA', provider: 'sign-in-partner', username: 'chloe' },
] as const;

describe('a whole registration in Chromium, through the Slack console', () => {
  for (const who of people) {
    const testName = `${languageOf(who)}: ${who.provider} sign-in, terms, user account, business account`;
    it(testName, async () => {
      const person = slackPerson(stack, who);
      const businessNumber = newBusinessNumber();
      const { sharedSecret } = await cbsaIssue(businessNumber);
      const { urn } = await inBrowser(
        browser,
        testName,
        (context) => registerThroughConsole(stack, context, person, { businessNumber, sharedSecret }),
        { locale: person.locale },
      );

      // The system of record.
      const account = await stack.db.userAccount.findUniqueOrThrow({
        where: { urn },
        include: { memberships: { include: { businessAccount: true } } },
      });
      assert.equal(account.email, emailOf(person));
      assert.equal(account.language, languageOf(person));
      assert.deepEqual(
        account.memberships.map((m) => [m.role, m.businessAccount.businessNumber]),
        [['owner', businessNumber]],
      );
      const credential = await stack.db.credentialLink.findFirstOrThrow({
        where: { registrationId: { endsWith: person.userId } },
      });
      assert.equal(credential.provider, person.provider === 'gckey' ? 'gckey' : 'sign_in_partner');
      assert.equal(
        credential.subject,
        stack.identityProvider!.accounts.find((a) => a.username === person.username)!.sub,
      );
    });
  }
});
