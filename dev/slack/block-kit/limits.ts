/**
 * Block Kit's documented limits and shapes, as one table: each surface, block, block element and
 * composition object the stand-in accepts, its fields with their lengths, counts and types, which
 * elements each block takes and which blocks each surface takes, with the page of Slack's
 * reference that documents it beside it. The validator (validate.ts) knows nothing else: a limit
 * is changed here, with its reference, or nowhere. (Hence its length: about 480 lines of table.)
 *
 * Lengths count characters (Unicode code points). A type not listed here is refused as
 * `unsupported type`, as Slack refuses a type it does not know: widen the table, with its
 * reference, before the bot uses a new block or element.
 */

const DOCS = 'https://docs.slack.dev/reference';

export type Surface = 'modal' | 'home' | 'message';
const EVERY_SURFACE: readonly Surface[] = ['modal', 'home', 'message'];

export type TextType = 'plain_text' | 'mrkdwn';
const PLAIN: readonly TextType[] = ['plain_text'];
const ANY_TEXT: readonly TextType[] = ['plain_text', 'mrkdwn'];

/** What one field of an object must be. */
export type FieldSpec = (
  | { is: 'string'; min?: number; max?: number; oneOf?: readonly string[]; pattern?: { regex: RegExp; name: string } }
  | { is: 'integer'; min?: number; max?: number }
  | { is: 'boolean' }
  /** A text object of one of `types`, its `text` at most `max` characters (and never over the text object's own limit). */
  | { is: 'text'; types: readonly TextType[]; max: number }
  /** A composition object of the COMPOSITION table. */
  | { is: 'object'; kind: CompositionKind }
  /** An object whose `type` is one of `allowed` (block elements, text objects, rich text elements). */
  | { is: 'element'; allowed: readonly string[] }
  /** A block allowed on the surface being checked. */
  | { is: 'block' }
  | { is: 'array'; of: FieldSpec; min?: number; max?: number }
  /** Any JSON object (rich text styles): shape not checked. */
  | { is: 'json' }
) & { required?: boolean };

/** An object (block, element, composition object) and its rules. */
export interface ObjectRule {
  /** The page of Slack's reference that documents these limits. */
  ref: string;
  fields: Readonly<Record<string, FieldSpec>>;
  /** At least one of these fields must be given ("must define either `text` or `fields`"). */
  eitherOf?: readonly [string, string];
  /** `initial_option` / `initial_options` must each exactly match one of `options` (or of `option_groups`). */
  initialAmongOptions?: boolean;
  /** `min_length` ≤ `max_length`, and `initial_value` fits within them. */
  lengthBounds?: boolean;
  /** Fields other than those listed are accepted (inline rich text elements Slack keeps adding to). */
  open?: boolean;
}

export interface BlockRule extends ObjectRule {
  surfaces: readonly Surface[];
}

// -- Field specs, written as the reference words them. -----------------------------------------

const str = (max?: number, extra: Partial<Extract<FieldSpec, { is: 'string' }>> = {}): FieldSpec => ({
  is: 'string',
  ...(max !== undefined ? { max } : {}),
  ...extra,
});
const bool = (): FieldSpec => ({ is: 'boolean' });
const int = (min: number, max: number): FieldSpec => ({ is: 'integer', min, max });
const text = (types: readonly TextType[], max: number): FieldSpec => ({ is: 'text', types, max });
const object = (kind: CompositionKind): FieldSpec => ({ is: 'object', kind });
const element = (allowed: readonly string[]): FieldSpec => ({ is: 'element', allowed });
const array = (of: FieldSpec, bounds: { min?: number; max?: number } = {}): FieldSpec => ({
  is: 'array',
  of,
  ...bounds,
});
const required = (spec: FieldSpec): FieldSpec => ({ ...spec, required: true });
const oneOf = (...values: string[]): FieldSpec => ({ is: 'string', oneOf: values });

