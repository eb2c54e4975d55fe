/**
 * `npm run bench:slack`: how fast the Slack bot answers `/cers`, beside a bare Bolt app measured by
 * the same harness in the same run. Both apps run over HTTP with request signing and call the same
 * local Slack stand-in (dev/slack), whose driver plays Slack: it sends N signed `/cers`
 * commands at once from N distinct users and times each response.
 *
 * - ack: from sending the command to reading the whole HTTP response (what Slack times; it gives up
 *   after 3 s). Goal: the bot's p99 at most 1.2 × the bare app's p99.
 * - modal open: from just before sending the command to the stand-in's answer to the bot's
 *   views.open for that trigger id (the user sees the loading modal).
 * - modal filled: to the first successful views.update of that modal (the user sees their step:
 *   the registration was started or resumed on Temporal and rendered). Goal: p99 ≤ 1 s.
 *
 * The rounds' own ratios (bot p99 / bare p99 of the same round, batches a few seconds apart) are
 * printed with their median beside the ratio of the pooled p99s: a pooled p99 is set by the worst
 * few rounds, and this machine's speed changes between rounds.
 *
 * The bare app only acks and posts one message (chat.postMessage), so its ack is the floor that
 * Node, Bolt and this harness set on this machine. Rounds alternate bare and bot (and which goes
 * first) to cancel drift. Every batch waits for the work after its acks (the bare app's post; the
 * bot's modal, its update and its Home tab), then 5.5 s more, so batches never overlap and every
 * command arrives on a new connection (keep-alive ones have closed by then). By default every bot
 * command comes from a new user, so each starts a registration (describe, start, first workflow
 * task, query): the worst case.
 *
 * The stack is its own: an in-memory Temporal dev server, PGlite (or a fresh database on
 * DATABASE_URL's server), the worker in this process (createCersWorker, pre-built bundle; or a
 * process of its own with --worker-apart), the CERS bot (createCersBot) and the bare app on free
 * ports. The stand-in and its driver run in a child process, as Slack is remote: this process
 * holds only what a deployment would, and the driver's clock is not held up by the apps' event
 * loop. The apps' event loop during the acks is reported
 * (utilization, worst timer delay): Node accepts one new connection per event-loop iteration, so
 * whatever work runs after the first acks stretches the wait of the connections still queued.
 *
 * It prints numbers and says "met / not met", no more: the exit code is non-zero only when the
 * stack cannot start or requests fail (a non-200 ack, a modal never opened or never filled, the
 * bare app's message never posted). Options:
 *
 *   --rounds <count>        timed rounds, each one batch to the bare app and one to the bot (5)
 *   --concurrency <count>   /cers commands sent at once per batch, from distinct users (50)
 *   --warmup <count>        untimed commands to each app at once first (JIT, auth.test, the
 *                           connection pools' first connections) (as many as --concurrency)
 *   --resume                the bot's users are the same every round: their registrations are
 *                           started once, untimed, and every timed /cers resumes one
 *   --worker-apart          run the worker as a process of its own (service/main.ts with
 *                           CERS_COMPONENTS=worker), as a deployment that scales bots and workers
 *                           apart does; this process then holds the bots only
 *   --slack-in-process      run the stand-in and driver in this process instead (they then share
 *                           the apps' event loop, which inflates both apps' numbers)
 *   --follow-up-timeout <s> how long a batch waits for the modals / posts after its acks (30)
 *   --timeout <minutes>     hard bound on the run, after which it cleans up and fails (15)
 *   --json                  progress to stderr; the result as one line of JSON, last on stdout
 *                           (the Temporal dev server may print to stdout: take the last line)
 *   --json-out <file>       also write the result as JSON to <file>
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createLogger, type Logger } from '../config/logger';
import { slackNotifier } from '../activities/slack-notifier';
import { createCersBot } from '../bot/app';
import { temporalConnectionOptions } from '../client';
import { loadConfig, type Config } from '../config';
import { ensureSearchAttributes } from '../service/search-attributes';
import { createCersWorker } from '../service/worker';
import { bundleWorkflows } from '../service/workflow-bundle';
import { startSlackStandIn, type ApiCall, type SlackStandIn } from '../dev/slack';
import { commonOptions, type CommonOptions, parseBenchArgs, positiveInt, runFromCommandLine } from './options';
import { formatNumber, introduce, machineRows, say, writeResults } from './report';
import { benchEnvironment, connectBenchClients, startDatabase, startTemporalDevServer } from './stack';
import { sleep, table, type Distribution, distribution, errorText, stops } from './support/harness';
import { startWorkerProcess } from './support/service-process';
import { forkSlackChild, SLACK_IDENTITY_VARIABLE } from './support/slack-child';

const ACK_RATIO_GOAL = 1.2;
/** Issue 16: with 50 people at once, the modal shows each person's step (not just "one moment") within 1 s at p99. */
const MODAL_SHOWS_STEP_P99_GOAL_MS = 1_000;
/** Slack shows the user an error when an ack takes longer. */
const SLACK_ACK_LIMIT_MS = 3_000;
/**
 * Idle time after which every keep-alive connection of the run has closed: Node's HTTP servers (the
 * apps', the stand-in's) close idle ones after 5 s, and fetch gives them up a second before that.
 */
