/**
 * `npm run bench:scale`: the service scaled out to two workers and two bots, and losing one of
 * each under load. On a stack of its own (an in-memory Temporal dev server; a fresh database on
 * DATABASE_URL's server, else PGlite) every worker and every bot is a process of its own
 * (`service/main.ts` with CERS_COMPONENTS=worker or bot), all on one Temporal server and one
 * database; Slack (the stand-in and a command stream, bench/support/slack-load.ts) runs in a child
 * process, and the workers' DMs go to it. The phases:
 *
 * 1. one worker: --n complete registrations through the public client (`startRegistration`, the
 *    four updates, the result), --parallel at once: registrations per second;
 * 2. two workers: a second worker process joins; the same again;
 * 3. the kill: two bot processes join. Signed `/cers` commands from distinct users arrive at
 *    --rate per second, round-robin over the two bots (each starts a registration and opens its
 *    modal), while --n more registrations run through the client. Once half of those have
 *    completed, worker 2 and bot 2 are killed (SIGKILL). Deliveries to the killed bot fail and go
 *    again to the other one with Slack's retry headers, as a load balancer in front of the bots
 *    would send them; the registrations carry on with worker 1. The ack latency of the commands
 *    sent in the --kill-window seconds from the kill is reported beside those before and after.
 *
 * Then it counts, with SQL in PostgreSQL and in what the Slack stand-in received: every
 * registration completed (and its records exist), and duplicates (user accounts per registration,
 * URNs, business accounts per business number, memberships per person and business, Slack
 * deliveries per key, DMs posted per delivery key, registration runs per applicant in Temporal).
 *
 * The exit code is non-zero when a registration failed, a duplicate exists, a command was never
 * acked, a modal of a bot that stayed up never opened, or the stack cannot start. Options:
 *
 *   --n <count>            registrations driven through the client in each phase (100)
 *   --parallel <count>     of those, driven at once (20)
 *   --warmup <count>       untimed registrations before phases 1 and 2 (5)
 *   --rate <per second>    `/cers` commands per second in phase 3 (5)
 *   --kill-window <s>      commands sent this many seconds from the kill count as "during" (10)
 *   --timeout <minutes>    hard bound on the run, after which it cleans up and fails (15)
 *   --json                 progress to stderr; the result as one line of JSON, last on stdout
 *                          (the Temporal dev server may print to stdout: take the last line)
 *   --json-out <file>      also write the result as JSON to <file>
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Client } from '@temporalio/client';
import { CURRENT_TERMS_VERSION } from '../client';
import { loadConfig, type Config } from '../config';
import type { Database } from '../prisma/database';
import { freePort } from '../testkit/ports';
import {
  commonOptions,
  type CommonOptions,
  parseBenchArgs,
  positiveInt,
  REGISTRATION_OPTION_SPECS,
  type RegistrationOptions,
  registrationOptions,
  runFromCommandLine,
} from './options';
import { formatNumber, introduce, machineRows, say, saySummary, writeResults } from './report';
import { benchEnvironment, connectBenchClients, startDatabase, startTemporalDevServer } from './stack';
import { distribution, type Distribution, exitAfterCleanup, sleep, stops } from './support/harness';
import { cpuDelta, cpuSecondsOfCommand, cpuSnapshot, type CpuSnapshot } from './support/process-stats';
import {
  describeFailures,
  type Driven,
  driveRegistrations,
  type Fixture,
  issueFixtures,
} from './support/registrations';
import {
  describeWorkerLog,
  readWorkerLog,
  type ServiceProcess,
  startServiceProcess,
  startWorkerProcess,
} from './support/service-process';
import { type CommandOutcome, type SlackLoad, startSlackLoad } from './support/slack-load';

/** Slack shows the user an error when an ack takes longer. */
const SLACK_ACK_LIMIT_MS = 3_000;
/** How long the stream waits for the bots' modals after its last ack. */
const MODAL_FOLLOW_UP_MS = 15_000;
/** Index of the worker and the bot that are killed (the second of each). */
const KILLED = 1;

/** Latencies of requests that all failed are NaN: shown as "-". */
const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? formatNumber(value, digits) : '-');

// ---------------------------------------------------------------------------------------------
// Options

