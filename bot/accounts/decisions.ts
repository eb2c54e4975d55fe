/**
 * Approve and Reject on a decider's request message: the request must still wait, the decider's
 * role is read now and sent with the decision; the workflow and the membership transaction decide again.
 */
import type { ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import type { RoleRequestStatus } from '../../client';
import { type BotContext } from '../context';
import { nameOf, roleOf } from '../../records/directory';
import { publishHome } from '../home/publish';
import type { StepFailure } from '../../client';
import { parseRequestButtonValue } from '../../slack/messages/role-requests';
import { escapeMrkdwn } from '../../slack/text';
import { type ButtonBody, refusalText, type Clicker, tellClicker } from './common';

export type RequestLookup =
  | { ok: true; workflowId: string; runId: string; status: RoleRequestStatus & { requestId: string } }
  | { ok: false; failure: StepFailure };

/** The request a decision button names, if it still waits; else why not. */
export async function requestFor(ctx: BotContext, value: string | undefined, who: Clicker): Promise<RequestLookup> {
  const target = parseRequestButtonValue(value);
  if (!target || !who.user) return { ok: false, failure: { type: 'PolicyDenied', messageKey: 'policy.not_member' } };
  const status = await ctx.requests.status(target.workflowId, target.runId);
  if (!status || status.status !== 'pending') return { ok: false, failure: await closedFailure(ctx, status) };
  return { ok: true, ...target, status: { ...status, requestId: target.runId } };
}

export async function closedFailure(ctx: BotContext, status: RoleRequestStatus | undefined): Promise<StepFailure> {
  const by = status?.decidedByUserAccountId ? await nameOf(ctx.db, status.decidedByUserAccountId) : undefined;
  return by
    ? // Shown in mrkdwn only (under the clicked message, or in the accounts modal).
      { type: 'RequestClosed', messageKey: 'request.closed_by', params: { by: escapeMrkdwn(by) } }
    : { type: 'RequestClosed', messageKey: 'request.closed', params: { status: status?.status ?? 'closed' } };
}

/**
 * Approve (or decline an ownership transfer): the decider's role in the request's business account
 * is read now, from the system of record, and sent with the decision; the workflow's validator
 * decides with it and the membership transaction decides again.
 */
export async function decideFromMessage(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
  who: Clicker,
  choice: 'approve' | 'reject',
): Promise<void> {
  const request = await requestFor(ctx, action.value, who);
  if (!request.ok) {
    await tellClicker(
      client,
      body,
      who.t('request.decision_refused', { message: refusalText(who.t, who.locale, request.failure) }),
    );
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
    await tellClicker(
      client,
      body,
      who.t('request.decision_refused', { message: refusalText(who.t, who.locale, failure) }),
    );
    return;
  }
  // Another decider got there first: this click changed nothing, and says so.
  if (outcome.value.decidedByUserAccountId && outcome.value.decidedByUserAccountId !== who.user!.id) {
    await tellClicker(
      client,
      body,
      who.t('request.decision_refused', {
        message: refusalText(who.t, who.locale, await closedFailure(ctx, outcome.value)),
      }),
    );
  }
  await publishHome(ctx, client, who.applicant);
}
