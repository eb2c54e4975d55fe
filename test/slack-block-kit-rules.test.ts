/**
 * The stand-in's Block Kit validator, rule by rule: for each limit or shape Slack documents, one
 * payload just inside it passes and one just outside is refused with Slack's words and the JSON
 * pointer of the offending field. Plus the refusals' wire shape and the table's references.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { BLOCKS, COMPOSITION, ELEMENTS, MESSAGE, RICH_TEXT, VIEWS } from '../dev/slack/block-kit/limits';
import { messageRefusal, viewRefusal } from '../dev/slack/block-kit/refusal';
import { issueText, validateMessage, validateView } from '../dev/slack/block-kit/validate';

type Payload = Record<string, unknown>;
const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const modal = (blocks: unknown[], extra: Payload = {}): Payload => ({
  type: 'modal',
  title: plain('Title'),
  close: plain('Close'),
  blocks,
  ...extra,
});
const home = (blocks: unknown[]): Payload => ({ type: 'home', blocks });
const section = (text: string, extra: Payload = {}) => ({ type: 'section', text: md(text), ...extra });
const button = (actionId: string, extra: Payload = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Go'),
  ...extra,
});
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const option = (value: string, text = value) => ({ text: plain(text), value });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`v${i}`));
const input = (element: Payload, extra: Payload = {}) => ({
  type: 'input',
  block_id: 'field',
  label: plain('Label'),
  element,
  ...extra,
});
const form = (...blocks: unknown[]) => modal(blocks, { submit: plain('Send') });
const textInput = (extra: Payload) => ({ type: 'plain_text_input', action_id: 'value', ...extra });

interface Rule {
  name: string;
  /** A view (`/view/...`) or a message's `text` and `blocks` (`/blocks/...`). */
  of: 'view' | 'message';
  valid: Payload;
  invalid: Payload;
  /** Slack's `errors` lines for `invalid`. */
  refused: string[];
}

