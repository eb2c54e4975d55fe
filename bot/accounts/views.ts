/**
 * Business accounts in Slack (`/cers accounts`): the user's memberships and role in each, and per
 * business account what their role lets them open: members (owners and proxies), messages
 * (everyone), adding a user, and the owner's own operations. The same modal is updated in place
 * as they move between these views. Only what the roles policy allows is offered; every action is
 * checked again when it arrives.
 */
import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { hasMessage, translator, type Translate } from '../../i18n/catalogue';
import { formatBusinessNumber } from '../../domain/business-number';
import type { Locale } from '../../domain/registration-inputs';
import { decide, type Role } from '../../domain/roles';
import type { BusinessMessageView } from '../../records/business-messages';
import type { MemberRef, MembershipRef } from '../../records/directory';
import type { OwnPendingRequest } from '../../records/role-requests';
import type { DecidableRequests } from '../../records/pending-decisions';
import { pendingDecisionBlocks } from '../pending/view';
import { ActionId, CallbackId } from '../../slack/ids';
import { button, confirmation, context, divider, header, modalText, section } from '../../slack/blocks';
import {
  ACCESS_REQUEST_FIELDS,
  ADD_MEMBER_FIELDS,
  CHANGE_ROLE_FIELDS,
  CONTACT_FIELDS,
  DELETE_FIELDS,
  REJECT_FIELDS,
  TRANSFER_FIELDS,
  formInputs,
  formView,
  type FormField,
  type FormValues,
} from '../ui/forms';
import { encodeMetadata } from '../ui/metadata';
import { escapeMrkdwn, plainDate } from '../../slack/text';
import { requestButtonValue, roleName, roleParams } from '../../slack/messages/role-requests';

/** Slack allows 100 blocks in a modal. */
const MODAL_BLOCKS = 100;

/**
 * The accounts modal: `body` (a list that may be long) then `tail` (the way back), always shown. A
 * body too long for Slack is cut, and the cut marked, rather than the way back lost.
 */
export function accountsModal(
  t: Translate,
  locale: Locale,
  body: KnownBlock[],
  tail: KnownBlock[] = [],
  subject?: string,
): ModalView {
  const room = MODAL_BLOCKS - tail.length;
  return {
    type: 'modal',
    callback_id: CallbackId.Accounts,
    title: modalText(t('accounts.title')),
    close: modalText(t('common.close')),
    private_metadata: encodeMetadata({ locale, ...(subject ? { subject } : {}) }),
    blocks: [...(body.length <= room ? body : [...body.slice(0, room - 1), context('…')]), ...tail],
  };
}

const bannerBlocks = (t: Translate, banner?: string): KnownBlock[] =>
  banner ? [section(t('bot.error.title', { message: banner })), divider()] : [];

const row = (blockId: string, buttons: Button[]): ActionsBlock[] =>
  buttons.length > 0 ? [{ type: 'actions', block_id: blockId, elements: buttons.slice(0, 25) }] : [];

/** The buttons one membership offers, by what the role may do. */
function membershipButtons(t: Translate, membership: MembershipRef): Button[] {
  const { role, businessAccountId: value } = membership;
  const can = (action: Parameters<typeof decide>[1]) => decide(role, action).allowed;
  return [
    ...(can({ kind: 'members.view' })
      ? [button({ actionId: ActionId.ShowMembers, text: t('accounts.members'), value })]
      : []),
    ...(can({ kind: 'messages.view' })
      ? [button({ actionId: ActionId.ShowMessages, text: t('accounts.messages'), value })]
      : []),
    // The history names members: only those who see the member list see it.
    ...(can({ kind: 'members.view' })
      ? [button({ actionId: ActionId.ShowHistory, text: t('accounts.history'), value })]
      : []),
    ...(can({ kind: 'members.add', role: 'account_browser' })
      ? [button({ actionId: ActionId.AddMember, text: t('accounts.add_member'), value })]
      : []),
    ...(can({ kind: 'business.update' })
      ? [button({ actionId: ActionId.EditContact, text: t('accounts.edit_contact'), value })]
      : []),
    ...(can({ kind: 'business.transferOwnership' })
      ? [button({ actionId: ActionId.TransferOwnership, text: t('accounts.transfer'), value })]
      : []),
    ...(can({ kind: 'business.delete' })
      ? [button({ actionId: ActionId.DeleteBusiness, text: t('accounts.delete'), value, style: 'danger' })]
      : []),
    // Offered to the owner too: their click says to transfer ownership first.
    button({
      actionId: ActionId.LeaveBusiness,
      text: t('accounts.leave'),
      value,
      confirm: confirmation(
        t('accounts.leave_confirm.title'),
        t('accounts.leave_confirm.text', { bn: formatBusinessNumber(membership.businessNumber) }),
        t('accounts.leave'),
        t('common.cancel'),
        'danger',
      ),
    }),
  ];
}

