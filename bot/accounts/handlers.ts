/**
 * Business accounts in Slack: `/cers accounts` and `/cers join`, the buttons of the accounts
 * modal, the Approve / Reject buttons deciders receive, and the forms behind them (request access,
 * reject with a reason, add a user, change a role). Every action is checked here against the
 * system of record as it is now (who the clicker is, their role in *that* business account), so a
 * forged or stale payload is refused with a clear message; the workflows then decide again with
 * the roles policy under the business account's lock.
 */
import type { BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import type { z } from 'zod';
import { listBusinessMessages } from '../../records/business-messages';
import { requesterOf, requestSummaryOf } from '../../records/role-requests';
import { formatBusinessNumber } from '../../domain/business-number';
import { invalidInput, failureDetails } from '../../domain/failures';
import { AccessRequestInput, AddMemberInput, BusinessUpdateInput, GrantableRole } from '../../domain/membership-inputs';
import type { Applicant, Locale } from '../../domain/registration-inputs';
import { decide, type BusinessAction, type Role } from '../../domain/roles';
import { translator, type MessageKey, type Translate } from '../../i18n/catalogue';
import type { AccountChange } from '../../client';
import type { RoleRequestStatus } from '../../client';
import { applicantOf, type BotContext } from '../context';
import {
  activeBusinessByNumber,
  businessNumberOf,
  contactValuesOf,
  membersOf,
  membershipsOf,
  nameOf,
  roleOf,
  userAccountOf,
  type UserAccountRef,
} from '../../records/directory';
import { ActionId, CallbackId } from '../../slack/ids';
import { publishHome, slackErrorCode, updateModal, type OpenView } from '../registration/modal';
import type { StepFailure } from '../../client/registration-gateway';
import {
  accessRequestForm,
  accountsNoticeView,
  accountsView,
  addMemberForm,
  changeRoleForm,
  contactForm,
  deleteForm,
  membersView,
  messagesView,
  rejectRequestForm,
  transferConfirmView,
  transferForm,
} from './views';
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
import { loadingView, processingView } from '../registration/views';
import { parseRequestButtonValue, roleName, roleParams } from '../../slack/messages/role-requests';
import { escapeMrkdwn, failureText } from '../../slack/text';
import type { Answer } from '../routing/answer';

type ButtonBody = BlockAction<ButtonAction>;

/** The language to speak to a Slack user: their user account's, else their Slack profile's. */
async function localeOf(ctx: BotContext, client: WebClient, applicant: Applicant, user?: UserAccountRef): Promise<Locale> {
  return user?.language ?? (await ctx.profiles.get(client, applicant.userId)).locale;
}

function refusalText(t: Translate, locale: Locale, failure: StepFailure): string {
  return failureText(t, locale, failure);
}

const denialOf = (role: Role | null, action: BusinessAction): StepFailure | undefined => {
  const decision = decide(role, action);
  return decision.allowed ? undefined : { type: 'PolicyDenied', messageKey: decision.reason };
};

/** Opens a modal on a fresh trigger at once (the trigger dies in 3 s), then fills it. */
async function openThenShow(
  ctx: BotContext,
  client: WebClient,
  triggerId: string,
  fill: (view: OpenView) => Promise<ModalView>,
): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingView() });
  const id = opened.view?.id;
  if (!id) return;
  const target = { id, hash: opened.view?.hash };
  try {
    await updateModal(ctx, client, target, await fill(target));
  } catch (error) {
    ctx.log.error('accounts view not shown', { error: `${(error as Error).name}: ${(error as Error).message}` });
    await updateModal(ctx, client, target, accountsNoticeView('en', translator('en')('bot.error.generic'))).catch(() => false);
  }
}

/** The accounts modal for this Slack user, as things stand. */
async function accountsFor(ctx: BotContext, client: WebClient, applicant: Applicant, banner?: string): Promise<ModalView> {
  const user = await userAccountOf(ctx.db, applicant);
  const locale = await localeOf(ctx, client, applicant, user);
  return accountsView({ locale, memberships: user ? await membershipsOf(ctx.db, user.id) : undefined, banner });
}

export async function openAccounts(ctx: BotContext, client: WebClient, triggerId: string, applicant: Applicant): Promise<void> {
  await openThenShow(ctx, client, triggerId, () => accountsFor(ctx, client, applicant));
}