interface Options extends CommonOptions, RegistrationOptions {
  rate: number;
  killWindowMs: number;
}

function parseOptions(argv: string[]): Options {
  const values = parseBenchArgs(
    argv,
    { ...REGISTRATION_OPTION_SPECS, rate: { type: 'string' }, 'kill-window': { type: 'string' } } as const,
    __filename,
  );
  return {
    // At least 2: the kill comes once half of phase 3's registrations have completed.
    ...registrationOptions(values, { n: 100, parallel: 20, warmup: 5 }, 2),
    rate: positiveInt('rate', values.rate, 5),
    killWindowMs: positiveInt('kill-window', values['kill-window'], 10) * 1000,
    ...commonOptions(values, 15),
  };
}

// ---------------------------------------------------------------------------------------------
// Results

/** CPU seconds by kind of process over a phase. */
interface CpuUse {
  elapsedSeconds: number;
  workers: number;
  bots: number;
  /** The Temporal dev server and the Slack side. */
  temporalAndSlack: number;
  /** This process: the client (and PGlite without DATABASE_URL). */
  bench: number;
  /** Processes named `postgres` on this machine (none for PGlite or a remote server; ended backends missed). */
  postgres: number;
}

interface Phase {
  label: string;
  workers: number;
  completed: number;
  failed: number;
  elapsedMs: number;
  registrationsPerSecond: number;
  latencyMs: Distribution;
  cpu?: CpuUse;
}

interface AckWindow {
  commands: number;
  ackMs: Distribution;
  overSlackLimit: number;
}

interface KillReport {
  afterRegistrations: number;
  secondsIntoPhase: number;
  killedPids: { worker: number; bot: number };
  commands: number;
  resentToOtherBot: number;
  neverAcked: number;
  acks: { before: AckWindow; during: AckWindow; after: AckWindow };
  modals: { opened: number; refusedBySlack: number; lostWithKilledBot: number; missingFromLiveBots: number };
}

interface Check {
  what: string;
  rows: number;
  duplicates: number;
}

interface Results {
  machine: Record<string, string | number>;
  config: Record<string, string | number | boolean>;
  phases: Phase[];
  kill?: KillReport;
  registrations: { driven: number; completed: number; userAccounts?: number; businessAccounts?: number };
  duplicateChecks: Check[];
  failures: string[];
}

// ---------------------------------------------------------------------------------------------
// Main: the phases, in order

interface Bot {
  process: ServiceProcess;
  url: string;
}

/** What the phases share: the options, the stack, and the results so far. */
interface Run {
  options: Options;
  results: Results;
  runTag: string;
  workDir: string;
  config: Config;
  termsVersion: string;
  databaseUrl: string;
  client: Client;
  db: Database;
  slack: SlackLoad;
  /** The environment of every service process (Temporal, database, keys, Slack). */
  serviceEnv: NodeJS.ProcessEnv;
  workers: ServiceProcess[];
  bots: Bot[];
  /** Workflow ids of the registrations that completed. */
  completedIds: string[];
}

async function main(options: Options): Promise<number> {
  const results: Results = {
    machine: {},
    config: {},
    phases: [],
    registrations: { driven: 0, completed: 0 },
    duplicateChecks: [],
    failures: [],
  };
  results.machine = introduce('CERS Onboard scale-out benchmark: 1 and 2 workers, then a worker and a bot killed');
  const run = await startStack(options, results);
  const n = options.n;
  const warmup = options.warmup;
  const fixtures = await issueFixtures(run.db, run.runTag, 2 * warmup + 3 * n);
  await run.slack.addUsers(fixtures.map((f) => f.applicant.userId));
  const batch = (from: number, count: number) => fixtures.slice(from, from + count);

  run.workers.push(await startWorker(run));
  await warmUp(run, batch(0, warmup));
  results.phases.push(await timedPhase(run, '1 worker', batch(2 * warmup, n)));

  run.workers.push(await startWorker(run));
  await warmUp(run, batch(warmup, warmup));
  results.phases.push(await timedPhase(run, '2 workers', batch(2 * warmup + n, n)));

  run.bots.push(...(await Promise.all([startBot(run, 1), startBot(run, 2)])));
  await warmUpBots(run);
  await killPhase(run, batch(2 * warmup + 2 * n, n));

  await checkRecords(run);
  printSummary(run);
  writeResults(options, results);
  if (results.failures.length > 0) say(`service logs kept in ${run.workDir}`);
  return results.failures.length > 0 ? 1 : 0;
}

