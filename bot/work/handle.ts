/** Runs one job with the handlers; the same code on the work thread and in-process. */
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';
import { handleAction } from '../routing/actions';
import { handleCommand } from '../routing/commands';
import { handleEvent } from '../home/events';
import { handleSubmission } from '../routing/submissions';
import { handleSignIn } from '../sign-in/handlers';
import type { Job, JobAnswer } from './jobs';

export async function handleJob(
  ctx: BotContext,
  client: WebClient,
  job: Job,
  answer: (ack: JobAnswer) => void = () => undefined,
): Promise<void> {
  switch (job.kind) {
    case 'command':
      return handleCommand(ctx, client, job.command);
    case 'action':
      return handleAction(ctx, client, job.body);
    case 'event':
      return handleEvent(ctx, client, job.body);
    case 'submission':
      return handleSubmission(ctx, client, job.body, answer, job.receivedAt);
    case 'signIn':
      answer(await handleSignIn(ctx, client, job.request));
      return;
  }
}
