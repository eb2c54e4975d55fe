/**
 * The buttons of the accounts modal and of request messages, by action id. Every action is checked
 * against the system of record as it is now (who the clicker is, their role in *that* business
 * account), so a forged or stale payload is refused with a clear message; the workflows then decide
 * again with the roles policy under the business account's lock.
 */
import type { ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import type { BusinessAction } from '../../domain/roles';
import { requesterOf, requestSummaryOf } from '../../records/role-requests';

import { type BotContext } from '../context';
import { contactValuesOf, membersOf, nameOf, roleOf } from '../../records/directory';
import { ActionId } from '../../slack/ids';
import { slackErrorCode, updateModal } from '../ui/modal';
import {
  accessRequestForm,
  accountsNoticeView,
  addMemberForm,
  changeRoleForm,
  contactForm,
  deleteForm,
  rejectRequestForm,
  transferForm,
} from './views';
import { escapeMrkdwn } from '../../slack/text';
import { formatBusinessNumber } from '../../domain/business-number';
import {
  type ButtonBody,
  refusalText,
  denialOf,
  accountsFor,
  openAccounts,
  clickerOf,
  businessIdOf,
  memberValueOf,
  inBusiness,
  type AccountButton,
  viewOf,
  showMembers,
  changeFromList,
  tellClicker,
  type Clicker,
} from './common';
import { requestFor, decideFromMessage } from './decisions';
import { withdrawFromAccounts } from './withdrawals';
import { PENDING_BUTTONS } from '../pending/buttons';
import { HISTORY_BUTTONS } from '../history/buttons';

type Business = NonNullable<Awaited<ReturnType<typeof inBusiness>>>;

const businessRef = (business: Business) => ({
  id: business.businessAccountId,
  businessNumber: business.businessNumber,
});

/**
 * A button that shows one view about the business account it names (a form, the messages): the
 * clicker's role there is checked for `action` first, and a refusal shows the accounts modal.
 */
function businessView(
  action: BusinessAction,
  build: (ctx: BotContext, client: WebClient, who: Clicker, business: Business) => Promise<ModalView>,
): AccountButton {
  return async (ctx, client, body, button, who) => {
    const view = viewOf(body);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, businessIdOf(button.value), action);
    if (business) await updateModal(ctx, client, { id: view.id }, await build(ctx, client, who, business));
  };
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

  // The history (owners and proxies) and the messages (members), a page at a time.
  ...HISTORY_BUTTONS,

  // Anyone who may add at least an account browser may open the form; the role chosen is checked on submit.
  [ActionId.AddMember]: businessView(
    { kind: 'members.add', role: 'account_browser' },
    async (_ctx, _client, who, business) => addMemberForm(who.locale, business.businessAccountId),
  ),

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
    const member = (await membersOf(ctx.db, target.businessAccountId)).find(
      (m) => m.userAccountId === target.userAccountId,
    );
    if (!member) {
      await showMembers(ctx, client, who, view, target.businessAccountId, who.t('members.not_member'));
      return;
    }
    await updateModal(
      ctx,
      client,
      { id: view.id },
      changeRoleForm(who.locale, action.value!, member, business.businessNumber),
    );
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

  [ActionId.EditContact]: businessView({ kind: 'business.update' }, async (ctx, _client, who, business) =>
    contactForm(who.locale, businessRef(business), await contactValuesOf(ctx.db, business.businessAccountId)),
  ),

  [ActionId.TransferOwnership]: businessView(
    { kind: 'business.transferOwnership' },
    async (ctx, _client, who, business) => {
      const candidates = (await membersOf(ctx.db, business.businessAccountId)).filter((m) => m.role !== 'owner');
      return transferForm(who.locale, businessRef(business), candidates);
    },
  ),

  [ActionId.ConfirmTransfer]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    const target = memberValueOf(action.value);
    if (!view) return;
    const business = await inBusiness(ctx, client, who, view, target?.businessAccountId, {
      kind: 'business.transferOwnership',
    });
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
      { businessNumber: business.businessNumber, urn: who.user?.urn },
    );
    await updateModal(
      ctx,
      client,
      { id: view.id },
      accountsNoticeView(
        who.locale,
        started ? who.t('transfer_form.sent', { name: escapeMrkdwn(name) }) : who.t('transfer_form.pending'),
      ),
    );
  },

  [ActionId.DeleteBusiness]: businessView({ kind: 'business.delete' }, async (_ctx, _client, who, business) =>
    deleteForm(who.locale, businessRef(business)),
  ),

  [ActionId.LeaveBusiness]: async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    // Any member may ask; the workflow refuses the owner (transfer first) under the lock.
    const business = await inBusiness(ctx, client, who, view, businessIdOf(action.value), { kind: 'messages.view' });
    if (!business) return;
    const outcome = await ctx.requests.change(
      {
        businessAccountId: business.businessAccountId,
        actorUserAccountId: who.user!.id,
        change: { kind: 'members.leave' },
      },
      ctx.updateIds.forAction(action, who.applicant.userId),
      { businessNumber: business.businessNumber, urn: who.user?.urn },
    );
    const next = outcome.ok
      ? accountsNoticeView(who.locale, who.t('accounts.left', { bn: formatBusinessNumber(business.businessNumber) }))
      : await accountsFor(ctx, client, who.applicant, refusalText(who.t, who.locale, outcome.failure));
    await updateModal(ctx, client, { id: view.id }, next);
  },

  [ActionId.WithdrawRequest]: (ctx, client, body, action, who) => withdrawFromAccounts(ctx, client, body, action, who),

  [ActionId.ApproveRequest]: (ctx, client, body, action, who) =>
    decideFromMessage(ctx, client, body, action, who, 'approve'),

  [ActionId.RejectRequest]: async (ctx, client, body, action, who) => {
    // The reason is asked in a modal; the decision is sent when it is submitted.
    const request = await requestFor(ctx, action.value, who);
    if (!request.ok) {
      await tellClicker(
        client,
        body,
        who.t('request.decision_refused', { message: refusalText(who.t, who.locale, request.failure) }),
      );
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
      await tellClicker(
        client,
        body,
        who.t('request.decision_refused', { message: refusalText(who.t, who.locale, denied) }),
      );
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

  // Approve and Reject in the pending-request list (bot/pending/).
  ...PENDING_BUTTONS,
};

export const ACCOUNT_ACTION_IDS: readonly string[] = [...Object.keys(ACCOUNT_BUTTONS), ActionId.OpenAccounts];

export async function handleAccountAction(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
): Promise<void> {
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
    // A click on the Home tab has a view too, but no modal to show the failure in.
    const view = body.view?.type === 'home' ? undefined : viewOf(body);
    if (view) await updateModal(ctx, client, { id: view.id }, accountsNoticeView(who.locale, text)).catch(() => false);
    else await tellClicker(client, body, text).catch(() => undefined);
  }
}
