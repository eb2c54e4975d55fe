/**
 * The child process of bench/support/slack-load.ts (read that first): the Slack stand-in and the
 * `/cers` command stream, answering the parent's messages. It ends when the parent asks, or when
 * the parent is gone (even killed).
 */
import { performance } from 'node:perf_hooks';
import { DELIVERY_EVENT_TYPE } from '../../activities/slack-deliveries';
import { startSlackStandIn, type SlackStandIn } from '../../dev/slack';
import { errorText, sleep } from './harness';
import { SLACK_IDENTITY_VARIABLE } from './slack-child';
import {
  type CommandOutcome,
  type CommandStreamSpec,
  type DeliveryPosts,
  type FromSlackLoad,
  type SlackIdentity,
  type StopSpec,
  type ToSlackLoad,
} from './slack-load';

/** Slack's retry reason when it could not reach the app. */
const RETRY_REASON = 'http_error';

/** Signed `/cers` commands at a steady rate, round-robin over the bots that still answer. */
class CommandStream {
  private outcomes: CommandOutcome[] = [];
  private inFlight = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  /** Bots taken out of the rotation after a failed delivery. */
  private readonly down = new Set<number>();
  private turn = 0;

  constructor(private readonly slack: SlackStandIn) {}

  start(spec: CommandStreamSpec): void {
    this.outcomes = [];
    this.running = true;
    this.loop = this.run(spec);
  }

  async stop({ followUpMs, deadTargets }: StopSpec): Promise<CommandOutcome[]> {
    this.running = false;
    await this.loop;
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    await this.awaitModals(followUpMs, new Set(deadTargets));
    return this.outcomes;
  }

  /** Open loop, as Slack sends: the i-th command leaves at i / rate, answered or not. */
  private async run(spec: CommandStreamSpec): Promise<void> {
    const interval = 1000 / spec.ratePerSecond;
    const began = performance.now();
    for (let i = 0; this.running; i++) {
      const wait = began + i * interval - performance.now();
      if (wait > 0) await sleep(wait);
      if (!this.running) break;
      const sending: Promise<void> = this.send(spec.urls, `${spec.userPrefix}N${i}`).finally(() =>
        this.inFlight.delete(sending),
      );
      this.inFlight.add(sending);
    }
  }

  private pick(count: number): number | undefined {
    for (let tried = 0; tried < count; tried++) {
      const target = this.turn++ % count;
      if (!this.down.has(target)) return target;
    }
    return undefined;
  }

  private async send(urls: string[], userId: string): Promise<void> {
    const firstTarget = this.pick(urls.length) ?? 0;
    const outcome: CommandOutcome = { userId, sentAt: Date.now(), firstTarget, status: 0, ackMs: NaN, resent: false };
    this.outcomes.push(outcome);
    const began = performance.now();
    let target: number | undefined = firstTarget;
    for (let attempt = 0; target !== undefined; attempt++) {
      try {
        const retry = attempt > 0 ? { retryNum: attempt, retryReason: RETRY_REASON } : {};
        const delivery = await this.slack.driver.slashCommand(
          { userId, command: '/cers' },
          { url: urls[target], ...retry },
        );
        Object.assign(outcome, {
          answeredBy: target,
          status: delivery.status,
          ackMs: performance.now() - began,
          triggerId: delivery.triggerId,
        });
        return;
      } catch (error) {
        outcome.error = errorText(error);
        // A timeout says the bot is slow, not gone: Slack would show the user an error, no retry.
        if (error instanceof Error && error.name === 'TimeoutError') return;
        this.down.add(target);
        target = this.pick(urls.length);
        outcome.resent = target !== undefined;
      }
    }
  }

  /** Polls the stand-in's views.open calls until every live bot's acked command has its modal. */
  private async awaitModals(followUpMs: number, dead: Set<number>): Promise<void> {
    const deadline = Date.now() + followUpMs;
    for (;;) {
      const opened = new Map(
        this.slack.api.calls('views.open').map((call) => [String(call.args['trigger_id']), call] as const),
      );
      let missing = 0;
      for (const o of this.outcomes) {
        if (o.status !== 200 || !o.triggerId || o.modalOpenMs !== undefined) continue;
        const call = opened.get(o.triggerId);
        if (call) {
          o.modalOpenMs = call.at - o.sentAt;
          if (!call.response.ok) o.modalOpenError = String(call.response.error);
        } else if (!dead.has(o.answeredBy ?? -1)) missing++;
      }
      if (missing === 0 || Date.now() > deadline) return;
      await sleep(100);
    }
  }
}

/** Messages posted with a delivery key, counted by key. */
function deliveryPosts(slack: SlackStandIn): DeliveryPosts {
  const byKey = new Map<string, number>();
  for (const call of slack.api.calls('chat.postMessage')) {
    if (!call.response.ok) continue;
    const metadata = call.args['metadata'] as { event_type?: unknown; event_payload?: { key?: unknown } } | undefined;
    const key = metadata?.event_payload?.key;
    if (metadata?.event_type !== DELIVERY_EVENT_TYPE || typeof key !== 'string') continue;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const posts = [...byKey.values()].reduce((a, b) => a + b, 0);
  return { posts, keys: byKey.size, duplicatePosts: posts - byKey.size };
}

async function main(): Promise<void> {
  const send = (message: FromSlackLoad) => process.send?.(message);
  // The parent gone (even killed) is the end of this process; Ctrl-C reaches the whole group,
  // and the parent closes this side when it cleans up.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGINT', () => undefined);
  try {
    const identity = JSON.parse(process.env[SLACK_IDENTITY_VARIABLE] ?? '{}') as SlackIdentity;
    const slack = await startSlackStandIn({ ...identity, console: false });
    const stream = new CommandStream(slack);
    const answer = async (message: ToSlackLoad): Promise<unknown> => {
      switch (message.call) {
        case 'addUsers':
          for (const id of message.userIds) slack.setUser({ id });
          return undefined;
        case 'start':
          return stream.start(message.spec);
        case 'stop':
          return stream.stop(message.spec);
        case 'deliveryPosts':
          return deliveryPosts(slack);
        case 'close':
          await slack.close();
          setImmediate(() => process.exit(0));
          return undefined;
      }
    };
    process.on('message', (raw) => {
      const message = raw as ToSlackLoad;
      answer(message).then(
        (value) => send({ kind: 'reply', id: message.id, value }),
        (error: unknown) => send({ kind: 'reply', id: message.id, error: errorText(error) }),
      );
    });
    send({ kind: 'ready', apiUrl: slack.apiUrl });
  } catch (error) {
    send({ kind: 'failed', error: errorText(error) });
    process.exit(1);
  }
}

void main();
