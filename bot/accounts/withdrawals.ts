/**
 * Withdraw, on the requester's own pending request in the accounts modal. Only the requester may
 * (checked here from the system of record, and again by the workflow's validator); the click's
 * update id makes a Slack retry act once, and a second click finds the request closed.
 */
import type { ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { formatBusinessNumber } from '../../domain/business-number';
import { requesterOf, requestSummaryOf } from '../../records/role-requests';
import { parseRequestButtonValue } from '../../slack/messages/role-requests';
import type { StepFailure } from '../../client';
import type { BotContext } from '../context';
import { publishHome } from '../home/publish';
import { updateModal } from '../ui/modal';
import { accountsFor, refusalText, viewOf, type ButtonBody, type Clicker } from './common';
import { closedFailure } from './decisions';
import { accountsNoticeView } from './views';

export async function withdrawFromAccounts(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
  who: Clicker,
): Promise<void> {
  const view = viewOf(body);
  if (!view) return;
  const refuse = async (failure: StepFailure) => {
    ctx.log.warn('withdrawal refused', { reason: failure.messageKey ?? failure.type });
    await updateModal(
      ctx,
      client,
      { id: view.id },
      await accountsFor(ctx, client, who.applicant, refusalText(who.t, who.locale, failure)),
    );
  };
  const target = parseRequestButtonValue(action.value);
  const requester = target ? await requesterOf(ctx.db, target.runId) : undefined;
  if (!target || !who.user || requester !== who.user.id) {
    await refuse({ type: 'PolicyDenied', messageKey: 'policy.role_cannot' });
    return;
  }
  const outcome = await ctx.requests.withdraw(
    target.workflowId,
    target.runId,
    { requesterUserAccountId: who.user.id },
    ctx.updateIds.forAction(action, who.applicant.userId),
  );
  // Withdrawn by this click (or the same click retried); else it was settled another way first.
  if (!outcome.ok || outcome.value.cancelledBecause !== 'withdrawn') {
    const failure =
      outcome.ok || outcome.failure.type === 'RequestClosed'
        ? await closedFailure(
            ctx,
            outcome.ok ? outcome.value : await ctx.requests.status(target.workflowId, target.runId),
          )
        : outcome.failure;
    await refuse(failure);
    return;
  }
  const summary = await requestSummaryOf(ctx.db, target.runId);
  const bn = formatBusinessNumber(summary?.businessNumber ?? '');
  await updateModal(ctx, client, { id: view.id }, accountsNoticeView(who.locale, who.t('accounts.withdrawn', { bn })));
  await publishHome(ctx, client, who.applicant);
}