const CONNECTIONS_CLOSED_AFTER_MS = 5_500;

// ---------------------------------------------------------------------------------------------
// Options and output

interface Options extends CommonOptions {
  rounds: number;
  concurrency: number;
  warmup: number;
  resume: boolean;
  workerApart: boolean;
  slackInProcess: boolean;
  followUpTimeoutMs: number;
}

function parseOptions(argv: string[]): Options {
  const values = parseBenchArgs(
    argv,
    {
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      warmup: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'worker-apart': { type: 'boolean', default: false },
      'slack-in-process': { type: 'boolean', default: false },
      'follow-up-timeout': { type: 'string' },
    } as const,
    __filename,
  );
  const concurrency = positiveInt('concurrency', values.concurrency, 50);
  return {
    rounds: positiveInt('rounds', values.rounds, 5),
    concurrency,
    // One batch as large as the timed ones: the first burst also opens the apps' connection pools
    // (database, Temporal) and compiles their paths under load, which a running service did once.
    warmup: positiveInt('warmup', values.warmup, concurrency, 0),
    resume: values.resume,
    workerApart: values['worker-apart'],
    slackInProcess: values['slack-in-process'],
    followUpTimeoutMs: positiveInt('follow-up-timeout', values['follow-up-timeout'], 30) * 1000,
    ...commonOptions(values, 15),
  };
}

/** Latencies of requests that all failed are NaN: shown as "-". */
const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? formatNumber(value, digits) : '-');

// ---------------------------------------------------------------------------------------------
// The Slack side: the stand-in (Slack's Web API) and its driver (Slack sending commands). It runs
// in a child process of its own, as Slack is remote: this process then holds only what a
// deployment of the bot would (the apps, the Temporal client, the worker, PGlite), and the driver's
// clock is not held up by the apps' work. --slack-in-process keeps it here, for comparison.

type Target = 'bare' | 'bot';

interface SlackIdentity {
  botToken: string;
  signingSecret: string;
  teamId: string;
}

interface UserSpec {
  id: string;
  realName: string;
  locale: string;
}

interface BatchSpec {
  target: Target;
  url: string;
  users: UserSpec[];
  followUpTimeoutMs: number;
}

interface CommandOutcome {
  userId: string;
  /** Date.now() just before sending (the stand-in records calls on the same clock). */
  sentAt: number;
  status: number;
  ackMs: number;
  triggerId?: string;
  error?: string;
  /** bot: views.open answered (ms after sentAt), ok or not; the error Slack gave. */
  modalOpenMs?: number;
  modalOpenError?: string;
  /** bot: first successful views.update of that modal (ms after sentAt). */
  modalFilledMs?: number;
  /** bare: its chat.postMessage (ms after sentAt). */
  postedMs?: number;
}

interface SlackBatch {
  target: Target;
  outcomes: CommandOutcome[];
  /** From the first send to the last ack. */
  ackWindowMs: number;
  /** From the first send to the last follow-up seen. */
  followUpMs: number;
  followUpsMissing: number;
}

interface BatchResult extends SlackBatch {
  /** The apps' event loop (this process) while the acks came back: utilization, timer lateness. */
  eventLoop: { utilization: number; delayP99Ms: number; delayMaxMs: number };
}

interface SlackSide {
  apiUrl: string;
  /** Runs one batch; `onAcked` is called once every command has its response (or failed). */
  runBatch(spec: BatchSpec, onAcked: () => void): Promise<SlackBatch>;
  close(): Promise<void>;
}

/** What the stand-in recorded, indexed as it grows (read only after the acks, never during them). */
class CallIndex {
  private seen = 0;
  /** views.open by trigger id (answered ok or not). */
  readonly opened = new Map<string, ApiCall>();
  /** The first successful views.update of each view. */
  readonly filled = new Map<string, ApiCall>();
  /** views.publish times by user. */
  readonly published = new Map<string, number[]>();
  /** chat.postMessage times by the channel argument (the bare app posts to the user id). */
  readonly posted = new Map<string, number[]>();

  constructor(private readonly slack: SlackStandIn) {}

  refresh(): void {
    const calls = this.slack.api.calls();
    for (; this.seen < calls.length; this.seen++) {
      const call = calls[this.seen]!;
      const push = (map: Map<string, number[]>, key: unknown) => {
        if (typeof key !== 'string') return;
        const list = map.get(key) ?? [];
        list.push(call.at);
        map.set(key, list);
      };
      if (call.method === 'views.open' && typeof call.args['trigger_id'] === 'string')
        this.opened.set(call.args['trigger_id'], call);
      else if (call.method === 'views.update' && call.response.ok) {
        const id = viewIdOf(call);
        if (id && !this.filled.has(id)) this.filled.set(id, call);
      } else if (call.method === 'views.publish') push(this.published, call.args['user_id']);
      else if (call.method === 'chat.postMessage') push(this.posted, call.args['channel']);
    }
  }
}

