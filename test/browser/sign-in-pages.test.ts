/**
 * The sign-in pages in real Chromium when things go wrong, and what the Slack modal then says:
 * an expired link, a link already used in another browser, a callback landing in another browser,
 * a provider that is down (at the provider and at our callback), a Continue posted from another
 * site, and a second person signing in from the same browser (who must get a login prompt).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../i18n/catalogue';
import { startBotStack, type BotTestStack } from '../support/bot-stack';
import { inBrowser, interceptRequests, launchChromium } from '../support/chromium';
import { ConsolePage } from '../support/console-page';
import {
  continueAndLogIn,
  expectLinked,
  languageOf,
  openSignInLink,
  slackPerson,
  type Person,
} from '../support/console-registration';

let stack: BotTestStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startBotStack({}, { signIn: true }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const outcome = (page: Page) => page.locator('[data-outcome]').getAttribute('data-outcome');
const linkIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;
const linkRow = (page: Page) => stack.db.signInLink.findUniqueOrThrow({ where: { id: linkIdOf(page) } });

let people = 0;
function person(locale: Person['locale'], username: string): Person {
  people += 1;
  return slackPerson(stack, { name: `Person${people} Tester`, locale, provider: 'gckey', username });
}

/** The console for a new person, with the sign-in page opened from Slack in a new tab. */
async function linkOpened(context: BrowserContext, who: Person): Promise<{ slack: ConsolePage; signIn: Page }> {
  const slack = await ConsolePage.open(context, stack.slack.consoleUrl!, who.userId);
  return { slack, signIn: await openSignInLink(slack, who) };
}

/** Runs `body` in Chromium under this test's name (screenshots on failure). */
function browserTest(name: string, body: (context: BrowserContext) => Promise<void>, locale?: string): void {
  it(name, () => inBrowser(browser, name, body, { locale }));
}