// ---- The stack ------------------------------------------------------------------------------

/** Temporal, the database, Slack, the client and Prisma; the service processes start later. */
async function startStack(options: Options, results: Results): Promise<Run> {
  const runTag = randomBytes(4).toString('hex').toUpperCase();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'cers-bench-scale-'));
  stops.push({
    name: 'bench work directory',
    stop: async () => void (results.failures.length || rmSync(workDir, { recursive: true, force: true })),
  });

  const temporalServer = await startTemporalDevServer((cli) => cli ?? 'SDK-downloaded');
  const database = await startDatabase('cers_bench_scale', 'the bench process');
  const slackIdentity = {
    botToken: `xoxb-bench-${randomBytes(8).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
  };
  const slack = await startSlackLoad(slackIdentity);
  say(`Slack stand-in and command stream in a child process, Web API at ${slack.apiUrl}`);

  const overrides = {
    ...benchEnvironment('bench-scale', runTag, temporalServer, database),
    // Slack in HTTP mode, at the stand-in: the bots answer it, the workers' notices go to it.
    SLACK_BOT_TOKEN: slackIdentity.botToken,
    SLACK_SIGNING_SECRET: slackIdentity.signingSecret,
    SLACK_API_URL: slack.apiUrl,
  };
  const serviceEnv = { ...process.env, ...overrides };
  const config = loadConfig(serviceEnv);
  const termsVersion = config.registration.termsVersion ?? CURRENT_TERMS_VERSION;
  results.config = {
    database: database.kind,
    temporalServer: temporalServer.cli ?? 'SDK-downloaded',
    taskQueue: config.temporal.taskQueue,
    workerMaxCachedWorkflows: config.worker.maxCachedWorkflows,
    n: options.n,
    parallel: options.parallel,
    warmup: options.warmup,
    ratePerSecond: options.rate,
    killWindowSeconds: options.killWindowMs / 1000,
  };
  say(
    `Run: --n ${options.n} --parallel ${options.parallel} --warmup ${options.warmup} --rate ${options.rate} --kill-window ${options.killWindowMs / 1000}; ` +
      `task queue ${config.temporal.taskQueue}, worker cache ${config.worker.maxCachedWorkflows}, LOG_LEVEL=${config.logLevel}`,
  );

  const { client, db } = await connectBenchClients(config, database.url);
  return {
    options,
    results,
    runTag,
    workDir,
    config,
    termsVersion,
    databaseUrl: database.url,
    client,
    db,
    slack,
    serviceEnv,
    workers: [],
    bots: [],
    completedIds: [],
  };
}

/** A service process that ends by itself ends the benchmark. */
function onUnexpectedExit(run: Run) {
  return (description: string) => {
    run.results.failures.push(description);
    process.stderr.write(`\n${description} during the benchmark; stopping (logs in ${run.workDir}).\n`);
    void exitAfterCleanup(1);
  };
}

async function startWorker(run: Run): Promise<ServiceProcess> {
  const name = `worker ${run.workers.length + 1}`;
  const began = performance.now();
  const logFile = path.join(run.workDir, `${name.replace(' ', '-')}.log`);
  const worker = await startWorkerProcess(run.serviceEnv, logFile, onUnexpectedExit(run), name);
  say();
  say(`${name}: process ${worker.pid} running [${fmt((performance.now() - began) / 1000)} s to "Worker running"]`);
  return worker;
}

/** A bot alone (CERS_COMPONENTS=bot) on a port of its own, with its own local sign-in provider. */
async function startBot(run: Run, number: number): Promise<Bot> {
  const name = `bot ${number}`;
  const [port, signInPort] = [await freePort(), await freePort()];
  const began = performance.now();
  const started = await startServiceProcess({
    name,
    env: { ...run.serviceEnv, CERS_COMPONENTS: 'bot', PORT: String(port), CERS_LOCAL_IDP_PORT: String(signInPort) },
    logFile: path.join(run.workDir, `bot-${number}.log`),
    readyMessage: 'Slack bot running',
    onUnexpectedExit: onUnexpectedExit(run),
  });
  const url = `http://127.0.0.1:${port}/slack/events`;
  say(
    `${name}: process ${started.pid} at ${url} [${fmt((performance.now() - began) / 1000)} s to "Slack bot running"]`,
  );
  return { process: started, url };
}

