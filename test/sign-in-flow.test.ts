/**
 * The sign-in flow's own rules, checked on its functions with what browsers really send (see
 * test/browser/ for the same in Chromium): the database and the local OpenID provider are real;
 * Slack and the registration are recorders. Each refused step must log one WARN line with its
 * reason code and nothing personal, tell the applicant in Slack, and leave the link as it was.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { createLogger } from '../config/logger';
import type { SignInConfig } from '../config';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../dev/identity/local-provider';
import { createDatabase, type Database } from '../prisma/database';
import { browserCookieName } from '../sign-in/browser';
import { finishSignIn, Refusal, showSignInStart, startSignIn, type SignInDeps } from '../sign-in/flow';
import { armSignInLink, createSignInLink, type SignInLinkRow } from '../sign-in/links';
import type { HttpAnswer, PageKind } from '../sign-in/pages';
import { OidcProviders } from '../sign-in/providers';
import { TestBrowser } from './support/browser';

const PUBLIC_URL = 'http://127.0.0.1:9';
const REDIRECT = `${PUBLIC_URL}/auth/callback`;
const OWNER = 'Alice Applicant';
const clientSecret = randomBytes(16).toString('hex');

let db: Database;
let idp: LocalIdentityProvider;
let config: SignInConfig;
let deps: SignInDeps;
const logLines: Record<string, unknown>[] = [];
const toldSlack: { page: PageKind; linkUsable: boolean }[] = [];
const verified: { subject: string; updateId: string }[] = [];

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  idp = await startLocalIdentityProvider({
    port: 0,
    clients: [{ clientId: 'cers', clientSecret, redirectUris: [REDIRECT] }],
  });
  config = {
    publicUrl: PUBLIC_URL,
    redirectUri: REDIRECT,
    providers: { gckey: { issuer: idp.issuer, clientId: 'cers', clientSecret } },
    localProviderPort: 0,
    linkTtlMs: 600_000,
  };
  deps = {
    db,
    providers: new OidcProviders(config),
    config,
    log: createLogger('sign-in-test', 'debug', (line) => logLines.push(JSON.parse(line) as Record<string, unknown>)),
    async verify(_link, credential, updateId) {
      verified.push({ subject: credential.subject, updateId });
      return { ok: true };
    },
    async tellSlack(_link, page, linkUsable) {
      toldSlack.push({ page, linkUsable });
    },
    async ownerName() {
      return OWNER;
    },
    providerName: () => 'GCKey',
  };
});
afterAll(async () => {
  await idp.close();
  await db.$disconnect();
});
beforeEach(() => {
  logLines.length = 0;
  toldSlack.length = 0;
  verified.length = 0;
});

/** A link its applicant clicked in Slack. */
async function armedLink(locale: 'en' | 'fr' = 'en'): Promise<SignInLinkRow> {
  const slackUserId = `U${randomBytes(5).toString('hex').toUpperCase()}`;
  const link = await createSignInLink(db, {
    registrationId: `registration:slack:T1:${slackUserId}`,
    slackUserId,
    provider: 'gckey',
    locale,
    ttlMs: config.linkTtlMs,
  });
  assert.ok(await armSignInLink(db, link.id, slackUserId));
  return link;
}

const outcomeOf = (answer: HttpAnswer) => /data-outcome="([a-z_]+)"/.exec(answer.body)?.[1];
const reload = (link: SignInLinkRow) => db.signInLink.findUniqueOrThrow({ where: { id: link.id } });

/** The browser's side of the start page: the cookie it was given and the form's token. */
function startPageSession(answer: HttpAnswer): { cookie: string; token: string } {
  const setCookie = answer.headers['set-cookie'];
  assert.ok(setCookie, 'the start page gives the browser its cookie');
  const token = /name="token" value="([^"]+)"/.exec(answer.body)?.[1];
  assert.ok(token, 'the form carries its token');
  return { cookie: setCookie.split(';')[0]!, token };
}

/** What Chromium sends when Continue is pressed on our page (served `Referrer-Policy: same-origin`). */
const chromiumContinue = (session: { cookie: string; token: string }, extra: { origin?: string } = {}) => ({
  origin: extra.origin ?? PUBLIC_URL,
  fetchSite: 'same-origin',
  cookie: session.cookie,
  form: new URLSearchParams({ token: session.token }),
});

