/**
 * The OpenID Connect authorization-code flow, as the browser meets it:
 *
 * 1. `GET /auth/start/<link>`: the link the bot gave the applicant (armed by their click in
 *    Slack, unexpired) shows whose registration it is; nothing happens yet. The page gives this
 *    browser a secret in a cookie (sign-in/browser.ts) and its Continue form a token derived from it.
 * 2. `POST /auth/start/<link>` (Continue, same origin only): the link becomes one flow bound to this
 *    browser (PKCE verifier, `state`, `nonce`), and the browser goes to the provider with
 *    `prompt=login` (each linking is a fresh login, never a session someone left in this browser),
 *    `max_age` and `ui_locales`. Pressing Continue again in the same browser resumes that flow, so
 *    a step that fails before the provider is reached never spends the link.
 * 3. `GET /auth/callback?code&state`: the link is found by `state`, the browser's cookie must
 *    match, then openid-client exchanges the code and checks the ID token (signature, issuer,
 *    audience, nonce, auth_time), and the login must be newer than the flow. The identity kept is
 *    (provider, `sub`) only. It reaches the registration as the `credentialVerified` update, with
 *    the link as update id, so a reloaded callback page has one effect and shows the same outcome.
 *
 * Every refusal logs one WARN line (`sign-in refused`, a reason code, the provider, a digest of
 * the link: nothing personal), and the page and the applicant's Slack modal say what to do.
 */
import * as oidc from 'openid-client';
import type { SignInConfig } from '../config';
import type { Logger } from '../config/logger';
import { FailureType } from '../domain/failures';
import type { CredentialProvider } from '../domain/registration-inputs';
import type { Database } from '../prisma/database';
import {
  boundTo,
  browserBinding,
  browserCookie,
  browserCookieName,
  cookieValue,
  crossSitePost,
  formToken,
  newBrowserSecret,
  sameSecret,
  sha256,
  type PostOrigin,
} from './browser';
import {
  claimSignInStart,
  domainProvider,
  findLink,
  findLinkByState,
  recordOutcome,
  recordSubject,
  type SignInLinkRow,
  type SignInOutcome,
} from './links';
import { confirmPage, signInPage, type HttpAnswer, type PageKind } from './pages';
import { ProviderUnavailable, type OidcProviders } from './providers';
import { Refusal, type RefusalReason } from './refusals';

export { Refusal, type RefusalReason } from './refusals';

/** The Government of Canada sign-in profile's single sign-on window. */
export const MAX_AGE_SECONDS = 1200;
/** How far the provider's clock may be behind ours when we check that the login is fresh. */
export const AUTH_TIME_TOLERANCE_SECONDS = 30;

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
   * Tells the applicant in Slack what the browser was told. `linkUsable`: the link still works
   * (the modal keeps it, with the news above it); otherwise the modal offers a new link.
   */
  tellSlack(link: SignInLinkRow, page: PageKind, linkUsable: boolean): Promise<void>;
  /** The Slack name of the applicant a link belongs to. */
  ownerName(link: SignInLinkRow): Promise<string>;
  /** The provider's name in the applicant's language (GCKey, Sign-In Partner). */
  providerName(link: SignInLinkRow): string;
  log: Logger;
}

/** The browser's request to a page of the flow. */
export interface BrowserRequest extends PostOrigin {
  cookie?: string;
  /** The form fields of a POST. */
  form?: URLSearchParams;
}

const OUTCOME_PAGE: Record<SignInOutcome, PageKind> = {
  linked: 'linked',
  already_linked: 'already_linked',
  wrong_step: 'wrong_step',
};
const LINK_ID = /^[A-Za-z0-9_-]{22}$/;
const ARM_WAIT_MS = 3_000;

/** One WARN line per refused step: the reason code, never a name, token or subject. */
function logRefusal(
  deps: SignInDeps,
  reason: RefusalReason,
  link?: SignInLinkRow,
  fields: Record<string, string | number> = {},
): void {
  deps.log.warn('sign-in refused', {
    reason,
    ...(link ? { provider: domainProvider(link.provider), link: sha256(link.id).slice(0, 12) } : {}),
    ...fields,
  });
}

/** A refusal whose link is known: logged, shown, and told to the applicant in Slack. */
async function refuse(
  deps: SignInDeps,
  reason: RefusalReason,
  link: SignInLinkRow,
  kind: PageKind,
  linkUsable: boolean,
  fields?: Record<string, string | number>,
): Promise<HttpAnswer> {
  logRefusal(deps, reason, link, fields);
  await tell(deps, link, kind, linkUsable);
  return signInPage(kind, link.locale);
}

