/**
 * Credential sign-in end to end: Slack stand-in → bot → single-use sign-in link → the local
 * OpenID provider's login page → our callback → the registration workflow advances, and the Slack
 * modal moves on by itself. Then everything that must not link a credential: a forwarded link, a
 * callback in another browser, a wrong state, an expired link, a tampered ID token signature, a
 * credential already linked elsewhere, an unreachable provider.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import { ActionId } from '../slack/ids';
import { registrationWorkflowId } from '../workflows/registration/definitions';
import { TestBrowser, signInAtLocalProvider, type Page } from './support/browser';
import {
  buttonValue,
  click,
  hasAction,
  newSlackUser,
  openCers,
  textOf,
  useBotStack,
  viewOf,
  waitForView,
  type BotTestStack,
} from './support/bot-stack';

const stack = useBotStack({}, { signIn: true });

const outcomeOf = (page: Page) => /data-outcome="([a-z_]+)"/.exec(page.html)?.[1];

interface IssuedLink {
  userId: string;
  viewId: string;
  url: string;
  linkId: string;
}

/** /cers, then "Sign in with GCKey": the modal shows a fresh link. */
async function issueLink(
  s: BotTestStack,
  locale = 'en-US',
  provider: 'gckey' | 'sign-in-partner' = 'gckey',
): Promise<IssuedLink> {
  const userId = newSlackUser(s, locale);
  const viewId = await openCers(s, userId, hasAction(ActionId.SignIn));
  await click(s, userId, viewId, provider === 'gckey' ? ActionId.SignIn : ActionId.SignInPartner, provider);
  const view = await waitForView(s, viewId, hasAction(ActionId.OpenSignInLink));
  const linkButton = JSON.stringify(view.blocks);
  const url = /"url":"([^"]+)"/.exec(linkButton)?.[1];
  const linkId = buttonValue(view.blocks, ActionId.OpenSignInLink);
  assert.ok(url && linkId, 'the modal shows the link');
  return { userId, viewId, url, linkId };
}

/** The applicant clicks the link button in Slack (Slack opens the browser and tells the bot). */
async function openFromSlack(s: BotTestStack, link: IssuedLink): Promise<void> {
  await click(s, link.userId, link.viewId, ActionId.OpenSignInLink, link.linkId);
}

const account = (s: BotTestStack, username: string) =>
  s.identityProvider!.accounts.find((a) => a.username === username)!;

async function credentialUpdates(s: BotTestStack, userId: string): Promise<number> {
  const history = await s.client.workflow
    .getHandle(registrationWorkflowId({ teamId: s.teamId, userId }))
    .fetchHistory();
  return (history.events ?? []).filter(
    (e) =>
      e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED &&
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'credentialVerified',
  ).length;
}

