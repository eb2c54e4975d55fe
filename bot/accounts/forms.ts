/**
 * The forms behind the account buttons (request access, reject with a reason, add a user, change a
 * role, contact, transfer, delete), answered within the ack budget when the work is that quick.
 */
import type { ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import type { z } from 'zod';
import { formatBusinessNumber } from '../../domain/business-number';
import { invalidInput, failureDetails } from '../../domain/failures';
import { AccessRequestInput, AddMemberInput, BusinessUpdateInput, GrantableRole } from '../../domain/membership-inputs';

import { type MessageKey, type Translate } from '../../i18n/catalogue';
import { type BotContext } from '../context';
import { activeBusinessByNumber, businessNumberOf, membersOf, nameOf, roleOf } from '../../records/directory';
import { CallbackId } from '../../slack/ids';
import { accountsNoticeView, addMemberForm, contactForm, transferConfirmView } from './views';
import {
  ACCESS_REQUEST_FIELDS,
  ADD_MEMBER_FIELDS,
  CHANGE_ROLE_FIELDS,
  CONTACT_FIELDS,
  DELETE_FIELDS,
  REJECT_FIELDS,
  TRANSFER_FIELDS,
  blockForIssue,
  formSubmission,
  readForm,
  type FormField,
} from '../ui/forms';
import { decodeMetadata } from '../ui/metadata';
import { processingView } from '../registration/views';
import { answerWithinBudget } from '../routing/answer-within-budget';
import { roleName, roleParams } from '../../slack/messages/role-requests';
import { escapeMrkdwn } from '../../slack/text';
import type { Answer, SubmissionHandler } from '../routing/answer';
import { refusalText, denialOf, type Clicker, clickerOf, businessIdOf, memberValueOf } from './common';
import { requestFor, closedFailure } from './decisions';
import { PENDING_FORMS } from '../pending/buttons';

/** Field errors for a zod failure, in the form's language. */
function zodErrors(fields: readonly FormField[], t: Translate, error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of failureDetails(invalidInput(error))?.issues ?? []) {
    errors[blockForIssue(fields, issue.field)] ??= t(issue.messageKey as MessageKey, issue.params);
  }
  return errors;
}

const update = (view: ModalView): Answer => ({ response_action: 'update', view });

type AccountForm = (ctx: BotContext, client: WebClient, body: ViewSubmitAction, who: Clicker) => Promise<Answer>;