/** Every block: "Maximum length for this field is 255 characters." */
const BLOCK_ID = str(255, { min: 1 });
/** Every interactive element: "Maximum length is 255 characters." */
const ACTION_ID = str(255, { min: 1 });
/** Every element's placeholder: a plain_text object, "Maximum length for the text in this field is 150 characters." */
const PLACEHOLDER = text(PLAIN, 150);
const STYLE = oneOf('primary', 'danger');

// -- Composition objects. ----------------------------------------------------------------------

export type CompositionKind =
  'plain_text' | 'mrkdwn' | 'menu_option' | 'choice_option' | 'option_group' | 'confirm' | 'dispatch_action_config';

/** A text object's text: "The minimum length is 1 and maximum length is 3000 characters." */
export const TEXT_OBJECT_MAX = 3000;

export const COMPOSITION = {
  plain_text: {
    ref: `${DOCS}/block-kit/composition-objects/text-object`,
    fields: { type: required(str()), text: required(str(TEXT_OBJECT_MAX, { min: 1 })), emoji: bool() },
  },
  mrkdwn: {
    ref: `${DOCS}/block-kit/composition-objects/text-object`,
    fields: { type: required(str()), text: required(str(TEXT_OBJECT_MAX, { min: 1 })), verbatim: bool() },
  },
  /** An option of a select menu or an overflow menu: plain_text only, text 75, value 150, description 75, url 3000 (overflow). */
  menu_option: {
    ref: `${DOCS}/block-kit/composition-objects/option-object`,
    fields: {
      text: required(text(PLAIN, 75)),
      value: required(str(150)),
      description: text(PLAIN, 75),
      url: str(3000),
    },
  },
  /** An option of radio buttons or checkboxes: "radio buttons and checkboxes can use mrkdwn text objects". */
  choice_option: {
    ref: `${DOCS}/block-kit/composition-objects/option-object`,
    fields: { text: required(text(ANY_TEXT, 75)), value: required(str(150)), description: text(ANY_TEXT, 75) },
  },
  /** "An option_groups array can have a maximum number of 100 option groups with a maximum of 100 options." */
  option_group: {
    ref: `${DOCS}/block-kit/composition-objects/option-group-object`,
    fields: { label: required(text(PLAIN, 75)), options: required(array(object('menu_option'), { min: 1, max: 100 })) },
  },
  /** Title 100 (plain_text), text 300, confirm and deny 30 (plain_text). */
  confirm: {
    ref: `${DOCS}/block-kit/composition-objects/confirmation-dialog-object`,
    fields: {
      title: required(text(PLAIN, 100)),
      text: required(text(ANY_TEXT, 300)),
      confirm: required(text(PLAIN, 30)),
      deny: required(text(PLAIN, 30)),
      style: STYLE,
    },
  },
  dispatch_action_config: {
    ref: `${DOCS}/block-kit/composition-objects/dispatch-action-configuration-object`,
    fields: { trigger_actions_on: array(oneOf('on_enter_pressed', 'on_character_entered'), { min: 1, max: 2 }) },
  },
} as const satisfies Record<CompositionKind, ObjectRule>;

// -- Block elements. ---------------------------------------------------------------------------

const ELEMENT = `${DOCS}/block-kit/block-elements`;

/** The fields the e-mail and URL inputs share (the documented ones; a plain-text input adds its lengths). */
const TEXT_LIKE_INPUT_FIELDS = {
  type: required(str()),
  action_id: ACTION_ID,
  initial_value: str(),
  dispatch_action_config: object('dispatch_action_config'),
  focus_on_load: bool(),
  placeholder: PLACEHOLDER,
};

