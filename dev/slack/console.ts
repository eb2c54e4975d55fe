/**
 * A browser console for the stand-in, so a developer running `npm start` without a Slack workspace
 * can use the bot as in Slack: `http://127.0.0.1:<stand-in port>/` shows a user's DM with the bot,
 * their open modal and their Home tab, and sends slash commands, messages, button clicks, view
 * submissions and closes through the signed-request driver, exactly as Slack would deliver them.
 *
 * Everything rendered comes from views and messages the bot sent, so it is treated as untrusted:
 * the HTML is built here on the server by functions that escape every piece of text before adding
 * markup (unit-tested), and the page runs under a nonce-based Content-Security-Policy on top. The
 * page itself only swaps server-rendered fragments in and posts JSON back.
 *
 * Only a browser on this machine may use it: the server binds 127.0.0.1, requests must name this
 * server as their Host (against DNS rebinding), and POSTs must be JSON from this origin (a page on
 * another site cannot send JSON cross-origin without a CORS preflight, which is never granted).
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { z } from 'zod';
import type { Delivery, SlackDriver } from './driver';
import { DEV_USERS, NewDevPerson, devUserFor, type DevSignIn } from './dev-users';
import { emojiFor, renderShortcodes } from './emoji';
import type { ConsoleHandler, ResponseUrlPost, SlackWebApi } from './web-api';
import type { InputState, SlackUser, SlackWorkspace, StoredView } from './workspace';

export { DEV_USERS, type DevSignIn } from './dev-users';

export interface ConsoleOptions {
  /** The users offered in the picker (default DEV_USERS); the first is the default one. */
  users?: readonly (Partial<SlackUser> & { id: string })[];
  /** The slash command the composer starts with (default `/cers`). */
  command?: string;
}

export interface ConsoleDeps {
  workspace: SlackWorkspace;
  driver: SlackDriver;
  api: SlackWebApi;
}

/** Slack user ids: U or W, then upper-case letters and digits. Anything else is refused. */
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
/** Bodies are a few form fields at most; anything bigger is not from the page. */
const MAX_BODY_BYTES = 256 * 1024;
/** What one user did here that the workspace does not keep: their own DMs, ephemeral answers. */
const MAX_ENTRIES_PER_USER = 200;

// ---------------------------------------------------------------------------------------------
// Safe HTML from Block Kit
// ---------------------------------------------------------------------------------------------

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or a quoted attribute value: the only way view content reaches the page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

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
    .replace(new RegExp(`${LITERAL_SLOT}(\\d+)${LITERAL_SLOT}`, 'g'), (_whole, index: string) => literals[Number(index)] ?? '');
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
  if (/^(https?:\/\/|mailto:)/i.test(target)) return `<a href="${target}" target="_blank" rel="noopener noreferrer">${label ?? target}</a>`;
  return undefined;
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const objects = (value: unknown): Json[] => asArray(value).flatMap<Json>((v) => asObject(v) ?? []);

/** A text object (`plain_text` or `mrkdwn`) as HTML; plain text is escaped, its emoji shown unless `emoji: false`. */
export function renderTextObject(value: unknown): string {
  const text = asObject(value);
  const raw = asString(text?.text) ?? '';
  if (text?.type === 'mrkdwn') return renderMrkdwn(raw);
  const html = escapeHtml(raw).replace(/\n/g, '<br>');
  return text?.emoji === false ? html : renderShortcodes(html);
}

/** A text object's words without markup: for confirm() and labels that are not HTML. */
function plainOf(value: unknown): string {
  return asString(asObject(value)?.text) ?? '';
}

/** Attributes from name/value pairs, every value escaped; `undefined` and `false` omit the attribute. */
function attributes(pairs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(pairs)
    .flatMap(([name, value]) => {
      if (value === undefined || value === false) return [];
      return value === true ? [` ${name}`] : [` ${name}="${escapeHtml(String(value))}"`];
    })
    .join('');
}

/**
 * Slack invents a block id when a block has none; so does the console, the same way when rendering,
 * when finding a clicked button and when building `state.values`, so the three always agree.
 */
const blockIdOf = (block: Json, index: number): string => asString(block.block_id) ?? `block-${index}`;
const actionIdOf = (element: Json): string => asString(element.action_id) ?? 'action';

interface RenderOptions {
  /** Buttons that can be clicked (ephemeral answers have no container to send them from). */
  interactive: boolean;
  /** What the user entered in the view's inputs: shown instead of `initial_value`, as Slack does. */
  state?: InputState;
}

/** Blocks as HTML. Unknown blocks and elements say so rather than vanish. */
export function renderBlocks(blocks: unknown, options: RenderOptions = { interactive: true }): string {
  return objects(blocks)
    .map((block, index) => renderBlock(block, index, options))
    .join('');
}

function renderBlock(block: Json, index: number, options: RenderOptions): string {
  const blockId = blockIdOf(block, index);
  switch (block.type) {
    case 'header':
      return `<h3 class="b-header">${renderTextObject(block.text)}</h3>`;
    case 'divider':
      return '<hr class="b-divider">';
    case 'section': {
      const text = block.text ? `<div class="b-text">${renderTextObject(block.text)}</div>` : '';
      const fieldList = objects(block.fields);
      const grid = fieldList.length
        ? `<div class="b-fields">${fieldList.map((f) => `<div>${renderTextObject(f)}</div>`).join('')}</div>`
        : '';
      const accessory = asObject(block.accessory);
      const side = accessory ? `<div class="b-accessory">${renderElement(accessory, blockId, options)}</div>` : '';
      return `<section class="b-section"><div class="b-main">${text}${grid}</div>${side}</section>`;
    }
    case 'context':
      return `<div class="b-context">${objects(block.elements)
        .map((e) =>
          e.type === 'image' ? `<span>[${escapeHtml(asString(e.alt_text) ?? 'image')}]</span>` : `<span>${renderTextObject(e)}</span>`,
        )
        .join('')}</div>`;
    case 'actions':
      return `<div class="b-actions">${objects(block.elements)
        .map((e) => renderElement(e, blockId, options))
        .join('')}</div>`;
    case 'input':
      return renderInput(block, index, options.state);
    case 'rich_text':
      return `<div class="b-rich">${objects(block.elements).map(renderRichElement).join('')}</div>`;
    case 'image':
      return `<div class="b-image">[image: ${escapeHtml(asString(block.alt_text) ?? '')}]</div>`;
    default:
      return unsupported(`block ${asString(block.type) ?? '?'}`);
  }
}

function unsupported(what: string): string {
  return `<div class="unsupported">Not shown by the console: ${escapeHtml(what)}</div>`;
}