describe('credential sign-in through the local OpenID provider', () => {
  it('links the credential, moves the Slack modal to the terms by itself, and a reload has no second effect', async () => {
    const link = await issueLink(stack, 'fr-CA');
    assert.match(link.url, /\/auth\/start\/[A-Za-z0-9_-]{22}$/);
    await openFromSlack(stack, link);
    const browser = new TestBrowser();
    const confirm = await browser.get(link.url);
    assert.equal(outcomeOf(confirm), 'confirm', 'nothing happens before Continue');
    assert.match(confirm.html, /Test Exporter/, 'the page names whose registration it is');
    const login = await browser.submitForm(confirm, {});
    assert.match(login.html, /Mot de passe|mot de passe/, 'the provider’s page is in French (ui_locales fr-CA)');
    const landed = await browser.submitForm(login, { username: 'alice', password: 'alice-password' });
    assert.equal(outcomeOf(landed), 'linked');
    assert.match(
      landed.html,
      /Vous vous êtes connecté avec CléGC\. Le justificatif est maintenant lié à l’inscription au SCDE de Test Exporter/,
    );

    await waitForView(stack, link.viewId, hasAction(ActionId.AcceptTerms));
    const links = await stack.db.credentialLink.findMany({ where: { subject: account(stack, 'alice').sub } });
    assert.deepEqual(
      links.map((l) => [l.provider, l.registrationId]),
      [['gckey', registrationWorkflowId({ teamId: stack.teamId, userId: link.userId })]],
    );

    const reloaded = await browser.get(landed.url);
    assert.equal(outcomeOf(reloaded), 'linked');
    // Another browser with the same callback URL gets nothing of it.
    assert.equal(outcomeOf(await new TestBrowser().get(landed.url)), 'other_browser');
    assert.equal(await credentialUpdates(stack, link.userId), 1, 'one credentialVerified in history');
    // The link is spent: opening it again elsewhere says so (and not "you are signed in").
    assert.equal(outcomeOf(await new TestBrowser().get(link.url)), 'used');
    assert.equal(outcomeOf(await browser.get(link.url)), 'linked', 'its own browser sees the outcome');
  });

  it('a link forwarded to someone else, or its callback in another browser, links nothing', async () => {
    // Copied without clicking it in Slack: not armed by its applicant.
    const forwarded = await issueLink(stack);
    const page = await new TestBrowser().get(forwarded.url);
    assert.equal(outcomeOf(page), 'open_from_slack');

    // Started by its applicant; the callback (code and state) replayed in another browser.
    const link = await issueLink(stack);
    await openFromSlack(stack, link);
    const owner = new TestBrowser();
    const login = await owner.submitForm(await owner.get(link.url), {});
    const callbackUrl = await owner.submitFormUntil(
      login,
      { username: 'bob', password: 'bob-password' },
      '/auth/callback',
    );
    const thief = await new TestBrowser().get(callbackUrl);
    assert.equal(outcomeOf(thief), 'other_browser');
    assert.equal(await stack.db.credentialLink.count({ where: { subject: account(stack, 'bob').sub } }), 0);
    assert.equal(viewOf(stack, link.viewId).callback_id, 'cers_registration');
    // The applicant's own browser then completes it.
    assert.equal(outcomeOf(await owner.get(callbackUrl)), 'linked');
  });

  it('an armed link opened by someone else names its owner first; a form posted from another site does nothing', async () => {
    const link = await issueLink(stack);
    await openFromSlack(stack, link);
    const stranger = new TestBrowser();
    const confirm = await stranger.get(link.url);
    assert.equal(outcomeOf(confirm), 'confirm');
    assert.match(confirm.html, /If you are not Test Exporter, stop here/);
    // A page elsewhere posting the Continue form in the victim's browser (login CSRF).
    const forged = await fetch(link.url, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'token=x',
      redirect: 'manual',
    });
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /did not come from the CERS Onboard sign-in page/);
    assert.equal(
      (await stack.db.signInLink.findUniqueOrThrow({ where: { id: link.linkId } })).startedAt,
      null,
      'the link is untouched',
    );
  });

  it('the same callback twice at once (a reload mid-exchange, a replayed code): one link, both pages say linked', async () => {
    const link = await issueLink(stack);
    await openFromSlack(stack, link);
    const browser = new TestBrowser();
    const login = await browser.submitForm(await browser.get(link.url), {});
    const callbackUrl = await browser.submitFormUntil(
      login,
      { username: 'eli', password: 'eli-password' },
      '/auth/callback',
    );
    const pages = await Promise.all([browser.get(callbackUrl), browser.get(callbackUrl)]);
    assert.deepEqual(pages.map(outcomeOf), ['linked', 'linked']);
    assert.equal(await credentialUpdates(stack, link.userId), 1);
    assert.equal(await stack.db.credentialLink.count({ where: { subject: account(stack, 'eli').sub } }), 1);
  });

  it('a wrong state, an expired link and a used link each get their page', async () => {
    assert.equal(
      outcomeOf(await new TestBrowser().get(`${stack.config.signIn.redirectUri}?code=x&state=forged`)),
      'invalid',
    );
    assert.equal(
      outcomeOf(await new TestBrowser().get(`${stack.config.signIn.publicUrl}/auth/start/AAAAAAAAAAAAAAAAAAAAAA`)),
      'invalid',
    );

    const expired = await issueLink(stack);
    await openFromSlack(stack, expired);
    await stack.db.signInLink.update({
      where: { id: expired.linkId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    assert.equal(outcomeOf(await new TestBrowser().get(expired.url)), 'expired');
    // Slack says so too, with the buttons for a new link.
    await waitForView(
      stack,
      expired.viewId,
      (v) => /has expired/.test(textOf(v.blocks)) && hasAction(ActionId.SignIn)(v),
    );

    const used = await issueLink(stack);
    await openFromSlack(stack, used);
    const first = new TestBrowser();
    await first.submitForm(await first.get(used.url), {});
    assert.equal(outcomeOf(await new TestBrowser().get(used.url)), 'used', 'a link starts once');
  });

  it('refuses an ID token with a tampered signature; the registration stays at sign-in', async () => {
    const link = await issueLink(stack);
    await openFromSlack(stack, link);
    stack.identityProvider!.setSigningTampered(true);
    try {
      const page = await signInAtLocalProvider(new TestBrowser(), link.url, account(stack, 'chloe'));
      assert.equal(outcomeOf(page), 'failed');
    } finally {
      stack.identityProvider!.setSigningTampered(false);
    }
    assert.equal(await stack.db.credentialLink.count({ where: { subject: account(stack, 'chloe').sub } }), 0);
    assert.equal(await credentialUpdates(stack, link.userId), 0);
  });

  it('says plainly that a credential already linked to another user account was not linked', async () => {
    const first = await issueLink(stack);
    await openFromSlack(stack, first);
    assert.equal(
      outcomeOf(await signInAtLocalProvider(new TestBrowser(), first.url, account(stack, 'chloe'))),
      'linked',
    );

    const second = await issueLink(stack);
    await openFromSlack(stack, second);
    const page = await signInAtLocalProvider(new TestBrowser(), second.url, account(stack, 'chloe'));
    assert.equal(outcomeOf(page), 'already_linked');
    assert.match(page.html, /already linked to another CERS user account/);
    const modal = await waitForView(stack, second.viewId, hasAction(ActionId.SignIn));
    assert.match(textOf(modal.blocks), /already linked/i, 'Slack says so too, and asks to sign in again');
  });

  it('an unreachable provider: a clear page, nothing linked, and reloading works once it is back', async () => {
    const link = await issueLink(stack);
    await openFromSlack(stack, link);
    const browser = new TestBrowser();
    const login = await browser.submitForm(await browser.get(link.url), {});
    const callbackUrl = await browser.submitFormUntil(
      login,
      { username: 'dana', password: 'dana-password' },
      '/auth/callback',
    );
    stack.identityProvider!.setUnavailable(true);
    try {
      // The token endpoint does not answer: a clear page, the code not spent.
      const down = await browser.get(callbackUrl);
      assert.deepEqual([down.status, outcomeOf(down)], [503, 'unavailable']);
      // A new link while it is still down: said at once, the link untouched.
      const next = await issueLink(stack);
      await openFromSlack(stack, next);
      const atStart = await new TestBrowser().get(next.url);
      assert.deepEqual([atStart.status, outcomeOf(atStart)], [503, 'unavailable']);
      assert.equal((await stack.db.signInLink.findUniqueOrThrow({ where: { id: next.linkId } })).startedAt, null);
      // Slack says so too, and keeps the link, which still works.
      await waitForView(
        stack,
        next.viewId,
        (v) => /does not answer/.test(textOf(v.blocks)) && hasAction(ActionId.OpenSignInLink)(v),
      );
    } finally {
      stack.identityProvider!.setUnavailable(false);
    }
    assert.equal(await credentialUpdates(stack, link.userId), 0);
    const back = await browser.get(callbackUrl);
    assert.equal(outcomeOf(back), 'linked', 'reloading the callback finished the sign-in');
    await waitForView(stack, link.viewId, hasAction(ActionId.AcceptTerms));
  });

  it('the Sign-In Partner button signs in with its own provider', async () => {
    const link = await issueLink(stack, 'en-US', 'sign-in-partner');
    await openFromSlack(stack, link);
    const page = await signInAtLocalProvider(new TestBrowser(), link.url, {
      username: 'alice',
      password: 'alice-password',
    });
    assert.equal(outcomeOf(page), 'linked', 'the same person at another provider is another credential');
    const partner = await stack.db.credentialLink.findFirst({
      where: { provider: 'sign_in_partner', subject: account(stack, 'alice').sub },
    });
    assert.ok(partner);
  });
});