// ---- Phases 1 and 2: throughput with 1 and 2 workers -----------------------------------------

/** Drives `fixtures`, --parallel at once; counts and records what completed and what failed. */
async function drive(run: Run, fixtures: Fixture[], onDone?: (done: number) => void): Promise<Driven> {
  const { client, config, termsVersion, options, results } = run;
  const driven = await driveRegistrations(client, config, termsVersion, fixtures, options.parallel, onDone);
  results.failures.push(...describeFailures(driven.failures, 'registration'));
  results.registrations.driven += fixtures.length;
  results.registrations.completed += driven.timings.length;
  run.completedIds.push(...driven.timings.map((t) => t.workflowId));
  return driven;
}

async function warmUp(run: Run, fixtures: Fixture[]): Promise<void> {
  if (fixtures.length === 0) return;
  const { timings } = await drive(run, fixtures);
  say(`  warm-up: ${timings.length}/${fixtures.length} registrations completed (not timed)`);
}

async function timedPhase(
  run: Run,
  label: string,
  fixtures: Fixture[],
  onDone?: (done: number) => void,
): Promise<Phase> {
  say(`${label}: ${fixtures.length} complete registrations, ${run.options.parallel} in parallel...`);
  const cpuBefore = cpuSnapshotOf(run);
  const driven = await drive(run, fixtures, onDone);
  const phase: Phase = {
    label,
    workers: run.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null).length,
    completed: driven.timings.length,
    failed: driven.failures.length,
    elapsedMs: driven.elapsedMs,
    registrationsPerSecond: driven.timings.length / (driven.elapsedMs / 1000),
    latencyMs: distribution(driven.timings.map((t) => t.totalMs)),
    cpu: cpuUse(cpuBefore, cpuSnapshotOf(run)),
  };
  const l = phase.latencyMs;
  say(
    `  ${phase.completed} completed, ${phase.failed} failed in ${fmt(phase.elapsedMs / 1000, 2)} s: ` +
      `${fmt(phase.registrationsPerSecond, 2)} registrations/s; one registration p50 ${fmt(l.p50, 0)} ms, p99 ${fmt(l.p99, 0)} ms, max ${fmt(l.max, 0)} ms`,
  );
  if (phase.cpu) say(`  ${describeCpu(phase.cpu)}`);
  return phase;
}

/** Workers, bots, the other child processes (Temporal dev server, Slack side), this process; PostgreSQL. */
function cpuSnapshotOf({ workers, bots }: Run): CpuSnapshot {
  const snapshot = cpuSnapshot({ workers: workers.map((w) => w.pid), bots: bots.map((b) => b.process.pid) });
  snapshot.seconds['postgres'] = cpuSecondsOfCommand('postgres');
  return snapshot;
}

function cpuUse(from: CpuSnapshot, to: CpuSnapshot): CpuUse | undefined {
  const delta = cpuDelta(from, to);
  if (!delta) return undefined;
  const { elapsedSeconds, seconds } = delta;
  return {
    elapsedSeconds,
    workers: seconds['workers']!,
    bots: seconds['bots']!,
    temporalAndSlack: seconds['others']!,
    bench: seconds['self']!,
    postgres: seconds['postgres']!,
  };
}

function describeCpu(use: CpuUse): string {
  const cores = (seconds: number) => `${fmt(seconds, 1)} s, ${fmt(seconds / use.elapsedSeconds, 2)} cores`;
  return (
    `CPU: workers ${cores(use.workers)}; bots ${cores(use.bots)}; Temporal server and Slack side ${cores(use.temporalAndSlack)}; ` +
    `bench process (client${process.env.DATABASE_URL ? '' : ', PGlite'}) ${cores(use.bench)}; ` +
    `local postgres processes ${cores(use.postgres)}`
  );
}