async function tell(deps: SignInDeps, link: SignInLinkRow, kind: PageKind, linkUsable: boolean): Promise<void> {
  await deps
    .tellSlack(link, kind, linkUsable)
    .catch((error: Error) => deps.log.warn('Slack not updated after sign-in', { error: error.name }));
}

/** A refusal before any link is known: logged; the page is in English (no applicant to ask). */
function refuseUnknown(deps: SignInDeps, reason: RefusalReason): HttpAnswer {
  logRefusal(deps, reason);
  return signInPage('invalid', 'en');
}

/** The outcome page, with the provider and the Slack person named when it worked. */
async function outcomePage(deps: SignInDeps, link: SignInLinkRow, outcome: SignInOutcome): Promise<HttpAnswer> {
  const kind = OUTCOME_PAGE[outcome];
  if (kind !== 'linked') return signInPage(kind, link.locale);
  return signInPage(kind, link.locale, { provider: deps.providerName(link), name: await deps.ownerName(link) });
}

async function armedSoon(db: Database, id: string): Promise<boolean> {
  const until = Date.now() + ARM_WAIT_MS;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if ((await findLink(db, id))?.armedAt) return true;
  }
  return false;
}

const flowExpired = (deps: SignInDeps, link: SignInLinkRow) =>
  link.startedAt !== null && Date.now() - link.startedAt.getTime() > deps.config.linkTtlMs;

type Usable = { link: SignInLinkRow; secret: string | undefined; resumed: boolean } | { answer: HttpAnswer };

/**
 * The link as the start page and its Continue find it, for this browser: usable now (fresh, or
 * started by this very browser and not finished), or the page that says why not.
 */
async function usableLink(deps: SignInDeps, linkId: string, cookieHeader: string | undefined): Promise<Usable> {
  if (!LINK_ID.test(linkId)) return { answer: refuseUnknown(deps, Refusal.LinkMalformed) };
  const link = await findLink(deps.db, linkId);
  if (!link) return { answer: refuseUnknown(deps, Refusal.LinkUnknown) };
  const secret = cookieValue(cookieHeader, browserCookieName(link.id));
  const ours = boundTo(link.browserBinding, secret);
  if (link.outcome) {
    if (ours) return { answer: await outcomePage(deps, link, link.outcome as SignInOutcome) };
    // The registration has moved on: nothing to tell the applicant in Slack.
    logRefusal(deps, Refusal.LinkUsedElsewhere, link);
    return { answer: signInPage('used', link.locale) };
  }
  if (link.startedAt && !ours) {
    return { answer: await refuse(deps, Refusal.LinkUsedElsewhere, link, 'used', false) };
  }
  if (link.startedAt ? flowExpired(deps, link) : link.expiresAt.getTime() <= Date.now()) {
    return { answer: await refuse(deps, Refusal.LinkExpired, link, 'expired', false) };
  }
  // Slack opens the browser and tells the bot of the click at the same moment: give the click a
  // few seconds to arrive before deciding the link was not opened from Slack.
  if (!link.armedAt && !(await armedSoon(deps.db, link.id))) {
    return { answer: await refuse(deps, Refusal.LinkNotArmed, link, 'open_from_slack', true) };
  }
  return { link, secret, resumed: link.startedAt !== null };
}

/** The origins Continue may send the browser to: the provider's authorization endpoint. */
async function formTargets(deps: SignInDeps, link: SignInLinkRow): Promise<string[] | undefined> {
  try {
    const configuration = await deps.providers.get(domainProvider(link.provider));
    const endpoint = configuration.serverMetadata().authorization_endpoint;
    return endpoint ? [new URL(endpoint).origin] : [];
  } catch {
    return undefined;
  }
}

/**
 * `GET /auth/start/<link>`: nothing happens yet. The page says whose registration the credential
 * will be linked to (their Slack name) and asks to continue: someone who was sent another
 * person's link is warned, and a prefetch or link scanner spends nothing.
 */
export async function showSignInStart(
  deps: SignInDeps,
  linkId: string,
  request: BrowserRequest = {},
): Promise<HttpAnswer> {
  const found = await usableLink(deps, linkId, request.cookie);
  if ('answer' in found) return found.answer;
  const { link } = found;
  const targets = await formTargets(deps, link);
  if (!targets) return refuse(deps, Refusal.ProviderUnavailable, link, 'unavailable', true, { at: 'start' });
  // A reload keeps the browser's secret: a form already shown in another tab still works.
  const secret = found.secret ?? newBrowserSecret();
  const remainingMs =
    (link.startedAt ? link.startedAt.getTime() + deps.config.linkTtlMs : link.expiresAt.getTime()) - Date.now();
  return confirmPage(link.locale, {
    owner: await deps.ownerName(link),
    action: `${deps.config.publicUrl}/auth/start/${link.id}`,
    token: formToken(secret),
    formTargets: targets,
    ...(found.secret ? {} : { setCookie: browserCookie(deps.config.publicUrl, link.id, secret, remainingMs / 1000) }),
  });
}

