/**
 * The work thread: runs what comes after Slack's ack (Temporal, the database, Web API calls) on
 * an event loop of its own, so the HTTP thread only verifies, acknowledges and hands over. Node
 * accepts one new connection per event-loop turn: with the work on the same loop, a burst of
 * commands waited behind the work of the ones before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LogFields, Logger, LogLevel } from '../../config/logger';
import { connectCersClient } from '../../client';
import { createDatabase } from '../../records';
import { pruneEventReceipts } from '../../records/slack-event-receipts';
import { pruneSignInLinks } from '../../sign-in/links';
import { createWorkContext, type WorkSettings } from './context';
import { handleJob } from './handle';
import type { Job, JobAnswer } from './jobs';
import type { FromWorkThread, ToWorkThread } from './messages';
import { lostAnswer } from './thread-runner';

const port = parentPort!;
const { settings, databaseUrl } = workerData as { settings: WorkSettings; databaseUrl: string };

/** Log lines go to the main thread's logger, so there is one log stream. */
const forward =
  (level: LogLevel) =>
  (message: string, fields?: LogFields): void =>
    port.postMessage({ type: 'log', level, message, fields } satisfies FromWorkThread);
const log: Logger = { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };

const db = createDatabase(databaseUrl);
// Lazy: the thread serves at once even while Temporal is unreachable; the handlers' fallbacks
// then tell the applicant, and a later call connects.
const ready = connectCersClient({ config: settings.config, lazy: true }).then((temporal) => ({
  temporal,
  ...createWorkContext(settings, { temporal, db, log }),
}));
const running = new Set<Promise<void>>();

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * One job, isolated from the others: whatever it does, it ends here (never in the thread's
 * top level, which would end the thread and every other person's work in it), and a job that
 * expects an answer gets exactly one.
 */
async function run(id: number, job: Job): Promise<void> {
  let answered = false;
  const answer = (ack: JobAnswer) => {
    if (answered) return;
    answered = true;
    port.postMessage({ type: 'answer', id, ack } satisfies FromWorkThread);
  };
  try {
    const { ctx, client } = await ready;
    await handleJob(ctx, client, job, answer);
  } catch (error) {
    log.error('Slack job failed', { kind: job.kind, error: describe(error) });
  }
  // A submission or page whose handler ended without an answer (it failed): the form stays open,
  // as typed, or the browser gets "try again". Only then is the fallback worked out.
  if (!answered && (job.kind === 'submission' || job.kind === 'signIn')) answer(lostAnswer(job));
}

// A promise some job forgot to handle is that job's failure, logged; it must not end the thread.
process.on('unhandledRejection', (reason) => log.error('Slack job failed (unhandled)', { error: describe(reason) }));

// Receipts of handled Slack events are kept a day (event-receipts.ts).
const pruning = setInterval(
  () => void Promise.all([pruneEventReceipts(db), pruneSignInLinks(db)]).catch(() => undefined),
  60 * 60 * 1000,
);
pruning.unref();

port.on('message', (message: ToWorkThread) => {
  if (message.type === 'job') {
    const done = run(message.id, message.job)
      .catch((error: unknown) => log.error('Slack job failed', { kind: message.job.kind, error: describe(error) }))
      .finally(() => running.delete(done));
    running.add(done);
    return;
  }
  // Stop: finish what runs, then close the connections; the thread then ends by itself.
  clearInterval(pruning);
  void Promise.allSettled([...running]).then(async () => {
    await db.$disconnect().catch(() => undefined);
    await ready.then(({ temporal }) => temporal.connection.close()).catch(() => undefined);
    port.close();
  });
});

ready.then(
  () => port.postMessage({ type: 'ready' } satisfies FromWorkThread),
  (error: Error) => log.error('work thread could not start', { error: `${error.name}: ${error.message}` }),
);
