/**
 * The OpenID Connect authorization-code flow, as the browser meets it:
 *
 * 1. `GET /auth/start/<link>`: the link the bot gave the applicant (armed by their click in
 *    Slack, unexpired, unused) becomes one flow: PKCE verifier, `state`, `nonce` and a cookie
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
import { signInPage, type HttpAnswer, type PageKind } from './pages';
import { ProviderUnavailable, type OidcProviders } from './providers';

/** The Government of Canada sign-in profile's single sign-on window. */
export const MAX_AGE_SECONDS = 1200;
export const BROWSER_COOKIE = 'cers_sign_in';

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
   * nothing (only for the applicant's own link and browser, never for someone else's attempt).
   */
  tellSlack(link: SignInLinkRow, page: PageKind): Promise<void>;
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

export async function startSignIn(deps: SignInDeps, linkId: string): Promise<HttpAnswer> {
  const link = /^[A-Za-z0-9_-]{22}$/.test(linkId) ? await findLink(deps.db, linkId) : null;
  if (!link) return signInPage('invalid', 'en');
  const page = (kind: PageKind) => signInPage(kind, link.locale);
  if (link.outcome) return page(OUTCOME_PAGE[link.outcome as SignInOutcome]);
  if (link.startedAt) return page('used');
  if (link.expiresAt.getTime() <= Date.now()) return told(deps, link, 'expired');
  // Slack opens the browser and tells the bot of the click at the same moment: give the click a
  // few seconds to arrive before deciding the link was not opened from Slack.
  if (!link.armedAt && !(await armedSoon(deps.db, link.id))) return page('open_from_slack');
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
  const secure = deps.config.publicUrl.startsWith('https:') ? '; Secure' : '';
  return {
    status: 302,
    headers: {
      location: authorizationUrl.href,
      // Lax: sent on the provider's top-level redirect back to the callback, not on cross-site posts.
      'set-cookie': `${BROWSER_COOKIE}=${flow.browserSecret}; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=${Math.ceil(deps.config.linkTtlMs / 1000)}${secure}`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
    body: '',
  };
}

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

export async function finishSignIn(deps: SignInDeps, callbackUrl: URL, cookieHeader: string | undefined): Promise<HttpAnswer> {
  const state = callbackUrl.searchParams.get('state');
  if (!state || state.length > 128) return signInPage('invalid', 'en');
  const link = await findLinkByState(deps.db, state);
  if (!link) return signInPage('invalid', 'en');
  const page = (kind: PageKind) => signInPage(kind, link.locale);
  // The browser that started this flow, and only it, finishes it.
  const secret = cookieValue(cookieHeader, BROWSER_COOKIE);
  if (!secret || !link.browserBinding || sha256(secret) !== link.browserBinding) return page('other_browser');
  // A reload after the outcome: the same page, no second effect.
  if (link.outcome) return page(OUTCOME_PAGE[link.outcome as SignInOutcome]);
  const provider = domainProvider(link.provider);

  let subject = link.subject;
  if (!subject) {
    if (!link.startedAt || Date.now() - link.startedAt.getTime() > deps.config.linkTtlMs) return page('expired');
    try {
      const configuration = await deps.providers.get(provider);
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: link.codeVerifier!,
        expectedState: state,
        expectedNonce: link.nonce!,
        maxAge: MAX_AGE_SECONDS,
      });
      const claims = tokens.claims();
      if (!claims?.sub) return page('failed');
      // Only the persistent anonymous identifier is kept: no name, no e-mail from the provider.
      subject = claims.sub;
      await recordSubject(deps.db, link.id, subject);
    } catch (error) {
      const kind = error instanceof ProviderUnavailable ? 'unavailable' : exchangeFailure(deps, link, error);
      // The code was not spent: reloading this page once the provider is back finishes the sign-in.
      if (kind === 'unavailable') deps.providers.forget(provider);
      return told(deps, link, kind);
    }
  }

  const verified = await deps.verify(link, { provider, subject }, `sign-in:${link.id}`);
  let outcome: SignInOutcome;
  if (verified.ok) outcome = 'linked';
  else if (verified.type === FailureType.CredentialAlreadyLinked) outcome = 'already_linked';
  else if (verified.type === FailureType.WrongStep) outcome = 'wrong_step';
  // Temporal or the database did not answer: the subject is kept, so reloading the page retries.
  else return page('unavailable');
  await recordOutcome(deps.db, link.id, outcome);
  deps.log.info('sign-in completed', { provider, outcome });
  return told(deps, link, OUTCOME_PAGE[outcome]);
}