/** Interactive elements outside input blocks; only buttons are clickable here. */
function renderElement(element: Json, blockId: string, options: RenderOptions): string {
  if (element.type !== 'button') return unsupported(`element ${asString(element.type) ?? '?'}`);
  const confirm = asObject(element.confirm);
  const style = asString(element.style);
  return `<button${attributes({
    type: 'button',
    class: `btn${style === 'primary' || style === 'danger' ? ` ${style}` : ''}`,
    'data-action-id': actionIdOf(element),
    'data-block-id': blockId,
    'data-value': asString(element.value),
    // A link button: like Slack, the console opens the URL and tells the bot of the click.
    'data-url': /^https?:\/\//i.test(asString(element.url) ?? '') ? asString(element.url) : undefined,
    'data-confirm': confirm ? confirmText(confirm) : undefined,
    disabled: !options.interactive,
    title: options.interactive ? undefined : 'Buttons in ephemeral answers cannot be clicked in the console',
  })}>${escapeHtml(plainOf(element.text))}</button>`;
}

/** A confirmation dialog as the browser's confirm() shows it: OK stands for confirm, Cancel for deny. */
function confirmText(confirm: Json): string {
  const lines = [
    plainOf(confirm.title),
    plainOf(confirm.text),
    `OK: ${plainOf(confirm.confirm) || 'Yes'} · Cancel: ${plainOf(confirm.deny) || 'No'}`,
  ];
  return lines.filter(Boolean).join('\n\n');
}

/** The input element types the console can fill in, and how each appears in `state.values`. */
const TEXT_INPUTS: Record<string, string> = {
  plain_text_input: 'text',
  email_text_input: 'email',
  url_text_input: 'url',
  number_input: 'number',
};

function renderInput(block: Json, index: number, state: InputState | undefined): string {
  const blockId = blockIdOf(block, index);
  const element = asObject(block.element) ?? {};
  const optional = block.optional === true;
  // Slack adds "(optional)" to the label of an optional input itself.
  const label = `<div class="input-label">${renderTextObject(block.label)}${optional ? ' <span class="optional">(optional)</span>' : ''}</div>`;
  const hint = block.hint ? `<div class="hint">${renderTextObject(block.hint)}</div>` : '';
  const errorSlot = `<div class="field-error"${attributes({ 'data-error-for': blockId })} hidden></div>`;
  const entered = asObject(own(own(state, blockId), actionIdOf(element)));
  return `<div${attributes({ class: 'b-input', 'data-input-for': blockId })}>${label}${renderInputElement(element, blockId, index, optional, entered)}${hint}${errorSlot}</div>`;
}

/** `entered`: the element's state (what the user submitted in it), which Slack shows over the initial value. */
function renderInputElement(element: Json, blockId: string, index: number, optional: boolean, entered: Json | undefined): string {
  const type = asString(element.type) ?? '?';
  const field = { 'data-field': true, 'data-block-id': blockId, 'data-action-id': actionIdOf(element), required: !optional };
  const inputType = own(TEXT_INPUTS, type);
  if (inputType) {
    const initial =
      (entered && 'value' in entered ? (asString(entered.value) ?? '') : undefined) ??
      asString(element.initial_value) ??
      (typeof element.initial_value === 'number' ? String(element.initial_value) : '');
    const common = {
      ...field,
      placeholder: plainOf(element.placeholder) || undefined,
      maxlength: typeof element.max_length === 'number' ? element.max_length : undefined,
      minlength: typeof element.min_length === 'number' ? element.min_length : undefined,
    };
    if (element.multiline === true) return `<textarea${attributes({ ...common, rows: 4 })}>${escapeHtml(initial)}</textarea>`;
    return `<input${attributes({ ...common, type: inputType, value: initial, step: inputType === 'number' ? 'any' : undefined })}>`;
  }
  const choices = optionsOf(element);
  const name = `field-${index}`;
  // What was submitted wins over the initial choice, as for text.
  const chosen = entered
    ? [asObject(entered.selected_option), ...objects(entered.selected_options)]
    : [asObject(element.initial_option), ...objects(element.initial_options)];
  if (type === 'radio_buttons' || type === 'checkboxes') {
    const initial = new Set(chosen.flatMap((o) => asString(o?.value) ?? []));
    const inputType = type === 'radio_buttons' ? 'radio' : 'checkbox';
    const items = choices.map((option) => {
      const value = asString(option.value) ?? '';
      const description = option.description ? `<span class="hint">${renderTextObject(option.description)}</span>` : '';
      return `<label class="choice"><input${attributes({
        ...field,
        required: field.required && inputType === 'radio',
        type: inputType,
        name,
        value,
        checked: initial.has(value),
      })}> ${renderTextObject(option.text)}${description}</label>`;
    });
    return `<div class="choices">${items.join('')}</div>`;
  }
  if (type === 'static_select') {
    const initial = asString(chosen[0]?.value);
    const items = choices.map(
      (option) =>
        `<option${attributes({ value: asString(option.value) ?? '', selected: asString(option.value) === initial })}>${escapeHtml(plainOf(option.text))}</option>`,
    );
    return `<select${attributes({ ...field, name })}><option value="">${escapeHtml(plainOf(element.placeholder) || 'Select…')}</option>${items.join('')}</select>`;
  }
  return unsupported(`input element ${type}`);
}

/** A rich text emoji's `unicode` (code points in hex, `1f44b` or `1f1e8-1f1e6`) as escaped characters, if valid. */
function unicodeEmoji(unicode: string | undefined): string | undefined {
  if (!unicode || !/^[0-9a-f]{1,6}(-[0-9a-f]{1,6}){0,9}$/i.test(unicode)) return undefined;
  const points = unicode.split('-').map((hex) => parseInt(hex, 16));
  return points.every((p) => p <= 0x10ffff && (p < 0xd800 || p > 0xdfff)) ? escapeHtml(String.fromCodePoint(...points)) : undefined;
}

/** An element's options, flattened out of option groups. */
function optionsOf(element: Json): Json[] {
  return [...objects(element.options), ...objects(element.option_groups).flatMap((group) => objects(group.options))];
}

function renderRichElement(element: Json): string {
  const inline = () => objects(element.elements).map(renderRichInline).join('');
  switch (element.type) {
    case 'rich_text_section':
      return `<div>${inline()}</div>`;
    case 'rich_text_preformatted':
      return `<pre>${inline()}</pre>`;
    case 'rich_text_quote':
      return `<blockquote>${inline()}</blockquote>`;
    case 'rich_text_list': {
      const tag = element.style === 'ordered' ? 'ol' : 'ul';
      return `<${tag}>${objects(element.elements)
        .map((item) => `<li>${objects(item.elements).map(renderRichInline).join('')}</li>`)
        .join('')}</${tag}>`;
    }
    default:
      return unsupported(`rich text ${asString(element.type) ?? '?'}`);
  }
}

