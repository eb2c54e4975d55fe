/**
 * Small typed builders for the Block Kit elements the bot uses, so views read as what they show.
 * Slack's limits that bite are enforced here (header 150, button 75, title 24 characters).
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
import { FIELD_ACTION_ID } from '../ids';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const plain = (text: string, max = 3000): PlainTextElement => ({ type: 'plain_text', text: clip(text, max), emoji: true });
/** Clipped before any `<…>` or `&…;` the cut would halve (escaped user text is full of them). */
function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const open = text.lastIndexOf('<', cut - 1);
  if (open > text.lastIndexOf('>', cut - 1)) cut = open;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  return `${text.slice(0, cut)}…`;
}

export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text: clipMrkdwn(text, 3000) });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text, 150) });
export const section = (text: string, accessory?: Button): SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  ...(accessory ? { accessory } : {}),
});
export const fields = (pairs: [string, string][]): SectionBlock => ({
  type: 'section',
  fields: pairs.map(([label, value]) => mrkdwn(`*${label}*\n${value}`)),
});
export const context = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map(mrkdwn) });
export const divider = (): DividerBlock => ({ type: 'divider' });
export const actions = (blockId: string, ...elements: Button[]): ActionsBlock => ({ type: 'actions', block_id: blockId, elements });

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

export const confirmation = (title: string, text: string, confirm: string, deny: string, style?: 'danger'): ConfirmationDialog => ({
  title: plain(title, 100),
  text: plain(text, 300),
  confirm: plain(confirm, 30),
  deny: plain(deny, 30),
  ...(style ? { style } : {}),
});

export interface TextInputOptions {
  blockId: string;
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
    action_id: FIELD_ACTION_ID,
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
    element: { type: 'radio_buttons', action_id: FIELD_ACTION_ID, options: choices, ...(initial ? { initial_option: initial } : {}) },
  };
};