/** Lines for the Home tab and the accounts modal: one per membership. */
function membershipLines(t: Translate, memberships: readonly MembershipRef[]): string {
  return memberships
    .map((m) => t('accounts.item', { bn: formatBusinessNumber(m.businessNumber), role: roleName(t, m.role) }))
    .join('\n');
}

export interface AccountsModel {
  locale: Locale;
  /** Undefined: the Slack user has no user account yet. */
  memberships?: readonly MembershipRef[];
  /** The user's own requests still waiting, each with Withdraw. */
  requests?: readonly OwnPendingRequest[];
  banner?: string;
  /** Requests this person may decide (bot/pending/), listed first, and the zone their dates are in. */
  decisions?: DecidableRequests;
  timeZone?: string;
}

/** The user's own pending requests, each with a Withdraw button behind a confirmation. */
function ownRequestBlocks(t: Translate, requests: readonly OwnPendingRequest[]): KnownBlock[] {
  if (requests.length === 0) return [];
  return [
    header(t('accounts.my_requests')),
    ...requests.flatMap((request) => {
      const bn = formatBusinessNumber(request.businessNumber);
      const line =
        request.kind === 'access'
          ? t('accounts.my_request.access', { bn, ...roleParams(t, request.role) })
          : t('accounts.my_request.transfer', { bn });
      return [
        section(line),
        ...row(`my-request:${request.requestId}`, [
          button({
            actionId: ActionId.WithdrawRequest,
            text: t('accounts.withdraw'),
            value: requestButtonValue(request),
            confirm: confirmation(
              t('accounts.withdraw_confirm.title'),
              t('accounts.withdraw_confirm.text', { bn }),
              t('accounts.withdraw'),
              t('common.cancel'),
              'danger',
            ),
          }),
        ]),
      ];
    }),
    divider(),
  ];
}

export function accountsView({
  locale,
  memberships,
  requests = [],
  banner,
  decisions,
  timeZone,
}: AccountsModel): ModalView {
  const t = translator(locale);
  if (!memberships)
    return accountsModal(t, locale, [...bannerBlocks(t, banner), section(t('accounts.not_registered'))]);
  const blocks: KnownBlock[] = [
    ...bannerBlocks(t, banner),
    ...pendingDecisionBlocks(locale, decisions, timeZone),
    ...(memberships.length === 0 ? [section(t('accounts.none'))] : []),
    ...memberships.flatMap((m) => [
      section(t('accounts.item', { bn: formatBusinessNumber(m.businessNumber), role: roleName(t, m.role) })),
      ...row(`account:${m.businessAccountId}`, membershipButtons(t, m)),
      divider(),
    ]),
    ...ownRequestBlocks(t, requests),
  ];
  return accountsModal(
    t,
    locale,
    blocks,
    row('accounts', [
      button({ actionId: ActionId.RequestAccess, text: t('accounts.request_access'), style: 'primary' }),
    ]),
  );
}

export const backRow = (t: Translate) =>
  row('back', [button({ actionId: ActionId.BackToAccounts, text: t('bot.business.back') })]);

export interface MembersModel {
  locale: Locale;
  business: { id: string; businessNumber: string };
  members: readonly MemberRef[];
  viewer: { userAccountId: string; role: Role };
  banner?: string;
}

/** Owners and proxies: every member, with Change role / Remove where the viewer's role allows. */
export function membersView({ locale, business, members, viewer, banner }: MembersModel): ModalView {
  const t = translator(locale);
  const blocks: KnownBlock[] = [
    ...bannerBlocks(t, banner),
    header(`${t('members.title')} · ${formatBusinessNumber(business.businessNumber)}`),
  ];
  for (const member of members) {
    const you = member.userAccountId === viewer.userAccountId;
    blocks.push(
      section(
        t('members.item', { name: escapeMrkdwn(member.name), urn: member.urn, role: roleName(t, member.role) }) +
          (you ? t('members.you') : ''),
      ),
    );
    if (you) continue;
    const value = `${business.id}:${member.userAccountId}`;
    const canChange = decide(viewer.role, { kind: 'members.changeRole', from: member.role, to: member.role }).allowed;
    const canRemove = decide(viewer.role, { kind: 'members.remove', role: member.role }).allowed;
    blocks.push(
      ...row(`member:${member.userAccountId}`, [
        ...(canChange ? [button({ actionId: ActionId.ChangeRole, text: t('members.change_role'), value })] : []),
        ...(canRemove
          ? [
              button({
                actionId: ActionId.RemoveMember,
                text: t('members.remove'),
                value,
                style: 'danger',
                confirm: confirmation(
                  t('members.remove_confirm.title'),
                  t('members.remove_confirm.text', {
                    name: member.name,
                    bn: formatBusinessNumber(business.businessNumber),
                  }),
                  t('members.remove'),
                  t('common.cancel'),
                  'danger',
                ),
              }),
            ]
          : []),
      ]),
    );
  }
  return accountsModal(t, locale, blocks, [divider(), ...backRow(t)], business.id);
}