export async function openAccessRequest(ctx: BotContext, client: WebClient, triggerId: string, applicant: Applicant): Promise<void> {
  await openThenShow(ctx, client, triggerId, async () => {
    const user = await userAccountOf(ctx.db, applicant);
    const locale = await localeOf(ctx, client, applicant, user);
    if (!user?.credentialVerified) return accountsNoticeView(locale, translator(locale)('request.not_registered'));
    return accessRequestForm(locale);
  });
}

/** Who clicked, in which business account, with which role now. Undefined parts mean "refuse". */
interface Clicker {
  applicant: Applicant;
  user?: UserAccountRef;
  locale: Locale;
  t: Translate;
}

async function clickerOf(
  ctx: BotContext,
  client: WebClient,
  body: { team?: { id: string } | null; user: { id: string; team_id?: string } },
): Promise<Clicker | undefined> {
  const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
  if (!applicant) return undefined;
  const user = await userAccountOf(ctx.db, applicant);
  const locale = await localeOf(ctx, client, applicant, user);
  return { applicant, user, locale, t: translator(locale) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const businessIdOf = (value: string | undefined) => (value && UUID.test(value) ? value : undefined);
function memberValueOf(value: string | undefined): { businessAccountId: string; userAccountId: string } | undefined {
  const [businessAccountId, userAccountId, extra] = (value ?? '').split(':');
  return businessAccountId && userAccountId && extra === undefined && UUID.test(businessAccountId) && UUID.test(userAccountId)
    ? { businessAccountId, userAccountId }
    : undefined;
}

/**
 * A button in the accounts modal about one business account: the clicker's role there now,
 * checked against what the button does. Refused: the accounts modal again, with the reason.
 */
async function inBusiness(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string | undefined,
  action: BusinessAction,
): Promise<{ businessAccountId: string; businessNumber: string; role: Role } | undefined> {
  const role = businessAccountId && who.user ? await roleOf(ctx.db, businessAccountId, who.user.id) : null;
  const denied = denialOf(role, action);
  if (denied || !businessAccountId) {
    ctx.log.warn('account action refused', { action: action.kind, reason: denied?.messageKey ?? 'malformed' });
    await updateModal(
      ctx,
      client,
      view,
      await accountsFor(
        ctx,
        client,
        who.applicant,
        refusalText(who.t, who.locale, denied ?? { type: 'PolicyDenied', messageKey: 'policy.not_member' }),
      ),
    );
    return undefined;
  }
  return { businessAccountId, businessNumber: (await businessNumberOf(ctx.db, businessAccountId)) ?? '', role: role! };
}

type AccountButton = (ctx: BotContext, client: WebClient, body: ButtonBody, action: ButtonAction, who: Clicker) => Promise<void>;

const viewOf = (body: ButtonBody): OpenView | undefined => (body.view ? { id: body.view.id, hash: body.view.hash } : undefined);

async function showMembers(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string | undefined,
  banner?: string,
): Promise<void> {
  const business = await inBusiness(ctx, client, who, view, businessAccountId, { kind: 'members.view' });
  if (!business) return;
  const members = await membersOf(ctx.db, business.businessAccountId);
  await updateModal(
    ctx,
    client,
    { id: view.id },
    membersView({
      locale: who.locale,
      business: { id: business.businessAccountId, businessNumber: business.businessNumber },
      members,
      viewer: { userAccountId: who.user!.id, role: business.role },
      banner,
    }),
  );
}

/** A change made from the member list: run it, then show the list again with what happened. */
async function changeFromList(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string,
  change: AccountChange,
  key: string,
): Promise<void> {
  const outcome = await ctx.requests.change({ businessAccountId, actorUserAccountId: who.user!.id, change }, key);
  const banner = outcome.ok ? undefined : refusalText(who.t, who.locale, outcome.failure);
  await showMembers(ctx, client, who, view, businessAccountId, banner);
}

const ACCOUNT_BUTTONS: Record<string, AccountButton> = {
  [ActionId.BackToAccounts]: async (ctx, client, body, _action, who) => {
    const view = viewOf(body);
    if (view) await updateModal(ctx, client, { id: view.id }, await accountsFor(ctx, client, who.applicant));
  },

  [ActionId.RequestAccess]: async (ctx, client, body, _action, who) => {
    const view = viewOf(body);
    if (!view) return;
    const next = who.user?.credentialVerified
      ? accessRequestForm(who.locale)
      : accountsNoticeView(who.locale, who.t('request.not_registered'));
    await updateModal(ctx, client, { id: view.id }, next);
  },

  [ActionId.ShowMembers]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (view) await showMembers(ctx, client, who, view, businessIdOf(action.value));
  },

  [ActionId.ShowMessages]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, businessIdOf(action.value), { kind: 'messages.view' });
    if (!business) return;
    const messages = await listBusinessMessages(ctx.db, business.businessAccountId);
    const { timeZone } = await ctx.profiles.get(client, who.applicant.userId);
    await updateModal(
      ctx,
      client,
      { id: view.id },
      messagesView({ locale: who.locale, businessNumber: business.businessNumber, messages, timeZone }),
    );
  },

  [ActionId.AddMember]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    // Anyone who may add at least an account browser may open the form; the role chosen is checked on submit.
    const business = await inBusiness(ctx, client, who, view, businessIdOf(action.value), { kind: 'members.add', role: 'account_browser' });
    if (business) await updateModal(ctx, client, { id: view.id }, addMemberForm(who.locale, business.businessAccountId));
  },

  [ActionId.ChangeRole]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    const target = memberValueOf(action.value);
    if (!view) return;
    const subjectRole = target ? await roleOf(ctx.db, target.businessAccountId, target.userAccountId) : null;
    const business = await inBusiness(
      ctx,
      client,
      who,
      view,
      target?.businessAccountId,
      subjectRole ? { kind: 'members.changeRole', from: subjectRole, to: subjectRole } : { kind: 'members.view' },
    );
    if (!business || !target) return;
    const member = (await membersOf(ctx.db, target.businessAccountId)).find((m) => m.userAccountId === target.userAccountId);
    if (!member) {
      await showMembers(ctx, client, who, view, target.businessAccountId, who.t('members.not_member'));
      return;
    }
    await updateModal(ctx, client, { id: view.id }, changeRoleForm(who.locale, action.value!, member, business.businessNumber));
  },

  [ActionId.RemoveMember]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    const target = memberValueOf(action.value);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, target?.businessAccountId, { kind: 'members.view' });
    if (!business || !target) return;
    // The workflow decides with the policy (the subject's role then); the key is this click.
    await changeFromList(
      ctx,
      client,
      who,
      view,
      business.businessAccountId,
      { kind: 'members.remove', subjectUserAccountId: target.userAccountId },
      ctx.updateIds.forAction(action, who.applicant.userId),
    );
  },

  [ActionId.EditContact]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, businessIdOf(action.value), { kind: 'business.update' });
    if (!business) return;
    const values = await contactValuesOf(ctx.db, business.businessAccountId);
    await updateModal(
      ctx,
      client,
      { id: view.id },
      contactForm(who.locale, { id: business.businessAccountId, businessNumber: business.businessNumber }, values),
    );
  },

  [ActionId.TransferOwnership]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, businessIdOf(action.value), { kind: 'business.transferOwnership' });
    if (!business) return;
    const candidates = (await membersOf(ctx.db, business.businessAccountId)).filter((m) => m.role !== 'owner');
    await updateModal(
      ctx,
      client,
      { id: view.id },
      transferForm(who.locale, { id: business.businessAccountId, businessNumber: business.businessNumber }, candidates),
    );
  },

  [ActionId.ConfirmTransfer]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    const target = memberValueOf(action.value);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, target?.businessAccountId, { kind: 'business.transferOwnership' });
    if (!business || !target) return;
    const name = (await nameOf(ctx.db, target.userAccountId)) ?? '';
    // The request workflow asks the new owner and re-checks both roles when they answer.
    const { started } = await ctx.requests.start(
      {
        kind: 'ownership_transfer',
        businessAccountId: business.businessAccountId,
        requesterUserAccountId: who.user!.id,
        subjectUserAccountId: target.userAccountId,
        role: 'owner',
      },
      business.businessNumber,
    );
    await updateModal(
      ctx,
      client,
      { id: view.id },
      accountsNoticeView(who.locale, started ? who.t('transfer_form.sent', { name: escapeMrkdwn(name) }) : who.t('transfer_form.pending')),
    );
  },

  [ActionId.DeleteBusiness]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, businessIdOf(action.value), { kind: 'business.delete' });
    if (business)
      await updateModal(
        ctx,
        client,
        { id: view.id },
        deleteForm(who.locale, { id: business.businessAccountId, businessNumber: business.businessNumber }),
      );
  },

  [ActionId.ApproveRequest]: (ctx, client, body, action, who) => decideFromMessage(ctx, client, body, action, who, 'approve'),

  [ActionId.RejectRequest]: async (ctx, client, body, action, who) => {
    // The reason is asked in a modal; the decision is sent when it is submitted.
    const request = await requestFor(ctx, action.value, who);
    if (!request.ok) {
      await tellClicker(client, body, who.t('request.decision_refused', { message: refusalText(who.t, who.locale, request.failure) }));
      return;
    }
    // Declining ownership needs no reason: the new owner's answer is sent at once.
    if (request.status.kind === 'ownership_transfer') {
      await decideFromMessage(ctx, client, body, action, who, 'reject');
      return;
    }
    // The modal shows who asks: only to someone who may decide this request.
    const requester = await requesterOf(ctx.db, request.runId);
    const denied = denialOf(await roleOf(ctx.db, request.status.businessAccountId, who.user!.id), {
      kind: 'members.add',
      role: request.status.role,
      requesterIsActor: requester === who.user!.id,
    });
    if (denied) {
      await tellClicker(client, body, who.t('request.decision_refused', { message: refusalText(who.t, who.locale, denied) }));
      return;
    }
    const record = await requestSummaryOf(ctx.db, request.runId);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: rejectRequestForm({
        locale: who.locale,
        requestValue: action.value!,
        requester: record?.requesterName ?? '',
        businessNumber: record?.businessNumber ?? '',
        role: request.status.role,
      }),
    });
  },
};

