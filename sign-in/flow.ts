/**
 * The OpenID Connect authorization-code flow, as the browser meets it:
 *
 * 1. `GET /auth/start/<link>`: the link the bot gave the applicant (armed by their click in
 *    Slack, unexpired, unused) shows whose registration it is; nothing happens yet. Its Continue
 *    (`POST`, same origin only) makes it one flow: PKCE verifier, `state`, `nonce` and a cookie
 *    binding this browser are stored with it, and the browser goes to the provider with
 *    `max_age=1200` and `ui_locales` en-CA / fr-CA.
 * 2. `GET /auth/callback?code&state`: the link is found by `state`, the cookie must match, then
 *    openid-client exchanges the code and checks the ID token (signature, issuer, audience,
 *    nonce, auth_time). The identity kept is (provider, `sub`) only. It reaches the applicant's
 *    registration as the `credentialVerified` update, with the link as update id, so a reloaded
 *    callback page has one effect and shows the same outcome.
 */
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { SignInConfig } from '../config';
import type { Logger } from '../activities/logger';
import { FailureType } from '../domain/failures';
import type { CredentialProvider } from '../domain/registration-inputs';
import type { Database } from '../prisma/database';
import {
  claimSignInStart,
  domainProvider,
  findLink,
  findLinkByState,
  recordOutcome,
  recordSubject,
  sha256,
  type SignInLinkRow,
  type SignInOutcome,
} from './links';
import { confirmPage, signInPage, type HttpAnswer, type PageKind } from './pages';
import { ProviderUnavailable, type OidcProviders } from './providers';

/** The Government of Canada sign-in profile's single sign-on window. */
export const MAX_AGE_SECONDS = 1200;
const BROWSER_COOKIE = 'cers_sign_in';

export interface SignInDeps {
  db: Database;
  providers: OidcProviders;
  config: SignInConfig;
  /** Sends `credentialVerified` to the link's registration; the failure type if refused. */
  verify(
    link: SignInLinkRow,
    credential: { provider: CredentialProvider; subject: string },
    updateId: string,
  ): Promise<{ ok: true } | { ok: false; type: string }>;
  /**
   * Tells Slack what the browser was told: the registration's new step, or why the link did
   * nothing. Only from the flow's own browser (the cookie), except an expired link, which tells
   * the applicant nothing they could not see in Slack.
   */
  tellSlack(link: SignInLinkRow, page: PageKind): Promise<void>;
  /** The Slack name of the applicant a link belongs to, shown before anything happens. */
  ownerName(link: SignInLinkRow): Promise<string>;
  log: Logger;
}

const OUTCOME_PAGE: Record<SignInOutcome, PageKind> = { linked: 'linked', already_linked: 'already_linked', wrong_step: 'wrong_step' };

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const ARM_WAIT_MS = 3_000;

async function armedSoon(db: Database, id: string): Promise<boolean> {
  const until = Date.now() + ARM_WAIT_MS;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if ((await findLink(db, id))?.armedAt) return true;
  }
  return false;
}

/** The page, and the same news in the applicant's Slack modal. */
async function told(deps: SignInDeps, link: SignInLinkRow, kind: PageKind): Promise<HttpAnswer> {
  await deps.tellSlack(link, kind).catch((error: Error) => deps.log.warn('Slack not updated after sign-in', { error: error.message }));
  return signInPage(kind, link.locale);
}

/** The link as the start page and its form find it: usable now, or the page that says why not. */
async function usableLink(deps: SignInDeps, linkId: string): Promise<{ link: SignInLinkRow } | { answer: HttpAnswer }> {
  const link = /^[A-Za-z0-9_-]{22}$/.test(linkId) ? await findLink(deps.db, linkId) : null;
  if (!link) return { answer: signInPage('invalid', 'en') };
  const page = (kind: PageKind) => ({ answer: signInPage(kind, link.locale) });
  if (link.outcome) return page(OUTCOME_PAGE[link.outcome as SignInOutcome]);
  if (link.startedAt) return page('used');
  // Whoever opens an expired link, the applicant is told in Slack: it tells nobody anything new.
  if (link.expiresAt.getTime() <= Date.now()) return { answer: await told(deps, link, 'expired') };
  // Slack opens the browser and tells the bot of the click at the same moment: give the click a
  // few seconds to arrive before deciding the link was not opened from Slack.
  if (!link.armedAt && !(await armedSoon(deps.db, link.id))) return page('open_from_slack');
  return { link };
}

