/**
 * `npm run bench:slack`: how fast the Slack bot answers `/cers`, beside a bare Bolt app measured by
 * the same harness in the same run. Both apps run over HTTP with request signing and call the same
 * local Slack stand-in (dev/slack), whose driver plays Slack: it sends N signed `/cers`
 * commands at once from N distinct users and times each response.
 *
 * - ack: from sending the command to reading the whole HTTP response (what Slack times; it gives up
 *   after 3 s). Goal: the bot's p99 at most 1.2 × the bare app's p99.
 * - modal open: from just before sending the command to the stand-in's answer to the bot's
 *   views.open for that trigger id (the user sees the loading modal). Goal: p99 ≤ 1 s.
 * - modal filled: to the first successful views.update of that modal (the user sees their step:
 *   the registration was started or resumed on Temporal and rendered).
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
 * DATABASE_URL's server), the worker in this process (createCersWorker, pre-built bundle), the CERS
 * bot (createCersBot) and the bare app on free ports. The stand-in and its driver run in a child
 * process, as Slack is remote: this process holds only what a deployment would, and the driver's
 * clock is not held up by the apps' event loop. The apps' event loop during the acks is reported
 * (utilization, worst timer delay): Node accepts one new connection per event-loop iteration, so
 * whatever work runs after the first acks stretches the wait of the connections still queued.
 *
 * It prints numbers and says "met / not met", no more: the exit code is non-zero only when the
 * stack cannot start or requests fail (a non-200 ack, a modal never opened or never filled, the
 * bare app's message never posted). Options:
 *
 *   --rounds <count>        timed rounds, each one batch to the bare app and one to the bot (5)
 *   --concurrency <count>   /cers commands sent at once per batch, from distinct users (50)
 *   --warmup <count>        untimed commands to each app first (JIT, auth.test) (10)
 *   --resume                the bot's users are the same every round: their registrations are
 *                           started once, untimed, and every timed /cers resumes one
 *   --slack-in-process      run the stand-in and driver in this process instead (they then share
 *                           the apps' event loop, which inflates both apps' numbers)
 *   --follow-up-timeout <s> how long a batch waits for the modals / posts after its acks (30)
 *   --timeout <minutes>     hard bound on the run, after which it cleans up and fails (15)
 *   --json                  progress to stderr; the result as one line of JSON, last on stdout
 *                           (the Temporal dev server may print to stdout: take the last line)
 *   --json-out <file>       also write the result as JSON to <file>
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createLogger } from '../config/logger';
import { slackNotifier } from '../activities/slack-notifier';
import { createCersBot } from '../bot/app';
import { connectCersClient, temporalConnectionOptions } from '../client';
import { loadConfig } from '../config';
import { createDatabase } from '../prisma/database';
import { migrate } from '../prisma/migrate';
import { createScratchDatabase } from '../prisma/scratch-database';
import { startEmbeddedPostgres } from '../service/embedded/postgres';
import { findTemporalCli, startEmbeddedTemporal } from '../service/embedded/temporal';
import { ensureSearchAttributes } from '../service/search-attributes';
import { createCersWorker } from '../service/worker';
import { bundleWorkflows } from '../service/workflow-bundle';
import { startSlackStandIn, type ApiCall, type SlackStandIn } from '../dev/slack';
import { freePort } from '../testkit/ports';
import { sleep, table, type Distribution, distribution, errorText, stops, runToCompletion, serverVersion } from './support/harness';

const ACK_RATIO_GOAL = 1.2;
const MODAL_OPEN_P99_GOAL_MS = 1_000;
/** Slack shows the user an error when an ack takes longer. */
const SLACK_ACK_LIMIT_MS = 3_000;
/**
 * Idle time after which every keep-alive connection of the run has closed: Node's HTTP servers (the
 * apps', the stand-in's) close idle ones after 5 s, and fetch gives them up a second before that.
 */
const CONNECTIONS_CLOSED_AFTER_MS = 5_500;

// ---------------------------------------------------------------------------------------------
// Options and output

class UsageError extends Error {}

