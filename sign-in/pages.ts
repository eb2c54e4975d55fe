/**
 * The pages a browser lands on during sign-in: small, self-contained HTML in the applicant's
 * language, saying what happened and what to do next (usually: go back to Slack). No script.
 */
import { translator, type MessageKey } from '../i18n/catalogue';
import type { Locale } from '../domain/registration-inputs';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PageKind = {
  Linked: 'linked',
  AlreadyLinked: 'already_linked',
  WrongStep: 'wrong_step',
  Invalid: 'invalid',
  Expired: 'expired',
  Used: 'used',
  OpenFromSlack: 'open_from_slack',
  OtherBrowser: 'other_browser',
  Unavailable: 'unavailable',
  Cancelled: 'cancelled',
  Failed: 'failed',
  CookiesBlocked: 'cookies_blocked',
  NotFromPage: 'not_from_page',
} as const;
export type PageKind = (typeof PageKind)[keyof typeof PageKind];

const STATUS: Record<PageKind, number> = {
  linked: 200,
  already_linked: 409,
  wrong_step: 200,
  invalid: 404,
  expired: 410,
  used: 409,
  open_from_slack: 403,
  other_browser: 403,
  unavailable: 503,
  cancelled: 200,
  failed: 400,
  cookies_blocked: 400,
  not_from_page: 403,
};

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const BASE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // No script and no form anywhere but the start page.
  'content-security-policy': `${BASE_CSP}; form-action 'none'`,
  // The link's token is in the URL: it goes to no one.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
} as const;

function document(locale: Locale, heading: string, content: string): string {
  return `<!doctype html>
<html lang="${locale === 'fr' ? 'fr-CA' : 'en-CA'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(heading)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.4rem}button{font:inherit;padding:.5rem 1rem}</style></head>
<body><main><h1>${escapeHtml(heading)}</h1>${content}</main></body>
</html>`;
}

export interface ConfirmModel {
  /** The Slack name of the person who asked for the link. */
  owner: string;
  /** Where Continue posts (this page's own URL). */
  action: string;
  /** The hidden token proving the form came from this page in this browser. */
  token: string;
  /**
   * Origins the browser may be sent to after Continue: the provider's authorization endpoint.
   * Chromium applies `form-action` to the redirect that follows a form POST as well.
   */
  formTargets: readonly string[];
  /** Set-Cookie for the browser's secret, when this visit creates it. */
  setCookie?: string;
}

/**
 * Before anything happens: whose registration the credential will be linked to, and Continue.
 * Served with `Referrer-Policy: same-origin`, so the Continue POST carries this site's `Origin`
 * (with `no-referrer` browsers send `Origin: null`); the redirect after it says `no-referrer`.
 */
export function confirmPage(locale: Locale, model: ConfirmModel): HttpAnswer {
  const t = translator(locale);
  const content = `<p data-outcome="confirm">${escapeHtml(t('signin.page.confirm', { name: model.owner }))}</p>
<p>${escapeHtml(t('signin.page.confirm_warning', { name: model.owner }))}</p>
<form method="post" action="${escapeHtml(model.action)}"><input type="hidden" name="token" value="${escapeHtml(model.token)}"><button type="submit">${escapeHtml(t('signin.page.continue'))}</button></form>`;
  const formAction = ["'self'", ...model.formTargets].join(' ');
  return {
    status: 200,
    headers: {
      ...HEADERS,
      'content-security-policy': `${BASE_CSP}; form-action ${formAction}`,
      'referrer-policy': 'same-origin',
      ...(model.setCookie ? { 'set-cookie': model.setCookie } : {}),
    },
    body: document(locale, t('signin.page.title'), content),
  };
}

/** Names shown on the success page: the provider signed in with, and the Slack person linked. */
export interface LinkedNames {
  provider: string;
  name: string;
}

/** The page for `kind` in `locale`; never anything the browser sent, never a stack. */
export function signInPage(kind: PageKind, locale: Locale, names?: LinkedNames): HttpAnswer {
  const t = translator(locale);
  const heading = t(kind === 'linked' ? 'signin.page.title_done' : 'signin.page.title');
  const message =
    kind === 'linked' && names ? t('signin.page.linked_to', { ...names }) : t(`signin.page.${kind}` as MessageKey);
  const content = `<p data-outcome="${kind}">${escapeHtml(message)}</p><p>${escapeHtml(t('signin.page.return'))}</p>`;
  return { status: STATUS[kind], headers: { ...HEADERS }, body: document(locale, heading, content) };
}