function viewIdOf(call: ApiCall): string | undefined {
  const view = call.response['view'] as { id?: unknown } | undefined;
  return typeof view?.id === 'string' ? view.id : undefined;
}

/** N commands at once to one app, then (polling what the stand-in recorded) their follow-ups. */
async function runBatch(
  slack: SlackStandIn,
  index: CallIndex,
  spec: BatchSpec,
  onAcked: () => void,
): Promise<SlackBatch> {
  for (const user of spec.users) slack.setUser(user);
  const began = performance.now();
  const outcomes = await Promise.all(
    spec.users.map(async ({ id: userId }): Promise<CommandOutcome> => {
      const sentAt = Date.now();
      try {
        const d = await slack.driver.slashCommand({ userId, command: '/cers' }, { url: spec.url });
        return { userId, sentAt, status: d.status, ackMs: d.latencyMs, triggerId: d.triggerId };
      } catch (error) {
        return { userId, sentAt, status: 0, ackMs: NaN, error: errorText(error) };
      }
    }),
  );
  const ackWindowMs = performance.now() - began;
  onAcked();

  const deadline = Date.now() + spec.followUpTimeoutMs;
  const after = (times: number[] | undefined, sentAt: number) => times?.find((at) => at >= sentAt);
  const firstSent = Math.min(...outcomes.map((o) => o.sentAt));
  let missing = 0;
  let last = firstSent;
  for (;;) {
    index.refresh();
    missing = 0;
    for (const o of outcomes) {
      if (o.status !== 200) continue;
      if (spec.target === 'bare') {
        const at = after(index.posted.get(o.userId), o.sentAt);
        if (at === undefined) missing++;
        else o.postedMs = at - o.sentAt;
        continue;
      }
      const open = o.triggerId ? index.opened.get(o.triggerId) : undefined;
      if (!open) {
        missing++;
        continue;
      }
      o.modalOpenMs = open.at - o.sentAt;
      if (!open.response.ok) {
        o.modalOpenError = String(open.response.error);
        continue;
      }
      const viewId = viewIdOf(open);
      const filled = viewId ? index.filled.get(viewId) : undefined;
      if (filled) o.modalFilledMs = filled.at - o.sentAt;
      // The Home tab is published after the modal: the last of the bot's work for this command.
      const home = after(index.published.get(o.userId), o.sentAt);
      if (!filled || home === undefined) missing++;
      else last = Math.max(last, home);
    }
    for (const o of outcomes) last = Math.max(last, o.sentAt + (o.modalFilledMs ?? o.postedMs ?? 0));
    if (missing === 0 || Date.now() > deadline) break;
    await sleep(25);
  }
  return { target: spec.target, outcomes, ackWindowMs, followUpMs: last - firstSent, followUpsMissing: missing };
}

async function localSlackSide(identity: SlackIdentity): Promise<SlackSide> {
  const slack = await startSlackStandIn(identity);
  const index = new CallIndex(slack);
  return {
    apiUrl: slack.apiUrl,
    runBatch: (spec, onAcked) => runBatch(slack, index, spec, onAcked),
    close: () => slack.close(),
  };
}

const SLACK_SIDE_FLAG = '--slack-side-child';
type ToSlackSide = { kind: 'batch'; id: number; spec: BatchSpec } | { kind: 'close' };
type FromSlackSide =
  | { kind: 'ready'; apiUrl: string }
  | { kind: 'acked'; id: number }
  | { kind: 'done'; id: number; batch: SlackBatch }
  | { kind: 'failed'; id?: number; error: string };

/** The child's side: this very file, started with SLACK_SIDE_FLAG (see the end of the file). */
async function slackSideChild(): Promise<void> {
  const send = (message: FromSlackSide) => process.send?.(message);
  // The parent gone (even killed) is the end of this process.
  process.on('disconnect', () => process.exit(0));
  try {
    const side = await localSlackSide(JSON.parse(process.env[SLACK_IDENTITY_VARIABLE] ?? '{}') as SlackIdentity);
    process.on('message', (raw) => {
      const message = raw as ToSlackSide;
      if (message.kind === 'close') {
        void side.close().finally(() => process.exit(0));
        return;
      }
      const { id } = message;
      side
        .runBatch(message.spec, () => send({ kind: 'acked', id }))
        .then(
          (batch) => send({ kind: 'done', id, batch }),
          (error: unknown) => send({ kind: 'failed', id, error: errorText(error) }),
        );
    });
    send({ kind: 'ready', apiUrl: side.apiUrl });
  } catch (error) {
    send({ kind: 'failed', error: errorText(error) });
    process.exit(1);
  }
}

