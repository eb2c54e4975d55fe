/**
 * Deciding from the pending-request list (accounts modal or Home tab). A decision is the same
 * workflow update as the decider's direct message sends (`decideRoleRequest`, with the decider's
 * role read now), keyed by the click or the form, so a Slack retry acts once, a double click finds
 * the request decided, and two deciders at once get one outcome; the workflow then updates every
 * decider's message as for a decision taken there. Afterwards the list is shown again, with why
 * nothing changed when someone else decided first.
 */
import type { WebClient } from '@slack/web-api';
import type { RoleRequestStatus, StepFailure } from '../../client';
import type { Role } from '../../domain/roles';
import { roleOf } from '../../records/directory';
import { parseRequestButtonValue } from '../../slack/messages/role-requests';
import type { BotContext } from '../context';
import { publishHome } from '../home/publish';
import { updateModal } from '../ui/modal';
import { accountsFor, refusalText, tellClicker, type ButtonBody, type Clicker } from '../accounts/common';
import { closedFailure } from '../accounts/decisions';

export interface WaitingRequest {
  workflowId: string;
  runId: string;
  kind: RoleRequestStatus['kind'];
  role: Role;
  businessAccountId: string;
}

/**
 * The request a list button names, if it still waits. Otherwise why not, to show the clicker:
 * nothing when they decided it themselves (a double click), else who decided or how it closed.
 */
export async function waitingRequest(
  ctx: BotContext,
  value: string | undefined,
  who: Clicker,
): Promise<{ ok: true; request: WaitingRequest } | { ok: false; failure?: StepFailure }> {
  const target = parseRequestButtonValue(value);
  if (!target || !who.user) return { ok: false, failure: { type: 'PolicyDenied', messageKey: 'policy.not_member' } };
  const status = await ctx.requests.status(target.workflowId, target.runId);
  if (status?.status === 'pending')
    return {
      ok: true,
      request: { ...target, kind: status.kind, role: status.role, businessAccountId: status.businessAccountId },
    };
  if (status?.decidedByUserAccountId === who.user.id) return { ok: false };
  return { ok: false, failure: await closedFailure(ctx, status) };
}

/**
 * Sends the decision; returns why it did not take effect (refused, or another decider first), or
 * undefined when this person's decision stands (this call, or their own earlier click).
 */
export async function decideWaiting(
  ctx: BotContext,
  who: Clicker,
  request: WaitingRequest,
  decision: 'approve' | 'reject',
  updateId: string,
  reason?: string,
): Promise<StepFailure | undefined> {
  const deciderRole = await roleOf(ctx.db, request.businessAccountId, who.user!.id);
  const outcome = await ctx.requests.decide(
    request.workflowId,
    request.runId,
    { deciderUserAccountId: who.user!.id, deciderRole, decision, ...(reason ? { reason } : {}) },
    updateId,
  );
  if (!outcome.ok) {
    if (outcome.failure.type !== 'RequestClosed') return outcome.failure;
    const now = await ctx.requests.status(request.workflowId, request.runId);
    return now?.decidedByUserAccountId === who.user!.id ? undefined : closedFailure(ctx, now);
  }
  if (outcome.value.decidedByUserAccountId === who.user!.id) return undefined;
  return closedFailure(ctx, outcome.value);
}

/**
 * After a click in the list: the accounts modal shows the list again (with why nothing changed,
 * if so); on the Home tab, which has no room for a banner, the reason comes as a direct message.
 * The Home tab is published again either way.
 */
export async function showListAgain(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  who: Clicker,
  failure?: StepFailure,
): Promise<void> {
  const text = failure ? refusalText(who.t, who.locale, failure) : undefined;
  if (body.view && body.view.type !== 'home')
    await updateModal(ctx, client, { id: body.view.id }, await accountsFor(ctx, client, who.applicant, text));
  else if (text) await tellClicker(client, body, who.t('request.decision_refused', { message: text }));
  await publishHome(ctx, client, who.applicant);
}
