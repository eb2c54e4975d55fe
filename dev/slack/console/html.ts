/**
 * The few primitives every console fragment is built with: escaping, attributes, and reading the
 * untyped JSON the bot sent (views, messages) without trusting its shape.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or a quoted attribute value: the only way view content reaches the page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Attributes from name/value pairs, every value escaped; `undefined` and `false` omit the attribute. */
export function attributes(pairs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(pairs)
    .flatMap(([name, value]) => {
      if (value === undefined || value === false) return [];
      return value === true ? [` ${name}`] : [` ${name}="${escapeHtml(String(value))}"`];
    })
    .join('');
}

export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const objects = (value: unknown): Json[] => asArray(value).flatMap<Json>((v) => asObject(v) ?? []);

/** Own properties only: field names come from the page and must not reach the prototype. */
export function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}