describe('sign-in pages in Chromium', () => {
  browserTest(
    'an expired link: the page and the Slack modal say so, in French, with a button for a new link',
    async (context) => {
      const who = person('fr-CA', 'fay');
      const fr = translator('fr');
      const slack = await ConsolePage.open(context, stack.slack.consoleUrl!, who.userId);
      const signIn = await openSignInLink(slack, who);
      await stack.db.signInLink.update({
        where: { id: linkIdOf(signIn) },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await signIn.reload();
      assert.equal(await outcome(signIn), 'expired');
      await signIn.getByText(fr('signin.page.expired')).waitFor();
      await slack.waitForModal(fr('signin.page.expired'));
      await slack.button('cers_sign_in', fr('bot.signin.gckey'));
    },
    'fr-CA',
  );

  browserTest('a link already started in one browser is "used" in another, and Slack says so', async (context) => {
    const who = person('en-CA', 'fay');
    const { slack, signIn } = await linkOpened(context, who);
    const link = signIn.url();
    await signIn.getByRole('button', { name: translator('en')('signin.page.continue') }).click();
    await signIn.locator('input[name=password]').waitFor();

    const otherBrowser = await browser.newContext();
    try {
      const elsewhere = await otherBrowser.newPage();
      await elsewhere.goto(link);
      assert.equal(await outcome(elsewhere), 'used');
    } finally {
      await otherBrowser.close();
    }
    await slack.waitForModal(translator('en')('signin.page.used'));
  });

  browserTest(
    'a callback that lands in another browser links nothing; the first browser then finishes',
    async (context) => {
      const who = person('en-CA', 'eli');
      const { slack, signIn } = await linkOpened(context, who);
      let callbackUrl: string | undefined;
      const stop = await interceptRequests(signIn, '*/auth/callback?*', async (url) => {
        callbackUrl = url;
        return 'abort';
      });
      await continueAndLogIn(signIn, who);
      await waitUntil(() => callbackUrl !== undefined);
      await stop();

      const otherBrowser = await browser.newContext();
      try {
        const thief = await otherBrowser.newPage();
        await thief.goto(callbackUrl!);
        assert.equal(await outcome(thief), 'other_browser');
      } finally {
        await otherBrowser.close();
      }
      assert.equal(await stack.db.credentialLink.count({ where: { registrationId: { endsWith: who.userId } } }), 0);
      await slack.waitForModal(translator('en')('signin.page.other_browser'));
      // The browser that started it finishes it.
      await signIn.goto(callbackUrl!);
      await expectLinked(signIn, who);
    },
  );

  browserTest(
    'the provider down at Continue spends nothing: back, Continue again once it is up, signed in',
    async (context) => {
      const who = person('en-CA', 'dana');
      const { slack, signIn } = await linkOpened(context, who);
      stack.identityProvider!.setUnavailable(true);
      try {
        await signIn.getByRole('button', { name: translator('en')('signin.page.continue') }).click();
        await signIn.getByText('Service Unavailable').waitFor();
      } finally {
        stack.identityProvider!.setUnavailable(false);
      }
      await signIn.goBack();
      await continueAndLogIn(signIn, who);
      await expectLinked(signIn, who);
      await slack.button('cers_accept_terms');
    },
  );

  browserTest(
    'the provider down at our callback: a clear page; reloading once it is back finishes the sign-in',
    async (context) => {
      const who = person('fr-CA', 'gus');
      const { slack, signIn } = await linkOpened(context, who);
      const stop = await interceptRequests(signIn, '*/auth/callback?*', async () => {
        stack.identityProvider!.setUnavailable(true); // the provider stops answering before we exchange the code
        return 'continue';
      });
      await continueAndLogIn(signIn, who);
      try {
        await signIn.locator('[data-outcome=unavailable]').waitFor();
        await signIn.getByText(translator('fr')('signin.page.unavailable')).waitFor();
      } finally {
        stack.identityProvider!.setUnavailable(false);
      }
      await stop();
      await signIn.reload();
      await expectLinked(signIn, who);
      await slack.button('cers_accept_terms');
    },
  );

  browserTest('Continue posted from another site is refused; the link still works from its page', async (context) => {
    const who = person('en-CA', 'hana');
    const { slack, signIn } = await linkOpened(context, who);
    // An attacker's page on another site (localhost is not the same site as 127.0.0.1).
    const attacker = await attackerSite(signIn.url());
    try {
      const evil = await context.newPage();
      await evil.goto(attacker.url);
      await evil.getByRole('button', { name: 'Win a prize' }).click();
      await evil.waitForLoadState('domcontentloaded');
      assert.equal(await outcome(evil), 'not_from_page');
    } finally {
      attacker.server.close();
    }
    assert.equal((await linkRow(signIn)).startedAt, null, 'the link is untouched');
    await slack.waitForModal(translator('en')('signin.page.not_from_page'));
    await continueAndLogIn(signIn, who);
    await expectLinked(signIn, who);
  });

  browserTest(
    'a second person signing in from the same browser is asked to log in, and links their own credential',
    async (context) => {
      const first = person('en-CA', 'alice');
      const second = person('fr-CA', 'bob');
      const one = await linkOpened(context, first);
      await continueAndLogIn(one.signIn, first);
      await expectLinked(one.signIn, first);
      // Same browser, the provider's session cookie still there: continueAndLogIn fails without a login form.
      const two = await linkOpened(context, second);
      await continueAndLogIn(two.signIn, second);
      await expectLinked(two.signIn, second);
      const subjects = await stack.db.credentialLink.findMany({
        where: { OR: [first, second].map((p) => ({ registrationId: { endsWith: p.userId } })) },
      });
      const sub = (username: string) => stack.identityProvider!.accounts.find((a) => a.username === username)!.sub;
      assert.deepEqual(subjects.map((l) => l.subject).sort(), [sub('alice'), sub('bob')].sort());
      assert.equal(languageOf(second), 'fr');
    },
  );
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A page on another site whose form posts Continue to `target`, as a login-CSRF attacker would. */
async function attackerSite(target: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><form method="post" action="${target}"><input type="hidden" name="token" value="guess"><button>Win a prize</button></form>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}