const RULES: Rule[] = [
  // Text lengths.
  {
    name: 'modal title: 24 characters',
    of: 'view',
    valid: { ...modal([section('a')]), title: plain(x(24)) },
    invalid: { ...modal([section('a')]), title: plain(x(25)) },
    refused: ['must be less than 25 characters [json-pointer:/view/title/text]'],
  },
  {
    name: 'modal submit and close: 24 characters',
    of: 'view',
    valid: modal([section('a')], { submit: plain(x(24)), close: plain(x(24)) }),
    invalid: modal([section('a')], { submit: plain(x(25)), close: plain(x(30)) }),
    refused: [
      'must be less than 25 characters [json-pointer:/view/close/text]',
      'must be less than 25 characters [json-pointer:/view/submit/text]',
    ],
  },
  {
    name: 'characters are counted as Slack counts them (an emoji is one)',
    of: 'view',
    valid: { ...modal([section('a')]), title: plain('🇨🇦'.repeat(12)) },
    invalid: { ...modal([section('a')]), title: plain('é'.repeat(25)) },
    refused: ['must be less than 25 characters [json-pointer:/view/title/text]'],
  },
  {
    name: 'section text: 1 to 3000 characters',
    of: 'message',
    valid: { blocks: [section(x(3000)), section('a')] },
    invalid: { blocks: [section(x(3001)), section('')] },
    refused: [
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      'must be more than 0 characters [json-pointer:/blocks/1/text/text]',
    ],
  },
  {
    name: 'section fields: 10 fields of 2000 characters',
    of: 'message',
    valid: { blocks: [{ type: 'section', fields: [md(x(2000)), ...Array.from({ length: 9 }, () => md('a'))] }] },
    invalid: { blocks: [{ type: 'section', fields: [md(x(2001)), ...Array.from({ length: 10 }, () => md('a'))] }] },
    refused: [
      'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
      'must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]',
    ],
  },
  {
    name: 'header: plain_text of 150 characters',
    of: 'view',
    valid: home([{ type: 'header', text: plain(x(150)) }]),
    invalid: home([{ type: 'header', text: { type: 'mrkdwn', text: x(151) } }]),
    refused: [
      'must be a valid enum value [json-pointer:/view/blocks/0/text/type]',
      'must be less than 151 characters [json-pointer:/view/blocks/0/text/text]',
    ],
  },
  {
    name: 'button: plain_text of 75 characters',
    of: 'message',
    valid: { blocks: [actions(button('a', { text: plain(x(75)) }))] },
    invalid: { blocks: [actions(button('a', { text: md(x(76)) }))] },
    refused: [
      'must be a valid enum value [json-pointer:/blocks/0/elements/0/text/type]',
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ],
  },
  {
    name: 'input label and hint: plain_text of 2000 characters; placeholder 150',
    of: 'view',
    valid: form(input(textInput({ placeholder: plain(x(150)) }), { label: plain(x(2000)), hint: plain(x(2000)) })),
    invalid: form(input(textInput({ placeholder: plain(x(151)) }), { label: plain(x(2001)), hint: md('hint') })),
    refused: [
      'must be less than 2001 characters [json-pointer:/view/blocks/0/label/text]',
      'must be less than 151 characters [json-pointer:/view/blocks/0/element/placeholder/text]',
      'must be a valid enum value [json-pointer:/view/blocks/0/hint/type]',
    ],
  },
  {
    name: 'confirmation dialog: title 100, text 300, buttons 30',
    of: 'message',
    valid: {
      blocks: [
        actions(
          button('a', {
            confirm: { title: plain(x(100)), text: md(x(300)), confirm: plain(x(30)), deny: plain(x(30)) },
          }),
        ),
      ],
    },
    invalid: {
      blocks: [
        actions(
          button('a', {
            confirm: { title: plain(x(101)), text: md(x(301)), confirm: plain(x(31)), deny: plain('No') },
          }),
        ),
      ],
    },
    refused: [
      'must be less than 101 characters [json-pointer:/blocks/0/elements/0/confirm/title/text]',
      'must be less than 301 characters [json-pointer:/blocks/0/elements/0/confirm/text/text]',
      'must be less than 31 characters [json-pointer:/blocks/0/elements/0/confirm/confirm/text]',
    ],
  },
  {
    name: 'option: text 75 (plain_text in a select menu), value 150',
    of: 'view',
    valid: form(input({ type: 'static_select', action_id: 'v', options: [option(x(150), x(75))] })),
    invalid: form(
      input({
        type: 'static_select',
        action_id: 'v',
        options: [{ text: md('bold'), value: x(151) }, option('b', x(76))],
      }),
    ),
    refused: [
      'must be a valid enum value [json-pointer:/view/blocks/0/element/options/0/text/type]',
      'must be less than 151 characters [json-pointer:/view/blocks/0/element/options/0/value]',
      'must be less than 76 characters [json-pointer:/view/blocks/0/element/options/1/text/text]',
    ],
  },
  {
    name: 'radio buttons may use mrkdwn option text',
    of: 'view',
    valid: form(input({ type: 'radio_buttons', action_id: 'v', options: [{ text: md('*bold*'), value: 'b' }] })),
    invalid: form(
      input({
        type: 'radio_buttons',
        action_id: 'v',
        options: [{ text: { type: 'markdown', text: 'b' }, value: 'b' }],
      }),
    ),
    refused: ['must be a valid enum value [json-pointer:/view/blocks/0/element/options/0/text/type]'],
  },
  // Counts.
  {
    name: 'a modal holds 100 blocks',
    of: 'view',
    valid: modal(Array.from({ length: 100 }, () => ({ type: 'divider' }))),
    invalid: modal(Array.from({ length: 101 }, () => ({ type: 'divider' }))),
    refused: ['no more than 100 items allowed [json-pointer:/view/blocks]'],
  },
  {
    name: 'a Home tab holds 100 blocks',
    of: 'view',
    valid: home(Array.from({ length: 100 }, () => ({ type: 'divider' }))),
    invalid: home(Array.from({ length: 101 }, () => ({ type: 'divider' }))),
    refused: ['no more than 100 items allowed [json-pointer:/view/blocks]'],
  },
  {
    name: 'a message holds 50 blocks',
    of: 'message',
    valid: { blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })) },
    invalid: { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
    refused: ['no more than 50 items allowed [json-pointer:/blocks]'],
  },
  {
    name: 'an actions block holds 1 to 25 elements',
    of: 'message',
    valid: { blocks: [actions(...Array.from({ length: 25 }, (_, i) => button(`b${i}`)))] },
    invalid: { blocks: [actions(...Array.from({ length: 26 }, (_, i) => button(`b${i}`))), actions()] },
    refused: [
      'no more than 25 items allowed [json-pointer:/blocks/0/elements]',
      'must provide at least 1 items [json-pointer:/blocks/1/elements]',
    ],
  },
  {
    name: 'a context block holds 10 elements',
    of: 'message',
    valid: { blocks: [{ type: 'context', elements: Array.from({ length: 10 }, () => md('a')) }] },
    invalid: { blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => md('a')) }] },
    refused: ['no more than 10 items allowed [json-pointer:/blocks/0/elements]'],
  },
  {
    name: 'radio buttons: 10 options',
    of: 'view',
    valid: form(input({ type: 'radio_buttons', action_id: 'v', options: options(10) })),
    invalid: form(input({ type: 'radio_buttons', action_id: 'v', options: options(11) })),
    refused: ['no more than 10 items allowed [json-pointer:/view/blocks/0/element/options]'],
  },
  {
    name: 'checkboxes: 10 options',
    of: 'view',
    valid: form(input({ type: 'checkboxes', action_id: 'v', options: options(10) })),
    invalid: form(input({ type: 'checkboxes', action_id: 'v', options: options(11) })),
    refused: ['no more than 10 items allowed [json-pointer:/view/blocks/0/element/options]'],
  },
  {
    name: 'static select: 100 options',
    of: 'view',
    valid: form(input({ type: 'static_select', action_id: 'v', options: options(100) })),
    invalid: form(input({ type: 'static_select', action_id: 'v', options: options(101) })),
    refused: ['no more than 100 items allowed [json-pointer:/view/blocks/0/element/options]'],
  },
  {
    name: 'overflow menu: 5 options',
    of: 'message',
    valid: { blocks: [actions({ type: 'overflow', action_id: 'o', options: options(5) })] },
    invalid: { blocks: [actions({ type: 'overflow', action_id: 'o', options: options(6) })] },
    refused: ['no more than 5 items allowed [json-pointer:/blocks/0/elements/0/options]'],
  },
  // Ids and strings.
  {
    name: 'block_id and action_id: 255 characters',
    of: 'message',
    valid: { blocks: [{ ...actions(button(x(255))), block_id: x(255) }] },
    invalid: { blocks: [{ ...actions(button(x(256))), block_id: x(256) }] },
    refused: [
      'must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
      'must be less than 256 characters [json-pointer:/blocks/0/block_id]',
    ],
  },
  {
    name: 'callback_id 255, private_metadata 3000',
    of: 'view',
    valid: modal([section('a')], { callback_id: x(255), private_metadata: x(3000) }),
    invalid: modal([section('a')], { callback_id: x(256), private_metadata: x(3001) }),
    refused: [
      'must be less than 3001 characters [json-pointer:/view/private_metadata]',
      'must be less than 256 characters [json-pointer:/view/callback_id]',
    ],
  },
  {
    name: 'button value 2000, url 3000, style primary or danger',
    of: 'message',
    valid: { blocks: [actions(button('a', { value: x(2000), url: `https://x.ca/${x(2987)}`, style: 'danger' }))] },
    invalid: { blocks: [actions(button('a', { value: x(2001), url: `https://x.ca/${x(2988)}`, style: 'warning' }))] },
    refused: [
      'must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]',
      'must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
      'must be a valid enum value [json-pointer:/blocks/0/elements/0/style]',
    ],
  },
  {
    name: 'message text: 40000 characters',
    of: 'message',
    valid: { text: x(40_000) },
    invalid: { text: x(40_001) },
    refused: ['must be less than 40001 characters [json-pointer:/text]'],
  },
  // Which element goes in which block, which block on which surface.
  {
    name: 'an actions block takes buttons, not text inputs',
    of: 'message',
    valid: { blocks: [actions(button('a'), { type: 'static_select', action_id: 's', options: options(2) })] },
    invalid: { blocks: [actions(button('a'), textInput({}))] },
    refused: ['unsupported type: plain_text_input [json-pointer:/blocks/0/elements/1/type]'],
  },
  {
    name: 'a section accessory is a button or an image, not a text input',
    of: 'message',
    valid: {
      blocks: [section('a', { accessory: { type: 'image', image_url: 'https://x.ca/i.png', alt_text: 'logo' } })],
    },
    invalid: { blocks: [section('a', { accessory: textInput({}) })] },
    refused: ['unsupported type: plain_text_input [json-pointer:/blocks/0/accessory/type]'],
  },
  {
    name: 'an input block takes inputs and menus, not buttons',
    of: 'view',
    valid: form(input({ type: 'email_text_input', action_id: 'e' })),
    invalid: form(input(button('b'))),
    refused: ['unsupported type: button [json-pointer:/view/blocks/0/element/type]'],
  },
  {
    name: 'a file block goes in messages only',
    of: 'view',
    valid: modal([section('a')]),
    invalid: modal([{ type: 'file', external_id: 'f1', source: 'remote' }]),
    refused: ['unsupported type: file [json-pointer:/view/blocks/0/type]'],
  },
  {
    name: 'unknown block types are refused',
    of: 'message',
    valid: { blocks: [{ type: 'file', external_id: 'f1', source: 'remote' }] },
    invalid: { blocks: [{ type: 'data_visualization' }] },
    refused: ['unsupported type: data_visualization [json-pointer:/blocks/0/type]'],
  },
  {
    name: 'rich text: sections, lists and preformatted text of inline elements',
    of: 'message',
    valid: {
      blocks: [
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: '1234-5678-9012' }] },
            {
              type: 'rich_text_list',
              style: 'bullet',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'emoji', name: 'wave' }] }],
            },
          ],
        },
      ],
    },
    invalid: {
      blocks: [
        {
          type: 'rich_text',
          elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text' }, { type: 'button' }] }],
        },
      ],
    },
    refused: [
      'missing required field: text [json-pointer:/blocks/0/elements/0/elements/0]',
      'unsupported type: button [json-pointer:/blocks/0/elements/0/elements/1/type]',
    ],
  },
  // Shapes.
  {
    name: 'required fields, unknown fields, and a section needs text or fields',
    of: 'message',
    valid: { blocks: [section('a', { block_id: 'b', expand: true })] },
    invalid: { blocks: [{ type: 'section', emoji: true }, { type: 'header' }] },
    refused: [
      'invalid additional property: emoji [json-pointer:/blocks/0]',
      'must define either `text` or `fields` [json-pointer:/blocks/0]',
      'missing required field: text [json-pointer:/blocks/1]',
    ],
  },
  {
    name: 'field types: strings, booleans, objects',
    of: 'view',
    valid: form(input(textInput({}), { optional: true })),
    invalid: form(input(textInput({}), { optional: 'yes', block_id: 7, label: 'Label' })),
    refused: [
      'must provide a string [json-pointer:/view/blocks/0/block_id]',
      'must provide an object [json-pointer:/view/blocks/0/label]',
      'must provide a boolean [json-pointer:/view/blocks/0/optional]',
    ],
  },
  {
    name: 'a modal with inputs needs `submit`',
    of: 'view',
    valid: form(section('a'), input(textInput({}))),
    invalid: modal([section('a'), input(textInput({}))]),
    refused: ['must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/1/input]'],
  },
  {
    name: 'text input: min_length 0-3000, max_length 1-3000, min ≤ max',
    of: 'view',
    valid: form(input(textInput({ min_length: 0, max_length: 3000 }))),
    invalid: form(input(textInput({ min_length: 10, max_length: 5 })), {
      ...input(textInput({ max_length: 3001 })),
      block_id: 'other',
    }),
    refused: [
      'must be less than or equal to `max_length` [json-pointer:/view/blocks/0/element/min_length]',
      'must be less than or equal to 3000 [json-pointer:/view/blocks/1/element/max_length]',
    ],
  },
  {
    name: 'text input: the initial value fits max_length',
    of: 'view',
    valid: form(input(textInput({ max_length: 5, initial_value: '😀abcd' }))),
    invalid: form(input(textInput({ max_length: 5, initial_value: 'abcdef' }))),
    refused: ['must be less than 6 characters [json-pointer:/view/blocks/0/element/initial_value]'],
  },
  {
    name: 'radio buttons and select menus: the initial option is one of the options',
    of: 'view',
    valid: form(input({ type: 'radio_buttons', action_id: 'r', options: options(3), initial_option: option('v1') })),
    invalid: form(
      input({
        type: 'radio_buttons',
        action_id: 'r',
        options: options(3),
        initial_option: option('v1', 'another text'),
      }),
      {
        ...input({ type: 'static_select', action_id: 's', options: options(3), initial_option: option('v9') }),
        block_id: 'menu',
      },
    ),
    refused: [
      'must exactly match one of the provided `options` [json-pointer:/view/blocks/0/element/initial_option]',
      'must exactly match one of the provided `options` [json-pointer:/view/blocks/1/element/initial_option]',
    ],
  },
  {
    name: 'checkboxes: each initial option is one of the options',
    of: 'view',
    valid: form(
      input({ type: 'checkboxes', action_id: 'c', options: options(3), initial_options: [option('v0'), option('v2')] }),
    ),
    invalid: form(
      input({ type: 'checkboxes', action_id: 'c', options: options(3), initial_options: [option('v0'), option('v3')] }),
    ),
    refused: [
      'must exactly match one of the provided `options` [json-pointer:/view/blocks/0/element/initial_options/1]',
    ],
  },
  {
    name: 'block_id is unique in a view',
    of: 'view',
    valid: form(input(textInput({}), { block_id: 'a' }), input(textInput({}), { block_id: 'b' })),
    invalid: form(input(textInput({}), { block_id: 'a' }), input(textInput({}), { block_id: 'a' })),
    refused: ['`block_id` "a" already exists [json-pointer:/view/blocks/1/block_id]'],
  },
  {
    name: 'block_id is unique in a message',
    of: 'message',
    valid: { blocks: [section('a', { block_id: 'x' }), section('b', { block_id: 'y' })] },
    invalid: { blocks: [section('a', { block_id: 'x' }), section('b', { block_id: 'x' })] },
    refused: ['`block_id` "x" already exists [json-pointer:/blocks/1/block_id]'],
  },
  {
    name: 'action_id is unique in its block (the same action_id in two blocks is fine)',
    of: 'message',
    valid: { blocks: [actions(button('go')), actions(button('go'))] },
    invalid: { blocks: [actions(button('go'), button('go'))] },
    refused: ['`action_id` "go" already exists [json-pointer:/blocks/0/elements/1/action_id]'],
  },
];