async function childSlackSide(identity: SlackIdentity): Promise<SlackSide> {
  const side = forkSlackChild<{
    onAcked: () => void;
    resolve: (batch: SlackBatch) => void;
    reject: (error: Error) => void;
  }>(__filename, [SLACK_SIDE_FLAG], identity, { kind: 'close' } satisfies ToSlackSide);
  const { child, pending } = side;
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.on('message', (raw) => {
      const message = raw as FromSlackSide;
      if (message.kind === 'ready') return resolve(message.apiUrl);
      const id = message.id;
      if (id === undefined)
        return reject(new Error(`the Slack side failed to start: ${message.kind === 'failed' ? message.error : '?'}`));
      const waiting = pending.get(id);
      if (!waiting) return;
      if (message.kind === 'acked') return waiting.onAcked();
      pending.delete(id);
      if (message.kind === 'done') waiting.resolve(message.batch);
      else waiting.reject(new Error(message.error));
    });
    child.once('error', reject);
    void side.exited.then(() => reject(new Error(side.gone())));
  });
  return {
    apiUrl,
    runBatch(spec, onAcked) {
      const gone = side.gone();
      if (gone) return Promise.reject(new Error(gone));
      const id = side.nextId();
      return new Promise((resolve, reject) => {
        pending.set(id, { onAcked, resolve, reject });
        child.send({ kind: 'batch', id, spec } satisfies ToSlackSide);
      });
    },
    close: side.stop,
  };
}

/** Runs a batch, watching this process's event loop until the acks are back. */
async function timedBatch(side: SlackSide, spec: BatchSpec): Promise<BatchResult> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  let eventLoop: BatchResult['eventLoop'] | undefined;
  const stopWatching = () => {
    eventLoop ??= {
      utilization: performance.eventLoopUtilization(elu).utilization,
      delayP99Ms: delay.percentile(99) / 1e6,
      delayMaxMs: delay.max / 1e6,
    };
    delay.disable();
  };
  try {
    const batch = await side.runBatch(spec, stopWatching);
    stopWatching();
    return { ...batch, eventLoop: eventLoop! };
  } finally {
    stopWatching();
  }
}

interface Failures {
  non200: number;
  modalsNeverOpened: number;
  modalsNeverFilled: number;
  postsMissing: number;
  examples: string[];
}

function countFailures(batches: readonly BatchResult[], failures: Failures, label: string): void {
  const example = (text: string) => {
    if (failures.examples.length < 10) failures.examples.push(`${label}: ${text}`);
  };
  for (const b of batches) {
    for (const o of b.outcomes) {
      if (o.status !== 200) {
        failures.non200++;
        example(`${b.target} /cers from ${o.userId}: ${o.error ?? `HTTP ${o.status}`}`);
        continue;
      }
      if (b.target === 'bare') {
        if (o.postedMs === undefined) {
          failures.postsMissing++;
          example(`bare app's chat.postMessage for ${o.userId} never arrived`);
        }
      } else if (o.modalOpenMs === undefined || o.modalOpenError) {
        failures.modalsNeverOpened++;
        example(`modal for ${o.userId} never opened${o.modalOpenError ? ` (views.open: ${o.modalOpenError})` : ''}`);
      } else if (o.modalFilledMs === undefined) {
        failures.modalsNeverFilled++;
        example(`modal for ${o.userId} opened but never filled in (no successful views.update)`);
      }
    }
  }
}

const okValues = (batches: readonly BatchResult[], pick: (o: CommandOutcome) => number | undefined) =>
  batches.flatMap((b) =>
    b.outcomes.filter((o) => o.status === 200).flatMap((o) => (pick(o) === undefined ? [] : [pick(o)!])),
  );

// ---------------------------------------------------------------------------------------------
// Main: the phases, in order

interface Results {
  machine: Record<string, string | number>;
  config: Record<string, string | number | boolean>;
  bare?: { ackMs: Distribution; postedMs: Distribution };
  bot?: { ackMs: Distribution; modalOpenMs: Distribution; modalFilledMs: Distribution };
  ackP99Ratio?: { value: number; goalMax: number; met: boolean };
  /** Over the rounds, each round's bot ack p99 / bare ack p99. */
  ackP99RatioOfRounds?: Distribution;
  modalFilledP99?: { valueMs: number; goalMaxMs: number; met: boolean };
  acksOverSlackLimit?: { bare: number; bot: number };
  eventLoopDuringAcks?: Record<Target, { utilization: number; delayP99Ms: number; delayMaxMs: number }>;
  rounds: {
    round: number;
    order: Target[];
    bare: { ackP50: number; ackP99: number; ackWindowMs: number };
    bot: {
      ackP50: number;
      ackP99: number;
      modalOpenP99: number;
      modalFilledP99: number;
      ackWindowMs: number;
      followUpMs: number;
    };
  }[];
  failures: Failures;
}

/** What the batches run on. */
interface Stack {
  slack: SlackSide;
  /** Where the driver sends each app's commands. */
  urls: Record<Target, string>;
  databaseKind: string;
  temporalCli: string | undefined;
  workerMaxCachedWorkflows: number;
  /** Says why the worker stopped, if it did by itself (the run then fails). */
  workerFailure: { description?: string };
}