/**
 * `GET /auth/start/<link>`: nothing happens yet. The page says whose registration the credential
 * will be linked to (their Slack name) and asks to continue: someone who was sent another
 * person's link is warned, and a prefetch or link scanner spends nothing.
 */
export async function showSignInStart(deps: SignInDeps, linkId: string): Promise<HttpAnswer> {
  const found = await usableLink(deps, linkId);
  if ('answer' in found) return found.answer;
  const { link } = found;
  return confirmPage(link.locale, { owner: await deps.ownerName(link), action: `${deps.config.publicUrl}/auth/start/${link.id}` });
}

/** Refuses a form posted from another site (login CSRF): browsers say where a POST comes from. */
function crossSite(deps: SignInDeps, headers: { origin?: string; fetchSite?: string }): boolean {
  if (headers.fetchSite && headers.fetchSite !== 'same-origin' && headers.fetchSite !== 'none') return true;
  return headers.origin !== undefined && headers.origin !== new URL(deps.config.publicUrl).origin;
}

/**
 * `POST /auth/start/<link>` (the page's Continue): the link becomes one flow, once, and the
 * browser goes to the provider.
 */
export async function startSignIn(
  deps: SignInDeps,
  linkId: string,
  headers: { origin?: string; fetchSite?: string } = {},
): Promise<HttpAnswer> {
  if (crossSite(deps, headers)) return signInPage('invalid', 'en');
  const found = await usableLink(deps, linkId);
  if ('answer' in found) return found.answer;
  const { link } = found;
  const page = (kind: PageKind) => signInPage(kind, link.locale);
  const provider = domainProvider(link.provider);
  let configuration: oidc.Configuration;
  try {
    configuration = await deps.providers.get(provider);
  } catch (error) {
    deps.log.warn('sign-in provider unreachable at start', { provider, error: (error as Error).message });
    return page('unavailable'); // the link is untouched: reloading tries again
  }
  const flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    browserSecret: randomBytes(24).toString('base64url'),
  };
  if (!(await claimSignInStart(deps.db, link.id, flow))) return page('used');
  const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: deps.config.redirectUri,
    scope: 'openid',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
    max_age: String(MAX_AGE_SECONDS),
    ui_locales: link.locale === 'fr' ? 'fr-CA' : 'en-CA',
  });
  return {
    status: 303,
    headers: {
      location: authorizationUrl.href,
      'set-cookie': browserCookie(deps, flow.state, flow.browserSecret, Math.ceil(deps.config.linkTtlMs / 1000)),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
    body: '',
  };
}

/**
 * The cookie binding one flow to one browser: named after the flow (two sign-ins in one browser
 * do not overwrite each other), scoped to the sign-in pages under the public URL; Lax, so the
 * provider's top-level redirect back carries it and cross-site posts do not.
 */
