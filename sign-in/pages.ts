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
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // No script anywhere; the one form posts back to this service only.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

function document(locale: Locale, heading: string, content: string): string {
  return `<!doctype html>
<html lang="${locale === 'fr' ? 'fr-CA' : 'en-CA'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(heading)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.4rem}button{font:inherit;padding:.5rem 1rem}</style></head>
<body><main><h1>${escapeHtml(heading)}</h1>${content}</main></body>
</html>`;
}

/**
 * Before anything happens: whose registration the credential will be linked to, and Continue.
 * `owner` is the Slack name of the person who asked for the link.
 */
export function confirmPage(locale: Locale, model: { owner: string; action: string }): HttpAnswer {
  const t = translator(locale);
  const content = `<p data-outcome="confirm">${escapeHtml(t('signin.page.confirm', { name: model.owner }))}</p>
<p>${escapeHtml(t('signin.page.confirm_warning', { name: model.owner }))}</p>
<form method="post" action="${escapeHtml(model.action)}"><button type="submit">${escapeHtml(t('signin.page.continue'))}</button></form>`;
  return { status: 200, headers: { ...HEADERS }, body: document(locale, t('signin.page.title'), content) };
}

/** The page for `kind` in `locale`; never anything the browser sent, never a stack. */
export function signInPage(kind: PageKind, locale: Locale): HttpAnswer {
  const t = translator(locale);
  const heading = t(kind === 'linked' ? 'signin.page.title_done' : 'signin.page.title');
  const message = t(`signin.page.${kind}` as MessageKey);
  const content = `<p data-outcome="${kind}">${escapeHtml(message)}</p><p>${escapeHtml(t('signin.page.return'))}</p>`;
  return { status: STATUS[kind], headers: { ...HEADERS }, body: document(locale, heading, content) };
}
