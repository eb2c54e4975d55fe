/**
 * The two forms of a registration, user account and business account, as field tables: one row
 * per field of the workflow's input, so the modal, the reading of `state.values` and the placing
 * of each validation error on its field all come from the same place. A field's block id is its
 * path in the workflow input (`owner.address.postalCode`), which is also the path of a zod issue.
 */
import type { ViewStateValue } from '@slack/bolt';
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { translator, type MessageKey, type Translate } from '../../i18n/catalogue';
import type { Locale } from '../../domain/registration-inputs';
import { FIELD_ACTION_ID } from '../../slack/ids';
import { GRANTABLE_ROLES } from '../../domain/roles';
import { modalText, plain, selectInput, textInput } from '../../slack/blocks';

export interface FormField {
  /** Path in the workflow input, and the input block's id. */
  path: string;
  label: MessageKey;
  hint?: MessageKey;
  optional?: boolean;
  maxLength: number;
  /**
   * Never sent back to Slack (the shared secret). Slack has no masked input, so this is an ordinary
   * text input; a re-rendered form gives it a new action id, so that Slack drops what was typed in it.
   */
  secret?: boolean;
  initial?: string;
  /** `member`: one of `choices` (e.g. the members who could become owner). */
  kind?: 'text' | 'language' | 'role' | 'member';
}

export const USER_ACCOUNT_FIELDS: readonly FormField[] = [
  { path: 'givenName', label: 'bot.user_account.given_name', maxLength: 100 },
  { path: 'familyName', label: 'bot.user_account.family_name', maxLength: 100 },
  { path: 'email', label: 'bot.user_account.email', hint: 'bot.user_account.email_hint', maxLength: 254 },
  { path: 'phone', label: 'bot.user_account.phone', hint: 'bot.user_account.phone_hint', maxLength: 40 },
  {
    path: 'language',
    label: 'bot.user_account.language',
    hint: 'bot.user_account.language_hint',
    maxLength: 2,
    kind: 'language',
  },
];

export const BUSINESS_ACCOUNT_FIELDS: readonly FormField[] = [
  {
    path: 'businessNumber',
    label: 'bot.business.business_number',
    hint: 'bot.business.business_number_hint',
    maxLength: 40,
  },
  {
    path: 'sharedSecret',
    label: 'bot.business.shared_secret',
    hint: 'bot.business.shared_secret_hint',
    maxLength: 128,
    secret: true,
  },
  { path: 'owner.positionTitle', label: 'bot.business.position_title', maxLength: 100 },
  { path: 'owner.address.line1', label: 'bot.business.address_line1', maxLength: 120 },
  { path: 'owner.address.line2', label: 'bot.business.address_line2', optional: true, maxLength: 120 },
  { path: 'owner.address.city', label: 'bot.business.city', maxLength: 80 },
  { path: 'owner.address.province', label: 'bot.business.province', hint: 'bot.business.province_hint', maxLength: 80 },
  { path: 'owner.address.postalCode', label: 'bot.business.postal_code', maxLength: 20 },
  {
    path: 'owner.address.country',
    label: 'bot.business.country',
    hint: 'bot.business.country_hint',
    maxLength: 2,
    initial: 'CA',
  },
  { path: 'owner.phone', label: 'bot.business.phone', hint: 'bot.user_account.phone_hint', maxLength: 40 },
  { path: 'owner.email', label: 'bot.business.email', maxLength: 254 },
];

export const ACCESS_REQUEST_FIELDS: readonly FormField[] = [
  {
    path: 'businessNumber',
    label: 'access_form.business_number',
    hint: 'bot.business.business_number_hint',
    maxLength: 40,
  },
  { path: 'role', label: 'access_form.role', hint: 'role.hint', maxLength: 20, kind: 'role', initial: 'account_user' },
];

export const REJECT_FIELDS: readonly FormField[] = [
  {
    path: 'reason',
    label: 'request.reject_modal.reason',
    hint: 'request.reject_modal.reason_hint',
    optional: true,
    maxLength: 500,
  },
];