// ---- Phase 3: the kill ----------------------------------------------------------------------

/** A few commands to each bot first, untimed: their first requests pay for JIT and connections. */
async function warmUpBots(run: Run): Promise<void> {
  await run.slack.start({
    urls: run.bots.map((b) => b.url),
    ratePerSecond: run.options.rate,
    userPrefix: `UBW${run.runTag}`,
  });
  await sleep(Math.max(2_000, (4 * 1000) / run.options.rate));
  const outcomes = await run.slack.stop({ followUpMs: MODAL_FOLLOW_UP_MS, deadTargets: [] });
  const acked = outcomes.filter((o) => o.status === 200).length;
  const opened = outcomes.filter((o) => o.modalOpenMs !== undefined && !o.modalOpenError).length;
  say(`  bots warm-up: ${acked}/${outcomes.length} commands acked, ${opened} modals opened (not timed)`);
  if (acked < outcomes.length)
    run.results.failures.push(`bots warm-up: ${outcomes.length - acked} commands never acked`);
}

async function killPhase(run: Run, fixtures: Fixture[]): Promise<void> {
  const { options, slack, bots, workers } = run;
  say();
  say(
    `Kill: /cers at ${options.rate}/s round-robin over ${bots.length} bots, and registrations through the client; ` +
      `worker ${KILLED + 1} and bot ${KILLED + 1} get SIGKILL once half of the registrations have completed`,
  );
  await slack.start({ urls: bots.map((b) => b.url), ratePerSecond: options.rate, userPrefix: `UK${run.runTag}` });
  const phaseStart = Date.now();
  let killAt = NaN;
  let killing: Promise<void> | undefined;
  const half = Math.ceil(fixtures.length / 2);
  const kill = async (done: number) => {
    killAt = Date.now();
    await Promise.all([workers[KILLED]!.kill(), bots[KILLED]!.process.kill()]);
    say(
      `  SIGKILL: worker ${KILLED + 1} (pid ${workers[KILLED]!.pid}) and bot ${KILLED + 1} (pid ${bots[KILLED]!.process.pid}) ` +
        `after ${done}/${fixtures.length} registrations, ${fmt((killAt - phaseStart) / 1000)} s into the phase`,
    );
  };
  const phase = await timedPhase(run, `2 workers → 1 (kill)`, fixtures, (done) => {
    if (done === half) killing = kill(done);
  });
  await killing;
  run.results.phases.push(phase);
  // The stream runs on until the kill window is over (and the registrations are done).
  const windowEnd = killAt + options.killWindowMs;
  if (Date.now() < windowEnd) await sleep(windowEnd - Date.now());
  const outcomes = await slack.stop({ followUpMs: MODAL_FOLLOW_UP_MS, deadTargets: [KILLED] });
  run.results.kill = killReport(run, outcomes, { phaseStart, killAt, afterRegistrations: half });
  describeKill(run.results.kill);
}