type RequestLookup =
  { ok: true; workflowId: string; runId: string; status: RoleRequestStatus & { requestId: string } } | { ok: false; failure: StepFailure };

/** The request a decision button names, if it still waits; else why not. */
async function requestFor(ctx: BotContext, value: string | undefined, who: Clicker): Promise<RequestLookup> {
  const target = parseRequestButtonValue(value);
  if (!target || !who.user) return { ok: false, failure: { type: 'PolicyDenied', messageKey: 'policy.not_member' } };
  const status = await ctx.requests.status(target.workflowId, target.runId);
  if (!status || status.status !== 'pending') return { ok: false, failure: await closedFailure(ctx, status) };
  return { ok: true, ...target, status: { ...status, requestId: target.runId } };
}

async function closedFailure(ctx: BotContext, status: RoleRequestStatus | undefined): Promise<StepFailure> {
  const by = status?.decidedByUserAccountId ? await nameOf(ctx.db, status.decidedByUserAccountId) : undefined;
  return by
    ? // Shown in mrkdwn only (under the clicked message, or in the accounts modal).
      { type: 'RequestClosed', messageKey: 'request.closed_by', params: { by: escapeMrkdwn(by) } }
    : { type: 'RequestClosed', messageKey: 'request.closed', params: { status: status?.status ?? 'closed' } };
}

