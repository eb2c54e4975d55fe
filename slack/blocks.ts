/**
 * Small typed builders for the Block Kit elements the bot uses, so views read as what they show.
 * Slack's limits on text are kept here: whatever the text (a 100-character name, a French label),
 * it is cut to fit with an ellipsis rather than have Slack refuse the whole view or message.
 * The Slack stand-in checks every limit (dev/slack/block-kit/limits.ts) on everything sent.
 */
import type {
  ActionsBlock,
  Button,
  ConfirmationDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import { FIELD_ACTION_ID } from './ids';

/**
 * At most `max` characters, as Slack counts them (code points), ending with "…" when cut. Never
 * splits a character: half an emoji is not valid text.
 */
export function clip(text: string, max: number): string {
  // UTF-16 length is never less than the count of code points: most text needs no closer look.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const plain = (text: string, max = 3000): PlainTextElement => ({
  type: 'plain_text',
  text: clip(text, max),
  emoji: true,
});
/**
 * Clipped to `max` characters (code points), before any `<…>` or `&…;` the cut would halve:
 * escaped user text is full of them.
 */
function clipMrkdwn(text: string, max: number): string {
  const clipped = clip(text, max);
  if (clipped === text) return text;
  const head = clipped.slice(0, -1); // without the ellipsis
  let cut = head.length;
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>')) cut = open;
  const amp = head.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 6 && !head.slice(amp, cut).includes(';')) cut = amp;
  return `${head.slice(0, cut)}…`;
}

export const mrkdwn = (text: string, max = 3000): MrkdwnElement => ({ type: 'mrkdwn', text: clipMrkdwn(text, max) });
/** A modal's title, submit or close button: 24 characters. */
export const modalText = (text: string): PlainTextElement => plain(text, 24);

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text, 150) });
export const section = (text: string, accessory?: Button): SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  ...(accessory ? { accessory } : {}),
});
export const fields = (pairs: [string, string][]): SectionBlock => ({
  type: 'section',
  // Slack allows 10 fields of 2000 characters each.
  fields: pairs.slice(0, 10).map(([label, value]) => mrkdwn(`*${label}*\n${value}`, 2000)),
});
export const context = (...texts: string[]): ContextBlock => ({
  type: 'context',
  // Not `texts.map(mrkdwn)`: map's index would become mrkdwn's `max` and cut every text.
  elements: texts.map((text) => mrkdwn(text)),
});
export const divider = (): DividerBlock => ({ type: 'divider' });
export const actions = (blockId: string, ...elements: Button[]): ActionsBlock => ({
  type: 'actions',
  block_id: blockId,
  elements,
});

export interface ButtonOptions {
  actionId: string;
  text: string;
  value?: string;
  /** A link button: Slack opens the URL and still tells the bot who clicked. */
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmationDialog;
}

export const button = ({ actionId, text, value, url, style, confirm }: ButtonOptions): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(text, 75),
  ...(value !== undefined ? { value } : {}),
  ...(url !== undefined ? { url } : {}),
  ...(style ? { style } : {}),
  ...(confirm ? { confirm } : {}),
});

export const confirmation = (
  title: string,
  text: string,
  confirm: string,
  deny: string,
  style?: 'danger',
): ConfirmationDialog => ({
  title: plain(title, 100),
  text: plain(text, 300),
  confirm: plain(confirm, 30),
  deny: plain(deny, 30),
  ...(style ? { style } : {}),
});

export interface TextInputOptions {
  blockId: string;
  /** Default FIELD_ACTION_ID; a new one makes Slack drop what was typed (see forms.ts). */
  actionId?: string;
  label: string;
  hint?: string;
  initialValue?: string;
  placeholder?: string;
  optional?: boolean;
  maxLength?: number;
}

export const textInput = (options: TextInputOptions): InputBlock => ({
  type: 'input',
  block_id: options.blockId,
  label: plain(options.label, 2000),
  optional: options.optional ?? false,
  ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: options.actionId ?? FIELD_ACTION_ID,
    ...(options.initialValue ? { initial_value: options.initialValue } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
    ...(options.maxLength ? { max_length: options.maxLength } : {}),
  },
});

export interface SelectInputOptions {
  blockId: string;
  label: string;
  hint?: string;
  options: { value: string; text: string }[];
  initialValue?: string;
}

export const selectInput = (options: SelectInputOptions): InputBlock => {
  const choices: PlainTextOption[] = options.options.map((o) => ({ value: o.value, text: plain(o.text, 75) }));
  const initial = choices.find((c) => c.value === options.initialValue);
  return {
    type: 'input',
    block_id: options.blockId,
    label: plain(options.label, 2000),
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
    element: {
      type: 'radio_buttons',
      action_id: FIELD_ACTION_ID,
      options: choices,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
};