const check = (rule: Rule, payload: Payload) =>
  (rule.of === 'view' ? validateView(payload) : validateMessage(payload)).map(issueText);

describe('Block Kit limits, as the stand-in checks them', () => {
  for (const rule of RULES) {
    test(rule.name, () => {
      assert.deepEqual(check(rule, rule.valid), [], 'the payload inside the limit passes');
      // Slack lists every problem; the order follows the payload, not asserted here.
      assert.deepEqual(check(rule, rule.invalid).sort(), [...rule.refused].sort());
    });
  }

  test('each problem names the reference page of the rule it breaks', () => {
    const [issue] = validateView({ ...modal([section('a')]), title: plain(x(25)) });
    assert.equal(issue?.ref, 'https://docs.slack.dev/reference/views/modal-views');
    const [inSection] = validateMessage({ blocks: [section('')] });
    assert.equal(inSection?.ref, 'https://docs.slack.dev/reference/block-kit/composition-objects/text-object');
  });
});

describe("Slack's refusals", () => {
  test('a view: invalid_arguments, each problem in response_metadata.messages', () => {
    assert.equal(viewRefusal(modal([section('a')])), undefined);
    assert.deepEqual(viewRefusal({ ...modal([section('')]), title: plain(x(30)) }), {
      ok: false,
      error: 'invalid_arguments',
      response_metadata: {
        messages: [
          '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
          '[ERROR] must be more than 0 characters [json-pointer:/view/blocks/0/text/text]',
        ],
      },
    });
    assert.deepEqual(viewRefusal({ type: 'dialog', blocks: [] }), {
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] must be a valid enum value [json-pointer:/view/type]'] },
    });
  });

  test('message blocks: invalid_blocks, with errors and response_metadata.messages', () => {
    assert.equal(messageRefusal({ text: 'hi', blocks: [section('a')] }), undefined);
    assert.deepEqual(messageRefusal({ text: 'hi', blocks: [section(x(3001))] }), {
      ok: false,
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      response_metadata: { messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] },
    });
  });

  test('message text alone over the limit: msg_too_long', () => {
    assert.deepEqual(messageRefusal({ text: x(40_001) }), { ok: false, error: 'msg_too_long' });
  });
});