/** Says something to the clicker only, under the message they clicked (Slack's response_url). */
async function tellClicker(client: WebClient, body: ButtonBody, text: string): Promise<void> {
  if (body.response_url) {
    const response = await fetch(body.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`response_url answered ${response.status}`);
    return;
  }
  await client.chat.postMessage({ channel: body.user.id, text });
}

/**
 * Approve (or decline an ownership transfer): the decider's role in the request's business account
 * is read now, from the system of record, and sent with the decision; the workflow's validator
 * decides with it and the membership transaction decides again.
 */
async function decideFromMessage(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
  who: Clicker,
  choice: 'approve' | 'reject',
): Promise<void> {
  const request = await requestFor(ctx, action.value, who);
  if (!request.ok) {
    await tellClicker(client, body, who.t('request.decision_refused', { message: refusalText(who.t, who.locale, request.failure) }));
    return;
  }
  const deciderRole = await roleOf(ctx.db, request.status.businessAccountId, who.user!.id);
  const outcome = await ctx.requests.decide(
    request.workflowId,
    request.runId,
    { deciderUserAccountId: who.user!.id, deciderRole, decision: choice },
    ctx.updateIds.forAction(action, who.applicant.userId),
  );
  if (!outcome.ok) {
    const failure =
      outcome.failure.type === 'RequestClosed'
        ? await closedFailure(ctx, await ctx.requests.status(request.workflowId, request.runId))
        : outcome.failure;
    await tellClicker(client, body, who.t('request.decision_refused', { message: refusalText(who.t, who.locale, failure) }));
    return;
  }
  // Another decider got there first: this click changed nothing, and says so.
  if (outcome.value.decidedByUserAccountId && outcome.value.decidedByUserAccountId !== who.user!.id) {
    await tellClicker(
      client,
      body,
      who.t('request.decision_refused', { message: refusalText(who.t, who.locale, await closedFailure(ctx, outcome.value)) }),
    );
  }
  await publishHome(ctx, client, who.applicant);
}

