/**
 * Block Kit as HTML: the blocks and elements of the bot's messages, modals and Home tab, every piece
 * of text escaped before markup goes around it. Unknown blocks and elements say so rather than vanish.
 */
import type { InputState } from '../workspace';
import { emojiFor } from '../emoji';
import { asObject, asString, attributes, escapeHtml, type Json, objects, own } from './html';
import { plainOf, renderTextObject } from './mrkdwn';

/**
 * Slack invents a block id when a block has none; so does the console, the same way when rendering,
 * when finding a clicked button and when building `state.values`, so the three always agree.
 */
export const blockIdOf = (block: Json, index: number): string => asString(block.block_id) ?? `block-${index}`;
export const actionIdOf = (element: Json): string => asString(element.action_id) ?? 'action';

export interface RenderOptions {
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
          e.type === 'image'
            ? `<span>[${escapeHtml(asString(e.alt_text) ?? 'image')}]</span>`
            : `<span>${renderTextObject(e)}</span>`,
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
export const TEXT_INPUTS: Record<string, string> = {
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
function renderInputElement(
  element: Json,
  blockId: string,
  index: number,
  optional: boolean,
  entered: Json | undefined,
): string {
  const type = asString(element.type) ?? '?';
  const field = {
    'data-field': true,
    'data-block-id': blockId,
    'data-action-id': actionIdOf(element),
    required: !optional,
  };
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
    if (element.multiline === true)
      return `<textarea${attributes({ ...common, rows: 4 })}>${escapeHtml(initial)}</textarea>`;
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
  return points.every((p) => p <= 0x10ffff && (p < 0xd800 || p > 0xdfff))
    ? escapeHtml(String.fromCodePoint(...points))
    : undefined;
}

/** An element's options, flattened out of option groups. */
export function optionsOf(element: Json): Json[] {
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