const ACCOUNT_FORMS: Record<string, AccountForm> = {
  [CallbackId.AccessRequestForm]: async (ctx, _client, body, who) => {
    const values = readForm(ACCESS_REQUEST_FIELDS, body.view.state.values);
    const parsed = AccessRequestInput.safeParse(formSubmission(ACCESS_REQUEST_FIELDS, values));
    if (!parsed.success)
      return { response_action: 'errors', errors: zodErrors(ACCESS_REQUEST_FIELDS, who.t, parsed.error) };
    // Only a user with a verified credential and a user account may ask.
    if (!who.user?.credentialVerified) return update(accountsNoticeView(who.locale, who.t('request.not_registered')));
    const business = await activeBusinessByNumber(ctx.db, parsed.data.businessNumber);
    if (!business)
      return { response_action: 'errors', errors: { businessNumber: who.t('request.business_not_found') } };
    if (await roleOf(ctx.db, business.id, who.user.id)) {
      return { response_action: 'errors', errors: { businessNumber: who.t('request.refused.already_member') } };
    }
    const { role } = parsed.data;
    const { started } = await ctx.requests.start(
      {
        kind: 'access',
        businessAccountId: business.id,
        requesterUserAccountId: who.user.id,
        subjectUserAccountId: who.user.id,
        role,
      },
      { businessNumber: business.businessNumber, urn: who.user?.urn },
    );
    if (!started) return update(accountsNoticeView(who.locale, who.t('request.pending_exists')));
    const proxies = role === 'proxy' ? '' : who.t('request.sent_proxies');
    return update(
      accountsNoticeView(
        who.locale,
        who.t('request.sent', {
          bn: formatBusinessNumber(business.businessNumber),
          ...roleParams(who.t, role),
          proxies,
        }),
      ),
    );
  },

  [CallbackId.RejectRequestForm]: async (ctx, _client, body, who) => {
    const reason = readForm(REJECT_FIELDS, body.view.state.values)['reason']?.trim() ?? '';
    if (reason.length > 500) return { response_action: 'errors', errors: { reason: who.t('validation.too_long') } };
    const value = decodeMetadata(body.view.private_metadata)?.subject;
    const request = await requestFor(ctx, value, who);
    if (!request.ok) return update(accountsNoticeView(who.locale, refusalText(who.t, who.locale, request.failure)));
    const deciderRole = await roleOf(ctx.db, request.status.businessAccountId, who.user!.id);
    const outcome = await ctx.requests.decide(
      request.workflowId,
      request.runId,
      { deciderUserAccountId: who.user!.id, deciderRole, decision: 'reject', ...(reason ? { reason } : {}) },
      ctx.updateIds.forSubmission(body.view, { reason }),
    );
    if (!outcome.ok) {
      const failure =
        outcome.failure.type === 'RequestClosed'
          ? await closedFailure(ctx, await ctx.requests.status(request.workflowId, request.runId))
          : outcome.failure;
      if (failure.messageKey === 'validation.too_long' || failure.type === 'InvalidInput')
        return { response_action: 'errors', errors: { reason: refusalText(who.t, who.locale, failure) } };
      return update(accountsNoticeView(who.locale, refusalText(who.t, who.locale, failure)));
    }
    if (outcome.value.decidedByUserAccountId !== who.user!.id) {
      return update(
        accountsNoticeView(who.locale, refusalText(who.t, who.locale, await closedFailure(ctx, outcome.value))),
      );
    }
    return { response_action: 'clear' };
  },

  [CallbackId.AddMemberForm]: async (ctx, _client, body, who) => {
    const values = readForm(ADD_MEMBER_FIELDS, body.view.state.values);
    const parsed = AddMemberInput.safeParse(formSubmission(ADD_MEMBER_FIELDS, values));
    if (!parsed.success)
      return { response_action: 'errors', errors: zodErrors(ADD_MEMBER_FIELDS, who.t, parsed.error) };
    const businessAccountId = businessIdOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!businessAccountId || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    const outcome = await ctx.requests.change(
      { businessAccountId, actorUserAccountId: who.user.id, change: { kind: 'members.add', ...parsed.data } },
      ctx.updateIds.forSubmission(body.view, values),
      { businessNumber: bn || undefined, urn: who.user?.urn },
    );
    if (!outcome.ok) {
      const text = refusalText(who.t, who.locale, outcome.failure);
      const field =
        outcome.failure.type === 'PolicyDenied'
          ? 'role'
          : outcome.failure.type === 'UserNotMatched' || outcome.failure.type === 'AlreadyMember'
            ? 'urn'
            : undefined;
      return field
        ? { response_action: 'errors', errors: { [field]: text } }
        : update(addMemberForm(who.locale, businessAccountId, values, text));
    }
    const name =
      outcome.value.outcome === 'applied' && 'subjectUserAccountId' in outcome.value
        ? await nameOf(ctx.db, outcome.value.subjectUserAccountId)
        : '';
    return update(
      accountsNoticeView(
        who.locale,
        who.t('members.added', {
          name: escapeMrkdwn(name ?? ''),
          bn: formatBusinessNumber(bn),
          ...roleParams(who.t, parsed.data.role),
        }),
      ),
    );
  },

  [CallbackId.ContactForm]: async (ctx, _client, body, who) => {
    const values = readForm(CONTACT_FIELDS, body.view.state.values);
    const parsed = BusinessUpdateInput.safeParse(formSubmission(CONTACT_FIELDS, values));
    if (!parsed.success) return { response_action: 'errors', errors: zodErrors(CONTACT_FIELDS, who.t, parsed.error) };
    const businessAccountId = businessIdOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!businessAccountId || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    const outcome = await ctx.requests.change(
      {
        businessAccountId,
        actorUserAccountId: who.user.id,
        change: { kind: 'business.update', contact: parsed.data.contact },
      },
      ctx.updateIds.forSubmission(body.view, values),
      { businessNumber: bn || undefined, urn: who.user?.urn },
    );
    if (!outcome.ok)
      return update(
        contactForm(
          who.locale,
          { id: businessAccountId, businessNumber: bn },
          values,
          refusalText(who.t, who.locale, outcome.failure),
        ),
      );
    return update(accountsNoticeView(who.locale, who.t('contact_form.saved', { bn: formatBusinessNumber(bn) })));
  },

  [CallbackId.TransferOwnershipForm]: async (ctx, _client, body, who) => {
    const values = readForm(TRANSFER_FIELDS, body.view.state.values);
    const businessAccountId = businessIdOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!businessAccountId || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const role = await roleOf(ctx.db, businessAccountId, who.user.id);
    const denied = denialOf(role, { kind: 'business.transferOwnership' });
    if (denied) return update(accountsNoticeView(who.locale, refusalText(who.t, who.locale, denied)));
    const member = (await membersOf(ctx.db, businessAccountId)).find(
      (m) => m.userAccountId === values['newOwner'] && m.role !== 'owner',
    );
    if (!member) return { response_action: 'errors', errors: { newOwner: who.t('members.not_member') } };
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    return update(transferConfirmView(who.locale, { id: businessAccountId, businessNumber: bn }, member));
  },

  [CallbackId.DeleteBusinessForm]: async (ctx, _client, body, who) => {
    const typed = (readForm(DELETE_FIELDS, body.view.state.values)['businessNumber'] ?? '')
      .replace(/\s+/g, '')
      .toUpperCase();
    const businessAccountId = businessIdOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!businessAccountId || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    if (typed !== bn) return { response_action: 'errors', errors: { businessNumber: who.t('delete_form.mismatch') } };
    const outcome = await ctx.requests.change(
      { businessAccountId, actorUserAccountId: who.user.id, change: { kind: 'business.delete' } },
      ctx.updateIds.forSubmission(body.view, { businessNumber: typed }),
      { businessNumber: bn || undefined, urn: who.user?.urn },
    );
    if (!outcome.ok) return update(accountsNoticeView(who.locale, refusalText(who.t, who.locale, outcome.failure)));
    return update(accountsNoticeView(who.locale, who.t('delete_form.deleted', { bn: formatBusinessNumber(bn) })));
  },

  [CallbackId.ChangeRoleForm]: async (ctx, _client, body, who) => {
    const values = readForm(CHANGE_ROLE_FIELDS, body.view.state.values);
    const role = GrantableRole.safeParse(values['role']);
    if (!role.success) return { response_action: 'errors', errors: { role: who.t('validation.role_unknown') } };
    const target = memberValueOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!target || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const bn = (await businessNumberOf(ctx.db, target.businessAccountId)) ?? '';
    const outcome = await ctx.requests.change(
      {
        businessAccountId: target.businessAccountId,
        actorUserAccountId: who.user.id,
        change: { kind: 'members.changeRole', subjectUserAccountId: target.userAccountId, role: role.data },
      },
      ctx.updateIds.forSubmission(body.view, values),
      { businessNumber: bn || undefined, urn: who.user?.urn },
    );
    if (!outcome.ok)
      return { response_action: 'errors', errors: { role: refusalText(who.t, who.locale, outcome.failure) } };
    const name = (await nameOf(ctx.db, target.userAccountId)) ?? '';
    return update(
      accountsNoticeView(
        who.locale,
        who.t('members.role_changed', {
          name: escapeMrkdwn(name),
          bn: formatBusinessNumber(bn),
          role: roleName(who.t, role.data),
        }),
      ),
    );
  },

  // The reason for a rejection from the pending-request list (bot/pending/).
  ...PENDING_FORMS,
};

export const ACCOUNT_FORM_CALLBACK_IDS: readonly string[] = Object.keys(ACCOUNT_FORMS);

/**
 * One submission of an account form. Answered within the ack budget (counted from receipt) when
 * the work is that quick; otherwise the modal says "one moment" and is updated when it is done.
 */
export const handleAccountSubmission: SubmissionHandler = async (ctx, client, body, ack, receivedAt) => {
  const form = ACCOUNT_FORMS[body.view.callback_id];
  const who = form ? await clickerOf(ctx, client, body) : undefined;
  if (!form || !who) {
    ack();
    return;
  }
  await answerWithinBudget(ctx, client, {
    viewId: body.view.id,
    form: body.view.callback_id,
    ack,
    receivedAt,
    answering: form(ctx, client, body, who),
    pending: processingView(who.locale),
    notice: (text) => accountsNoticeView(who.locale, text),
    failed: accountsNoticeView(who.locale, who.t('bot.error.title', { message: who.t('bot.error.generic') })),
  });
};