const refusals = () => logLines.filter((l) => l.level === 'warn' && l.message === 'sign-in refused');

/** Logs name no person, link, state or secret: only codes and digests. */
function assertNothingPersonal(link: SignInLinkRow, ...secrets: string[]): void {
  const text = JSON.stringify(logLines);
  for (const secret of [link.id, link.slackUserId, OWNER, ...secrets])
    assert.ok(!text.includes(secret), 'the log holds no personal data or token');
}

describe('the start page', () => {
  it('names the applicant, gives this browser a Lax HttpOnly cookie under /auth, and lets the form reach the provider (CSP)', async () => {
    const link = await armedLink();
    const page = await showSignInStart(deps, link.id);
    assert.equal(outcomeOf(page), 'confirm');
    assert.match(page.body, /Alice Applicant/);
    const cookie = page.headers['set-cookie']!;
    assert.match(
      cookie,
      new RegExp(`^${browserCookieName(link.id)}=[\\w-]{32}; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=(59\\d|600)$`),
    );
    const csp = page.headers['content-security-policy']!;
    assert.match(
      csp,
      new RegExp(`form-action 'self' ${idp.issuer.replace(/[.]/g, '\\.')}(;|$)`),
      'Chromium applies form-action to the redirect',
    );
    assert.equal(page.headers['referrer-policy'], 'same-origin', 'so the POST carries our Origin, not null');
    assert.equal((await reload(link)).startedAt, null, 'showing the page changes nothing');
  });

  it('a reload keeps the browser’s secret; the form token is derived from it, never the secret itself', async () => {
    const link = await armedLink();
    const first = startPageSession(await showSignInStart(deps, link.id));
    const again = await showSignInStart(deps, link.id, { cookie: first.cookie });
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal(startPageSessionToken(again), first.token);
    assert.ok(!again.body.includes(first.cookie.split('=')[1]!));
  });
});

const startPageSessionToken = (answer: HttpAnswer) => /name="token" value="([^"]+)"/.exec(answer.body)?.[1];