/** Runs one batch of commands from these users to one app, once the previous batch has settled. */
type Batch = (target: Target, users: UserSpec[]) => Promise<BatchResult>;

/** Users distinct per batch (and the same set every round for the bot with --resume). */
type Users = (prefix: string, count: number) => UserSpec[];

async function main(options: Options): Promise<number> {
  const failures: Failures = { non200: 0, modalsNeverOpened: 0, modalsNeverFilled: 0, postsMissing: 0, examples: [] };
  const results: Results = { machine: {}, config: {}, rounds: [], failures };
  const runTag = randomBytes(4).toString('hex').toUpperCase();
  results.machine = introduce(
    'CERS Onboard Slack benchmark: /cers ack and modal latency, the bot beside a bare Bolt app',
  );

  const stack = await startStack(options, runTag);
  describeRun(options, results, stack);
  const users: Users = (prefix, count) =>
    Array.from({ length: count }, (_, i) => ({
      id: `U${prefix}${runTag}N${i}`,
      realName: `Bench Exporter ${i}`,
      locale: i % 4 === 3 ? 'fr-CA' : 'en-US',
    }));
  const batch = batchRunner(options, stack);

  if (options.warmup > 0) await warmUp(options, batch, users, failures);
  const resumeUsers = options.resume ? users('RS', options.concurrency) : [];
  if (options.resume) await startResumedRegistrations(options, batch, resumeUsers, failures);
  const batches = await timedRounds(options, results, batch, users, resumeUsers);
  countFailures([...batches.bare, ...batches.bot], failures, 'timed');

  const summary = summarize(batches, results.rounds);
  Object.assign(results, summary);
  if (stack.workerFailure.description) failures.examples.push(stack.workerFailure.description);
  printSummary(options, results, summary, batches);

  writeResults(options, results);
  const failed =
    failures.non200 + failures.modalsNeverOpened + failures.modalsNeverFilled + failures.postsMissing > 0 ||
    Boolean(stack.workerFailure.description);
  return failed ? 1 : 0;
}

// ---- The stack ------------------------------------------------------------------------------

/** Temporal, the database, the worker, the Slack side, the CERS bot and the bare app. */
async function startStack(options: Options, runTag: string): Promise<Stack> {
  // Before anything Temporal (the dev server's start instantiates the runtime): the SDK's INFO
  // lines about worker state are noise here; warnings and errors still show.
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const temporalServer = await startTemporalDevServer((cli) => cli ?? 'SDK-downloaded');
  const database = await startDatabase('cers_bench_slack', 'this process');

  const config = loadConfig({
    ...process.env,
    ...benchEnvironment('bench-slack', runTag, temporalServer, database),
  });
  const log = createLogger('bench-slack', 'warn');

  const phaseStart = performance.now();
  const { db } = await connectBenchClients(config, database.url);
  // The dev server registers them at start; this is what the service does against any cluster.
  const admin = await Connection.connect(await temporalConnectionOptions(config));
  await ensureSearchAttributes(admin, config.temporal.namespace).finally(() => admin.close());

  const botToken = `xoxb-bench-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const identity: SlackIdentity = { botToken, signingSecret, teamId: `TB${runTag}` };
  const slack = options.slackInProcess ? await localSlackSide(identity) : await childSlackSide(identity);
  if (options.slackInProcess) stops.push({ name: 'Slack stand-in', stop: () => slack.close() });

  const workerFailure: Stack['workerFailure'] = {};
  if (options.workerApart) {
    const logDir = mkdtempSync(path.join(os.tmpdir(), 'cers-bench-slack-'));
    const logFile = path.join(logDir, 'worker.log');
    // Kept when the worker failed (its path is in the failure); pushed first, so removed after it stopped.
    stops.push({
      name: 'worker log directory',
      stop: async () => void (workerFailure.description || rmSync(logDir, { recursive: true, force: true })),
    });
    const workerEnv = {
      ...process.env,
      ...benchEnvironment('bench-slack', runTag, temporalServer, database),
      // The worker's notices (the completion DM) go to the stand-in too.
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
    };
    const worker = await startWorkerProcess(workerEnv, logFile, (description) => {
      workerFailure.description = `${description} (log: ${logFile})`;
    });
    say(
      `Worker running in process ${worker.pid} (service/main.ts, CERS_COMPONENTS=worker) on task queue ${config.temporal.taskQueue}, log ${logFile} [${fmt((performance.now() - phaseStart) / 1000)} s]`,
    );
  } else {
    // The worker in this process (its workflows run in worker threads, its activities here), as
    // `npm start` and the Docker image run it by default.
    const worker = await createCersWorker({
      config,
      db,
      notifier: slackNotifier({ botToken, apiUrl: slack.apiUrl, db, log }),
      workflowBundle: await bundleWorkflows(),
    });
    const running = worker.run();
    running.catch((error: unknown) => {
      workerFailure.description = `worker stopped: ${errorText(error)}`;
    });
    stops.push({
      name: 'worker',
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running.catch(() => undefined);
      },
    });
    say(
      `Worker running in this process on task queue ${config.temporal.taskQueue} [${fmt((performance.now() - phaseStart) / 1000)} s]`,
    );
  }

  const botUrl = await startBot(config, log, botToken, signingSecret, slack.apiUrl, database.url);
  const urls: Record<Target, string> = { bare: await startBareApp(botToken, signingSecret, slack.apiUrl), bot: botUrl };
  const slackWhere = options.slackInProcess ? 'in this process' : 'in a child process';
  say(
    `Bot at ${urls.bot}; bare Bolt app at ${urls.bare}; Slack stand-in and driver ${slackWhere}, Web API at ${slack.apiUrl}`,
  );
  return {
    slack,
    urls,
    databaseKind: database.kind,
    temporalCli: temporalServer.cli,
    workerMaxCachedWorkflows: config.worker.maxCachedWorkflows,
    workerFailure,
  };
}

/** The CERS bot over HTTP, wired as test/support/bot-stack.ts wires it (real Bolt, request signing); its events URL. */
async function startBot(
  config: Config,
  log: Logger,
  botToken: string,
  signingSecret: string,
  apiUrl: string,
  databaseUrl: string,
): Promise<string> {
  const bot = createCersBot({
    config,
    connection: { mode: 'http', botToken, signingSecret, apiUrl, port: 0 },
    work: { mode: 'thread', databaseUrl },
    log,
  });
  const { eventsUrl } = await bot.start();
  stops.push({ name: 'CERS bot', stop: () => bot.stop() });
  if (!eventsUrl) throw new Error('the bot did not report its events URL');
  return eventsUrl;
}

/** The bare app: acks, then posts once. Same stand-in, same token and signing secret. Its events URL. */
async function startBareApp(botToken: string, signingSecret: string, apiUrl: string): Promise<string> {
  const bare = new App({
    token: botToken,
    receiver: new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.WARN }),
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: apiUrl },
  });
  bare.command('/cers', async ({ ack, client: web, command }) => {
    await ack();
    await web.chat.postMessage({ channel: command.user_id, text: 'ok' });
  });
  const bareServer = (await bare.start(0)) as Server;
  stops.push({ name: 'bare Bolt app', stop: async () => void (await bare.stop()) });
  const bareAddress = bareServer.address();
  const barePort = typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0;
  return `http://127.0.0.1:${barePort}/slack/events`;
}