function browserCookie(deps: SignInDeps, state: string, value: string, maxAge: number): string {
  const base = new URL(deps.config.publicUrl);
  const path = `${base.pathname.replace(/\/+$/, '')}/auth`;
  const secure = base.protocol === 'https:' ? '; Secure' : '';
  return `${cookieName(state)}=${value}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

const cookieName = (state: string) => `${BROWSER_COOKIE}_${sha256(state).slice(0, 10)}`;

/** Why the code exchange failed, as a page; the provider's own words are logged, not shown. */
function exchangeFailure(deps: SignInDeps, link: SignInLinkRow, error: unknown): PageKind {
  const provider = domainProvider(link.provider);
  if (error instanceof oidc.AuthorizationResponseError) {
    deps.log.info('sign-in refused at the provider', { provider, error: error.error });
    return error.error === 'access_denied' ? 'cancelled' : 'failed';
  }
  if (error instanceof oidc.ResponseBodyError) {
    // invalid_grant: a code used twice or expired; the provider said so.
    deps.log.warn('sign-in code refused by the provider', { provider, error: error.error });
    return 'failed';
  }
  const status = error instanceof oidc.ClientError && error.cause instanceof Response ? error.cause.status : undefined;
  if (status !== undefined && status >= 500) {
    deps.log.warn('sign-in provider failing at callback', { provider, status });
    return 'unavailable';
  }
  if (error instanceof oidc.ClientError) {
    // The response did not verify (signature, nonce, issuer, auth_time...): never trusted.
    deps.log.warn('sign-in response did not verify', { provider, code: error.code ?? 'unknown' });
    return 'failed';
  }
  deps.log.warn('sign-in provider unreachable at callback', { provider, error: (error as Error).message });
  return 'unavailable';
}

/** Waits (bounded) for a concurrent request on the same flow to record the subject or outcome. */
async function settledSoon(db: Database, id: string): Promise<SignInLinkRow | undefined> {
  const until = Date.now() + 5_000;
  while (Date.now() < until) {
    const link = await findLink(db, id);
    if (link?.subject || link?.outcome) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

export async function finishSignIn(deps: SignInDeps, callbackUrl: URL, cookieHeader: string | undefined): Promise<HttpAnswer> {
  const state = callbackUrl.searchParams.get('state');
  if (!state || state.length > 128) return signInPage('invalid', 'en');
  let link = await findLinkByState(deps.db, state);
  if (!link) return signInPage('invalid', 'en');
  const page = (kind: PageKind) => signInPage(kind, link!.locale);
  // The browser that started this flow, and only it, finishes it.
  const secret = cookieValue(cookieHeader, cookieName(state));
  if (!secret || !link.browserBinding || sha256(secret) !== link.browserBinding) return page('other_browser');
  // A reload after the outcome: the same page, no second effect.
  if (link.outcome) return page(OUTCOME_PAGE[link.outcome as SignInOutcome]);
  const provider = domainProvider(link.provider);

  let subject = link.subject;
  if (!subject) {
    if (!link.startedAt || Date.now() - link.startedAt.getTime() > deps.config.linkTtlMs) return told(deps, link, 'expired');
    try {
      const configuration = await deps.providers.get(provider);
      // openid-client checks that `state` is the one this flow sent (the link was found by it),
      // the `iss` of the response, the PKCE verifier at the token endpoint, then the ID token.
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: link.codeVerifier!,
        expectedState: state,
        expectedNonce: link.nonce!,
        maxAge: MAX_AGE_SECONDS,
      });
      const claims = tokens.claims();
      if (!claims?.sub) return told(deps, link, 'failed');
      // Only the persistent anonymous identifier is kept: no name, no e-mail from the provider.
      subject = claims.sub;
      await recordSubject(deps.db, link.id, subject);
    } catch (error) {
      // The same callback twice at once (a reload mid-exchange): the other request spent the code.
      const settled = error instanceof oidc.ResponseBodyError ? await settledSoon(deps.db, link.id) : undefined;
      if (settled?.outcome) return page(OUTCOME_PAGE[settled.outcome as SignInOutcome]);
      if (settled?.subject) {
        link = settled;
        subject = settled.subject;
      } else {
        const kind = error instanceof ProviderUnavailable ? 'unavailable' : exchangeFailure(deps, link, error);
        // The code was not spent: reloading this page once the provider is back finishes the sign-in.
        if (kind === 'unavailable') deps.providers.forget(provider);
        return told(deps, link, kind);
      }
    }
  }

  const verified = await deps.verify(link, { provider, subject }, `sign-in:${link.id}`);
  let outcome: SignInOutcome;
  if (verified.ok) outcome = 'linked';
  else if (verified.type === FailureType.CredentialAlreadyLinked) outcome = 'already_linked';
  else if (verified.type === FailureType.WrongStep) outcome = 'wrong_step';
  // Temporal or the database did not answer: the subject is kept, so reloading the page retries.
  else if (verified.type === FailureType.ServiceUnavailable) return page('unavailable');
  else {
    // Refused for good (e.g. an identifier the registration cannot accept): never "try again".
    deps.log.warn('sign-in refused by the registration', { provider, type: verified.type });
    return told(deps, link, 'failed');
  }
  await recordOutcome(deps.db, link.id, outcome);
  deps.log.info('sign-in completed', { provider, outcome });
  // The cookie stays until it expires (Max-Age): a reload of this page shows this outcome again.
  return told(deps, link, OUTCOME_PAGE[outcome]);
}