export const ELEMENTS = {
  /** Text 75 (plain_text), action_id 255, url 3000, value 2000, accessibility_label 75. */
  button: {
    ref: `${ELEMENT}/button-element`,
    fields: {
      type: required(str()),
      text: required(text(PLAIN, 75)),
      action_id: ACTION_ID,
      url: str(3000),
      value: str(2000),
      style: STYLE,
      confirm: object('confirm'),
      accessibility_label: str(75),
    },
  },
  /** "A maximum of 10 options are allowed." */
  checkboxes: {
    ref: `${ELEMENT}/checkboxes-element`,
    fields: {
      type: required(str()),
      action_id: ACTION_ID,
      options: required(array(object('choice_option'), { min: 1, max: 10 })),
      initial_options: array(object('choice_option'), { max: 10 }),
      confirm: object('confirm'),
      focus_on_load: bool(),
    },
    initialAmongOptions: true,
  },
  datepicker: {
    ref: `${ELEMENT}/date-picker-element`,
    fields: {
      type: required(str()),
      action_id: ACTION_ID,
      initial_date: str(undefined, { pattern: { regex: /^\d{4}-\d{2}-\d{2}$/, name: 'YYYY-MM-DD' } }),
      confirm: object('confirm'),
      focus_on_load: bool(),
      placeholder: PLACEHOLDER,
    },
  },
  email_text_input: {
    ref: `${ELEMENT}/email-input-element`,
    fields: TEXT_LIKE_INPUT_FIELDS,
  },
  /** In context blocks and section accessories: image_url 3000, alt_text. */
  image: {
    ref: `${ELEMENT}/image-element`,
    fields: { type: required(str()), image_url: str(3000), slack_file: { is: 'json' }, alt_text: required(str()) },
    eitherOf: ['image_url', 'slack_file'],
  },
  number_input: {
    ref: `${ELEMENT}/number-input-element`,
    fields: {
      type: required(str()),
      is_decimal_allowed: required(bool()),
      action_id: ACTION_ID,
      initial_value: str(),
      min_value: str(),
      max_value: str(),
      dispatch_action_config: object('dispatch_action_config'),
      focus_on_load: bool(),
      placeholder: PLACEHOLDER,
    },
  },
  /** "An array of up to five option objects." */
  overflow: {
    ref: `${ELEMENT}/overflow-menu-element`,
    fields: {
      type: required(str()),
      action_id: ACTION_ID,
      options: required(array(object('menu_option'), { min: 1, max: 5 })),
      confirm: object('confirm'),
    },
  },
  /** min_length 0–3000, max_length 1–3000. */
  plain_text_input: {
    ref: `${ELEMENT}/plain-text-input-element`,
    fields: {
      type: required(str()),
      action_id: ACTION_ID,
      initial_value: str(),
      multiline: bool(),
      min_length: int(0, 3000),
      max_length: int(1, 3000),
      dispatch_action_config: object('dispatch_action_config'),
      focus_on_load: bool(),
      placeholder: PLACEHOLDER,
    },
    lengthBounds: true,
  },
  /** "A maximum of 10 options are allowed."; initial_option "exactly matches one of the options". */
  radio_buttons: {
    ref: `${ELEMENT}/radio-button-group-element`,
    fields: {
      type: required(str()),
      action_id: ACTION_ID,
      options: required(array(object('choice_option'), { min: 1, max: 10 })),
      initial_option: object('choice_option'),
      confirm: object('confirm'),
      focus_on_load: bool(),
    },
    initialAmongOptions: true,
  },
  /** "Maximum number of options is 100"; option_groups 100. */
  static_select: {
    ref: `${ELEMENT}/select-menu-element#static_select`,
    fields: {
      type: required(str()),
      action_id: ACTION_ID,
      options: array(object('menu_option'), { min: 1, max: 100 }),
      option_groups: array(object('option_group'), { min: 1, max: 100 }),
      initial_option: object('menu_option'),
      confirm: object('confirm'),
      focus_on_load: bool(),
      placeholder: PLACEHOLDER,
    },
    eitherOf: ['options', 'option_groups'],
    initialAmongOptions: true,
  },
  url_text_input: {
    ref: `${ELEMENT}/url-input-element`,
    fields: TEXT_LIKE_INPUT_FIELDS,
  },
} as const satisfies Record<string, ObjectRule>;
export type ElementType = keyof typeof ELEMENTS;