export const ADD_MEMBER_FIELDS: readonly FormField[] = [
  { path: 'urn', label: 'add_form.urn', maxLength: 20 },
  { path: 'familyName', label: 'add_form.family_name', maxLength: 100 },
  { path: 'email', label: 'add_form.email', maxLength: 254 },
  { path: 'role', label: 'add_form.role', hint: 'role.hint', maxLength: 20, kind: 'role', initial: 'account_user' },
];

export const CHANGE_ROLE_FIELDS: readonly FormField[] = [
  { path: 'role', label: 'add_form.role', hint: 'role.hint', maxLength: 20, kind: 'role' },
];

/** The owner's contact information, as in the business account form, under `contact.`. */
export const CONTACT_FIELDS: readonly FormField[] = BUSINESS_ACCOUNT_FIELDS.filter((f) =>
  f.path.startsWith('owner.'),
).map((f) => ({
  ...f,
  path: f.path.replace(/^owner\./, 'contact.'),
}));

export const TRANSFER_FIELDS: readonly FormField[] = [
  { path: 'newOwner', label: 'transfer_form.new_owner', maxLength: 40, kind: 'member' },
];

export const DELETE_FIELDS: readonly FormField[] = [
  { path: 'businessNumber', label: 'delete_form.confirm_label', hint: 'delete_form.confirm_hint', maxLength: 40 },
];

/** What the applicant typed, by field path (only text: a form never holds anything else). */
export type FormValues = Record<string, string>;

/** A form shown again after a submission: what was typed, and what went wrong, above the form or on fields. */
export interface FormAgain {
  values?: FormValues;
  /** Above the form: a problem that belongs to no field. */
  banner?: string;
  /** By field path: shown at the field, in place of its hint. */
  errors?: Record<string, string>;
  /** By field path: the secret inputs' new action ids (see {@link renewedSecretActionIds}). */
  actionIds?: Record<string, string>;
}

/** Renders the input blocks, refilled with what was typed (never the secret), each error at its field. */
export function formInputs(
  fieldsOf: readonly FormField[],
  t: Translate,
  locale: Locale,
  values: FormValues = {},
  choices: { value: string; text: string }[] = [],
  again: Pick<FormAgain, 'errors' | 'actionIds'> = {},
): InputBlock[] {
  return fieldsOf.map((field) => {
    const initialValue = field.secret ? undefined : (values[field.path] ?? field.initial);
    const error = again.errors?.[field.path];
    const renewed = field.secret ? again.actionIds?.[field.path] : undefined;
    // Slack cannot show an error on a field of an updated view: it goes where the hint is, under the field.
    const hintLines = [
      error ? `:warning: ${error}` : undefined,
      renewed ? t('bot.business.retype_secret') : undefined,
      !error && !renewed && field.hint ? t(field.hint) : undefined,
    ].filter((line): line is string => line !== undefined);
    const hint = hintLines.length > 0 ? hintLines.join('\n') : undefined;
    if (field.kind === 'language') {
      return selectInput({
        blockId: field.path,
        label: t(field.label),
        hint,
        // Each language named in itself, whichever language the form is in.
        options: [
          { value: 'en', text: translator('en')('bot.language.name') },
          { value: 'fr', text: translator('fr')('bot.language.name') },
        ],
        initialValue: initialValue ?? locale,
      });
    }
    if (field.kind === 'member') {
      // A menu, not radio buttons: Slack allows 10 radio options and 100 in a menu.
      const options = choices.slice(0, 100).map((c) => ({ value: c.value, text: plain(c.text, 75) }));
      return {
        type: 'input',
        block_id: field.path,
        label: plain(t(field.label), 2000),
        element: { type: 'static_select', action_id: FIELD_ACTION_ID, options },
      };
    }
    if (field.kind === 'role') {
      return selectInput({
        blockId: field.path,
        label: t(field.label),
        hint,
        options: GRANTABLE_ROLES.map((role) => ({ value: role, text: t(`role.${role}`) })),
        initialValue,
      });
    }
    return textInput({
      blockId: field.path,
      actionId: renewed,
      label: t(field.label),
      hint,
      optional: field.optional,
      maxLength: field.maxLength,
      initialValue,
    });
  });
}