function renderRichInline(element: Json): string {
  let html: string;
  switch (element.type) {
    case 'text':
      html = escapeHtml(asString(element.text) ?? '').replace(/\n/g, '<br>');
      break;
    case 'link': {
      const url = asString(element.url) ?? '';
      const text = escapeHtml(asString(element.text) ?? url);
      html = /^(https?:\/\/|mailto:)/i.test(url)
        ? `<a${attributes({ href: url, target: '_blank', rel: 'noopener noreferrer' })}>${text}</a>`
        : text;
      break;
    }
    case 'emoji': {
      const name = asString(element.name) ?? '';
      html = emojiFor(name) ?? unicodeEmoji(asString(element.unicode)) ?? `:${escapeHtml(name)}:`;
      break;
    }
    case 'user':
      html = `<span class="mention">@${escapeHtml(asString(element.user_id) ?? '')}</span>`;
      break;
    case 'channel':
      html = `<span class="mention">#${escapeHtml(asString(element.channel_id) ?? '')}</span>`;
      break;
    case 'broadcast':
      html = `<span class="mention">@${escapeHtml(asString(element.range) ?? '')}</span>`;
      break;
    default:
      return '';
  }
  const style = asObject(element.style) ?? {};
  if (style.code === true) html = `<code>${html}</code>`;
  if (style.bold === true) html = `<strong>${html}</strong>`;
  if (style.italic === true) html = `<em>${html}</em>`;
  if (style.strike === true) html = `<del>${html}</del>`;
  return html;
}

// ---------------------------------------------------------------------------------------------
// From the page to the bot: requests, and what Slack would send for them
// ---------------------------------------------------------------------------------------------

/** What a field holds as the page sends it: text, the chosen option's value, or the checked values. */
const FieldValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100), z.null()]);
const UserId = z.string().regex(USER_ID, 'not a Slack user id (U… or W…, capitals and digits)');
const ViewId = z.string().regex(/^V[A-Z0-9]{1,30}$/, 'not a view id');

const requests = {
  command: z.object({
    user: UserId,
    command: z
      .string()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command is / and up to 31 lower-case letters, digits, - or _')
      .optional(),
    text: z.string().max(4_000).default(''),
  }),
  message: z.object({ user: UserId, text: z.string().trim().min(1).max(4_000) }),
  action: z
    .object({
      user: UserId,
      actionId: z.string().min(1).max(255),
      blockId: z.string().min(1).max(255),
      value: z.string().max(2_000).optional(),
      viewId: ViewId.optional(),
      message: z.object({ channel: z.string().min(1).max(40), ts: z.string().regex(/^\d+\.\d+$/) }).optional(),
    })
    .refine((a) => (a.viewId === undefined) !== (a.message === undefined), 'exactly one of viewId and message'),
  submit: z.object({
    user: UserId,
    viewId: ViewId,
    hash: z.string().max(100).optional(),
    fields: z.record(z.string(), z.record(z.string(), FieldValue)).default({}),
  }),
  close: z.object({ user: UserId, viewId: ViewId }),
  home: z.object({ user: UserId }),
  /** Add a person to be: `user` is whoever the page shows now (unused). */
  users: NewDevPerson.extend({ user: UserId.optional() }),
};
type RequestKind = keyof typeof requests;
type Fields = z.infer<(typeof requests)['submit']>['fields'];

/** Own properties only: field names come from the page and must not reach the prototype. */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * `view.state.values` as Slack builds it from the modal's input blocks: every input block appears,
 * empty text as `value: null`, a choice as the option object the bot defined (never one it did not).
 */
export function stateValues(view: Json, fields: Fields): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  objects(view.blocks).forEach((block, index) => {
    if (block.type !== 'input') return;
    const element = asObject(block.element);
    if (!element) return;
    const blockId = blockIdOf(block, index);
    const actionId = actionIdOf(element);
    const type = asString(element.type) ?? '';
    const typed = own(own(fields, blockId), actionId);
    const chosen = (value: string) => optionsOf(element).find((o) => o.value === value);
    let state: Json;
    if (own(TEXT_INPUTS, type)) state = { type, value: typeof typed === 'string' && typed !== '' ? typed : null };
    else if (type === 'radio_buttons' || type === 'static_select')
      state = { type, selected_option: (typeof typed === 'string' && chosen(typed)) || null };
    else if (type === 'checkboxes') state = { type, selected_options: (Array.isArray(typed) ? typed : []).flatMap((v) => chosen(v) ?? []) };
    else return;
    values[blockId] = { [actionId]: state };
  });
  return values;
}

