/** Slack's text objects (`plain_text` and `mrkdwn`) as safe HTML. */
import { renderShortcodes } from '../emoji';
import { asObject, asString, escapeHtml } from './html';

/** Placeholders for rendered `<…>` entities must not be forgeable by the text itself. */
const SLOT = '\u0001';
/** Placeholders for the fallbacks of date tokens, parked before code and formatting are read. */
const LITERAL_SLOT = '\u0002';

/**
 * Slack mrkdwn as HTML, minimal and safe: the text is escaped first, then only fixed tags are
 * added around escaped text (`*bold*`, `_italic_`, `~strike~`, `` `code` ``, ``` ```pre``` ```,
 * line breaks). Entities: `<!date^…|fallback>` shows its fallback, `<https://…|label>` becomes a
 * link (http, https and mailto only), `<@U…>` and `<#C…|name>` show as text. Slack's standard
 * `:emoji:` shortcodes become characters (emoji.ts); unknown ones stay as typed, as in Slack.
 */
export function renderMrkdwn(text: string): string {
  const escaped = escapeHtml(text.replaceAll(SLOT, '').replaceAll(LITERAL_SLOT, ''));
  // Date tokens first, as Slack does: their fallback is plain text (the bot escapes formatting
  // characters in one, slack/text.ts), so it neither opens code nor pairs up as formatting.
  const literals: string[] = [];
  const parked = escaped.replace(
    /&lt;!date\^[^|\s]*\|(.*?)&gt;/g,
    (_whole, fallback: string) => `${LITERAL_SLOT}${literals.push(fallback) - 1}${LITERAL_SLOT}`,
  );
  // Split out code (odd indexes): nothing inside code is formatted.
  return parked
    .split(/(```[\s\S]*?```|`[^`\n]+`)/)
    .map((part, i) => {
      if (i % 2 === 0) return inlineMrkdwn(part);
      return part.startsWith('```') ? `<pre>${part.slice(3, -3)}</pre>` : `<code>${part.slice(1, -1)}</code>`;
    })
    .join('')
    .replace(
      new RegExp(`${LITERAL_SLOT}(\\d+)${LITERAL_SLOT}`, 'g'),
      (_whole, index: string) => literals[Number(index)] ?? '',
    );
}

function inlineMrkdwn(escaped: string): string {
  // Entities are rendered and parked in slots, so formatting can span them but never reach inside a URL.
  const slots: string[] = [];
  const park = (html: string) => `${SLOT}${slots.push(html) - 1}${SLOT}`;
  let out = escaped.replace(/&lt;([^\s].*?)&gt;/g, (whole, inner: string) => park(entityHtml(inner) ?? whole));
  // Slack's own escapes in the text (`&lt;`, `&gt;`, `&amp;`) mean the literal characters.
  out = out.replace(/&amp;(lt|gt|amp);/g, '&$1;');
  out = out
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, '$1<strong>$2</strong>')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])/g, '$1<del>$2</del>')
    .replace(/\n/g, '<br>');
  out = renderShortcodes(out);
  return out.replace(new RegExp(`${SLOT}(\\d+)${SLOT}`, 'g'), (_whole, index: string) => slots[Number(index)] ?? '');
}

/** An already-escaped `<…>` entity's inside, as HTML; undefined leaves it as typed. */
function entityHtml(inner: string): string | undefined {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('@')) return `<span class="mention">@${label ?? target.slice(1)}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${label ?? target.slice(1)}</span>`;
  if (target.startsWith('!')) return `<span class="mention">@${label ?? target.slice(1).split('^')[0]}</span>`;
  // The target is escaped text, so it cannot leave the quoted attribute; the scheme check keeps out javascript:.
  if (/^(https?:\/\/|mailto:)/i.test(target))
    return `<a href="${target}" target="_blank" rel="noopener noreferrer">${label ?? target}</a>`;
  return undefined;
}

/** A text object (`plain_text` or `mrkdwn`) as HTML; plain text is escaped, its emoji shown unless `emoji: false`. */
export function renderTextObject(value: unknown): string {
  const text = asObject(value);
  const raw = asString(text?.text) ?? '';
  if (text?.type === 'mrkdwn') return renderMrkdwn(raw);
  const html = escapeHtml(raw).replace(/\n/g, '<br>');
  return text?.emoji === false ? html : renderShortcodes(html);
}

/** A text object's words without markup: for confirm() and labels that are not HTML. */
export function plainOf(value: unknown): string {
  return asString(asObject(value)?.text) ?? '';
}
