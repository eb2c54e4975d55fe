/**
 * A form submission answered within Slack's ack budget when its work is that quick; otherwise the
 * modal says "one moment" at once and is updated with the answer when the work is done. A failure
 * shows `failed` in the modal, never the error. Shared by every form whose work calls a workflow.
 */
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import type { BotContext } from '../context';
import type { Answer } from './answer';
import { updateModal } from '../ui/modal';

export interface BudgetedSubmission {
  viewId: string;
  /** The form's callback id, for the log. */
  form: string;
  ack: (answer?: Answer) => void;
  /** When Slack's request arrived: the budget counts from there. */
  receivedAt: number;
  answering: Promise<Answer>;
  /** Shown at once when the answer is late. */
  pending: ModalView;
  /** A late answer's field errors, shown as a notice (the form is gone by then). */
  notice: (text: string) => ModalView;
  /** Shown when the work failed. */
  failed: ModalView;
}

/** Resolves `true` once answered, `false` if the work failed (logged, `failed` shown). */
export async function answerWithinBudget(
  ctx: BotContext,
  client: WebClient,
  submission: BudgetedSubmission,
): Promise<boolean> {
  const { viewId, ack, answering } = submission;
  const update = (view: ModalView): Answer => ({ response_action: 'update', view });
  let acknowledged = false;
  const budget = Math.max(0, ctx.submissionAckBudgetMs - (Date.now() - submission.receivedAt));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budget)));
  try {
    const early = await Promise.race([answering, late]);
    clearTimeout(timer);
    acknowledged = true;
    if (early) {
      ack(early);
      return true;
    }
    ack(update(submission.pending));
    const answer = await answering;
    const shown =
      answer.response_action === 'update'
        ? answer.view
        : answer.response_action === 'errors'
          ? submission.notice(Object.values(answer.errors).join(' '))
          : undefined;
    if (shown) await updateModal(ctx, client, { id: viewId }, shown);
    return true;
  } catch (error) {
    clearTimeout(timer);
    ctx.log.error('form not handled', {
      form: submission.form,
      error: `${(error as Error).name}: ${(error as Error).message}`,
    });
    if (!acknowledged) ack(update(submission.failed));
    else await updateModal(ctx, client, { id: viewId }, submission.failed).catch(() => false);
    return false;
  }
}