export const ACCOUNT_ACTION_IDS: readonly string[] = [...Object.keys(ACCOUNT_BUTTONS), ActionId.OpenAccounts];

export async function handleAccountAction(ctx: BotContext, client: WebClient, body: ButtonBody, action: ButtonAction): Promise<void> {
  const who = await clickerOf(ctx, client, body);
  if (!who) return;
  if (action.action_id === ActionId.OpenAccounts) {
    await openAccounts(ctx, client, body.trigger_id, who.applicant);
    return;
  }
  const work = ACCOUNT_BUTTONS[action.action_id];
  if (!work) return;
  try {
    await work(ctx, client, body, action, who);
  } catch (error) {
    ctx.log.error('account action failed', {
      action: action.action_id,
      error: `${(error as Error).name}: ${(error as Error).message}`,
      slack: slackErrorCode(error),
    });
    const text = who.t('bot.error.title', { message: who.t('bot.error.generic') });
    const view = viewOf(body);
    if (view) await updateModal(ctx, client, { id: view.id }, accountsNoticeView(who.locale, text)).catch(() => false);
    else await tellClicker(client, body, text).catch(() => undefined);
  }
}

// ---- Forms -------------------------------------------------------------------------------------

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
    if (!parsed.success) return { response_action: 'errors', errors: zodErrors(ACCESS_REQUEST_FIELDS, who.t, parsed.error) };
    // Only a user with a verified credential and a user account may ask.
    if (!who.user?.credentialVerified) return update(accountsNoticeView(who.locale, who.t('request.not_registered')));
    const business = await activeBusinessByNumber(ctx.db, parsed.data.businessNumber);
    if (!business) return { response_action: 'errors', errors: { businessNumber: who.t('request.business_not_found') } };
    if (await roleOf(ctx.db, business.id, who.user.id)) {
      return { response_action: 'errors', errors: { businessNumber: who.t('request.refused.already_member') } };
    }
    const { role } = parsed.data;
    const { started } = await ctx.requests.start(
      { kind: 'access', businessAccountId: business.id, requesterUserAccountId: who.user.id, subjectUserAccountId: who.user.id, role },
      business.businessNumber,
    );
    if (!started) return update(accountsNoticeView(who.locale, who.t('request.pending_exists')));
    const proxies = role === 'proxy' ? '' : who.t('request.sent_proxies');
    return update(
      accountsNoticeView(
        who.locale,
        who.t('request.sent', { bn: formatBusinessNumber(business.businessNumber), ...roleParams(who.t, role), proxies }),
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
      return update(accountsNoticeView(who.locale, refusalText(who.t, who.locale, await closedFailure(ctx, outcome.value))));
    }
    return { response_action: 'clear' };
  },

  [CallbackId.AddMemberForm]: async (ctx, _client, body, who) => {
    const values = readForm(ADD_MEMBER_FIELDS, body.view.state.values);
    const parsed = AddMemberInput.safeParse(formSubmission(ADD_MEMBER_FIELDS, values));
    if (!parsed.success) return { response_action: 'errors', errors: zodErrors(ADD_MEMBER_FIELDS, who.t, parsed.error) };
    const businessAccountId = businessIdOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!businessAccountId || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const outcome = await ctx.requests.change(
      { businessAccountId, actorUserAccountId: who.user.id, change: { kind: 'members.add', ...parsed.data } },
      ctx.updateIds.forSubmission(body.view, values),
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
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    return update(
      accountsNoticeView(
        who.locale,
        who.t('members.added', { name: escapeMrkdwn(name ?? ''), bn: formatBusinessNumber(bn), ...roleParams(who.t, parsed.data.role) }),
      ),
    );
  },

  [CallbackId.ContactForm]: async (ctx, _client, body, who) => {
    const values = readForm(CONTACT_FIELDS, body.view.state.values);
    const parsed = BusinessUpdateInput.safeParse(formSubmission(CONTACT_FIELDS, values));
    if (!parsed.success) return { response_action: 'errors', errors: zodErrors(CONTACT_FIELDS, who.t, parsed.error) };
    const businessAccountId = businessIdOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!businessAccountId || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const outcome = await ctx.requests.change(
      { businessAccountId, actorUserAccountId: who.user.id, change: { kind: 'business.update', contact: parsed.data.contact } },
      ctx.updateIds.forSubmission(body.view, values),
    );
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    if (!outcome.ok)
      return update(
        contactForm(who.locale, { id: businessAccountId, businessNumber: bn }, values, refusalText(who.t, who.locale, outcome.failure)),
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
    const member = (await membersOf(ctx.db, businessAccountId)).find((m) => m.userAccountId === values['newOwner'] && m.role !== 'owner');
    if (!member) return { response_action: 'errors', errors: { newOwner: who.t('members.not_member') } };
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    return update(transferConfirmView(who.locale, { id: businessAccountId, businessNumber: bn }, member));
  },

  [CallbackId.DeleteBusinessForm]: async (ctx, _client, body, who) => {
    const typed = (readForm(DELETE_FIELDS, body.view.state.values)['businessNumber'] ?? '').replace(/\s+/g, '').toUpperCase();
    const businessAccountId = businessIdOf(decodeMetadata(body.view.private_metadata)?.subject);
    if (!businessAccountId || !who.user) return update(accountsNoticeView(who.locale, who.t('policy.not_member')));
    const bn = (await businessNumberOf(ctx.db, businessAccountId)) ?? '';
    if (typed !== bn) return { response_action: 'errors', errors: { businessNumber: who.t('delete_form.mismatch') } };
    const outcome = await ctx.requests.change(
      { businessAccountId, actorUserAccountId: who.user.id, change: { kind: 'business.delete' } },
      ctx.updateIds.forSubmission(body.view, { businessNumber: typed }),
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
    const outcome = await ctx.requests.change(
      {
        businessAccountId: target.businessAccountId,
        actorUserAccountId: who.user.id,
        change: { kind: 'members.changeRole', subjectUserAccountId: target.userAccountId, role: role.data },
      },
      ctx.updateIds.forSubmission(body.view, values),
    );
    if (!outcome.ok) return { response_action: 'errors', errors: { role: refusalText(who.t, who.locale, outcome.failure) } };
    const name = (await nameOf(ctx.db, target.userAccountId)) ?? '';
    const bn = (await businessNumberOf(ctx.db, target.businessAccountId)) ?? '';
    return update(
      accountsNoticeView(
        who.locale,
        who.t('members.role_changed', { name: escapeMrkdwn(name), bn: formatBusinessNumber(bn), role: roleName(who.t, role.data) }),
      ),
    );
  },
};

export const ACCOUNT_FORM_CALLBACK_IDS: readonly string[] = Object.keys(ACCOUNT_FORMS);

/**
 * One submission of an account form. Answered within the ack budget (counted from receipt) when
 * the work is that quick; otherwise the modal says "one moment" and is updated when it is done.
 */
export async function handleAccountSubmission(
  ctx: BotContext,
  client: WebClient,
  body: ViewSubmitAction,
  ack: (answer?: Answer) => void,
  receivedAt: number,
): Promise<void> {
  const form = ACCOUNT_FORMS[body.view.callback_id];
  const who = form ? await clickerOf(ctx, client, body) : undefined;
  if (!form || !who) {
    ack();
    return;
  }
  let acknowledged = false;
  const answering = form(ctx, client, body, who);
  const budget = Math.max(0, ctx.submissionAckBudgetMs - (Date.now() - receivedAt));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budget)));
  try {
    const early = await Promise.race([answering, late]);
    clearTimeout(timer);
    if (early) {
      acknowledged = true;
      ack(early);
      return;
    }
    acknowledged = true;
    ack(update(processingView(who.locale)));
    const answer = await answering;
    const shown =
      answer.response_action === 'update'
        ? answer.view
        : answer.response_action === 'errors'
          ? accountsNoticeView(who.locale, Object.values(answer.errors).join(' '))
          : undefined;
    if (shown) await updateModal(ctx, client, { id: body.view.id }, shown);
  } catch (error) {
    clearTimeout(timer);
    ctx.log.error('account form not handled', {
      form: body.view.callback_id,
      error: `${(error as Error).name}: ${(error as Error).message}`,
    });
    const view = accountsNoticeView(who.locale, who.t('bot.error.title', { message: who.t('bot.error.generic') }));
    if (!acknowledged) ack(update(view));
    else await updateModal(ctx, client, { id: body.view.id }, view).catch(() => false);
  }
}
