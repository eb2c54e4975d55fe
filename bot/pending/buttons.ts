/**
 * Approve and Reject in the pending-request list, and the reason form a rejection asks for. They
 * join the accounts modal's buttons and forms (bot/accounts/buttons.ts, forms.ts), which find who
 * clicked and answer failures; the decision itself is bot/pending/decide.ts.
 */
import type { ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { requesterOf, requestSummaryOf } from '../../records/role-requests';
import { roleOf } from '../../records/directory';
import { CallbackId, ActionId } from '../../slack/ids';
import { REJECT_FIELDS, readForm } from '../ui/forms';
import { decodeMetadata } from '../ui/metadata';
import { updateModal } from '../ui/modal';
import type { BotContext } from '../context';
import type { Answer } from '../routing/answer';
import { publishHome } from '../home/publish';
import { accountsFor, denialOf, refusalText, type AccountButton, type Clicker } from '../accounts/common';
import { rejectRequestForm } from '../accounts/views';
import { decideWaiting, showListAgain, waitingRequest } from './decide';

export const PENDING_BUTTONS: Record<string, AccountButton> = {
  [ActionId.ApprovePendingRequest]: async (ctx, client, body, action, who) => {
    const waiting = await waitingRequest(ctx, action.value, who);
    const failure = waiting.ok
      ? await decideWaiting(ctx, who, waiting.request, 'approve', ctx.updateIds.forAction(action, who.applicant.userId))
      : waiting.failure;
    await showListAgain(ctx, client, body, who, failure);
  },

  [ActionId.RejectPendingRequest]: async (ctx, client, body, action, who) => {
    const waiting = await waitingRequest(ctx, action.value, who);
    if (!waiting.ok) {
      await showListAgain(ctx, client, body, who, waiting.failure);
      return;
    }
    const { request } = waiting;
    const key = ctx.updateIds.forAction(action, who.applicant.userId);
    // Declining ownership needs no reason: the answer is sent at once, as from the message.
    if (request.kind === 'ownership_transfer') {
      await showListAgain(ctx, client, body, who, await decideWaiting(ctx, who, request, 'reject', key));
      return;
    }
    // The form shows who asks: only to someone who may decide this request.
    const denied = denialOf(await roleOf(ctx.db, request.businessAccountId, who.user!.id), {
      kind: 'members.add',
      role: request.role,
      requesterIsActor: (await requesterOf(ctx.db, request.runId)) === who.user!.id,
    });
    if (denied) {
      await showListAgain(ctx, client, body, who, denied);
      return;
    }
    const summary = await requestSummaryOf(ctx.db, request.runId);
    const form = {
      ...rejectRequestForm({
        locale: who.locale,
        requestValue: action.value!,
        requester: summary?.requesterName ?? '',
        businessNumber: summary?.businessNumber ?? '',
        role: request.role,
      }),
      // Its own callback: once submitted, the list is shown again (the message's form just closes).
      callback_id: CallbackId.RejectPendingRequestForm,
    };
    // From the accounts modal, the form takes its place; from the Home tab, it opens as a modal.
    if (body.view && body.view.type !== 'home') await updateModal(ctx, client, { id: body.view.id }, form);
    else await client.views.open({ trigger_id: body.trigger_id, view: form });
  },
};

type PendingForm = (ctx: BotContext, client: WebClient, body: ViewSubmitAction, who: Clicker) => Promise<Answer>;

export const PENDING_FORMS: Record<string, PendingForm> = {
  [CallbackId.RejectPendingRequestForm]: async (ctx, client, body, who) => {
    const reason = readForm(REJECT_FIELDS, body.view.state.values)['reason']?.trim() ?? '';
    if (reason.length > 500) return { response_action: 'errors', errors: { reason: who.t('validation.too_long') } };
    const waiting = await waitingRequest(ctx, decodeMetadata(body.view.private_metadata)?.subject, who);
    const failure = waiting.ok
      ? await decideWaiting(
          ctx,
          who,
          waiting.request,
          'reject',
          ctx.updateIds.forSubmission(body.view, { reason }),
          reason || undefined,
        )
      : waiting.failure;
    if (failure?.type === 'InvalidInput')
      return { response_action: 'errors', errors: { reason: refusalText(who.t, who.locale, failure) } };
    await publishHome(ctx, client, who.applicant);
    const banner = failure ? refusalText(who.t, who.locale, failure) : undefined;
    return { response_action: 'update', view: await accountsFor(ctx, client, who.applicant, banner) };
  },
};
