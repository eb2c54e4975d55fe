/**
 * From the page to the bot: the requests the page may send (anything else is refused), and what
 * Slack would send the bot for them, read from the view or message the bot itself defined.
 */
import { z } from 'zod';
import { NewDevPerson } from '../dev-users';
import { asObject, asString, type Json, objects, own } from './html';
import { actionIdOf, blockIdOf, optionsOf, TEXT_INPUTS } from './render';

/** Slack user ids: U or W, then upper-case letters and digits. Anything else is refused. */
export const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** What a field holds as the page sends it: text, the chosen option's value, or the checked values. */
const FieldValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100), z.null()]);
const UserId = z.string().regex(USER_ID, 'not a Slack user id (U… or W…, capitals and digits)');
const ViewId = z.string().regex(/^V[A-Z0-9]{1,30}$/, 'not a view id');

export const requests = {
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
export type RequestKind = keyof typeof requests;
export type Fields = z.infer<(typeof requests)['submit']>['fields'];

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
    else if (type === 'checkboxes')
      state = { type, selected_options: (Array.isArray(typed) ? typed : []).flatMap((v) => chosen(v) ?? []) };
    else return;
    values[blockId] = { [actionId]: state };
  });
  return values;
}

/** A button with this block id, action id and value in these blocks (the page says which; the view decides). */
export function findButton(
  blocks: unknown,
  blockId: string,
  actionId: string,
  value: string | undefined,
): Json | undefined {
  for (const [index, block] of objects(blocks).entries()) {
    if (blockIdOf(block, index) !== blockId) continue;
    const candidates =
      block.type === 'actions' ? objects(block.elements) : block.type === 'section' ? objects([block.accessory]) : [];
    const found = candidates.find(
      (e) => e.type === 'button' && actionIdOf(e) === actionId && asString(e.value) === value,
    );
    if (found) return found;
  }
  return undefined;
}
