/**
 * Checks a view or a message against Block Kit's limits (limits.ts) the way Slack's API does, and
 * words each problem as Slack does: `must be less than 25 characters [json-pointer:/view/title/text]`.
 * Slack's wording is used where it is known from its responses (lengths, counts, required and
 * unknown fields, types, enums, duplicate ids, `submit` with inputs); the few rules whose wording
 * Slack does not show are phrased the same way (`initial_option`, `min_length`).
 */
import {
  BLOCKS,
  COMPOSITION,
  ELEMENTS,
  MESSAGE,
  RICH_TEXT,
  TEXT_OBJECT_MAX,
  VIEWS,
  type FieldSpec,
  type ObjectRule,
  type Surface,
  type TextType,
} from './limits';

export interface BlockKitIssue {
  /** Slack's words, e.g. `must be less than 25 characters`. */
  message: string;
  /** JSON pointer into the request, e.g. `/view/title/text`. */
  pointer: string;
  /** The reference page of the rule broken. */
  ref: string;
}

/** `message [json-pointer:/view/title/text]`, as in Slack's `errors`. */
export const issueText = (issue: BlockKitIssue): string => `${issue.message} [json-pointer:${issue.pointer}]`;
/** `[ERROR] message [json-pointer:...]`, as in Slack's `response_metadata.messages`. */
export const issueLine = (issue: BlockKitIssue): string => `[ERROR] ${issueText(issue)}`;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Characters as Slack counts them: code points, so an emoji is one, not two UTF-16 units. */
const length = (text: string): number => [...text].length;

const TEXT_TYPES: readonly string[] = ['plain_text', 'mrkdwn'] satisfies TextType[];

/** The rule for an object by its `type`: block elements, text objects, rich text elements. */
function ruleOfType(type: string): ObjectRule | undefined {
  const tables: Record<string, ObjectRule>[] = [ELEMENTS, RICH_TEXT];
  for (const table of tables) if (Object.hasOwn(table, type)) return table[type];
  return TEXT_TYPES.includes(type) ? COMPOSITION[type as TextType] : undefined;
}

class Checker {
  readonly issues: BlockKitIssue[] = [];
  constructor(private readonly surface: Surface) {}

  add(message: string, pointer: string, ref: string): void {
    this.issues.push({ message, pointer, ref });
  }

  object(rule: ObjectRule, value: unknown, at: string): value is Json {
    if (!isObject(value)) {
      this.add('must provide an object', at, rule.ref);
      return false;
    }
    for (const [name, spec] of Object.entries(rule.fields)) {
      if (spec.required && value[name] === undefined) this.add(`missing required field: ${name}`, at, rule.ref);
    }
    for (const [name, field] of Object.entries(value)) {
      const spec = rule.fields[name];
      if (!spec) {
        if (!rule.open) this.add(`invalid additional property: ${name}`, at, rule.ref);
      } else if (field !== undefined) {
        this.field(spec, field, `${at}/${name}`, rule.ref);
      }
    }
    if (rule.eitherOf && rule.eitherOf.every((name) => value[name] === undefined)) {
      const [a, b] = rule.eitherOf;
      this.add(`must define either \`${a}\` or \`${b}\``, at, rule.ref);
    }
    if (rule.initialAmongOptions) this.initialAmongOptions(value, at, rule.ref);
    if (rule.lengthBounds) this.lengthBounds(value, at, rule.ref);
    return true;
  }

  field(spec: FieldSpec, value: unknown, at: string, ref: string): void {
    switch (spec.is) {
      case 'string':
        return this.string(spec, value, at, ref);
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return this.add('must provide an integer', at, ref);
        if (spec.min !== undefined && value < spec.min)
          this.add(`must be greater than or equal to ${spec.min}`, at, ref);
        if (spec.max !== undefined && value > spec.max) this.add(`must be less than or equal to ${spec.max}`, at, ref);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.add('must provide a boolean', at, ref);
        return;
      case 'text':
        return this.text(spec.types, spec.max, value, at, ref);
      case 'object':
        this.object(COMPOSITION[spec.kind], value, at);
        return;
      case 'element':
        return this.element(spec.allowed, value, at, ref);
      case 'block':
        return this.block(value, at);
      case 'array':
        return this.array(spec, value, at, ref);
      case 'json':
        if (!isObject(value)) this.add('must provide an object', at, ref);
        return;
    }
  }

