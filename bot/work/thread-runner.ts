/**
 * The HTTP thread's side of the work thread: hands jobs over, matches view-submission answers to
 * their acks, relays log lines, and restarts the thread if it ever dies (jobs it held are lost,
 * like a crashed process's; the workflow state they would have changed is unchanged).
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../activities/logger';
import type { WorkSettings } from './context';
import type { Job, SubmissionAnswer, WorkRunner } from './jobs';
import type { FromWorkThread, ToWorkThread } from './messages';

const THREAD_ENTRY = require.resolve('./thread');

export function threadRunner(settings: WorkSettings, databaseUrl: string, log: Logger): WorkRunner {
  let nextId = 1;
  let stopping = false;
  const pending = new Map<number, (ack: SubmissionAnswer) => void>();
  let worker = spawn();

  function spawn(): Worker {
    // The thread runs TypeScript like the rest of the service (tsx's CommonJS hooks).
    const thread = new Worker(`require('tsx/cjs'); require(${JSON.stringify(THREAD_ENTRY)});`, {
      eval: true,
      workerData: { settings, databaseUrl },
    });
    thread.on('message', (message: FromWorkThread) => {
      if (message.type === 'answer') {
        pending.get(message.id)?.(message.ack);
        pending.delete(message.id);
      } else if (message.type === 'log') {
        log[message.level](message.message, message.fields);
      }
    });
    thread.on('error', (error) => log.error('work thread failed', { error: `${error.name}: ${error.message}` }));
    thread.on('exit', (code) => {
      for (const resolve of pending.values()) resolve(undefined);
      pending.clear();
      if (stopping) return;
      log.error('work thread exited; starting a new one', { code });
      worker = spawn();
    });
    return thread;
  }

  const send = (job: Job): number => {
    const id = nextId++;
    worker.postMessage({ type: 'job', id, job } satisfies ToWorkThread);
    return id;
  };

  return {
    post(job) {
      send(job);
    },
    submit(job) {
      return new Promise<SubmissionAnswer>((resolve) => pending.set(send(job), resolve));
    },
    async stop() {
      stopping = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' } satisfies ToWorkThread);
      // In-flight work finishes; a thread that does not end within 15 s is ended.
      const timer = setTimeout(() => void worker.terminate(), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