describe('Continue', () => {
  it('accepts what Chromium sends (Origin null included) and sends the browser to a fresh login', async () => {
    const link = await armedLink('fr');
    const session = startPageSession(await showSignInStart(deps, link.id));
    for (const origin of [PUBLIC_URL, 'null']) {
      const answer = await startSignIn(deps, link.id, chromiumContinue(session, { origin }));
      assert.equal(answer.status, 303, `Origin: ${origin}`);
      const location = new URL(answer.headers.location!);
      assert.equal(location.origin, idp.issuer);
      assert.equal(location.searchParams.get('prompt'), 'login', 'each linking is a fresh login');
      assert.equal(location.searchParams.get('max_age'), '1200');
      assert.equal(location.searchParams.get('ui_locales'), 'fr-CA');
      assert.equal(
        answer.headers['referrer-policy'],
        'no-referrer',
        'the link never reaches the provider as a Referer',
      );
    }
    assert.equal(refusals().length, 0);
  });

  it('pressed again in the same browser resumes the same flow; any other browser finds the link used', async () => {
    const link = await armedLink();
    const session = startPageSession(await showSignInStart(deps, link.id));
    const [first, second] = await Promise.all([
      startSignIn(deps, link.id, chromiumContinue(session)),
      startSignIn(deps, link.id, chromiumContinue(session)),
    ]);
    const state = (answer: HttpAnswer) => new URL(answer.headers.location!).searchParams.get('state');
    assert.equal(state(first), state(second));
    assert.equal(
      state(await startSignIn(deps, link.id, chromiumContinue(session))),
      state(first),
      'Back, then Continue again',
    );
    assert.equal(outcomeOf(await showSignInStart(deps, link.id, { cookie: session.cookie })), 'confirm');

    const elsewhere = await showSignInStart(deps, link.id); // a browser without this link's cookie
    assert.equal(outcomeOf(elsewhere), 'used');
    assert.deepEqual(
      refusals().map((l) => l.reason),
      [Refusal.LinkUsedElsewhere],
    );
    assert.deepEqual(toldSlack, [{ page: 'used', linkUsable: false }]);
  });

  const forged: [
    string,
    (s: { cookie: string; token: string }) => Parameters<typeof startSignIn>[2],
    string,
    PageKind,
  ][] = [
    [
      'posted from another site (Sec-Fetch-Site)',
      (s) => ({ ...chromiumContinue(s), fetchSite: 'cross-site' }),
      Refusal.CrossSitePost,
      'not_from_page',
    ],
    [
      'from a sibling site (Sec-Fetch-Site same-site)',
      (s) => ({ ...chromiumContinue(s), fetchSite: 'same-site' }),
      Refusal.CrossSitePost,
      'not_from_page',
    ],
    [
      'from a foreign Origin (no Sec-Fetch-Site: an older browser)',
      (s) => ({ ...chromiumContinue(s), fetchSite: undefined, origin: 'https://evil.example' }),
      Refusal.CrossSitePost,
      'not_from_page',
    ],
    [
      'without the cookie (blocked, or a cross-site post with Origin null)',
      (s) => ({ ...chromiumContinue(s), origin: 'null', cookie: undefined }),
      Refusal.CookieMissing,
      'cookies_blocked',
    ],
    [
      'with a token that is not this browser’s',
      (s) => ({ ...chromiumContinue(s), form: new URLSearchParams({ token: 'x'.repeat(43) }) }),
      Refusal.FormTokenMismatch,
      'not_from_page',
    ],
    [
      'with no token at all',
      (s) => ({ ...chromiumContinue(s), form: new URLSearchParams() }),
      Refusal.FormTokenMismatch,
      'not_from_page',
    ],
  ];
  for (const [name, request, reason, page] of forged) {
    it(`refused ${name}: one WARN line with its reason, Slack told, the link untouched`, async () => {
      const link = await armedLink();
      const session = startPageSession(await showSignInStart(deps, link.id));
      const answer = await startSignIn(deps, link.id, request(session));
      assert.equal(outcomeOf(answer), page);
      assert.ok(answer.status === 400 || answer.status === 403);
      assert.deepEqual(
        refusals().map((l) => [l.reason, l.provider]),
        [[reason, 'gckey']],
      );
      assert.deepEqual(toldSlack, [{ page, linkUsable: true }], 'the modal keeps the link and says what happened');
      assert.equal((await reload(link)).startedAt, null, 'the link still works');
      assert.equal(
        (await startSignIn(deps, link.id, chromiumContinue(session))).status,
        303,
        'the real Continue then works',
      );
      assertNothingPersonal(link, session.cookie.split('=')[1]!);
    });
  }

  it('a provider that does not answer at Continue spends nothing: Continue again works once it is back', async () => {
    const link = await armedLink();
    const session = startPageSession(await showSignInStart(deps, link.id));
    idp.setUnavailable(true);
    deps.providers.forget('gckey');
    try {
      const down = await startSignIn(deps, link.id, chromiumContinue(session));
      assert.deepEqual([down.status, outcomeOf(down)], [503, 'unavailable']);
      assert.deepEqual(
        refusals().map((l) => [l.reason, l.at]),
        [[Refusal.ProviderUnavailable, 'continue']],
      );
    } finally {
      idp.setUnavailable(false);
    }
    assert.equal((await reload(link)).startedAt, null);
    assert.equal((await startSignIn(deps, link.id, chromiumContinue(session))).status, 303);
  });

  it('a link not opened from Slack, an unknown link and a malformed one are refused with their own codes', async () => {
    const unarmed = await createSignInLink(db, {
      registrationId: 'registration:slack:T1:U0NOTARMED',
      slackUserId: 'U0NOTARMED',
      provider: 'gckey',
      locale: 'en',
      ttlMs: config.linkTtlMs,
    });
    assert.equal(outcomeOf(await showSignInStart(deps, unarmed.id)), 'open_from_slack');
    assert.equal(outcomeOf(await showSignInStart(deps, 'A'.repeat(22))), 'invalid');
    assert.equal(outcomeOf(await showSignInStart(deps, '../../etc/passwd')), 'invalid');
    assert.deepEqual(
      refusals().map((l) => l.reason),
      [Refusal.LinkNotArmed, Refusal.LinkUnknown, Refusal.LinkMalformed],
    );
  });
});

