/**
 * What ties a sign-in to one browser, built on what browsers really send:
 *
 * - The start page sets a per-link secret in an HttpOnly `SameSite=Lax` cookie and puts a token
 *   derived from it in its form. A POST from another site carries neither (Lax cookies are not
 *   sent with cross-site POSTs), and a page elsewhere cannot read the cookie to forge the token
 *   (login CSRF). Lax rather than Strict: the provider's redirect back to the callback, and a link
 *   reopened from Slack, are cross-site top-level navigations, which carry Lax cookies only.
 * - The link stores only the secret's SHA-256: pressing Continue again in the same browser resumes
 *   the same flow, the callback is accepted from this browser only, and any other browser finds
 *   the link used.
 *
 * `Origin` and `Sec-Fetch-Site` are checked too, as browsers send them: Chromium sends
 * `Origin: null` for a form posted from a page served with `Referrer-Policy: no-referrer`, so
 * `null` alone proves nothing either way; `Sec-Fetch-Site` (Chromium, Firefox, Safari 16.4+) does.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const COOKIE = 'cers_sign_in';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The value a cookie header gives `name`, if any. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Constant-time equality of two strings (their digests, so lengths may differ). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export const newBrowserSecret = () => randomBytes(24).toString('base64url');

/** The cookie's name carries a digest of the link: two sign-ins in one browser never collide. */
export const browserCookieName = (linkId: string) => `${COOKIE}_${sha256(linkId).slice(0, 12)}`;

/** The hidden form field: derived from the secret, so the secret itself never appears in a page. */
export const formToken = (secret: string) => sha256(`form:${secret}`);

/** What the link stores to recognise its browser. */
export const browserBinding = (secret: string) => sha256(secret);

export function boundTo(binding: string | null, secret: string | undefined): boolean {
  return binding !== null && secret !== undefined && sameSecret(binding, browserBinding(secret));
}

/** A cookie scoped to the sign-in pages under the public URL; Secure whenever it is https. */
export function browserCookie(publicUrl: string, linkId: string, secret: string, maxAgeSeconds: number): string {
  const base = new URL(publicUrl);
  const path = `${base.pathname.replace(/\/+$/, '')}/auth`;
  const secure = base.protocol === 'https:' ? '; Secure' : '';
  const maxAge = Math.max(0, Math.ceil(maxAgeSeconds));
  return `${browserCookieName(linkId)}=${secret}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** Where the browser says a POST comes from. */
export interface PostOrigin {
  origin?: string;
  fetchSite?: string;
}

/**
 * True when the browser itself says the POST comes from another site. `Origin: null` (a page with
 * `no-referrer`, a sandboxed frame) is not proof either way: the cookie and token decide then.
 */
export function crossSitePost(publicUrl: string, headers: PostOrigin): boolean {
  if (headers.fetchSite !== undefined && headers.fetchSite !== 'same-origin') return true;
  if (headers.origin === undefined || headers.origin === 'null') return false;
  return headers.origin !== new URL(publicUrl).origin;
}