// -- Rich text (the rich_text block's sub-elements and their inline elements). -----------------

const RICH_INLINE = [
  'text',
  'link',
  'emoji',
  'user',
  'channel',
  'usergroup',
  'team',
  'broadcast',
  'date',
  'color',
] as const;
const inlineElements = () => required(array(element(RICH_INLINE)));

export const RICH_TEXT = {
  rich_text_section: {
    ref: `${ELEMENT}/rich-text-section-element`,
    fields: { type: required(str()), elements: inlineElements() },
  },
  rich_text_list: {
    ref: `${ELEMENT}/rich-text-list-element`,
    fields: {
      type: required(str()),
      style: required(oneOf('bullet', 'ordered')),
      elements: required(array(element(['rich_text_section']))),
      indent: int(0, 8),
      offset: int(0, Number.MAX_SAFE_INTEGER),
      border: int(0, 1),
    },
  },
  rich_text_preformatted: {
    ref: `${ELEMENT}/rich-text-preformatted-element`,
    fields: { type: required(str()), elements: inlineElements(), border: int(0, 1) },
  },
  rich_text_quote: {
    ref: `${ELEMENT}/rich-text-quote-element`,
    fields: { type: required(str()), elements: inlineElements(), border: int(0, 1) },
  },
  text: {
    ref: `${ELEMENT}/rich-text-section-element`,
    fields: { type: required(str()), text: required(str()), style: { is: 'json' } },
  },
  link: {
    ref: `${ELEMENT}/rich-text-section-element`,
    fields: { type: required(str()), url: required(str()), text: str(), unsafe: bool(), style: { is: 'json' } },
  },
  ...Object.fromEntries(
    RICH_INLINE.filter((type) => type !== 'text' && type !== 'link').map((type) => [
      type,
      { ref: `${ELEMENT}/rich-text-section-element`, fields: { type: required(str()) }, open: true },
    ]),
  ),
} as const satisfies Record<string, ObjectRule>;

// -- Blocks, and where each element may go. ----------------------------------------------------

const BLOCK = `${DOCS}/block-kit/blocks`;

/** The elements each element's page says "works with" the actions block. */
const ACTIONS_ELEMENTS: readonly ElementType[] = [
  'button',
  'checkboxes',
  'datepicker',
  'overflow',
  'radio_buttons',
  'static_select',
];
/** ... as a section's accessory. */
const SECTION_ACCESSORIES: readonly ElementType[] = [
  'button',
  'checkboxes',
  'datepicker',
  'image',
  'overflow',
  'radio_buttons',
  'static_select',
];
/** ... in an input block. */
const INPUT_ELEMENTS: readonly ElementType[] = [
  'checkboxes',
  'datepicker',
  'email_text_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'static_select',
  'url_text_input',
];