/**
 * `POST /auth/start/<link>` (the page's Continue): the link becomes one flow bound to this
 * browser, and the browser goes to the provider. Again from the same browser, the same flow.
 */
export async function startSignIn(deps: SignInDeps, linkId: string, request: BrowserRequest = {}): Promise<HttpAnswer> {
  const known = LINK_ID.test(linkId) ? await findLink(deps.db, linkId) : null;
  if (known && crossSitePost(deps.config.publicUrl, request)) {
    // Login CSRF: a page elsewhere posting Continue in someone's browser. Nothing is touched.
    return refuse(deps, Refusal.CrossSitePost, known, 'not_from_page', true, {
      fetchSite: request.fetchSite ?? 'absent',
    });
  }
  if (known && !known.outcome) {
    const secret = cookieValue(request.cookie, browserCookieName(known.id));
    const token = request.form?.get('token') ?? '';
    if (!secret) return refuse(deps, Refusal.CookieMissing, known, 'cookies_blocked', true);
    if (!sameSecret(token, formToken(secret)))
      return refuse(deps, Refusal.FormTokenMismatch, known, 'not_from_page', true);
  }
  const found = await usableLink(deps, linkId, request.cookie);
  if ('answer' in found) return found.answer;
  const { link, secret } = found;
  if (!secret) return refuse(deps, Refusal.CookieMissing, link, 'cookies_blocked', true);
  const provider = domainProvider(link.provider);
  let configuration: oidc.Configuration;
  try {
    configuration = await deps.providers.get(provider);
  } catch {
    // The link is untouched (or still this browser's): Continue again tries again.
    return refuse(deps, Refusal.ProviderUnavailable, link, 'unavailable', true, { at: 'continue' });
  }
  let flow = link;
  if (!found.resumed) {
    const claimed = await claimSignInStart(deps.db, link.id, {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      browserBinding: browserBinding(secret),
    });
    const now = await findLink(deps.db, link.id);
    // Two Continues at once from one browser resume the same flow; from two browsers, one wins.
    if (!now || !boundTo(now.browserBinding, secret))
      return refuse(deps, Refusal.LinkUsedElsewhere, link, 'used', false);
    if (!claimed) deps.log.info('sign-in resumed by a concurrent Continue');
    flow = now;
  }
  if (!flow.state || !flow.nonce || !flow.codeVerifier) {
    // The callback already took the code verifier: this flow is finishing; its page will tell.
    return refuse(deps, Refusal.LinkUsedElsewhere, flow, 'used', false, { at: 'finishing' });
  }
  const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: deps.config.redirectUri,
    scope: 'openid',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
    // A fresh login every time: another person's session in this browser must never be reused.
    prompt: 'login',
    max_age: String(MAX_AGE_SECONDS),
    ui_locales: flow.locale === 'fr' ? 'fr-CA' : 'en-CA',
  });
  const remainingMs = flow.startedAt!.getTime() + deps.config.linkTtlMs - Date.now();
  return {
    status: 303,
    headers: {
      location: authorizationUrl.href,
      // The flow may outlive the link's own expiry (10 minutes from Continue): so does the cookie.
      'set-cookie': browserCookie(deps.config.publicUrl, flow.id, secret, remainingMs / 1000),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
    body: '',
  };
}