function describeRun(options: Options, results: Results, stack: Stack): void {
  const slackWhere = options.slackInProcess ? 'in this process' : 'in a child process';
  results.config = {
    database: stack.databaseKind,
    temporalServer: stack.temporalCli ?? 'SDK-downloaded',
    worker: options.workerApart
      ? 'a process of its own (service/main.ts, CERS_COMPONENTS=worker)'
      : 'in this process (createCersWorker, pre-built bundle)',
    workerMaxCachedWorkflows: stack.workerMaxCachedWorkflows,
    rounds: options.rounds,
    concurrency: options.concurrency,
    warmup: options.warmup,
    resume: options.resume,
    slackSide: slackWhere,
  };
  say(
    `Run: --rounds ${options.rounds} --concurrency ${options.concurrency} --warmup ${options.warmup}` +
      `${options.resume ? ' --resume' : ''}${options.workerApart ? ' --worker-apart' : ''}` +
      `${options.slackInProcess ? ' --slack-in-process' : ''}`,
  );
  say(
    `  bot users ${options.resume ? 'the same every round (resuming their registrations)' : 'new every round (each starts a registration)'}; ` +
      `every command on a new connection (each batch starts ${fmt(CONNECTIONS_CLOSED_AFTER_MS / 1000)} s after the previous one's last follow-up, once keep-alive connections have closed)`,
  );
}

function batchRunner(options: Options, { slack, urls, workerFailure }: Stack): Batch {
  return async (target, batchUsers) => {
    // Every batch starts from the same state: the previous one's tail (worker, GC) has settled, and
    // no connection is left, so every command opens its own, as after a quiet spell. (Half-kept
    // pools made the ack tail depend on how long the previous batch of the same app took.)
    await sleep(CONNECTIONS_CLOSED_AFTER_MS);
    const result = await timedBatch(slack, {
      target,
      url: urls[target],
      users: batchUsers,
      followUpTimeoutMs: options.followUpTimeoutMs,
    });
    if (workerFailure.description) throw new Error(workerFailure.description);
    return result;
  };
}

// ---- The batches ----------------------------------------------------------------------------

async function warmUp(options: Options, batch: Batch, users: Users, failures: Failures): Promise<void> {
  say();
  say(`Warm-up: ${options.warmup} commands to each app at once (not counted)...`);
  const warm = [await batch('bare', users('WB', options.warmup)), await batch('bot', users('WC', options.warmup))];
  countFailures(warm, failures, 'warm-up');
  for (const b of warm) {
    const ack = distribution(okValues([b], (o) => o.ackMs));
    say(
      `  ${b.target}: ack p50 ${fmt(ack.p50)} ms, max ${fmt(ack.max)} ms; follow-ups done after ${fmt(b.followUpMs, 0)} ms`,
    );
  }
}

