/**
 * The Slack side of a benchmark in a child process of its own (Slack is remote, and the driver's
 * clock must not wait on the benchmark's event loop): forked with this process's Node flags (tsx's
 * loader), the Slack identity in its environment, structured clone for messages (it keeps NaN and
 * undefined). Replies still awaited fail when the child exits; clean-up asks it to close and kills
 * it if it has not after 10 s.
 */
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { sleep, stops } from './harness';

/** Where the child finds the bot token and signing secret (JSON). */
export const SLACK_IDENTITY_VARIABLE = 'CERS_BENCH_SLACK_IDENTITY';

export interface SlackChild<Pending extends { reject: (error: Error) => void }> {
  child: ChildProcess;
  /** Replies awaited, by message id. */
  pending: Map<number, Pending>;
  nextId(): number;
  /** Why the child is gone, once it is. */
  gone(): string | undefined;
  exited: Promise<void>;
  /** Sends `closeMessage`, then waits for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export function forkSlackChild<Pending extends { reject: (error: Error) => void }>(
  file: string,
  args: string[],
  identity: object,
  closeMessage: Serializable,
): SlackChild<Pending> {
  const child = fork(file, args, {
    env: { ...process.env, [SLACK_IDENTITY_VARIABLE]: JSON.stringify(identity) },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, Pending>();
  let gone: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      gone = `the Slack side (child process ${child.pid ?? '?'}) exited (code ${code ?? '-'}, signal ${signal ?? '-'})`;
      for (const p of pending.values()) p.reject(new Error(gone));
      pending.clear();
      resolve();
    }),
  );
  let lastId = 0;
  const stop = async () => {
    if (gone) return;
    child.send(closeMessage);
    if (await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)])) child.kill('SIGKILL');
    await exited;
  };
  stops.push({ name: 'Slack side (child process)', stop });
  return { child, pending, nextId: () => ++lastId, gone: () => gone, exited, stop };
}