function killReport(
  run: Run,
  outcomes: CommandOutcome[],
  at: { phaseStart: number; killAt: number; afterRegistrations: number },
): KillReport {
  const { killAt } = at;
  const windowEnd = killAt + run.options.killWindowMs;
  const ackWindow = (list: CommandOutcome[]): AckWindow => {
    const acks = list.filter((o) => o.status === 200).map((o) => o.ackMs);
    return {
      commands: list.length,
      ackMs: distribution(acks),
      overSlackLimit: acks.filter((ms) => ms > SLACK_ACK_LIMIT_MS).length,
    };
  };
  const acked = outcomes.filter((o) => o.status === 200);
  const noModal = acked.filter((o) => o.modalOpenMs === undefined);
  const report: KillReport = {
    afterRegistrations: at.afterRegistrations,
    secondsIntoPhase: (killAt - at.phaseStart) / 1000,
    killedPids: { worker: run.workers[KILLED]!.pid, bot: run.bots[KILLED]!.process.pid },
    commands: outcomes.length,
    resentToOtherBot: outcomes.filter((o) => o.resent).length,
    neverAcked: outcomes.length - acked.length,
    acks: {
      before: ackWindow(outcomes.filter((o) => o.sentAt < killAt)),
      during: ackWindow(outcomes.filter((o) => o.sentAt >= killAt && o.sentAt < windowEnd)),
      after: ackWindow(outcomes.filter((o) => o.sentAt >= windowEnd)),
    },
    modals: {
      opened: acked.filter((o) => o.modalOpenMs !== undefined && !o.modalOpenError).length,
      refusedBySlack: acked.filter((o) => o.modalOpenError).length,
      lostWithKilledBot: noModal.filter((o) => o.answeredBy === KILLED).length,
      missingFromLiveBots: noModal.filter((o) => o.answeredBy !== KILLED).length,
    },
  };
  const failures = run.results.failures;
  for (const o of outcomes.filter((x) => x.status !== 200).slice(0, 5))
    failures.push(`/cers from ${o.userId} never acked: ${o.error ?? `HTTP ${o.status}`}`);
  if (report.neverAcked > 5) failures.push(`... and ${report.neverAcked - 5} more commands never acked`);
  if (report.modals.refusedBySlack)
    failures.push(
      `${report.modals.refusedBySlack} modals refused by Slack (views.open), e.g. ${acked.find((o) => o.modalOpenError)?.modalOpenError}`,
    );
  if (report.modals.missingFromLiveBots)
    failures.push(`${report.modals.missingFromLiveBots} commands acked by a bot that stayed up never got their modal`);
  return report;
}

function describeKill(k: KillReport): void {
  const line = (label: string, w: AckWindow) =>
    say(
      `  acks ${label}: ${w.commands} commands, p50 ${fmt(w.ackMs.p50)} ms, p99 ${fmt(w.ackMs.p99)} ms, max ${fmt(w.ackMs.max)} ms` +
        `${w.overSlackLimit ? `, ${w.overSlackLimit} over Slack's ${SLACK_ACK_LIMIT_MS} ms` : ''}`,
    );
  line('before the kill', k.acks.before);
  line('during the kill window', k.acks.during);
  line('after it', k.acks.after);
  say(
    `  ${k.commands} commands: ${k.resentToOtherBot} re-sent to the other bot, ${k.neverAcked} never acked; modals: ${k.modals.opened} opened, ` +
      `${k.modals.lostWithKilledBot} lost with the killed bot (acked, then killed before views.open), ` +
      `${k.modals.missingFromLiveBots} missing from bots that stayed up, ${k.modals.refusedBySlack} refused by Slack`,
  );
}

// ---- The records: complete, and no duplicates -----------------------------------------------

/** Each check: the rows, and how many of them repeat a key another row has. */
const DUPLICATE_CHECKS: { what: string; table: string; key: string }[] = [
  { what: 'user accounts per registration id', table: 'user_accounts', key: 'registration_id' },
  { what: 'user accounts per URN', table: 'user_accounts', key: 'urn' },
  { what: 'business accounts per business number', table: 'business_accounts', key: 'business_number' },
  { what: 'memberships per (user, business)', table: 'memberships', key: 'user_account_id, business_account_id' },
  { what: 'Slack deliveries per key (rows)', table: 'slack_deliveries', key: 'key' },
];