export interface MessagesModel {
  locale: Locale;
  businessNumber: string;
  messages: readonly BusinessMessageView[];
  timeZone?: string;
  /** Older / Newer, when there are more messages than one page (bot/history/view.ts). */
  pager?: KnownBlock[];
}

const LIST_LOCALE: Record<Locale, string> = { en: 'en-CA', fr: 'fr-CA' };

/**
 * The contact fields a `contact_fields_updated` message names (stored as comma-separated columns),
 * as a list in the reader's language: "position title, city and e-mail". A column the catalogue
 * does not know is left out rather than shown raw.
 */
export function contactFieldList(t: Translate, locale: Locale, columns: string): string {
  const names = columns
    .split(',')
    .map((column) => `business.contact_field.${column}`)
    .filter(hasMessage)
    .map((key) => t(key));
  return new Intl.ListFormat(LIST_LOCALE[locale], { type: 'conjunction' }).format(names);
}

/** The business account's messages, newest first, worded in the reader's language. */
export function messagesView({ locale, businessNumber, messages, timeZone, pager = [] }: MessagesModel): ModalView {
  const t = translator(locale);
  const lines = messages.map((m) => {
    const params = Object.fromEntries(
      Object.entries(m.params).map(([name, value]) => [
        name,
        name === 'role' || name === 'from'
          ? roleName(t, value as Role)
          : name === 'changed'
            ? contactFieldList(t, locale, value)
            : escapeMrkdwn(value),
      ]),
    );
    if (m.params['role']) params['asRole'] = roleParams(t, m.params['role'] as Role).asRole;
    const key = `business.message.${m.kind}` as Parameters<Translate>[0];
    const text = t(key, params);
    return t('messages.item', { at: plainDate(m.at, locale, timeZone), text: text === key ? m.kind : text });
  });
  const blocks: KnownBlock[] = [
    header(`${t('messages.title')} · ${formatBusinessNumber(businessNumber)}`),
    ...(lines.length === 0 ? [section(t('messages.none'))] : lines.map((line) => section(line))),
  ];
  return accountsModal(t, locale, blocks, [divider(), ...pager, ...backRow(t)]);
}

/** A short message in the accounts modal (request sent, already pending...), with the way back. */
export function accountsNoticeView(locale: Locale, text: string): ModalView {
  const t = translator(locale);
  return accountsModal(t, locale, [section(text)], backRow(t));
}

/** One form of the accounts modal: title and submit from `<prefix>.title` / `.submit`, Cancel, the banner. */
function accountForm(spec: {
  locale: Locale;
  callbackId: string;
  prefix:
    | 'access_form'
    | 'request.reject_modal'
    | 'add_form'
    | 'role_form'
    | 'contact_form'
    | 'transfer_form'
    | 'delete_form';
  /** What the form is about (business account, member, request), for its submission. */
  subject?: string;
  intro: string;
  banner?: string;
  fields: readonly FormField[];
  values?: FormValues;
  choices?: { value: string; text: string }[];
}): ModalView {
  const t = translator(spec.locale);
  return formView({
    callbackId: spec.callbackId,
    title: t(`${spec.prefix}.title`),
    submit: t(`${spec.prefix}.submit`),
    close: t('common.cancel'),
    privateMetadata: encodeMetadata({ locale: spec.locale, ...(spec.subject ? { subject: spec.subject } : {}) }),
    intro: [...bannerBlocks(t, spec.banner), section(spec.intro)],
    inputs: formInputs(spec.fields, t, spec.locale, spec.values, spec.choices),
  });
}

export function accessRequestForm(locale: Locale, values: FormValues = {}, banner?: string): ModalView {
  const t = translator(locale);
  return accountForm({
    locale,
    callbackId: CallbackId.AccessRequestForm,
    prefix: 'access_form',
    intro: t('access_form.intro'),
    banner,
    fields: ACCESS_REQUEST_FIELDS,
    values,
  });
}

export interface RejectFormModel {
  locale: Locale;
  /** The request button's value: which request. */
  requestValue: string;
  requester: string;
  businessNumber: string;
  role: Role;
  banner?: string;
}