  private string(spec: Extract<FieldSpec, { is: 'string' }>, value: unknown, at: string, ref: string): void {
    if (typeof value !== 'string') return this.add('must provide a string', at, ref);
    const chars = length(value);
    if (spec.max !== undefined && chars > spec.max) this.add(`must be less than ${spec.max + 1} characters`, at, ref);
    if (spec.min !== undefined && chars < spec.min) this.add(`must be more than ${spec.min - 1} characters`, at, ref);
    if (spec.oneOf && !spec.oneOf.includes(value)) this.add('must be a valid enum value', at, ref);
    if (spec.pattern && !spec.pattern.regex.test(value))
      this.add(`must match the format ${spec.pattern.name}`, at, ref);
  }

  /**
   * A text object of a type the place allows, its text within the place's limit (and the text
   * object's own); a problem the place causes cites the place's reference (`placeRef`).
   */
  private text(types: readonly TextType[], max: number, value: unknown, at: string, placeRef: string): void {
    const type = isObject(value) ? value.type : undefined;
    const base = COMPOSITION[typeof type === 'string' && TEXT_TYPES.includes(type) ? (type as TextType) : 'plain_text'];
    if (isObject(value) && !types.includes(type as TextType))
      this.add('must be a valid enum value', `${at}/type`, placeRef);
    const textField: FieldSpec = { is: 'string', min: 1, max: Math.min(max, TEXT_OBJECT_MAX), required: true };
    const rule: ObjectRule = {
      ...base,
      ref: max < TEXT_OBJECT_MAX ? placeRef : base.ref,
      fields: { ...base.fields, text: textField },
    };
    this.object(rule, value, at);
  }

  private element(allowed: readonly string[], value: unknown, at: string, ref: string): void {
    if (!isObject(value)) return this.add('must provide an object', at, ref);
    const type = value.type;
    if (typeof type !== 'string') return this.add('missing required field: type', at, ref);
    const rule = allowed.includes(type) ? ruleOfType(type) : undefined;
    if (!rule) return this.add(`unsupported type: ${type}`, `${at}/type`, ref);
    this.object(rule, value, at);
  }

  block(value: unknown, at: string): void {
    if (!isObject(value)) return this.add('must provide an object', at, MESSAGE.ref);
    const type = value.type;
    if (typeof type !== 'string') return this.add('missing required field: type', at, MESSAGE.ref);
    const rule = Object.hasOwn(BLOCKS, type) ? BLOCKS[type as keyof typeof BLOCKS] : undefined;
    if (!rule || !rule.surfaces.includes(this.surface))
      return this.add(`unsupported type: ${type}`, `${at}/type`, MESSAGE.ref);
    if (this.object(rule, value, at)) this.uniqueActionIds(value, at, rule.ref);
  }

  private array(spec: Extract<FieldSpec, { is: 'array' }>, value: unknown, at: string, ref: string): void {
    if (!Array.isArray(value)) return this.add('must provide an array', at, ref);
    if (spec.max !== undefined && value.length > spec.max) this.add(`no more than ${spec.max} items allowed`, at, ref);
    if (spec.min !== undefined && value.length < spec.min) this.add(`must provide at least ${spec.min} items`, at, ref);
    value.forEach((item, i) => this.field(spec.of, item, `${at}/${i}`, ref));
  }

  /** "An option object that exactly matches one of the options within options." */
  private initialAmongOptions(element: Json, at: string, ref: string): void {
    const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
    const options = [
      ...list(element.options),
      ...list(element.option_groups).flatMap((group) => (isObject(group) ? list(group.options) : [])),
    ].map(canonical);
    const check = (option: unknown, pointer: string) => {
      if (!options.includes(canonical(option)))
        this.add('must exactly match one of the provided `options`', pointer, ref);
    };
    if (element.initial_option !== undefined) check(element.initial_option, `${at}/initial_option`);
    if (Array.isArray(element.initial_options))
      element.initial_options.forEach((o, i) => check(o, `${at}/initial_options/${i}`));
  }