/** A button with this block id, action id and value in these blocks (the page says which; the view decides). */
function findButton(blocks: unknown, blockId: string, actionId: string, value: string | undefined): Json | undefined {
  for (const [index, block] of objects(blocks).entries()) {
    if (blockIdOf(block, index) !== blockId) continue;
    const candidates = block.type === 'actions' ? objects(block.elements) : block.type === 'section' ? objects([block.accessory]) : [];
    const found = candidates.find((e) => e.type === 'button' && actionIdOf(e) === actionId && asString(e.value) === value);
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The console: routes, state, and deliveries through the driver
// ---------------------------------------------------------------------------------------------

interface Reply {
  status: number;
  body: Json;
}

const reply = (status: number, body: Json): Reply => ({ status, body });
const refuse = (status: number, error: string, message: string): Reply => reply(status, { ok: false, error, message });

/** What the workspace does not keep for a user: what they wrote to the bot, and ephemeral answers. */
interface Entry {
  kind: 'sent' | 'ephemeral';
  ts: string;
  text: string;
  blocks?: unknown[];
}

interface Section {
  key: string;
  html: string;
}

export interface ConsoleState {
  /** Changes whenever anything shown changes: the page re-renders only then. */
  version: string;
  user: { id: string; name: string; realName: string; locale: string; known: boolean };
  botConnected: boolean;
  sections: {
    users: Section;
    notice: Section;
    conversation: Section;
    home: Section & { viewId: string | null };
    /** The top of the user's modal stack; its key is the view id and hash, so typing is never overwritten. */
    modal: (Section & { viewId: string; hash: string }) | null;
  };
}

export class SlackConsole {
  private readonly workspace: SlackWorkspace;
  private readonly driver: SlackDriver;
  private readonly api: SlackWebApi;
  private readonly userIds: string[];
  private readonly command: string;
  /** Set when the local identity provider runs beside the stand-in (service/main.ts). */
  devSignIn: DevSignIn | undefined;
  private readonly entries = new Map<string, Entry[]>();
  /** response_url ids minted for deliveries made here, by user: the bot's `respond()` lands there. */
  private readonly responseUrls = new Map<string, string>();

  constructor(deps: ConsoleDeps, options: ConsoleOptions = {}) {
    this.workspace = deps.workspace;
    this.driver = deps.driver;
    this.api = deps.api;
    this.command = options.command ?? '/cers';
    const users = options.users ?? DEV_USERS;
    // A user configured by whoever started the stand-in keeps its settings.
    for (const user of users) if (!this.workspace.users.has(user.id)) this.workspace.setUser(user);
    this.userIds = users.map((u) => u.id);
  }

  /** For `SlackWebApi.attachConsole`: answers the console's routes, leaves the rest to the Web API. */
  readonly handle: ConsoleHandler = async (req, res, url) => {
    const path = url.pathname;
    if (path !== '/' && path !== '/console' && !path.startsWith('/console/')) return false;
    if (!this.fromThisMachine(req)) {
      sendJson(res, reply(403, { ok: false, error: 'forbidden_host', message: 'The console answers only to http://127.0.0.1:<port>/' }));
      return true;
    }
    if (req.method === 'GET') this.get(res, path, url.searchParams);
    else if (req.method === 'POST') sendJson(res, await this.post(req, path));
    else sendJson(res, refuse(405, 'method_not_allowed', 'GET or POST'));
    return true;
  };

  /** The page, and the JSON state it polls. */
  private get(res: http.ServerResponse, path: string, query: URLSearchParams): void {
    const user = query.get('user');
    if (path === '/console/state') {
      if (!user || !USER_ID.test(user)) return sendJson(res, refuse(400, 'invalid_user', 'user= must be a Slack user id'));
      return sendJson(res, reply(200, { ...this.state(user) }));
    }
    if (path !== '/' && path !== '/console' && path !== '/console/') return sendJson(res, refuse(404, 'not_found', 'No such console page'));
    if (user === null) {
      res.writeHead(302, { location: `/?user=${encodeURIComponent(this.userIds[0] ?? 'U0DEVEN001')}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (!USER_ID.test(user)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('user= must be a Slack user id (U… or W…, capitals and digits)\n');
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src 'nonce-${nonce}'`,
        "connect-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    });
    res.end(renderConsolePage({ nonce, command: this.command }));
  }

  private async post(req: http.IncomingMessage, path: string): Promise<Reply> {
    const kind = path.slice('/console/'.length);
    if (!Object.hasOwn(requests, kind)) return refuse(404, 'not_found', `No console action ${kind}`);
    if (!req.headers['content-type']?.startsWith('application/json'))
      return refuse(415, 'json_only', 'POST JSON (content-type: application/json)');
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (raw === undefined) return refuse(413, 'too_large', 'Body too large');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(400, 'invalid_json', 'The body is not JSON');
    }
    return this.dispatch(kind as RequestKind, body);
  }

  private async dispatch(kind: RequestKind, body: unknown): Promise<Reply> {
    const invalid = (error: z.ZodError) =>
      reply(400, {
        ok: false,
        error: 'invalid_request',
        message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      });
    switch (kind) {
      case 'command': {
        const parsed = requests.command.safeParse(body);
        return parsed.success ? this.slashCommand(parsed.data) : invalid(parsed.error);
      }
      case 'message': {
        const parsed = requests.message.safeParse(body);
        return parsed.success ? this.directMessage(parsed.data) : invalid(parsed.error);
      }
      case 'action': {
        const parsed = requests.action.safeParse(body);
        return parsed.success ? this.blockAction(parsed.data) : invalid(parsed.error);
      }
      case 'submit': {
        const parsed = requests.submit.safeParse(body);
        return parsed.success ? this.submit(parsed.data) : invalid(parsed.error);
      }
      case 'close': {
        const parsed = requests.close.safeParse(body);
        return parsed.success ? this.close(parsed.data) : invalid(parsed.error);
      }
      case 'home': {
        const parsed = requests.home.safeParse(body);
        return parsed.success ? this.openHome(parsed.data) : invalid(parsed.error);
      }
      case 'users': {
        const parsed = requests.users.safeParse(body);
        return parsed.success ? this.addPerson(parsed.data) : invalid(parsed.error);
      }
    }
  }

  /** A new person to be, in the picker from now on; with the local identity provider, able to sign in. */
  private addPerson(input: z.infer<(typeof requests)['users']>): Reply {
    const person = devUserFor(input);
    // One person per username: it is also who signs in at the local identity provider.
    const existing = this.workspace.users.get(person.id) ?? [...this.workspace.users.values()].find((u) => u.name === person.name);
    if (existing) {
      return refuse(409, 'user_exists', `${existing.realName} (${existing.name}) is already here: pick them in the list.`);
    }
    try {
      this.devSignIn?.addAccount(person.name);
    } catch (error) {
      return refuse(
        409,
        'sign_in_exists',
        `The local sign-in already has ${person.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.workspace.setUser(person);
    this.userIds.push(person.id);
    const language = person.locale.startsWith('fr') ? 'French' : 'English';
    return reply(200, { ok: true, user: person.id, message: `Added ${person.realName} (${person.name}, ${language}).` });
  }

  private async slashCommand(input: z.infer<(typeof requests)['command']>): Promise<Reply> {
    const command = input.command ?? this.command;
    return this.deliver(`${command} ${input.text}`.trim(), async () => {
      const delivery = await this.driver.slashCommand({ userId: input.user, command, text: input.text });
      if (delivery.responseUrlId) this.responseUrls.set(delivery.responseUrlId, input.user);
      // An ack with a body is an ephemeral answer Slack shows only to the user who typed the command.
      if (delivery.status === 200 && delivery.body.trim() !== '')
        this.record(input.user, { kind: 'ephemeral', ts: this.workspace.nextTs(), ...ackMessage(delivery.body) });
      return delivery;
    });
  }

  private async directMessage(input: z.infer<(typeof requests)['message']>): Promise<Reply> {
    const w = this.workspace;
    w.ensureUser(input.user);
    const channel = w.dmChannelFor(input.user);
    const ts = w.nextTs();
    return this.deliver('message', async () => {
      const delivery = await this.driver.event({
        event: { type: 'message', channel_type: 'im', channel, user: input.user, text: input.text, ts, team: w.teamId },
      });
      if (delivery.status === 200) this.record(input.user, { kind: 'sent', ts, text: input.text });
      return delivery;
    });
  }

  private async blockAction(input: z.infer<(typeof requests)['action']>): Promise<Reply> {
    let blocks: unknown;
    if (input.viewId) {
      const view = this.workspace.views.get(input.viewId);
      const onTop = this.topModal(input.user)?.id === input.viewId || this.workspace.homeViews.get(input.user) === input.viewId;
      if (!view || view.userId !== input.user || !onTop) return refuse(409, 'view_not_open', 'That view is no longer open for this user');
      blocks = view.definition.blocks;
    } else if (input.message) {
      const message = this.workspace.messages.get(`${input.message.channel}/${input.message.ts}`);
      if (!message || message.channel !== this.workspace.dmChannelFor(input.user)) {
        return refuse(409, 'message_not_found', "That message is not in this user's DM");
      }
      blocks = message.blocks;
    }
    const button = findButton(blocks, input.blockId, input.actionId, input.value);
    if (!button) return refuse(409, 'button_not_found', 'That button is no longer there (the view or message changed)');
    return this.deliver(`button ${input.actionId}`, async () => {
      const delivery = await this.driver.blockAction({
        userId: input.user,
        actionId: input.actionId,
        blockId: input.blockId,
        value: input.value,
        viewId: input.viewId,
        message: input.message,
        action: { text: button.text, ...(button.style ? { style: button.style } : {}) },
      });
      if (delivery.responseUrlId) this.responseUrls.set(delivery.responseUrlId, input.user);
      return delivery;
    });
  }

  private async submit(input: z.infer<(typeof requests)['submit']>): Promise<Reply> {
    const view = this.topModal(input.user);
    if (!view || view.id !== input.viewId) return refuse(409, 'view_not_open', 'That modal is no longer open for this user');
    const values = stateValues(view.definition, input.fields);
    let errors: Record<string, string> | undefined;
    const result = await this.deliver('submission', async () => {
      const delivery = await this.driver.viewSubmission({ userId: input.user, viewId: view.id, values, hash: input.hash });
      // `errors` keeps the modal open (the stand-in applied the ack); the page shows each by its field.
      if (delivery.ack?.response_action === 'errors') errors = stringRecord(delivery.ack.errors);
      return delivery;
    });
    if (!errors) return result;
    const count = Object.keys(errors).length;
    return reply(result.status, {
      ...result.body,
      errors,
      message: `submission: the bot refused ${count} field${count === 1 ? '' : 's'} (see the form)`,
    });
  }

  /** The Close button: the top view leaves the stack, as in Slack (a pushed view goes back to the one below). */
  private async close(input: z.infer<(typeof requests)['close']>): Promise<Reply> {
    const view = this.topModal(input.user);
    if (!view || view.id !== input.viewId) return refuse(409, 'view_not_open', 'That modal is no longer open for this user');
    this.workspace.modalStacks.get(input.user)?.pop();
    // Slack tells the bot only when it asked to be told.
    if (view.definition.notify_on_close !== true || !this.driver.target) return reply(200, { ok: true, message: 'Modal closed' });
    return this.deliver('view_closed', () => {
      const payload = {
        type: 'view_closed',
        team: { id: this.workspace.teamId, domain: this.workspace.teamDomain },
        user: { id: input.user, team_id: this.workspace.teamId },
        api_app_id: this.workspace.appId,
        view: this.api.viewJson(view),
        is_cleared: false,
      };
      return this.driver.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    });
  }

  /** What Slack sends whenever the user opens the app's Home tab; the bot answers with views.publish. */
  private async openHome(input: z.infer<(typeof requests)['home']>): Promise<Reply> {
    const w = this.workspace;
    w.ensureUser(input.user);
    const homeId = w.homeViews.get(input.user);
    const home = homeId ? w.views.get(homeId) : undefined;
    return this.deliver('app_home_opened', () =>
      this.driver.event({
        event: {
          type: 'app_home_opened',
          user: input.user,
          channel: w.dmChannelFor(input.user),
          tab: 'home',
          ...(home ? { view: this.api.viewJson(home) } : {}),
        },
      }),
    );
  }

  /** Sends through the driver and says, in the page's words, how the bot took it. */
  private async deliver(what: string, send: () => Promise<Delivery>): Promise<Reply> {
    if (!this.driver.target) {
      return refuse(
        503,
        'no_bot',
        'No bot is connected: the stand-in driver has no target (set driver.target to the bot’s /slack/events URL)',
      );
    }
    let delivery: Delivery;
    try {
      delivery = await send();
    } catch (error) {
      return refuse(
        502,
        'bot_unreachable',
        `Could not reach the bot at ${this.driver.target}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const latencyMs = Math.round(delivery.latencyMs);
    if (delivery.status !== 200) {
      return reply(502, {
        ok: false,
        error: 'bot_refused',
        status: delivery.status,
        message: `The bot answered ${what} with HTTP ${delivery.status}`,
      });
    }
    // Slack gives up on an ack after 3 s and shows the user an error; say so rather than hide it.
    const slow = latencyMs > 3_000 ? ` (slower than Slack's 3 s: Slack would have shown an error)` : '';
    return reply(200, { ok: true, status: delivery.status, latencyMs, message: `${what}: acked in ${latencyMs} ms${slow}` });
  }

  private record(userId: string, entry: Entry): void {
    const list = this.entries.get(userId) ?? [];
    list.push(entry);
    list.splice(0, Math.max(0, list.length - MAX_ENTRIES_PER_USER));
    this.entries.set(userId, list);
  }

  private fromThisMachine(req: http.IncomingMessage): boolean {
    return allowedRequest({ host: req.headers.host, origin: req.headers.origin, method: req.method }, new URL(this.api.url).port);
  }

  private topModal(userId: string): StoredView | undefined {
    const id = this.workspace.modalStacks.get(userId)?.at(-1);
    return id ? this.workspace.views.get(id) : undefined;
  }

  /** What the page shows for one user, as HTML fragments with keys that change only when they do. */
  state(userId: string): ConsoleState {
    const w = this.workspace;
    const known = w.users.get(userId);
    const user = {
      id: userId,
      name: known?.name ?? userId.toLowerCase(),
      realName: known?.realName ?? userId,
      locale: known?.locale ?? 'en-US',
      known: !!known,
    };
    const botConnected = !!this.driver.target;

    const pickable = [...new Set([...this.userIds, ...w.users.keys(), userId])];
    const users = pickable
      .map((id) => {
        const u = w.users.get(id);
        const label = u ? `${u.realName} (${u.name}, ${u.locale}) · ${id}` : `${id} (new)`;
        return `<option${attributes({ value: id, selected: id === userId })}>${escapeHtml(label)}</option>`;
      })
      .join('');

    const bot = botConnected
      ? `<div class="notice">Bot: ${escapeHtml(this.driver.target ?? '')}</div>`
      : '<div class="notice error">No bot is connected: the stand-in driver has no target. Start the service with <code>npm start</code> (without Slack tokens), or set <code>driver.target</code> to the bot’s <code>/slack/events</code> URL.</div>';
    const signIn = known ? this.devSignIn?.credentialsOf(known.name) : undefined;
    const notice =
      bot +
      (signIn
        ? `<div class="notice">At the local sign-in page, ${escapeHtml(user.realName)} signs in as <code>${escapeHtml(signIn.username)}</code>, password <code>${escapeHtml(signIn.password)}</code>.</div>`
        : '');

    const homeId = w.homeViews.get(userId);
    const homeView = homeId ? w.views.get(homeId) : undefined;
    const home = homeView
      ? `<div${attributes({ class: 'view', 'data-container': 'view', 'data-view-id': homeView.id })}>${renderBlocks(homeView.definition.blocks)}</div>`
      : '<p class="empty">The bot has not published a Home tab for this user yet.</p>';

    const top = this.topModal(userId);
    const depth = w.modalStacks.get(userId)?.length ?? 0;
    const modal = top ? { key: `${top.id}:${top.hash}:${depth}`, html: renderModal(top, depth), viewId: top.id, hash: top.hash } : null;

    const sections = {
      users: section(users),
      notice: section(notice),
      conversation: section(this.conversation(userId, user.realName)),
      home: { ...section(home), viewId: homeView?.id ?? null },
      modal,
    };
    const version = digest(
      [
        user.realName,
        String(botConnected),
        sections.users.key,
        sections.notice.key,
        sections.conversation.key,
        sections.home.key,
        modal?.key ?? '',
      ].join('|'),
    );
    return { version, user, botConnected, sections };
  }

  /** The DM with the bot, oldest first: the bot's messages, what the user wrote, ephemeral answers. */
  private conversation(userId: string, realName: string): string {
    const channel = this.workspace.dmChannelFor(userId);
    const items: { order: number; html: string }[] = [];
    for (const m of this.workspace.messages.values()) {
      if (m.channel !== channel) continue;
      const body = m.blocks?.length ? renderBlocks(m.blocks) : `<div class="b-text">${renderMrkdwn(m.text ?? '')}</div>`;
      const thread = m.threadTs && m.threadTs !== m.ts ? '<span class="tag">reply in thread</span>' : '';
      const edited = m.updates > 0 ? '<span class="tag">edited</span>' : '';
      items.push({
        order: tsOrder(m.ts),
        html: `<article${attributes({ class: 'msg bot', 'data-container': 'message', 'data-channel': m.channel, 'data-ts': m.ts })}>${meta('Bot', m.ts)}${thread}${edited}${body}</article>`,
      });
    }
    for (const e of this.entries.get(userId) ?? []) {
      const author = e.kind === 'sent' ? realName : 'Bot';
      const tag = e.kind === 'ephemeral' ? '<span class="tag">only visible to you</span>' : '';
      const body = e.blocks?.length ? renderBlocks(e.blocks, { interactive: false }) : `<div class="b-text">${renderMrkdwn(e.text)}</div>`;
      items.push({ order: tsOrder(e.ts), html: `<article class="msg ${e.kind}">${meta(author, e.ts)}${tag}${body}</article>` });
    }
    for (const post of this.api.responseUrlPosts()) {
      if (this.responseUrls.get(post.id) !== userId) continue;
      items.push({ order: post.at * 1000, html: responseUrlHtml(post) });
    }
    if (items.length === 0) return `<p class="empty">No messages yet. Type ${escapeHtml(this.command)} or write to the bot below.</p>`;
    return items
      .sort((a, b) => a.order - b.order)
      .map((i) => i.html)
      .join('');
  }
}

function renderModal(view: StoredView, depth: number): string {
  const d = view.definition;
  const submit = asObject(d.submit);
  const closeLabel = plainOf(d.close) || (depth > 1 ? 'Back' : 'Cancel');
  return `<form${attributes({ class: 'modal', id: 'modal-form', 'data-container': 'view', 'data-view-id': view.id, 'data-hash': view.hash })}>
<header class="modal-title"><span>${escapeHtml(plainOf(d.title))}</span>${depth > 1 ? `<span class="tag">${depth} views stacked</span>` : ''}</header>
<div class="modal-body">${renderBlocks(d.blocks, { interactive: true, state: view.state })}<div class="field-error" data-error-for="" hidden></div></div>
<footer class="modal-footer"><button${attributes({ type: 'button', class: 'btn', 'data-close-view': view.id })}>${escapeHtml(closeLabel)}</button>${
    submit ? `<button type="submit" class="btn primary">${escapeHtml(plainOf(submit))}</button>` : ''
  }</footer></form>`;
}

function responseUrlHtml(post: ResponseUrlPost): string {
  const body = asObject(post.body) ?? { text: typeof post.body === 'string' ? post.body : '' };
  const blocks = asArray(body.blocks);
  const content = blocks.length
    ? renderBlocks(blocks, { interactive: false })
    : `<div class="b-text">${renderMrkdwn(asString(body.text) ?? '')}</div>`;
  const visibility = body.response_type === 'in_channel' ? 'via response_url' : 'only visible to you';
  const replaced =
    body.replace_original === true
      ? '<span class="tag">replaces the original</span>'
      : body.delete_original === true
        ? '<span class="tag">deletes the original</span>'
        : '';
  return `<article class="msg ephemeral"><div class="meta"><strong>Bot</strong></div><span class="tag">${visibility}</span>${replaced}${content}</article>`;
}

function meta(author: string, ts: string): string {
  const time = new Date(Number(ts.split('.')[0]) * 1000).toLocaleTimeString('en-CA', { hour12: false });
  return `<div class="meta"><strong>${escapeHtml(author)}</strong> <time>${escapeHtml(time)}</time></div>`;
}

/** `1700000000.000100` as a number that sorts like the ts (microseconds fit a double until year 2255). */
function tsOrder(ts: string): number {
  const [seconds = '0', micros = '0'] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(micros.padEnd(6, '0').slice(0, 6));
}

/** An ack body with content: `{text, blocks}` JSON or plain text. */
function ackMessage(body: string): { text: string; blocks?: unknown[] } {
  let text = body;
  let blocks: unknown[] | undefined;
  try {
    const parsed = asObject(JSON.parse(body));
    if (parsed) {
      text = asString(parsed.text) ?? '';
      blocks = Array.isArray(parsed.blocks) ? parsed.blocks : undefined;
    }
  } catch {
    // Plain text: Bolt acks `ack('text')` as is.
  }
  return { text, blocks };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asObject(value) ?? {})) out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

const digest = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 16);
const section = (html: string): Section => ({ key: digest(html), html });

function sendJson(res: http.ServerResponse, { status, body }: Reply): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

/** The body, or undefined once it passes `limit` bytes (the rest is not read). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Origin checks
// ---------------------------------------------------------------------------------------------

export interface HostCheck {
  host: string | undefined;
  origin: string | undefined;
  method: string | undefined;
}

/**
 * True when the request is for this server by name (127.0.0.1 or localhost on its port) and, for a
 * POST carrying an Origin, from this server's own pages: another site's page cannot drive the bot.
 */
export function allowedRequest(check: HostCheck, port: string): boolean {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!check.host || !hosts.includes(check.host.toLowerCase())) return false;
  if (check.method !== 'POST' || check.origin === undefined) return true;
  return hosts.some((h) => check.origin?.toLowerCase() === `http://${h}`);
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

const STYLE = `
:root { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1c1d; background: #f8f8f8; }
body { margin: 0; }
header.top { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #3f0e40; color: #fff; flex-wrap: wrap; }
header.top h1 { font-size: 1rem; margin: 0; }
header.top select { font: inherit; padding: .2rem; max-width: 28rem; }
header.top details { position: relative; }
header.top summary { cursor: pointer; }
#person-form { position: absolute; z-index: 5; top: 2rem; left: 0; background: #fff; color: #1d1c1d; border: 1px solid #ddd; border-radius: 8px; padding: .7rem; display: grid; gap: .5rem; width: 18rem; box-shadow: 0 6px 20px rgba(0,0,0,.2); }
#person-form input, #person-form select { font: inherit; padding: .3rem .4rem; border: 1px solid #bbb; border-radius: 4px; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; padding: 1rem; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
.panel { background: #fff; border: 1px solid #ddd; border-radius: 8px; display: flex; flex-direction: column; min-height: 0; }
.panel > h2 { font-size: .95rem; margin: 0; padding: .6rem .9rem; border-bottom: 1px solid #eee; display: flex; justify-content: space-between; align-items: center; gap: .5rem; }
#conversation { overflow-y: auto; max-height: calc(100vh - 17rem); padding: .5rem .9rem; }
#home { padding: .5rem .9rem; }
.composer { border-top: 1px solid #eee; padding: .6rem .9rem; display: grid; gap: .5rem; }
.composer form { display: flex; gap: .5rem; }
.composer input { font: inherit; padding: .35rem .5rem; border: 1px solid #bbb; border-radius: 4px; }
.composer input.grow { flex: 1; }
#command-name { width: 6rem; }
.msg { padding: .4rem 0; border-bottom: 1px solid #f2f2f2; }
.msg.sent { background: #f5f9ff; }
.msg.ephemeral { background: #fffbe6; }
.meta { font-size: .85rem; color: #616061; }
.tag { display: inline-block; font-size: .75rem; color: #616061; background: #eee; border-radius: 3px; padding: 0 .35rem; margin: .1rem .3rem .1rem 0; }
.empty { color: #888; font-style: italic; }
.notice { padding: .5rem 1rem; font-size: .85rem; color: #555; }
.notice.error { background: #fde8e8; color: #8a1c1c; font-size: .95rem; }
.b-header { font-size: 1.1rem; margin: .6rem 0 .3rem; }
.b-section { display: flex; gap: .8rem; justify-content: space-between; align-items: flex-start; margin: .4rem 0; }
.b-main { flex: 1; min-width: 0; }
.b-fields { display: grid; grid-template-columns: 1fr 1fr; gap: .4rem 1rem; margin-top: .3rem; }
.b-context { font-size: .82rem; color: #616061; margin: .3rem 0; display: flex; gap: .6rem; flex-wrap: wrap; }
.b-divider { border: 0; border-top: 1px solid #e6e6e6; margin: .6rem 0; }
.b-actions { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0; }
.b-input { margin: .7rem 0; display: grid; gap: .25rem; }
.b-input input[type=text], .b-input input[type=email], .b-input input[type=url], .b-input input[type=number], .b-input textarea, .b-input select { font: inherit; padding: .4rem .5rem; border: 1px solid #bbb; border-radius: 4px; }
.input-label { font-weight: 600; }
.optional { font-weight: normal; color: #777; }
.hint { font-size: .82rem; color: #616061; }
.choice { display: block; }
.field-error { color: #c01b1b; font-size: .85rem; white-space: pre-line; }
.b-rich pre, .b-text pre { background: #f6f6f6; border: 1px solid #e2e2e2; border-radius: 4px; padding: .4rem .6rem; white-space: pre-wrap; user-select: all; }
code { background: #f3f3f3; border: 1px solid #e2e2e2; border-radius: 3px; padding: 0 .2rem; color: #c01343; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 .15rem; }
.unsupported { font-size: .8rem; color: #a15c00; }
.btn { font: inherit; font-size: .9rem; padding: .3rem .8rem; border: 1px solid #bbb; border-radius: 4px; background: #fff; cursor: pointer; }
.btn.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.btn.danger { background: #fff; border-color: #e01e5a; color: #e01e5a; }
.btn:disabled { opacity: .5; cursor: default; }
#modal-layer { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: flex-start; justify-content: center; padding: 4vh 1rem; overflow-y: auto; }
#modal-layer[hidden] { display: none; }
.modal { background: #fff; border-radius: 8px; width: min(40rem, 100%); box-shadow: 0 10px 40px rgba(0,0,0,.3); }
.modal-title { font-weight: 700; font-size: 1.1rem; padding: .8rem 1.2rem; border-bottom: 1px solid #eee; display: flex; justify-content: space-between; align-items: center; }
.modal-body { padding: .4rem 1.2rem 1rem; }
.modal-footer { display: flex; justify-content: flex-end; gap: .5rem; padding: .7rem 1.2rem; border-top: 1px solid #eee; }
#status { position: fixed; bottom: 0; left: 0; right: 0; padding: .35rem 1rem; font-size: .85rem; background: #f0f0f0; border-top: 1px solid #ddd; color: #333; z-index: 10; }
#status.error { background: #fde8e8; color: #8a1c1c; }
`;

/**
 * The page's script. It renders nothing from strings itself: it swaps in the server's escaped
 * fragments when their keys change, and leaves the open modal alone while its view id and hash stay
 * the same, so what the developer is typing survives every poll. Written without template literals
 * (this file embeds it in one).
 */
const SCRIPT = String.raw`
'use strict';
const user = new URLSearchParams(location.search).get('user') || '';
const shown = {};
let openModal = null;
let polling = null;
let refreshing = false;
let refreshAgain = false;
let homeRequested = false;
const byId = (id) => document.getElementById(id);

function say(text, isError) {
  const bar = byId('status');
  bar.textContent = text;
  bar.className = isError ? 'error' : '';
}

async function post(path, body, control) {
  if (control) control.disabled = true;
  let result;
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.assign({ user: user }, body)),
    });
    result = await response.json().catch(() => ({ ok: false, message: 'HTTP ' + response.status }));
  } catch (error) {
    result = { ok: false, message: 'The console is unreachable: ' + error.message };
  } finally {
    if (control) control.disabled = false;
  }
  say(result.message || result.error || (result.ok ? 'Done' : 'Failed'), !result.ok);
  poll(150);
  return result;
}

/** Field values by block id and action id: the shape the console turns into state.values. */
function readFields(root) {
  const fields = {};
  root.querySelectorAll('[data-field]').forEach((el) => {
    const blockId = el.dataset.blockId;
    const actionId = el.dataset.actionId;
    if (!Object.prototype.hasOwnProperty.call(fields, blockId)) fields[blockId] = {};
    const block = fields[blockId];
    if (el.type === 'radio') {
      if (!Object.prototype.hasOwnProperty.call(block, actionId)) block[actionId] = null;
      if (el.checked) block[actionId] = el.value;
    } else if (el.type === 'checkbox') {
      if (!Array.isArray(block[actionId])) block[actionId] = [];
      if (el.checked) block[actionId].push(el.value);
    } else {
      block[actionId] = el.value;
    }
  });
  return fields;
}

/** After the bot updated the same modal, what was typed stays where block and action ids match (as in Slack). */
function restoreFields(root, fields) {
  root.querySelectorAll('[data-field]').forEach((el) => {
    const block = Object.prototype.hasOwnProperty.call(fields, el.dataset.blockId) ? fields[el.dataset.blockId] : null;
    if (!block || !Object.prototype.hasOwnProperty.call(block, el.dataset.actionId)) return;
    const value = block[el.dataset.actionId];
    if (el.type === 'radio') el.checked = value === el.value;
    else if (el.type === 'checkbox') el.checked = Array.isArray(value) && value.includes(el.value);
    else el.value = value == null ? '' : value;
  });
}

function showErrors(form, errors) {
  const slots = Array.from(form.querySelectorAll('[data-error-for]'));
  const general = [];
  slots.forEach((slot) => { slot.textContent = ''; slot.hidden = true; });
  Object.keys(errors || {}).forEach((blockId) => {
    const slot = slots.find((s) => s.dataset.errorFor === blockId);
    if (slot && blockId !== '') { slot.textContent = errors[blockId]; slot.hidden = false; }
    else general.push(blockId + ': ' + errors[blockId]);
  });
  const rest = slots.find((s) => s.dataset.errorFor === '');
  if (rest && general.length) { rest.textContent = general.join('\n'); rest.hidden = false; }
  const first = slots.find((s) => !s.hidden);
  if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function swap(name, section, element) {
  if (shown[name] === section.key) return false;
  shown[name] = section.key;
  element.innerHTML = section.html;
  return true;
}

function applyModal(section) {
  const key = section ? section.key : '';
  if (shown.modal === key) return;
  const layer = byId('modal-layer');
  const form = byId('modal-form');
  const kept = form && section && openModal && openModal.viewId === section.viewId ? readFields(form) : null;
  shown.modal = key;
  openModal = section ? { viewId: section.viewId, hash: section.hash } : null;
  layer.innerHTML = section ? section.html : '';
  layer.hidden = !section;
  if (kept) restoreFields(byId('modal-form'), kept);
}

async function refresh() {
  let state;
  try {
    const response = await fetch('/console/state?user=' + encodeURIComponent(user), { cache: 'no-store' });
    state = await response.json();
    if (!response.ok) { say(state.message || 'HTTP ' + response.status, true); return; }
  } catch (error) {
    say('The console is unreachable (is the service still running?)', true);
    return;
  }
  if (!homeRequested && state.botConnected) {
    // Slack sends app_home_opened whenever the user opens the app; opening the console is that moment.
    homeRequested = true;
    post('/console/home', {});
  }
  if (state.version === shown.version) return;
  shown.version = state.version;
  document.title = state.user.realName + ' · CERS Slack console';
  swap('users', state.sections.users, byId('user'));
  swap('notice', state.sections.notice, byId('notice'));
  const conversation = byId('conversation');
  const atBottom = conversation.scrollHeight - conversation.scrollTop - conversation.clientHeight < 40;
  if (swap('conversation', state.sections.conversation, conversation) && atBottom) conversation.scrollTop = conversation.scrollHeight;
  swap('home', state.sections.home, byId('home'));
  applyModal(state.sections.modal);
}

/** One refresh at a time; asking during one (after a click) runs another right after it. */
function poll(delay) {
  clearTimeout(polling);
  polling = setTimeout(tick, delay);
}

async function tick() {
  if (refreshing) { refreshAgain = true; return; }
  refreshing = true;
  try { await refresh(); } finally { refreshing = false; }
  poll(refreshAgain ? 0 : 1000);
  refreshAgain = false;
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const button = target.closest('button[data-action-id]');
  if (button) {
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    // Opened within the click itself, or the browser blocks the new tab.
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener,noreferrer');
    const container = button.closest('[data-container]');
    if (!container) return;
    const body = { actionId: button.dataset.actionId, blockId: button.dataset.blockId };
    if (button.dataset.value !== undefined) body.value = button.dataset.value;
    if (container.dataset.container === 'view') body.viewId = container.dataset.viewId;
    else body.message = { channel: container.dataset.channel, ts: container.dataset.ts };
    post('/console/action', body, button);
    return;
  }
  const close = target.closest('button[data-close-view]');
  if (close) { post('/console/close', { viewId: close.dataset.closeView }, close); return; }
  const home = target.closest('button[data-open-home]');
  if (home) post('/console/home', {}, home);
});

document.addEventListener('submit', async (event) => {
  const form = event.target;
  event.preventDefault();
  if (form.id === 'modal-form') {
    const result = await post('/console/submit', { viewId: form.dataset.viewId, hash: form.dataset.hash, fields: readFields(form) }, form.querySelector('[type=submit]'));
    if (result.errors && byId('modal-form') === form) showErrors(form, result.errors);
  } else if (form.id === 'command-form') {
    const text = byId('command-text');
    const command = byId('command-name').value.trim() || undefined;
    const result = await post('/console/command', { command: command, text: text.value }, form.querySelector('button'));
    if (result.ok) text.value = '';
  } else if (form.id === 'person-form') {
    const result = await post('/console/users', { name: byId('person-name').value, language: byId('person-language').value }, form.querySelector('button'));
    // The new person is who the page shows from now on.
    if (result.ok && result.user) location.search = '?user=' + encodeURIComponent(result.user);
  } else if (form.id === 'message-form') {
    const text = byId('message-text');
    const result = await post('/console/message', { text: text.value }, form.querySelector('button'));
    if (result.ok) text.value = '';
  }
});

byId('user').addEventListener('change', (event) => {
  location.search = '?user=' + encodeURIComponent(event.target.value);
});

poll(0);
`;

/** The console page: static but for the CSP nonce and the default command; the user comes from `?user=`. */
export function renderConsolePage(options: { nonce: string; command: string }): string {
  const nonce = escapeHtml(options.nonce);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CERS Slack console</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header class="top">
  <h1>CERS Onboard · local Slack console</h1>
  <label>User <select id="user" aria-label="Slack user"></select></label>
  <details>
    <summary>Add a person</summary>
    <form id="person-form" autocomplete="off">
      <label>Name <input id="person-name" required maxlength="80" placeholder="Dana Scully"></label>
      <label>Language <select id="person-language"><option value="en">English</option><option value="fr">Français</option></select></label>
      <button class="btn primary" type="submit">Add and switch</button>
    </form>
  </details>
</header>
<div id="notice"></div>
<main>
  <section class="panel">
    <h2>Direct message with the bot</h2>
    <div id="conversation" aria-live="polite"></div>
    <div class="composer">
      <form id="command-form" autocomplete="off">
        <input id="command-name"${attributes({ value: options.command, 'aria-label': 'Slash command' })}>
        <input id="command-text" class="grow" placeholder="text after the command (e.g. help), Enter to send" aria-label="Command text">
        <button class="btn primary" type="submit">Run</button>
      </form>
      <form id="message-form" autocomplete="off">
        <input id="message-text" class="grow" placeholder="Message the bot" aria-label="Message" required>
        <button class="btn" type="submit">Send</button>
      </form>
    </div>
  </section>
  <section class="panel">
    <h2>Home tab <button class="btn" type="button" data-open-home>Open again</button></h2>
    <div id="home"></div>
  </section>
</main>
<div id="modal-layer" hidden></div>
<div id="status">Loading…</div>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
