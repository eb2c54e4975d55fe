/**
 * The HTTP thread's side of the work thread: hands jobs over, matches view-submission answers to
 * their acks, relays log lines, and restarts the thread if it ever dies, with back-off when it
 * keeps dying. A form waiting on a dead thread stays open, as typed, with a "try again" on its
 * first field; posted jobs it held are lost like a crashed process's (the workflow state they
 * would have changed is unchanged, and the applicant's next click starts from it).
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Logger } from '../../config/logger';
import { translator } from '../../i18n/catalogue';
import { metadataLocale } from '../ui/metadata';
import type { WorkSettings } from './context';
import { signInPage } from '../../sign-in/pages';
import type { HttpAnswer, Job, JobAnswer, SubmissionAnswer, WorkRunner } from './jobs';
import type { FromWorkThread, ToWorkThread } from './messages';

const THREAD_ENTRY = require.resolve('./thread');
/** A thread that lived less than this before dying counts as failing to start. */
const HEALTHY_AFTER_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

type SubmissionJob = Extract<Job, { kind: 'submission' }>;
type AnsweredJob = SubmissionJob | Extract<Job, { kind: 'signIn' }>;

/** What a job that expects an answer gets when its work failed or was lost with the thread. */
export const lostAnswer = (job: AnsweredJob): JobAnswer =>
  job.kind === 'submission' ? retryLater(job) : signInPage('unavailable', 'en');

/** The parts of a submitted view that say where "try again" goes; read defensively (the job may be why the work failed). */
const RetryTarget = z.object({
  private_metadata: z.string().optional(),
  blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })),
});

/**
 * The ack that keeps a form open, as typed, when its work was lost: "try again" on the first field.
 * Total: it answers every job, however malformed (then with no ack body, which closes nothing).
 */
export function retryLater(job: SubmissionJob): SubmissionAnswer {
  const view = RetryTarget.safeParse((job.body as { view?: unknown } | undefined)?.view);
  if (!view.success) return undefined;
  const t = translator(metadataLocale(view.data.private_metadata));
  const blockId = view.data.blocks.find((block) => block.type === 'input' && block.block_id)?.block_id;
  return blockId ? { response_action: 'errors', errors: { [blockId]: t('bot.error.generic') } } : undefined;
}

/** A browser never waits forever: past 20 s it gets the "try again" page (the work may still finish). */
export function withinDeadline(answer: Promise<HttpAnswer>, ms = 20_000): Promise<HttpAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<HttpAnswer>(
    (resolve) => (timer = setTimeout(() => resolve(signInPage('unavailable', 'en')), ms)),
  );
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

export function threadRunner(settings: WorkSettings, databaseUrl: string, log: Logger): WorkRunner {
  let nextId = 1;
  let stopping = false;
  let failures = 0;
  let worker: Worker | undefined;
  const waiting: ToWorkThread[] = [];
  let markReady: () => void = () => undefined;
  const firstReady = new Promise<void>((resolve) => (markReady = resolve));
  const pending = new Map<number, { job: AnsweredJob; resolve: (ack: JobAnswer) => void }>();

  function spawn(): void {
    const startedAt = Date.now();
    // From the sources the thread runs TypeScript like the rest of the service (tsx's CommonJS
    // hooks); the build (dist/) is plain JavaScript.
    const thread = THREAD_ENTRY.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(THREAD_ENTRY)});`, {
          eval: true,
          workerData: { settings, databaseUrl },
        })
      : new Worker(THREAD_ENTRY, { workerData: { settings, databaseUrl } });
    thread.on('message', (message: FromWorkThread) => {
      if (message.type === 'answer') {
        pending.get(message.id)?.resolve(message.ack);
        pending.delete(message.id);
      } else if (message.type === 'log') {
        log[message.level](message.message, message.fields);
      } else {
        markReady();
      }
    });
    thread.on('error', (error) => log.error('work thread failed', { error: `${error.name}: ${error.message}` }));
    thread.on('exit', (code) => {
      worker = undefined;
      for (const { job, resolve } of pending.values()) resolve(lostAnswer(job));
      pending.clear();
      if (stopping) return;
      failures = Date.now() - startedAt < HEALTHY_AFTER_MS ? failures + 1 : 0;
      const delay = failures === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
      log.error('work thread exited; starting a new one', { code, inMs: delay });
      setTimeout(spawn, delay).unref();
    });
    worker = thread;
    for (const message of waiting.splice(0)) thread.postMessage(message);
  }
  spawn();

  const send = (job: Job): number => {
    const id = nextId++;
    const message: ToWorkThread = { type: 'job', id, job };
    if (worker) worker.postMessage(message);
    else waiting.push(message);
    return id;
  };

  return {
    ready: () => firstReady,
    post(job) {
      send(job);
    },
    submit(job) {
      // No thread right now (it is being restarted): the form stays open rather than wait past 3 s.
      if (!worker) return Promise.resolve(retryLater(job));
      return new Promise<SubmissionAnswer>((resolve) =>
        pending.set(send(job), { job, resolve: (ack) => resolve(ack as SubmissionAnswer) }),
      );
    },
    serve(job) {
      if (!worker) return Promise.resolve(signInPage('unavailable', 'en'));
      const answered = new Promise<HttpAnswer>((resolve) =>
        pending.set(send(job), { job, resolve: (answer) => resolve(answer as HttpAnswer) }),
      );
      return withinDeadline(answered);
    },
    async stop() {
      stopping = true;
      const current = worker;
      if (!current) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.postMessage({ type: 'stop' } satisfies ToWorkThread);
      // In-flight work finishes; a thread that does not end within 15 s is ended.
      const timer = setTimeout(() => void current.terminate(), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