  /** min_length ≤ max_length, and a prefilled value the person could have typed. */
  private lengthBounds(element: Json, at: string, ref: string): void {
    const { min_length: min, max_length: max, initial_value: initial } = element;
    if (typeof min === 'number' && typeof max === 'number' && min > max)
      this.add('must be less than or equal to `max_length`', `${at}/min_length`, ref);
    if (typeof max === 'number' && typeof initial === 'string' && length(initial) > max) {
      this.add(`must be less than ${max + 1} characters`, `${at}/initial_value`, ref);
    }
  }

  /** "Should be unique among all other action_ids in the containing block." */
  private uniqueActionIds(block: Json, at: string, ref: string): void {
    const found = new Set<string>();
    const elements: [unknown, string][] = [
      ...(Array.isArray(block.elements)
        ? block.elements.map((e, i): [unknown, string] => [e, `${at}/elements/${i}`])
        : []),
      [block.accessory, `${at}/accessory`],
      [block.element, `${at}/element`],
    ];
    for (const [element, pointer] of elements) {
      const id = isObject(element) ? element.action_id : undefined;
      if (typeof id !== 'string') continue;
      if (found.has(id)) this.add(`\`action_id\` "${id}" already exists`, `${pointer}/action_id`, ref);
      found.add(id);
    }
  }

  /** "block_id should be unique for each message or view." */
  uniqueBlockIds(blocks: unknown, at: string, ref: string): void {
    if (!Array.isArray(blocks)) return;
    const found = new Set<string>();
    blocks.forEach((block, i) => {
      const id = isObject(block) ? block.block_id : undefined;
      if (typeof id !== 'string') return;
      if (found.has(id)) this.add(`\`block_id\` "${id}" already exists`, `${at}/${i}/block_id`, ref);
      found.add(id);
    });
  }
}

/** Objects compared as Slack compares options: same fields, same values, key order aside. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** A modal or Home tab view, as views.open/push/update/publish take it. */
export function validateView(view: unknown, at = '/view'): BlockKitIssue[] {
  const type = isObject(view) ? view.type : undefined;
  if (type !== 'modal' && type !== 'home') {
    const checker = new Checker('modal');
    if (!isObject(view)) checker.add('must provide an object', at, VIEWS.modal.ref);
    else checker.add('must be a valid enum value', `${at}/type`, VIEWS.modal.ref);
    return checker.issues;
  }
  const rule = VIEWS[type];
  const checker = new Checker(type);
  if (!checker.object(rule, view, at)) return checker.issues;
  checker.uniqueBlockIds(view.blocks, `${at}/blocks`, MESSAGE.ref);
  if (rule.submitWithInputs && view.submit === undefined && Array.isArray(view.blocks)) {
    const input = view.blocks.findIndex((b) => isObject(b) && b.type === 'input');
    // Slack's own words and pointer: `must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/2/input]`.
    if (input >= 0)
      checker.add('must define `submit` to use an `input` block in modals', `${at}/blocks/${input}/input`, rule.ref);
  }
  return checker.issues;
}

/** A message's `text` and `blocks`, as chat.postMessage, chat.update and response_url take them. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): BlockKitIssue[] {
  const checker = new Checker('message');
  if (message.blocks !== undefined) {
    checker.field({ is: 'array', of: { is: 'block' }, max: MESSAGE.maxBlocks }, message.blocks, '/blocks', MESSAGE.ref);
    checker.uniqueBlockIds(message.blocks, '/blocks', MESSAGE.ref);
  }
  if (message.text !== undefined)
    checker.field({ is: 'string', max: MESSAGE.maxText.max }, message.text, '/text', MESSAGE.maxText.ref);
  return checker.issues;
}