export const BLOCKS = {
  /** "There is a maximum of 25 elements in each action block." */
  actions: {
    ref: `${BLOCK}/actions-block`,
    surfaces: EVERY_SURFACE,
    fields: {
      type: required(str()),
      block_id: BLOCK_ID,
      elements: required(array(element(ACTIONS_ELEMENTS), { min: 1, max: 25 })),
    },
  },
  /** "An array of image elements and text objects. Maximum number of items is 10." */
  context: {
    ref: `${BLOCK}/context-block`,
    surfaces: EVERY_SURFACE,
    fields: {
      type: required(str()),
      block_id: BLOCK_ID,
      elements: required(array(element(['image', 'plain_text', 'mrkdwn']), { min: 1, max: 10 })),
    },
  },
  divider: {
    ref: `${BLOCK}/divider-block`,
    surfaces: EVERY_SURFACE,
    fields: { type: required(str()), block_id: BLOCK_ID },
  },
  /** "in the form of a plain_text text object. Maximum length for the text in this field is 150 characters." */
  header: {
    ref: `${BLOCK}/header-block`,
    surfaces: EVERY_SURFACE,
    fields: { type: required(str()), block_id: BLOCK_ID, text: required(text(PLAIN, 150)) },
  },
  /** image_url 3000, alt_text 2000, title 2000 (plain_text). */
  image: {
    ref: `${BLOCK}/image-block`,
    surfaces: EVERY_SURFACE,
    fields: {
      type: required(str()),
      block_id: BLOCK_ID,
      image_url: str(3000),
      slack_file: { is: 'json' },
      alt_text: required(str(2000)),
      title: text(PLAIN, 2000),
    },
    eitherOf: ['image_url', 'slack_file'],
  },
  /** Label and hint: plain_text, 2000 characters. */
  input: {
    ref: `${BLOCK}/input-block`,
    surfaces: EVERY_SURFACE,
    fields: {
      type: required(str()),
      block_id: BLOCK_ID,
      label: required(text(PLAIN, 2000)),
      element: required(element(INPUT_ELEMENTS)),
      dispatch_action: bool(),
      hint: text(PLAIN, 2000),
      optional: bool(),
    },
  },
  rich_text: {
    ref: `${BLOCK}/rich-text-block`,
    surfaces: EVERY_SURFACE,
    fields: {
      type: required(str()),
      block_id: BLOCK_ID,
      elements: required(
        array(element(['rich_text_section', 'rich_text_list', 'rich_text_preformatted', 'rich_text_quote'])),
      ),
    },
  },
  /** Remote files: "Available in surfaces: Messages". */
  file: {
    ref: `${BLOCK}/file-block`,
    surfaces: ['message'] as readonly Surface[],
    fields: {
      type: required(str()),
      block_id: BLOCK_ID,
      external_id: required(str()),
      source: required(oneOf('remote')),
    },
  },
  /** Text 1–3000; fields: "Maximum number of items is 10. Maximum length for the text in each item is 2000 characters." */
  section: {
    ref: `${BLOCK}/section-block`,
    surfaces: EVERY_SURFACE,
    fields: {
      type: required(str()),
      block_id: BLOCK_ID,
      text: text(ANY_TEXT, 3000),
      fields: array(text(ANY_TEXT, 2000), { min: 1, max: 10 }),
      accessory: element(SECTION_ACCESSORIES),
      expand: bool(),
    },
    eitherOf: ['text', 'fields'],
  },
} as const satisfies Record<string, BlockRule>;
export type BlockType = keyof typeof BLOCKS;

// -- Surfaces. ---------------------------------------------------------------------------------

export const VIEWS = {
  /** Title, close and submit: plain_text, 24 characters; 100 blocks; private_metadata 3000; callback_id 255. */
  modal: {
    ref: `${DOCS}/views/modal-views`,
    fields: {
      type: required(str()),
      title: required(text(PLAIN, 24)),
      blocks: required(array({ is: 'block' }, { max: 100 })),
      close: text(PLAIN, 24),
      submit: text(PLAIN, 24),
      private_metadata: str(3000),
      callback_id: str(255),
      clear_on_close: bool(),
      notify_on_close: bool(),
      external_id: str(),
      submit_disabled: bool(),
    },
    /** "submit is required when an input block is within the blocks array." */
    submitWithInputs: true,
  },
  /** 100 blocks; private_metadata 3000; callback_id 255. */
  home: {
    ref: `${DOCS}/views/home-tab-views`,
    fields: {
      type: required(str()),
      blocks: required(array({ is: 'block' }, { max: 100 })),
      private_metadata: str(3000),
      callback_id: str(255),
      external_id: str(),
    },
    submitWithInputs: false,
  },
} as const satisfies Record<'modal' | 'home', ObjectRule & { submitWithInputs: boolean }>;

/** A message (chat.postMessage, chat.update, response_url): "up to 50 blocks in each message". */
export const MESSAGE = {
  ref: BLOCK,
  maxBlocks: 50,
  /** Slack refuses longer message text (`msg_too_long`). */
  maxText: { max: 40_000, ref: `${DOCS}/methods/chat.postMessage` },
} as const;