/** Why the code exchange failed, as a refusal reason and a page; the provider's words are not shown. */
function exchangeFailure(error: unknown): { reason: RefusalReason; kind: PageKind; detail?: string } {
  if (error instanceof ProviderUnavailable) return { reason: Refusal.ProviderUnavailable, kind: 'unavailable' };
  if (error instanceof oidc.AuthorizationResponseError) {
    return {
      reason: Refusal.ProviderRefused,
      kind: error.error === 'access_denied' ? 'cancelled' : 'failed',
      detail: error.error,
    };
  }
  // invalid_grant: a code used twice or expired; the provider said so.
  if (error instanceof oidc.ResponseBodyError)
    return { reason: Refusal.CodeRefused, kind: 'failed', detail: error.error };
  const status = error instanceof oidc.ClientError && error.cause instanceof Response ? error.cause.status : undefined;
  if (status !== undefined && status >= 500)
    return { reason: Refusal.ProviderUnavailable, kind: 'unavailable', detail: String(status) };
  // The response did not verify (signature, nonce, issuer, auth_time...): never trusted.
  if (error instanceof oidc.ClientError)
    return { reason: Refusal.ResponseUnverified, kind: 'failed', detail: error.code ?? 'unknown' };
  return { reason: Refusal.ProviderUnavailable, kind: 'unavailable', detail: (error as Error).name };
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

/** The provider's answer, checked; the subject, or the page that says why not. */
async function exchangeCode(
  deps: SignInDeps,
  link: SignInLinkRow,
  callbackUrl: URL,
  state: string,
): Promise<{ subject: string; link: SignInLinkRow } | { answer: HttpAnswer }> {
  const provider = domainProvider(link.provider);
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
    if (!claims?.sub)
      return { answer: await refuse(deps, Refusal.ResponseUnverified, link, 'failed', false, { detail: 'no sub' }) };
    // prompt=login asked for a new login; a provider that reused an older session is refused.
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : 0;
    if (authTime < link.startedAt!.getTime() / 1000 - AUTH_TIME_TOLERANCE_SECONDS) {
      return { answer: await refuse(deps, Refusal.StaleAuthentication, link, 'failed', false) };
    }
    // Only the persistent anonymous identifier is kept: no name, no e-mail from the provider.
    await recordSubject(deps.db, link.id, claims.sub);
    return { subject: claims.sub, link };
  } catch (error) {
    // The same callback twice at once (a reload mid-exchange): the other request spent the code.
    const settled = error instanceof oidc.ResponseBodyError ? await settledSoon(deps.db, link.id) : undefined;
    if (settled?.outcome) return { answer: await outcomePage(deps, settled, settled.outcome as SignInOutcome) };
    if (settled?.subject) return { subject: settled.subject, link: settled };
    const failure = exchangeFailure(error);
    // The code was not spent: reloading this page once the provider is back finishes the sign-in.
    if (failure.kind === 'unavailable') deps.providers.forget(provider);
    const fields: Record<string, string> = { at: 'callback', ...(failure.detail ? { detail: failure.detail } : {}) };
    return { answer: await refuse(deps, failure.reason, link, failure.kind, false, fields) };
  }
}

export async function finishSignIn(
  deps: SignInDeps,
  callbackUrl: URL,
  cookieHeader: string | undefined,
): Promise<HttpAnswer> {
  const state = callbackUrl.searchParams.get('state');
  if (!state || state.length > 128) return refuseUnknown(deps, Refusal.StateMalformed);
  const found = await findLinkByState(deps.db, state);
  if (!found) return refuseUnknown(deps, Refusal.StateUnknown);
  let link = found;
  // The browser that started this flow, and only it, finishes it.
  if (!boundTo(link.browserBinding, cookieValue(cookieHeader, browserCookieName(link.id)))) {
    if (link.outcome) {
      logRefusal(deps, Refusal.OtherBrowser, link);
      return signInPage('other_browser', link.locale);
    }
    return refuse(deps, Refusal.OtherBrowser, link, 'other_browser', false);
  }
  // A reload after the outcome: the same page, no second effect.
  if (link.outcome) return outcomePage(deps, link, link.outcome as SignInOutcome);
  const provider = domainProvider(link.provider);

  let subject = link.subject;
  if (!subject) {
    if (flowExpired(deps, link)) return refuse(deps, Refusal.LinkExpired, link, 'expired', false, { at: 'callback' });
    const exchanged = await exchangeCode(deps, link, callbackUrl, state);
    if ('answer' in exchanged) return exchanged.answer;
    ({ subject, link } = exchanged);
  }

  const verified = await deps.verify(link, { provider, subject }, `sign-in:${link.id}`);
  let outcome: SignInOutcome;
  if (verified.ok) outcome = 'linked';
  else if (verified.type === FailureType.CredentialAlreadyLinked) outcome = 'already_linked';
  else if (verified.type === FailureType.WrongStep) outcome = 'wrong_step';
  else if (verified.type === FailureType.ServiceUnavailable) {
    // Temporal or the database did not answer: the subject is kept, so reloading the page retries.
    logRefusal(deps, Refusal.RegistrationUnavailable, link);
    return signInPage('unavailable', link.locale);
  } else {
    // Refused for good (e.g. an identifier the registration cannot accept): never "try again".
    return refuse(deps, Refusal.RegistrationRefused, link, 'failed', false, { type: verified.type });
  }
  await recordOutcome(deps.db, link.id, outcome);
  if (outcome === 'already_linked') logRefusal(deps, Refusal.CredentialAlreadyLinked, link);
  else deps.log.info('sign-in completed', { provider, outcome });
  // The cookie stays until it expires (Max-Age): a reload of this page shows this outcome again.
  await tell(deps, link, OUTCOME_PAGE[outcome], false);
  return outcomePage(deps, link, outcome);
}