describe('the table of limits', () => {
  test("every entry names the page of Slack's reference that documents it", () => {
    const entries: [string, { ref: string }][] = [
      ...Object.entries(BLOCKS),
      ...Object.entries(ELEMENTS),
      ...Object.entries(COMPOSITION),
      ...Object.entries(RICH_TEXT),
      ...Object.entries(VIEWS),
      ['message', MESSAGE],
      ['message text', MESSAGE.maxText],
    ];
    assert.ok(entries.length > 30);
    for (const [name, entry] of entries) assert.match(entry.ref, /^https:\/\/docs\.slack\.dev\/reference\/[a-z]/, name);
  });

  test('the blocks, elements and composition objects the brief of Block Kit names are all covered', () => {
    for (const block of ['section', 'header', 'context', 'actions', 'input', 'divider', 'rich_text', 'image'])
      assert.ok(block in BLOCKS, block);
    for (const element of [
      'button',
      'static_select',
      'plain_text_input',
      'email_text_input',
      'number_input',
      'radio_buttons',
      'checkboxes',
      'datepicker',
      'overflow',
      'url_text_input',
    ]) {
      assert.ok(element in ELEMENTS, element);
    }
    for (const object of ['plain_text', 'mrkdwn', 'menu_option', 'choice_option', 'confirm'])
      assert.ok(object in COMPOSITION, object);
  });
});
