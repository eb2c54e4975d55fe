/** Jobs run on this thread: for Socket Mode's single connection, and for tests that inject failures. */
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';
import { pruneEventReceipts } from '../../records/slack-event-receipts';
import { pruneSignInLinks } from '../../sign-in/links';
import { handleJob } from './handle';
import type { HttpAnswer, Job, JobAnswer, SubmissionAnswer, WorkRunner } from './jobs';
import { signInPage } from '../../sign-in/pages';
import { withinDeadline } from './thread-runner';

export function inProcessRunner(ctx: BotContext, client: WebClient): WorkRunner {
  const running = new Set<Promise<void>>();
  const pruning = setInterval(
    () => void Promise.all([pruneEventReceipts(ctx.db), pruneSignInLinks(ctx.db)]).catch(() => undefined),
    60 * 60 * 1000,
  );
  pruning.unref();
  const track = (job: Job, answer?: (ack: JobAnswer) => void) => {
    const done = handleJob(ctx, client, job, answer)
      .catch((error: Error) =>
        ctx.log.error('Slack job failed', { kind: job.kind, error: `${error.name}: ${error.message}` }),
      )
      .finally(() => running.delete(done));
    running.add(done);
    return done;
  };
  return {
    ready: () => Promise.resolve(),
    post(job) {
      void track(job);
    },
    submit(job) {
      return new Promise<SubmissionAnswer>((resolve) => {
        // Resolved by the handler's ack, or empty if it ended without one (it failed).
        void track(job, (ack) => resolve(ack as SubmissionAnswer)).then(() => resolve(undefined));
      });
    },
    serve(job) {
      return withinDeadline(
        new Promise<HttpAnswer>((resolve) => {
          void track(job, (answer) => resolve(answer as HttpAnswer)).then(() =>
            resolve(signInPage('unavailable', 'en')),
          );
        }),
      );
    },
    async stop() {
      clearInterval(pruning);
      await Promise.allSettled([...running]);
    },
  };
}