function positiveInt(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} expects an integer of at least ${min}, got "${text}"`);
  return value;
}

interface Options {
  rounds: number;
  concurrency: number;
  warmup: number;
  resume: boolean;
  slackInProcess: boolean;
  followUpTimeoutMs: number;
  timeoutMs: number;
  json: boolean;
  jsonOut?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      warmup: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'slack-in-process': { type: 'boolean', default: false },
      'follow-up-timeout': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      'json-out': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    const header = readFileSync(__filename, 'utf8').split('*/')[0] ?? '';
    process.stdout.write(`${header.replace(/^\/\*\*|^ \* ?/gm, '')}\n`);
    process.exit(0);
  }
  return {
    rounds: positiveInt('rounds', values.rounds, 5),
    concurrency: positiveInt('concurrency', values.concurrency, 50),
    warmup: positiveInt('warmup', values.warmup, 10, 0),
    resume: values.resume,
    slackInProcess: values['slack-in-process'],
    followUpTimeoutMs: positiveInt('follow-up-timeout', values['follow-up-timeout'], 30) * 1000,
    timeoutMs: positiveInt('timeout', values.timeout, 15) * 60_000,
    json: values.json,
    jsonOut: values['json-out'],
  };
}

let jsonMode = false;
/** Human output: stdout, or stderr when --json keeps stdout for the result. */
function say(line = ''): void {
  (jsonMode ? process.stderr : process.stdout).write(`${line}\n`);
}

const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString('en-CA', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';

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
      if (call.method === 'views.open' && typeof call.args['trigger_id'] === 'string') this.opened.set(call.args['trigger_id'], call);
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
async function runBatch(slack: SlackStandIn, index: CallIndex, spec: BatchSpec, onAcked: () => void): Promise<SlackBatch> {
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
  return { apiUrl: slack.apiUrl, runBatch: (spec, onAcked) => runBatch(slack, index, spec, onAcked), close: () => slack.close() };
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
    const side = await localSlackSide(JSON.parse(process.env.CERS_BENCH_SLACK_IDENTITY ?? '{}') as SlackIdentity);
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
  // Same Node flags as this process (tsx's loader); structured clone keeps NaN and undefined.
  const child = fork(__filename, [SLACK_SIDE_FLAG], {
    env: { ...process.env, CERS_BENCH_SLACK_IDENTITY: JSON.stringify(identity) },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { onAcked: () => void; resolve: (batch: SlackBatch) => void; reject: (error: Error) => void }>();
  let exitedWith: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedWith = `the Slack side (child process ${child.pid ?? '?'}) exited (code ${code ?? '-'}, signal ${signal ?? '-'})`;
      for (const p of pending.values()) p.reject(new Error(exitedWith));
      pending.clear();
      resolve();
    }),
  );
  const stop = async () => {
    if (exitedWith) return;
    child.send({ kind: 'close' } satisfies ToSlackSide);
    if (await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)])) child.kill('SIGKILL');
    await exited;
  };
  stops.push({ name: 'Slack side (child process)', stop });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.on('message', (raw) => {
      const message = raw as FromSlackSide;
      if (message.kind === 'ready') return resolve(message.apiUrl);
      const id = message.id;
      if (id === undefined) return reject(new Error(`the Slack side failed to start: ${message.kind === 'failed' ? message.error : '?'}`));
      const waiting = pending.get(id);
      if (!waiting) return;
      if (message.kind === 'acked') return waiting.onAcked();
      pending.delete(id);
      if (message.kind === 'done') waiting.resolve(message.batch);
      else waiting.reject(new Error(message.error));
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(exitedWith)));
  });
  let nextId = 0;
  return {
    apiUrl,
    runBatch(spec, onAcked) {
      if (exitedWith) return Promise.reject(new Error(exitedWith));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { onAcked, resolve, reject });
        child.send({ kind: 'batch', id, spec } satisfies ToSlackSide);
      });
    },
    close: stop,
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
  batches.flatMap((b) => b.outcomes.filter((o) => o.status === 200).flatMap((o) => (pick(o) === undefined ? [] : [pick(o)!])));

// ---------------------------------------------------------------------------------------------
// Main

interface Results {
  machine: Record<string, string | number>;
  config: Record<string, string | number | boolean>;
  bare?: { ackMs: Distribution; postedMs: Distribution };
  bot?: { ackMs: Distribution; modalOpenMs: Distribution; modalFilledMs: Distribution };
  ackP99Ratio?: { value: number; goalMax: number; met: boolean };
  modalOpenP99?: { valueMs: number; goalMaxMs: number; met: boolean };
  acksOverSlackLimit?: { bare: number; bot: number };
  eventLoopDuringAcks?: Record<Target, { utilization: number; delayP99Ms: number; delayMaxMs: number }>;
  rounds: {
    round: number;
    order: Target[];
    bare: { ackP50: number; ackP99: number; ackWindowMs: number };
    bot: { ackP50: number; ackP99: number; modalOpenP99: number; modalFilledP99: number; ackWindowMs: number; followUpMs: number };
  }[];
  failures: Failures;
}

async function main(options: Options): Promise<number> {
  const failures: Failures = { non200: 0, modalsNeverOpened: 0, modalsNeverFilled: 0, postsMissing: 0, examples: [] };
  const results: Results = { machine: {}, config: {}, rounds: [], failures };
  const runTag = randomBytes(4).toString('hex').toUpperCase();

  const cpus = os.cpus();
  results.machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
  say('CERS Onboard Slack benchmark: /cers ack and modal latency, the bot beside a bare Bolt app');
  say(
    `Machine: ${results.machine.cores} cores (${results.machine.cpu}), ${results.machine.memoryGb} GB, ${results.machine.platform}, Node ${process.version}`,
  );

  // Before anything Temporal (the dev server's start instantiates the runtime): the SDK's INFO
  // lines about worker state are noise here; warnings and errors still show.
  Runtime.install({ logger: new DefaultLogger('WARN') });

  // Temporal: a fresh in-memory dev server of our own.
  let phaseStart = performance.now();
  const cli = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
  const temporalServer = await startEmbeddedTemporal({ cliPath: process.env.TEMPORAL_CLI_PATH, port: await freePort() });
  stops.push({ name: 'Temporal dev server', stop: temporalServer.stop });
  say(
    `Temporal dev server (in memory) at ${temporalServer.address}: ${cli ?? 'SDK-downloaded'} [${fmt((performance.now() - phaseStart) / 1000)} s]`,
  );

  // PostgreSQL: a fresh database on DATABASE_URL's server, else PGlite in this process.
  let databaseUrl: string;
  let databaseKind: string;
  if (process.env.DATABASE_URL) {
    const created = await createScratchDatabase(process.env.DATABASE_URL, 'cers_bench_slack');
    stops.push({ name: 'bench database', stop: created.drop });
    databaseUrl = created.url;
    databaseKind = `PostgreSQL ${await serverVersion(databaseUrl)} (fresh database ${new URL(databaseUrl).pathname.slice(1)} on DATABASE_URL's server, dropped at the end)`;
  } else {
    const embedded = await startEmbeddedPostgres({ port: await freePort() });
    stops.push({ name: 'embedded PostgreSQL (PGlite)', stop: embedded.stop });
    databaseUrl = embedded.url;
    databaseKind = `embedded PGlite ${await serverVersion(databaseUrl)} (in memory, served from this process; single-threaded WASM)`;
  }
  const applied = await migrate(databaseUrl);
  say(`Database: ${databaseKind}; ${applied.length} migrations applied`);

  const config = loadConfig({
    ...process.env,
    TEMPORAL_ADDRESS: temporalServer.address,
    DATABASE_URL: databaseUrl,
    CERS_PAYLOAD_KEYS: `bench-${runTag.toLowerCase()}=${randomBytes(32).toString('base64')}`,
    TEMPORAL_TASK_QUEUE: `cers-bench-slack-${runTag.toLowerCase()}`,
    CBSA_REGISTRY_URL: '',
    CBSA_REGISTRY_TOKEN: '',
  });
  const log = createLogger('bench-slack', 'warn');

  // The worker, in this process (its workflows run in worker threads, its activities here).
  phaseStart = performance.now();
  const client = await connectCersClient({ config });
  stops.push({ name: 'Temporal client', stop: () => client.connection.close() });
  // The dev server registers them at start; this is what the service does against any cluster.
  const admin = await Connection.connect(await temporalConnectionOptions(config));
  await ensureSearchAttributes(admin, config.temporal.namespace).finally(() => admin.close());
  const db = createDatabase(databaseUrl);
  stops.push({ name: 'Prisma client', stop: () => db.$disconnect() });

  const botToken = `xoxb-bench-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const identity: SlackIdentity = { botToken, signingSecret, teamId: `TB${runTag}` };
  const slack = options.slackInProcess ? await localSlackSide(identity) : await childSlackSide(identity);
  if (options.slackInProcess) stops.push({ name: 'Slack stand-in', stop: () => slack.close() });

  const worker = await createCersWorker({
    config,
    db,
    notifier: slackNotifier({ botToken, apiUrl: slack.apiUrl, db, log }),
    workflowBundle: await bundleWorkflows(),
  });
  const running = worker.run();
  let workerFailed: string | undefined;
  running.catch((error: unknown) => {
    workerFailed = `worker stopped: ${errorText(error)}`;
  });
  stops.push({
    name: 'worker',
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
    },
  });
  say(`Worker running in this process on task queue ${config.temporal.taskQueue} [${fmt((performance.now() - phaseStart) / 1000)} s]`);

  // The CERS bot over HTTP, wired as test/support/bot-stack.ts wires it (real Bolt, request signing).
  const bot = createCersBot({
    config,
    connection: { mode: 'http', botToken, signingSecret, apiUrl: slack.apiUrl, port: 0 },
    work: { mode: 'thread', databaseUrl },
    log,
  });
  const { eventsUrl } = await bot.start();
  stops.push({ name: 'CERS bot', stop: () => bot.stop() });
  if (!eventsUrl) throw new Error('the bot did not report its events URL');

  // The bare app: acks, then posts once. Same stand-in, same token and signing secret.
  const bare = new App({
    token: botToken,
    receiver: new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.WARN }),
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  bare.command('/cers', async ({ ack, client: web, command }) => {
    await ack();
    await web.chat.postMessage({ channel: command.user_id, text: 'ok' });
  });
  const bareServer = (await bare.start(0)) as Server;
  stops.push({ name: 'bare Bolt app', stop: async () => void (await bare.stop()) });
  const bareAddress = bareServer.address();
  const barePort = typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0;
  const urls: Record<Target, string> = { bare: `http://127.0.0.1:${barePort}/slack/events`, bot: eventsUrl };
  const slackWhere = options.slackInProcess ? 'in this process' : 'in a child process';
  say(`Bot at ${urls.bot}; bare Bolt app at ${urls.bare}; Slack stand-in and driver ${slackWhere}, Web API at ${slack.apiUrl}`);

  results.config = {
    database: databaseKind,
    temporalServer: cli ?? 'SDK-downloaded',
    worker: 'in this process (createCersWorker, pre-built bundle)',
    workerMaxCachedWorkflows: config.worker.maxCachedWorkflows,
    rounds: options.rounds,
    concurrency: options.concurrency,
    warmup: options.warmup,
    resume: options.resume,
    slackSide: slackWhere,
  };
  say(
    `Run: --rounds ${options.rounds} --concurrency ${options.concurrency} --warmup ${options.warmup}` +
      `${options.resume ? ' --resume' : ''}${options.slackInProcess ? ' --slack-in-process' : ''}`,
  );
  say(
    `  bot users ${options.resume ? 'the same every round (resuming their registrations)' : 'new every round (each starts a registration)'}; ` +
      `every command on a new connection (each batch starts ${fmt(CONNECTIONS_CLOSED_AFTER_MS / 1000)} s after the previous one's last follow-up, once keep-alive connections have closed)`,
  );

  // Users: distinct per batch (and the same set every round for the bot with --resume).
  const users = (prefix: string, count: number): UserSpec[] =>
    Array.from({ length: count }, (_, i) => ({
      id: `U${prefix}${runTag}N${i}`,
      realName: `Bench Exporter ${i}`,
      locale: i % 4 === 3 ? 'fr-CA' : 'en-US',
    }));
  const batch = async (target: Target, batchUsers: UserSpec[]) => {
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
    if (workerFailed) throw new Error(workerFailed);
    return result;
  };

  // ---- Warm-up (untimed) --------------------------------------------------------------------
  if (options.warmup > 0) {
    say();
    say(`Warm-up: ${options.warmup} commands to each app at once (not counted)...`);
    const warm = [await batch('bare', users('WB', options.warmup)), await batch('bot', users('WC', options.warmup))];
    countFailures(warm, failures, 'warm-up');
    for (const b of warm) {
      const ack = distribution(okValues([b], (o) => o.ackMs));
      say(`  ${b.target}: ack p50 ${fmt(ack.p50)} ms, max ${fmt(ack.max)} ms; follow-ups done after ${fmt(b.followUpMs, 0)} ms`);
    }
  }
  const resumeUsers = options.resume ? users('RS', options.concurrency) : [];
  if (options.resume) {
    say(`Starting the registrations of the ${options.concurrency} users who resume (not counted)...`);
    const primed = await batch('bot', resumeUsers);
    countFailures([primed], failures, 'resume priming');
    say(`  done after ${fmt(primed.followUpMs, 0)} ms`);
  }

  // ---- Timed rounds -------------------------------------------------------------------------
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
  countFailures([...batches.bare, ...batches.bot], failures, 'timed');

  // ---- Results ------------------------------------------------------------------------------
  const bareAck = distribution(okValues(batches.bare, (o) => o.ackMs));
  const botAck = distribution(okValues(batches.bot, (o) => o.ackMs));
  const modalOpen = distribution(okValues(batches.bot, (o) => o.modalOpenMs));
  const modalFilled = distribution(okValues(batches.bot, (o) => o.modalFilledMs));
  const bareUsers = distribution(okValues(batches.bare, (o) => o.postedMs));
  results.bare = { ackMs: bareAck, postedMs: bareUsers };
  results.bot = { ackMs: botAck, modalOpenMs: modalOpen, modalFilledMs: modalFilled };
  const ratio = botAck.p99 / bareAck.p99;
  results.ackP99Ratio = { value: ratio, goalMax: ACK_RATIO_GOAL, met: ratio <= ACK_RATIO_GOAL };
  results.modalOpenP99 = { valueMs: modalOpen.p99, goalMaxMs: MODAL_OPEN_P99_GOAL_MS, met: modalOpen.p99 <= MODAL_OPEN_P99_GOAL_MS };
  const overLimit = (list: BatchResult[]) => okValues(list, (o) => o.ackMs).filter((ms) => ms > SLACK_ACK_LIMIT_MS).length;
  results.acksOverSlackLimit = { bare: overLimit(batches.bare), bot: overLimit(batches.bot) };
  const meanLoop = (list: BatchResult[]) => ({
    utilization: list.reduce((a, b) => a + b.eventLoop.utilization, 0) / list.length,
    delayP99Ms: Math.max(...list.map((b) => b.eventLoop.delayP99Ms)),
    delayMaxMs: Math.max(...list.map((b) => b.eventLoop.delayMaxMs)),
  });
  results.eventLoopDuringAcks = { bare: meanLoop(batches.bare), bot: meanLoop(batches.bot) };
  const ackWindow = (list: BatchResult[]) => distribution(list.map((b) => b.ackWindowMs)).p50;
  if (workerFailed) failures.examples.push(workerFailed);

  say();
  say(`Summary (${options.rounds} rounds × ${options.concurrency} concurrent /cers per app; latencies in ms)`);
  const met = (ok: boolean) => (ok ? '(met)' : '(NOT met)');
  const rows: string[][] = [['measure', 'bare Bolt app', 'CERS bot', 'goal']];
  rows.push(['machine', `${results.machine.cores} cores, Node ${process.version}`, '', '']);
  rows.push(['database', process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL server)' : 'embedded PGlite', '', '']);
  rows.push(['ack p50', fmt(bareAck.p50), fmt(botAck.p50), '']);
  rows.push(['ack p99', fmt(bareAck.p99), fmt(botAck.p99), '']);
  rows.push(['ack max', fmt(bareAck.max), fmt(botAck.max), `≤ ${SLACK_ACK_LIMIT_MS} (Slack's limit)`]);
  rows.push(['ack p99 ratio, bot / bare', '', fmt(ratio, 2), `≤ ${ACK_RATIO_GOAL} ${met(results.ackP99Ratio.met)}`]);
  rows.push([
    'modal open p50 / p99',
    '',
    `${fmt(modalOpen.p50, 0)} / ${fmt(modalOpen.p99, 0)}`,
    `p99 ≤ ${MODAL_OPEN_P99_GOAL_MS} ${met(results.modalOpenP99.met)}`,
  ]);
  rows.push(['modal filled p50 / p99', '', `${fmt(modalFilled.p50, 0)} / ${fmt(modalFilled.p99, 0)}`, '']);
  rows.push(['bare app message posted p50 / p99', `${fmt(bareUsers.p50, 0)} / ${fmt(bareUsers.p99, 0)}`, '', '']);
  rows.push(['all acks of a batch back after (median)', fmt(ackWindow(batches.bare), 0), fmt(ackWindow(batches.bot), 0), '']);
  const loop = results.eventLoopDuringAcks;
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
  rows.push(['modals never opened / never filled', '', `${failures.modalsNeverOpened} / ${failures.modalsNeverFilled}`, '0 / 0']);
  say(table(rows));
  say(
    "ack: send → whole response read by the stand-in. modal open / filled: send → the stand-in answered the bot's views.open / first views.update.",
  );
  for (const example of failures.examples) say(`FAILURE: ${example}`);

  if (options.jsonOut) writeFileSync(options.jsonOut, `${JSON.stringify(results, null, 2)}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  const failed =
    failures.non200 + failures.modalsNeverOpened + failures.modalsNeverFilled + failures.postsMissing > 0 || Boolean(workerFailed);
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

function runBenchmark(): void {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nUsage: npm run bench:slack -- [--rounds 5] [--concurrency 50] [--resume] [--json] (--help for all)\n`,
    );
    process.exit(2);
  }
  jsonMode = options.json;

  runToCompletion(() => main(options), options.timeoutMs);
}

if (process.argv[2] === SLACK_SIDE_FLAG) {
  // Ctrl-C reaches the whole process group: the parent closes this side when it cleans up.
  process.on('SIGINT', () => undefined);
  void slackSideChild();
} else {
  runBenchmark();
}