export function rejectRequestForm(model: RejectFormModel): ModalView {
  const t = translator(model.locale);
  return accountForm({
    locale: model.locale,
    callbackId: CallbackId.RejectRequestForm,
    prefix: 'request.reject_modal',
    subject: model.requestValue,
    intro: t('request.reject_modal.text', {
      name: escapeMrkdwn(model.requester),
      bn: formatBusinessNumber(model.businessNumber),
      ...roleParams(t, model.role),
    }),
    banner: model.banner,
    fields: REJECT_FIELDS,
  });
}

export function addMemberForm(
  locale: Locale,
  businessAccountId: string,
  values: FormValues = {},
  banner?: string,
): ModalView {
  return accountForm({
    locale,
    callbackId: CallbackId.AddMemberForm,
    prefix: 'add_form',
    subject: businessAccountId,
    intro: translator(locale)('add_form.intro'),
    banner,
    fields: ADD_MEMBER_FIELDS,
    values,
  });
}

export function changeRoleForm(
  locale: Locale,
  memberValue: string,
  member: MemberRef,
  businessNumber: string,
  banner?: string,
): ModalView {
  return accountForm({
    locale,
    callbackId: CallbackId.ChangeRoleForm,
    prefix: 'role_form',
    subject: memberValue,
    intro: translator(locale)('role_form.intro', {
      name: escapeMrkdwn(member.name),
      bn: formatBusinessNumber(businessNumber),
    }),
    banner,
    fields: CHANGE_ROLE_FIELDS,
    values: { role: member.role === 'owner' ? 'proxy' : member.role },
  });
}

export function contactForm(
  locale: Locale,
  business: { id: string; businessNumber: string },
  values: FormValues,
  banner?: string,
): ModalView {
  return accountForm({
    locale,
    callbackId: CallbackId.ContactForm,
    prefix: 'contact_form',
    subject: business.id,
    intro: translator(locale)('contact_form.intro', { bn: formatBusinessNumber(business.businessNumber) }),
    banner,
    fields: CONTACT_FIELDS,
    values,
  });
}

export function transferForm(
  locale: Locale,
  business: { id: string; businessNumber: string },
  candidates: readonly MemberRef[],
): ModalView {
  const t = translator(locale);
  if (candidates.length === 0) return accountsNoticeView(locale, t('transfer_form.no_members'));
  return accountForm({
    locale,
    callbackId: CallbackId.TransferOwnershipForm,
    prefix: 'transfer_form',
    subject: business.id,
    intro: t('transfer_form.intro', { bn: formatBusinessNumber(business.businessNumber) }),
    fields: TRANSFER_FIELDS,
    choices: candidates.map((m) => ({ value: m.userAccountId, text: `${m.name} · ${roleName(t, m.role)}` })),
  });
}

/** The owner's explicit confirmation, before the new owner is asked. */
export function transferConfirmView(
  locale: Locale,
  business: { id: string; businessNumber: string },
  newOwner: MemberRef,
): ModalView {
  const t = translator(locale);
  return accountsModal(
    t,
    locale,
    [
      section(
        t('transfer_form.confirm', {
          bn: formatBusinessNumber(business.businessNumber),
          name: escapeMrkdwn(newOwner.name),
        }),
      ),
      ...row('transfer', [
        button({
          actionId: ActionId.ConfirmTransfer,
          text: t('transfer_form.confirm_button'),
          value: `${business.id}:${newOwner.userAccountId}`,
          style: 'danger',
        }),
      ]),
    ],
    backRow(t),
    business.id,
  );
}

export function deleteForm(locale: Locale, business: { id: string; businessNumber: string }): ModalView {
  return accountForm({
    locale,
    callbackId: CallbackId.DeleteBusinessForm,
    prefix: 'delete_form',
    subject: business.id,
    intro: translator(locale)('delete_form.intro', { bn: formatBusinessNumber(business.businessNumber) }),
    fields: DELETE_FIELDS,
  });
}

/** The Home tab's section on business accounts. */
export function homeAccountsBlocks(locale: Locale, memberships: readonly MembershipRef[] | undefined): KnownBlock[] {
  if (!memberships) return [];
  const t = translator(locale);
  return [
    divider(),
    header(t('accounts.title')),
    section(memberships.length > 0 ? membershipLines(t, memberships) : t('accounts.none')),
    ...row('home-accounts', [button({ actionId: ActionId.OpenAccounts, text: t('accounts.title') })]),
    ...(memberships.length > 0 ? [context(t('bot.command.accounts_hint'))] : []),
  ];
}