/** --resume: the registrations every timed /cers of these users resumes, started untimed. */
async function startResumedRegistrations(
  options: Options,
  batch: Batch,
  resumeUsers: UserSpec[],
  failures: Failures,
): Promise<void> {
  say(`Starting the registrations of the ${options.concurrency} users who resume (not counted)...`);
  const primed = await batch('bot', resumeUsers);
  countFailures([primed], failures, 'resume priming');
  say(`  done after ${fmt(primed.followUpMs, 0)} ms`);
}

/** The timed rounds: one batch to each app per round, which goes first alternating. */
async function timedRounds(
  options: Options,
  results: Results,
  batch: Batch,
  users: Users,
  resumeUsers: UserSpec[],
): Promise<Record<Target, BatchResult[]>> {
  say();
  say(`Timing ${options.rounds} rounds of ${options.concurrency} concurrent /cers per app (order alternates)...`);
  const batches: Record<Target, BatchResult[]> = { bare: [], bot: [] };
  for (let round = 1; round <= options.rounds; round++) {
    const order: Target[] = round % 2 === 1 ? ['bare', 'bot'] : ['bot', 'bare'];
    const done = {} as Record<Target, BatchResult>;
    for (const target of order) {
      const batchUsers =
        target === 'bot'
          ? options.resume
            ? resumeUsers
            : users(`BOT${round}X`, options.concurrency)
          : users(`BARE${round}X`, options.concurrency);
      done[target] = await batch(target, batchUsers);
      batches[target].push(done[target]);
    }
    const bareAck = distribution(okValues([done.bare], (o) => o.ackMs));
    const botAck = distribution(okValues([done.bot], (o) => o.ackMs));
    const open = distribution(okValues([done.bot], (o) => o.modalOpenMs));
    const filled = distribution(okValues([done.bot], (o) => o.modalFilledMs));
    results.rounds.push({
      round,
      order,
      bare: { ackP50: bareAck.p50, ackP99: bareAck.p99, ackWindowMs: done.bare.ackWindowMs },
      bot: {
        ackP50: botAck.p50,
        ackP99: botAck.p99,
        modalOpenP99: open.p99,
        modalFilledP99: filled.p99,
        ackWindowMs: done.bot.ackWindowMs,
        followUpMs: done.bot.followUpMs,
      },
    });
    say(
      `  round ${round} (${order.join(' then ')}): bare ack p50/p99 ${fmt(bareAck.p50)}/${fmt(bareAck.p99)} ms; ` +
        `bot ack p50/p99 ${fmt(botAck.p50)}/${fmt(botAck.p99)} ms, modal open p99 ${fmt(open.p99, 0)} ms, filled p99 ${fmt(filled.p99, 0)} ms` +
        (done.bot.followUpsMissing || done.bare.followUpsMissing
          ? ` (${done.bot.followUpsMissing + done.bare.followUpsMissing} follow-ups missing)`
          : ''),
    );
  }
  return batches;
}

// ---- Report ---------------------------------------------------------------------------------

/** What the timed rounds come to, over all their batches. */
type Summary = Required<
  Pick<
    Results,
    | 'bare'
    | 'bot'
    | 'ackP99Ratio'
    | 'ackP99RatioOfRounds'
    | 'modalFilledP99'
    | 'acksOverSlackLimit'
    | 'eventLoopDuringAcks'
  >
>;

function summarize(batches: Record<Target, BatchResult[]>, rounds: Results['rounds']): Summary {
  const bareAck = distribution(okValues(batches.bare, (o) => o.ackMs));
  const botAck = distribution(okValues(batches.bot, (o) => o.ackMs));
  const modalOpen = distribution(okValues(batches.bot, (o) => o.modalOpenMs));
  const modalFilled = distribution(okValues(batches.bot, (o) => o.modalFilledMs));
  const bareUsers = distribution(okValues(batches.bare, (o) => o.postedMs));
  const ratio = botAck.p99 / bareAck.p99;
  const overLimit = (list: BatchResult[]) =>
    okValues(list, (o) => o.ackMs).filter((ms) => ms > SLACK_ACK_LIMIT_MS).length;
  const meanLoop = (list: BatchResult[]) => ({
    utilization: list.reduce((a, b) => a + b.eventLoop.utilization, 0) / list.length,
    delayP99Ms: Math.max(...list.map((b) => b.eventLoop.delayP99Ms)),
    delayMaxMs: Math.max(...list.map((b) => b.eventLoop.delayMaxMs)),
  });
  return {
    bare: { ackMs: bareAck, postedMs: bareUsers },
    bot: { ackMs: botAck, modalOpenMs: modalOpen, modalFilledMs: modalFilled },
    ackP99Ratio: { value: ratio, goalMax: ACK_RATIO_GOAL, met: ratio <= ACK_RATIO_GOAL },
    ackP99RatioOfRounds: distribution(rounds.map((r) => r.bot.ackP99 / r.bare.ackP99)),
    modalFilledP99: {
      valueMs: modalFilled.p99,
      goalMaxMs: MODAL_SHOWS_STEP_P99_GOAL_MS,
      met: modalFilled.p99 <= MODAL_SHOWS_STEP_P99_GOAL_MS,
    },
    acksOverSlackLimit: { bare: overLimit(batches.bare), bot: overLimit(batches.bot) },
    eventLoopDuringAcks: { bare: meanLoop(batches.bare), bot: meanLoop(batches.bot) },
  };
}

