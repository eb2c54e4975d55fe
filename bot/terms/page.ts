/**
 * A Terms and Conditions document as a web page: simple, accessible HTML in its language (`lang`,
 * one `h1`, headings in order, real links), with its version and date, and a link to the other
 * language. The documents use a small Markdown subset: `##`/`###` headings, paragraphs, `- `
 * lists, `> ` quotations, `[text](https://…)` links and `code`. Everything is escaped; no script.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { readTermsDocument, TERMS_LANGUAGES, type TermsDocument, type TermsLanguage } from '../../config/terms';
import type { Config } from '../../config';
import type { Logger } from '../../config/logger';
import { translator } from '../../i18n/catalogue';

export interface TermsPage {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Inline Markdown on escaped text: `code`, then [text](https://…) links (http and https only). */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2">$1</a>');
}

/** The document's body as HTML: blocks separated by blank lines. */
export function renderMarkdown(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const heading = /^(#{2,3}) (.+)$/.exec(block);
      if (heading) return `<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`;
      const lines = block.split('\n');
      if (lines.every((l) => l.startsWith('- ')))
        return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
      if (lines.every((l) => l.startsWith('>')))
        return `<blockquote><p>${inline(lines.map((l) => l.replace(/^> ?/, '')).join(' '))}</p></blockquote>`;
      return `<p>${inline(lines.join(' '))}</p>`;
    })
    .join('\n');
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // A version's text never changes once published; a short cache still lets a fix reach readers.
  'cache-control': 'public, max-age=300',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
} as const;

const htmlLang = (language: TermsLanguage) => (language === 'fr' ? 'fr-CA' : 'en-CA');

function page(language: TermsLanguage, title: string, content: string): string {
  return `<!doctype html>
<html lang="${htmlLang(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.5rem}h2{font-size:1.2rem}blockquote{margin:1rem 0;padding-left:1rem;border-left:.25rem solid #888}</style></head>
<body><main>${content}</main></body>
</html>`;
}

/** The page of one document (the link to the other language is relative: `./fr`, `./en`). */
export function termsPage(document: TermsDocument): TermsPage {
  const t = translator(document.language);
  const other: TermsLanguage = document.language === 'fr' ? 'en' : 'fr';
  const content = `<h1>${escapeHtml(document.title)}</h1>
<p data-terms-version="${escapeHtml(document.version)}">${escapeHtml(t('terms.page.meta', { version: document.version, date: document.date }))}</p>
<p><a href="./${other}" lang="${htmlLang(other)}" hreflang="${htmlLang(other)}">${escapeHtml(t('terms.page.other_language'))}</a></p>
${renderMarkdown(document.body)}`;
  return { status: 200, headers: { ...HEADERS }, body: page(document.language, document.title, content) };
}

/** An unknown version or language: said in both languages, as the reader's is not known. */
export function termsNotFoundPage(): TermsPage {
  const [en, fr] = [translator('en')('terms.page.not_found'), translator('fr')('terms.page.not_found')];
  const content = `<h1>${escapeHtml(en)}</h1><p lang="fr-CA">${escapeHtml(fr)}</p>`;
  return { status: 404, headers: { ...HEADERS, 'cache-control': 'no-store' }, body: page('en', en, content) };
}

/** The address of a version's page in a language, on the service's public URL. */
export function termsUrl(publicUrl: string, version: string, language: TermsLanguage): string {
  return `${publicUrl}/terms/${encodeURIComponent(version)}/${language}`;
}

/** `GET /terms/:version/:language`, served beside the sign-in pages; documents are read from disk each time. */
export function termsRoutes(config: Config, log: Logger): CustomRoute[] {
  const handler = (
    req: IncomingMessage & { params?: Record<string, string | string[] | undefined> },
    res: ServerResponse,
  ) => {
    const version = String(req.params?.['version'] ?? '');
    const language = String(req.params?.['language'] ?? '');
    const document = (TERMS_LANGUAGES as readonly string[]).includes(language)
      ? readTermsDocument(config.terms.dir, version, language as TermsLanguage)
      : 'unknown language';
    if (typeof document === 'string') log.debug('terms page not found', { reason: 'no such document' });
    const answer = typeof document === 'string' ? termsNotFoundPage() : termsPage(document);
    res.writeHead(answer.status, answer.headers).end(answer.body);
  };
  return [{ path: '/terms/:version/:language', method: ['GET'], handler }];
}
