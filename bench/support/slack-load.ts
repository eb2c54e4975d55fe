/**
 * Slack for a benchmark with several bots, in a child process of its own (Slack is remote, and
 * its clock must not wait on the benchmark's event loop): the stand-in (dev/slack), whose Web API
 * the bots and the workers' notifier call, and a stream of signed `/cers` commands from distinct
 * users at a steady rate, spread round-robin over the bots' endpoints.
 *
 * In front of the bots it acts as a load balancer would: a bot that fails a delivery (connection
 * refused or reset; not a timeout) leaves the rotation, and the command goes again to another bot
 * with Slack's retry headers (`X-Slack-Retry-Num: 1`, `X-Slack-Retry-Reason: http_error`). The
 * driver cannot replay a body whose request failed, so the retry is the same command from the same
 * user with a new trigger id. The ack time of such a command runs from the first attempt to the
 * retry's answer: what the user waits.
 *
 * The child is bench/support/slack-load-child.ts; this is the parent's side of their messages.
 */
import path from 'node:path';
import { forkSlackChild } from './slack-child';

export interface SlackIdentity {
  botToken: string;
  signingSecret: string;
}

export interface CommandStreamSpec {
  /** The bots' `/slack/events` URLs, in rotation order. */
  urls: string[];
  ratePerSecond: number;
  /** User ids are `<userPrefix>N<i>`: distinct per stream, so each command starts a registration. */
  userPrefix: string;
}

export interface CommandOutcome {
  userId: string;
  /** Date.now() when first sent (the parent's kill time is on the same clock). */
  sentAt: number;
  /** Index into `urls`: the bot first tried, and the one that answered (if any did). */
  firstTarget: number;
  answeredBy?: number;
  /** HTTP status of the answer; 0 when no bot answered. */
  status: number;
  /** First send → answer read, retry included; NaN without an answer. */
  ackMs: number;
  /** Sent again to another bot after the first one failed. */
  resent: boolean;
  error?: string;
  triggerId?: string;
  /** The bot's views.open for this trigger: ms after sentAt, and Slack's error if it refused it. */
  modalOpenMs?: number;
  modalOpenError?: string;
}

export interface StopSpec {
  /** How long to wait for the modals after the last ack. */
  followUpMs: number;
  /** Bots no modal is awaited from (killed): their commands are reported, not waited for. */
  deadTargets: number[];
}

export interface DeliveryPosts {
  /** Messages posted with a delivery key in their metadata (activities/slack-deliveries.ts). */
  posts: number;
  keys: number;
  /** Posts beyond the first for their key: messages a person received twice. */
  duplicatePosts: number;
}

export type ToSlackLoad = { id: number } & (
  | { call: 'addUsers'; userIds: string[] }
  | { call: 'start'; spec: CommandStreamSpec }
  | { call: 'stop'; spec: StopSpec }
  | { call: 'deliveryPosts' }
  | { call: 'close' }
);
export type FromSlackLoad =
  | { kind: 'ready'; apiUrl: string }
  | { kind: 'reply'; id: number; value?: unknown; error?: string }
  | { kind: 'failed'; error: string };

export interface SlackLoad {
  /** For SLACK_API_URL. */
  apiUrl: string;
  /** The child process's: its CPU is Slack's, not the service's. */
  pid: number;
  /** Makes these users known to the workspace (DMs to unknown users fail with user_not_found). */
  addUsers(userIds: string[]): Promise<void>;
  /** Starts the command stream; it runs until `stop`. */
  start(spec: CommandStreamSpec): Promise<void>;
  /** Stops the stream, waits for every ack and then the modals; the stream's outcomes. */
  stop(spec: StopSpec): Promise<CommandOutcome[]>;
  deliveryPosts(): Promise<DeliveryPosts>;
}

/** A message to the child before it gets its id. */
type Request = ToSlackLoad extends infer M ? (M extends ToSlackLoad ? Omit<M, 'id'> : never) : never;

/** Forks the child, waits until its stand-in listens, and registers its clean-up. */
export async function startSlackLoad(identity: SlackIdentity): Promise<SlackLoad> {
  const side = forkSlackChild<{ resolve: (value: unknown) => void; reject: (error: Error) => void }>(
    path.join(__dirname, 'slack-load-child.ts'),
    [],
    identity,
    { call: 'close', id: 0 } satisfies ToSlackLoad,
  );
  const { child, pending } = side;
  const request = (message: Request): Promise<unknown> => {
    const gone = side.gone();
    if (gone) return Promise.reject(new Error(gone));
    const id = side.nextId();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const outgoing: ToSlackLoad = { ...message, id };
      child.send(outgoing);
    });
  };
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.on('message', (raw) => {
      const message = raw as FromSlackLoad;
      if (message.kind === 'ready') return resolve(message.apiUrl);
      if (message.kind === 'failed') return reject(new Error(`the Slack side failed to start: ${message.error}`));
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error === undefined) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.error));
    });
    child.once('error', reject);
    void side.exited.then(() => reject(new Error(side.gone())));
  });
  return {
    apiUrl,
    pid: child.pid ?? NaN,
    addUsers: async (userIds) => void (await request({ call: 'addUsers', userIds })),
    start: async (spec) => void (await request({ call: 'start', spec })),
    stop: async (spec) => (await request({ call: 'stop', spec })) as CommandOutcome[],
    deliveryPosts: async () => (await request({ call: 'deliveryPosts' })) as DeliveryPosts,
  };
}