function printSummary(
  options: Options,
  results: Results,
  summary: Summary,
  batches: Record<Target, BatchResult[]>,
): void {
  const { bare, bot, ackP99Ratio, ackP99RatioOfRounds: ofRounds, modalFilledP99, eventLoopDuringAcks: loop } = summary;
  const { failures } = results;
  const ackWindow = (list: BatchResult[]) => distribution(list.map((b) => b.ackWindowMs)).p50;
  say();
  say(`Summary (${options.rounds} rounds × ${options.concurrency} concurrent /cers per app; latencies in ms)`);
  const met = (ok: boolean) => (ok ? '(met)' : '(NOT met)');
  const rows: string[][] = [['measure', 'bare Bolt app', 'CERS bot', 'goal']];
  rows.push(...machineRows(results.machine, 2));
  rows.push(['ack p50', fmt(bare.ackMs.p50), fmt(bot.ackMs.p50), '']);
  rows.push(['ack p99', fmt(bare.ackMs.p99), fmt(bot.ackMs.p99), '']);
  rows.push(['ack max', fmt(bare.ackMs.max), fmt(bot.ackMs.max), `≤ ${SLACK_ACK_LIMIT_MS} (Slack's limit)`]);
  rows.push([
    'ack p99 ratio, bot / bare',
    '',
    fmt(ackP99Ratio.value, 2),
    `≤ ${ACK_RATIO_GOAL} ${met(ackP99Ratio.met)}`,
  ]);
  rows.push([
    "the rounds' own ack p99 ratios: median (min–max)",
    '',
    `${fmt(ofRounds.p50, 2)} (${fmt(ofRounds.min, 2)}–${fmt(ofRounds.max, 2)})`,
    '',
  ]);
  rows.push(['modal open p50 / p99', '', `${fmt(bot.modalOpenMs.p50, 0)} / ${fmt(bot.modalOpenMs.p99, 0)}`, '']);
  rows.push([
    'modal filled (shows the step) p50 / p99',
    '',
    `${fmt(bot.modalFilledMs.p50, 0)} / ${fmt(bot.modalFilledMs.p99, 0)}`,
    `p99 ≤ ${MODAL_SHOWS_STEP_P99_GOAL_MS} ${met(modalFilledP99.met)}`,
  ]);
  rows.push([
    'bare app message posted p50 / p99',
    `${fmt(bare.postedMs.p50, 0)} / ${fmt(bare.postedMs.p99, 0)}`,
    '',
    '',
  ]);
  rows.push([
    'all acks of a batch back after (median)',
    fmt(ackWindow(batches.bare), 0),
    fmt(ackWindow(batches.bot), 0),
    '',
  ]);
  rows.push([
    'event loop during acks: busy / delay max',
    `${fmt(loop.bare.utilization * 100, 0)} % / ${fmt(loop.bare.delayMaxMs, 0)}`,
    `${fmt(loop.bot.utilization * 100, 0)} % / ${fmt(loop.bot.delayMaxMs, 0)}`,
    '',
  ]);
  rows.push([
    'non-200 acks',
    String(batches.bare.reduce((n, b) => n + b.outcomes.filter((o) => o.status !== 200).length, 0)),
    String(batches.bot.reduce((n, b) => n + b.outcomes.filter((o) => o.status !== 200).length, 0)),
    '0',
  ]);
  rows.push([
    'modals never opened / never filled',
    '',
    `${failures.modalsNeverOpened} / ${failures.modalsNeverFilled}`,
    '0 / 0',
  ]);
  say(table(rows));
  say(
    "ack: send → whole response read by the stand-in. modal open / filled: send → the stand-in answered the bot's views.open / first views.update.",
  );
  for (const example of failures.examples) say(`FAILURE: ${example}`);
}

// ---------------------------------------------------------------------------------------------

if (process.argv[2] === SLACK_SIDE_FLAG) {
  // Ctrl-C reaches the whole process group: the parent closes this side when it cleans up.
  process.on('SIGINT', () => undefined);
  void slackSideChild();
} else {
  runFromCommandLine(
    parseOptions,
    'npm run bench:slack -- [--rounds 5] [--concurrency 50] [--resume] [--json] (--help for all)',
    main,
  );
}