/**
 * New action ids for the secret fields of a form about to be shown again. Slack keeps what was typed
 * in an input whose block id and action id survive an update (views.update, `response_action:
 * update`), so the activation code just refused would stay in its field; under a new action id the
 * field comes back empty. `blocks` are the view's blocks as submitted.
 */
export function renewedSecretActionIds(
  fieldsOf: readonly FormField[],
  blocks: readonly unknown[] | undefined,
): Record<string, string> {
  const renewed: Record<string, string> = {};
  for (const field of fieldsOf.filter((f) => f.secret)) {
    const current = actionIdOf(blocks, field.path);
    const generation = Number(/~(\d+)$/.exec(current ?? '')?.[1] ?? 0);
    renewed[field.path] = `${FIELD_ACTION_ID}~${generation + 1}`;
  }
  return renewed;
}

/** The action id of the input block `blockId` among `blocks`. */
function actionIdOf(blocks: readonly unknown[] | undefined, blockId: string): string | undefined {
  for (const block of blocks ?? []) {
    if (typeof block !== 'object' || block === null) continue;
    const { block_id: id, element } = block as { block_id?: unknown; element?: { action_id?: unknown } };
    if (id === blockId && typeof element?.action_id === 'string') return element.action_id;
  }
  return undefined;
}

/** Reads `view.state.values` into field values; anything not a known field is ignored. */
export function readForm(
  fieldsOf: readonly FormField[],
  state: Record<string, Record<string, ViewStateValue>> | undefined,
): FormValues {
  const values: FormValues = {};
  for (const field of fieldsOf) {
    // One element per input block, under whichever action id the view gave it (a secret's changes).
    const block = state && Object.hasOwn(state, field.path) ? state[field.path] : undefined;
    const element = block ? Object.values(block)[0] : undefined;
    const value = element?.selected_option?.value ?? element?.value;
    if (typeof value === 'string') values[field.path] = value;
  }
  return values;
}

/** Field values as the nested object the workflow takes (`owner.address.city` → owner.address.city). */
export function formSubmission(fieldsOf: readonly FormField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf) {
    const value = values[field.path] ?? '';
    if (field.optional && value.trim() === '') continue;
    const keys = field.path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  }
  return out;
}

/**
 * The block an issue belongs on: its own field, or for an issue about a group (`owner.address`)
 * the group's first field, so every problem is shown somewhere the applicant can act on it.
 */
export function blockForIssue(fieldsOf: readonly FormField[], issuePath: string): string {
  const exact = fieldsOf.find((f) => f.path === issuePath);
  if (exact) return exact.path;
  const inGroup = fieldsOf.find((f) => issuePath !== '' && f.path.startsWith(`${issuePath}.`));
  if (inGroup) return inGroup.path;
  // A deeper path than any field (never expected): its nearest field ancestor.
  const ancestor = fieldsOf.find((f) => issuePath.startsWith(`${f.path}.`));
  return (ancestor ?? fieldsOf[0]!).path;
}

export interface FormViewOptions {
  callbackId: string;
  title: string;
  submit: string;
  close: string;
  privateMetadata: string;
  intro: KnownBlock[];
  inputs: InputBlock[];
  outro?: KnownBlock[];
}

export function formView(options: FormViewOptions): ModalView {
  return {
    type: 'modal',
    callback_id: options.callbackId,
    title: modalText(options.title),
    submit: modalText(options.submit),
    close: modalText(options.close),
    private_metadata: options.privateMetadata,
    blocks: [...options.intro, ...options.inputs, ...(options.outro ?? [])],
  };
}
