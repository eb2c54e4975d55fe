/**
 * A tiny browser for end-to-end tests of sign-in: keeps cookies per origin, follows redirects the
 * way browsers do, and submits HTML forms. No JavaScript, no caching, no CORS: just enough to walk
 * the OpenID Connect redirects between the service and the local identity provider.
 */
import type { LocalProviderAccount } from '../../dev/identity/local-provider';

export interface Page {
  url: string;
  status: number;
  html: string;
  /** The page's Referrer-Policy: with `no-referrer`, browsers send `Origin: null` from its forms. */
  referrerPolicy?: string;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

export class TestBrowser {
  /** origin → cookies, keyed by `path name` (same name on different paths are different cookies). */
  private readonly cookies = new Map<string, Map<string, Cookie>>();

  get(url: string): Promise<Page> {
    return this.navigate(url, 'GET');
  }

  /** Submits the page's first form with its hidden and prefilled inputs, overridden by `fields`. */
  submitForm(page: Page, fields: Record<string, string>): Promise<Page> {
    const form = firstForm(page.html);
    if (!form) throw new Error(`no form on ${page.url} (status ${page.status})`);
    const action = new URL(form.action ?? page.url, page.url);
    const data = new URLSearchParams({ ...form.inputs, ...fields });
    if (form.method === 'GET') {
      action.search = data.toString();
      return this.navigate(action.href, 'GET');
    }
    // Browsers say where a form was posted from, as the page's Referrer-Policy lets them (Fetch:
    // `no-referrer` makes the Origin `null`), and whether it is the same origin (Sec-Fetch-Site).
    const pageOrigin = new URL(page.url).origin;
    const origin = page.referrerPolicy === 'no-referrer' ? 'null' : pageOrigin;
    return this.navigate(action.href, 'POST', data.toString(), {
      origin,
      fetchSite: action.origin === pageOrigin ? 'same-origin' : 'cross-site',
    });
  }

  /**
   * Submits the form like {@link submitForm}, but stops before requesting the first redirect whose
   * path is `stopAtPath` and returns that URL (e.g. a callback, to replay it elsewhere).
   */
  async submitFormUntil(page: Page, fields: Record<string, string>, stopAtPath: string): Promise<string> {
    this.stopAtPath = stopAtPath;
    try {
      const stopped = await this.submitForm(page, fields);
      if (stopped.status !== 0) throw new Error(`never redirected to ${stopAtPath}; ended at ${stopped.url}`);
      return stopped.url;
    } finally {
      this.stopAtPath = undefined;
    }
  }

  private stopAtPath: string | undefined;

  private async navigate(
    startUrl: string,
    startMethod: 'GET' | 'POST',
    startBody?: string,
    initiator?: { origin: string; fetchSite: string },
  ): Promise<Page> {
    let url = new URL(startUrl);
    let method = startMethod;
    let body = startBody;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { accept: 'text/html,application/json;q=0.9,*/*;q=0.8' };
      const cookie = this.cookieHeader(url);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      if (method === 'POST' && initiator) {
        headers.origin = initiator.origin;
        headers['sec-fetch-site'] = initiator.fetchSite;
      }
      const response = await fetch(url, { method, headers, body, redirect: 'manual' });
      this.storeCookies(url, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) {
        const referrerPolicy = response.headers.get('referrer-policy') ?? undefined;
        return { url: url.href, status: response.status, html: await response.text(), referrerPolicy };
      }
      await response.body?.cancel();
      // 303 always, and 301/302 after a POST, become GET (as browsers do); 307/308 keep the method.
      if (response.status === 303 || (method === 'POST' && (response.status === 301 || response.status === 302))) {
        method = 'GET';
        body = undefined;
      }
      url = new URL(location, url);
      if (this.stopAtPath && url.pathname === this.stopAtPath) return { url: url.href, status: 0, html: '' };
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects starting at ${startUrl}`);
  }

  private cookieHeader(url: URL): string {
    const jar = this.cookies.get(url.origin);
    if (!jar) return '';
    return [...jar.values()]
      .filter((c) => pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private storeCookies(url: URL, setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      let path = defaultPath(url.pathname);
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const attributeValue = rest.join('=').trim();
        const lower = key.trim().toLowerCase();
        if (lower === 'path' && attributeValue.startsWith('/')) path = attributeValue;
        if (lower === 'max-age' && Number(attributeValue) <= 0) expired = true;
        // Expiry is otherwise ignored, except a date in the past: that is how Koa deletes cookies.
        if (lower === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
      }
      const jar = this.cookies.get(url.origin) ?? new Map<string, Cookie>();
      this.cookies.set(url.origin, jar);
      if (expired) jar.delete(`${path} ${name}`);
      else jar.set(`${path} ${name}`, { name, value, path });
    }
  }
}

/**
 * Opens `startUrl` (which redirects to the local provider's authorization endpoint), logs in with
 * the account, and follows every redirect to the final page: the relying party's callback page.
 * Fails if the provider shows no login form (e.g. the browser already has a session there).
 */
export async function signInAtLocalProvider(
  browser: TestBrowser,
  startUrl: string,
  account: Pick<LocalProviderAccount, 'username' | 'password'>,
): Promise<Page> {
  let loginPage = await browser.get(startUrl);
  // The relying party first says whose registration this is, and asks to continue.
  if (loginPage.html.includes('data-outcome="confirm"')) loginPage = await browser.submitForm(loginPage, {});
  if (!/<input[^>]*\bname="password"/i.test(loginPage.html)) {
    throw new Error(`expected the local provider's login form, got status ${loginPage.status} at ${loginPage.url}`);
  }
  return browser.submitForm(loginPage, { username: account.username, password: account.password });
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))
  );
}

/** RFC 6265 default-path: the request path up to, not including, its last '/'. */
function defaultPath(requestPath: string): string {
  const lastSlash = requestPath.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : requestPath.slice(0, lastSlash);
}

function firstForm(
  html: string,
): { action?: string; method: 'GET' | 'POST'; inputs: Record<string, string> } | undefined {
  const match = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!match) return undefined;
  const [, formAttributes = '', content = ''] = match;
  const attributes = parseAttributes(formAttributes);
  const inputs: Record<string, string> = {};
  for (const input of content.matchAll(/<input\b([^>]*)>/gi)) {
    const { name, value, type } = parseAttributes(input[1] ?? '');
    if (name !== undefined && !['submit', 'button', 'checkbox', 'radio'].includes(type?.toLowerCase() ?? '')) {
      inputs[name] = value ?? '';
    }
  }
  return {
    action: attributes.action || undefined,
    method: attributes.method?.toUpperCase() === 'POST' ? 'POST' : 'GET',
    inputs,
  };
}

function parseAttributes(source: string): Record<string, string | undefined> {
  const attributes: Record<string, string | undefined> = {};
  for (const [, name = '', doubleQuoted, singleQuoted, bare] of source.matchAll(
    /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
  )) {
    attributes[name.toLowerCase()] = decodeEntities(doubleQuoted ?? singleQuoted ?? bare ?? '');
  }
  return attributes;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (entity, hex?: string, decimal?: string, name?: string) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      if (decimal) return String.fromCodePoint(parseInt(decimal, 10));
      return named[name?.toLowerCase() ?? ''] ?? entity;
    },
  );
}