async function checkRecords(run: Run): Promise<void> {
  const { results } = run;
  say();
  say('Records: every registration complete, duplicates counted (in PostgreSQL, in Slack, in Temporal)...');
  // The last notices of the last registrations may still be on their way.
  await sleep(3_000);
  const sql = new pg.Client({ connectionString: run.databaseUrl });
  await sql.connect();
  try {
    for (const check of DUPLICATE_CHECKS) {
      const { rows } = await sql.query<{ rows: number; duplicates: number }>(
        `SELECT count(*)::int AS rows, (count(*) - count(DISTINCT (${check.key})))::int AS duplicates FROM ${check.table}`,
      );
      results.duplicateChecks.push({ what: check.what, ...rows[0]! });
    }
    const ids = run.completedIds;
    const count = async (text: string) => (await sql.query<{ n: number }>(text, [ids])).rows[0]!.n;
    results.registrations.userAccounts = await count(
      'SELECT count(*)::int AS n FROM user_accounts WHERE registration_id = ANY($1)',
    );
    results.registrations.businessAccounts = await count(
      'SELECT count(*)::int AS n FROM business_accounts WHERE created_by_registration = ANY($1)',
    );
  } finally {
    await sql.end();
  }
  const posts = await run.slack.deliveryPosts();
  results.duplicateChecks.push({
    what: 'DMs posted per delivery key (Slack)',
    rows: posts.posts,
    duplicates: posts.duplicatePosts,
  });
  results.duplicateChecks.push(await runsPerApplicant(run));

  const r = results.registrations;
  say(
    `  registrations completed ${r.completed}/${r.driven}; their user accounts ${r.userAccounts}, business accounts ${r.businessAccounts}`,
  );
  if (r.userAccounts !== r.completed || r.businessAccounts !== r.completed)
    results.failures.push(
      `completed registrations without their records: ${r.completed} completed, ${r.userAccounts} user accounts, ${r.businessAccounts} business accounts`,
    );
  for (const c of results.duplicateChecks) {
    say(`  ${c.what}: ${c.duplicates} duplicates among ${c.rows}`);
    if (c.duplicates > 0) results.failures.push(`${c.duplicates} duplicates: ${c.what}`);
  }
  for (const worker of run.workers) say(`  ${worker.name}: ${describeWorkerLog(readWorkerLog(worker.logFile))}`);
}

/** Registration runs per workflow id (one per applicant) on this run's task queue, from visibility. */
async function runsPerApplicant({ client, config }: Run): Promise<Check> {
  const runs = new Map<string, number>();
  let total = 0;
  for await (const execution of client.workflow.list({ query: `TaskQueue="${config.temporal.taskQueue}"` })) {
    total++;
    runs.set(execution.workflowId, (runs.get(execution.workflowId) ?? 0) + 1);
  }
  return { what: 'workflow runs per workflow id (Temporal)', rows: total, duplicates: total - runs.size };
}

// ---- Report ---------------------------------------------------------------------------------

function printSummary({ results, options }: Run): void {
  const rows: string[][] = [['measure', 'value', 'goal']];
  rows.push(...machineRows(results.machine, 1));
  for (const p of results.phases) {
    rows.push([
      `registrations/s, ${p.label} (n=${p.completed + p.failed}, ${options.parallel} parallel)`,
      `${fmt(p.registrationsPerSecond, 2)} (p50 ${fmt(p.latencyMs.p50, 0)} / p99 ${fmt(p.latencyMs.p99, 0)} ms)`,
      '',
    ]);
  }
  const k = results.kill;
  if (k) {
    const acks = (w: AckWindow) =>
      `${fmt(w.ackMs.p50)} / ${fmt(w.ackMs.p99)} / ${fmt(w.ackMs.max)} (${w.commands} commands)`;
    rows.push(['/cers ack p50 / p99 / max ms, before the kill', acks(k.acks.before), '']);
    rows.push([
      `/cers ack p50 / p99 / max ms, ${options.killWindowMs / 1000} s from the kill`,
      acks(k.acks.during),
      `< ${SLACK_ACK_LIMIT_MS} (Slack's limit)`,
    ]);
    rows.push(['/cers ack p50 / p99 / max ms, after', acks(k.acks.after), '']);
    rows.push(['commands re-sent to the other bot / never acked', `${k.resentToOtherBot} / ${k.neverAcked}`, '- / 0']);
    rows.push([
      'modals opened / lost with the killed bot / missing / refused',
      `${k.modals.opened} / ${k.modals.lostWithKilledBot} / ${k.modals.missingFromLiveBots} / ${k.modals.refusedBySlack}`,
      '- / - / 0 / 0',
    ]);
  }
  const r = results.registrations;
  rows.push(['registrations completed (all phases, warm-ups included)', `${r.completed} / ${r.driven}`, 'all']);
  for (const c of results.duplicateChecks) rows.push([`duplicates: ${c.what}`, `${c.duplicates} of ${c.rows}`, '0']);
  saySummary('Summary', rows, results.failures);
}

// ---------------------------------------------------------------------------------------------

runFromCommandLine(
  parseOptions,
  'npm run bench:scale -- [--n 100] [--parallel 20] [--rate 5] [--json] (--help for all)',
  main,
);
