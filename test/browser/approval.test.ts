/**
 * An access request approved in real Chromium: an owner registers a business through the console;
 * a second person registers, joining an existing business, and asks to join it with `/cers join`;
 * the owner approves from the request in their DM with the bot; both are told, and the system of
 * record has the membership.
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

describe('an access request in Chromium, through the Slack console', () => {
  const testName = 'a second person asks to join; the owner approves from their DM';
  it(testName, async () => {
    const owner = slackPerson(stack, { name: 'Alice Tremblay', locale: 'en-CA', provider: 'gckey', username: 'alice' });
    const requester = slackPerson(stack, { name: 'Bruno Côté', locale: 'fr-CA', provider: 'gckey', username: 'bob' });
    const businessNumber = newBusinessNumber();
    const { sharedSecret } = await cbsaIssue(businessNumber);
    const en = translator('en');
    const fr = translator('fr');

    await inBrowser(browser, testName, async (context) => {
      const { slack: ownerSlack } = await registerThroughConsole(stack, context, owner, {
        businessNumber,
        sharedSecret,
      });
      const { slack: requesterSlack, urn } = await registerThroughConsole(stack, context, requester, 'join');

      // The requester asks to join, as an account user (the form's default).
      await requesterSlack.closeModal();
      await requesterSlack.command('joindre');
      await requesterSlack.fill({ businessNumber });
      await requesterSlack.submit(fr('access_form.submit'));
      await requesterSlack.page
        .getByText(/Votre demande pour vous joindre/)
        .first()
        .waitFor();

      // The owner's DM shows the request, with who asks; Approve.
      await ownerSlack.closeModal();
      const request = ownerSlack.conversation.locator('article', { hasText: urn });
      await request.waitFor();
      await ownerSlack.click(ActionId.ApproveRequest, en('request.approve'), request);
      await ownerSlack.conversation.getByText(/Approved by Alice Tremblay/).waitFor();

      // The requester is told, in French.
      await requesterSlack.conversation.getByText(/a été approuvée par Alice Tremblay/).waitFor();
    });

    const business = await stack.db.businessAccount.findFirstOrThrow({
      where: { businessNumber },
      include: { memberships: { include: { userAccount: true } }, roleRequests: true },
    });
    assert.deepEqual(business.memberships.map((m) => [m.userAccount.familyName, m.role]).sort(), [
      ['Côté', 'account_user'],
      ['Tremblay', 'owner'],
    ]);
    assert.deepEqual(
      business.roleRequests.map((r) => r.status),
      ['approved'],
    );
  });
});