/** Continue, then the provider's login as `username`: the callback URL the provider redirects to. */
async function loginAtProvider(link: SignInLinkRow, username: string, browser = new TestBrowser()) {
  const session = startPageSession(await showSignInStart(deps, link.id));
  const toProvider = await startSignIn(deps, link.id, chromiumContinue(session));
  const login = await browser.get(toProvider.headers.location!);
  assert.match(login.html, /name="password"/, 'the provider asks for a login');
  const account = idp.accounts.find((a) => a.username === username)!;
  const callback = await browser.submitFormUntil(login, { username, password: account.password }, '/auth/callback');
  return { session, callback: new URL(callback), account, browser };
}

describe('the callback', () => {
  it('links once, names the provider and the Slack person, and shows the outcome to this browser only', async () => {
    const link = await armedLink();
    const { session, callback, account } = await loginAtProvider(link, 'alice');
    const done = await finishSignIn(deps, callback, session.cookie);
    assert.equal(outcomeOf(done), 'linked');
    assert.match(
      done.body,
      /You signed in with GCKey\. The credential is now linked to the CERS registration of Alice Applicant in Slack/,
    );
    assert.deepEqual(verified, [{ subject: account.sub, updateId: `sign-in:${link.id}` }]);
    assert.equal(outcomeOf(await finishSignIn(deps, callback, session.cookie)), 'linked', 'a reload: the same page');
    assert.equal(outcomeOf(await showSignInStart(deps, link.id, { cookie: session.cookie })), 'linked');
    assert.equal(verified.length, 1, 'and no second effect');
    // Anyone else: not "you are signed in".
    assert.equal(outcomeOf(await showSignInStart(deps, link.id)), 'used');
    assert.equal(outcomeOf(await finishSignIn(deps, callback, undefined)), 'other_browser');
    assertNothingPersonal(link, account.sub, session.cookie.split('=')[1]!);
  });

  it('a second person in the same browser is asked to log in, and gets their own credential', async () => {
    const browser = new TestBrowser();
    const first = await loginAtProvider(await armedLink(), 'alice', browser);
    assert.equal(outcomeOf(await finishSignIn(deps, first.callback, first.session.cookie)), 'linked');
    const second = await loginAtProvider(await armedLink(), 'bob', browser); // fails if no login form is shown
    assert.equal(outcomeOf(await finishSignIn(deps, second.callback, second.session.cookie)), 'linked');
    assert.deepEqual(
      verified.map((v) => v.subject),
      [first.account.sub, second.account.sub],
    );
  });

  it('a login older than the flow (a provider ignoring prompt=login) is refused as stale', async () => {
    const link = await armedLink();
    const { session, callback } = await loginAtProvider(link, 'chloe');
    // As if the flow had started well after that login.
    await db.signInLink.update({ where: { id: link.id }, data: { startedAt: new Date(Date.now() + 120_000) } });
    assert.equal(outcomeOf(await finishSignIn(deps, callback, session.cookie)), 'failed');
    assert.deepEqual(
      refusals().map((l) => l.reason),
      [Refusal.StaleAuthentication],
    );
    assert.equal(verified.length, 0);
  });

  it('a callback in another browser, or with a forged state, is refused with its code', async () => {
    const link = await armedLink();
    const { callback } = await loginAtProvider(link, 'bob');
    assert.equal(outcomeOf(await finishSignIn(deps, callback, 'cers_sign_in_x=y')), 'other_browser');
    assert.equal(outcomeOf(await finishSignIn(deps, new URL(`${REDIRECT}?code=x&state=forged`), undefined)), 'invalid');
    assert.equal(outcomeOf(await finishSignIn(deps, new URL(`${REDIRECT}?code=x`), undefined)), 'invalid');
    assert.deepEqual(
      refusals().map((l) => l.reason),
      [Refusal.OtherBrowser, Refusal.StateUnknown, Refusal.StateMalformed],
    );
    assert.deepEqual(toldSlack, [{ page: 'other_browser', linkUsable: false }]);
    assert.equal(verified.length, 0);
  });
});
