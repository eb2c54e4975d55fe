/**
 * Losing Temporal or PostgreSQL is visible: the dependency watcher (service/health.ts) says so in
 * the log within seconds when one goes away and when it comes back, once (not per probe), and the
 * bot's `/healthz` reports each dependency as JSON, 200 when all answer, 503 otherwise, in bounded
 * time. The dependencies are the real servers, behind TCP proxies the test cuts and restores.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { createLogger } from '../config/logger';
import { createCersBot, type CersBot } from '../bot/app';
import { connectCersClient } from '../client';
import { createDatabase, type Database } from '../prisma/database';
import { watchDependencies, type DependencyWatcher, type HealthReport } from '../service/health';
import { startSlackStandIn, type SlackStandIn } from '../dev/slack';
import { testConfig } from './support/stack';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

const config = testConfig();
const [temporalHost, temporalPort] = config.temporal.address.split(':') as [string, string];
const database = new URL(config.database.externalUrl!);

let temporal: TcpProxy;
let postgres: TcpProxy;
let watcher: DependencyWatcher;
const lines: string[] = [];

/** The database URL, through the proxy. */
function proxiedDatabaseUrl(): string {
  const url = new URL(database);
  url.hostname = '127.0.0.1';
  url.port = String(postgres.port);
  return url.toString();
}

async function logged(pattern: RegExp, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!lines.some((line) => pattern.test(line))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`not logged within ${timeoutMs} ms: ${pattern}\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

async function untilReport(test: (report: HealthReport) => boolean, timeoutMs = 10_000): Promise<HealthReport> {
  const started = Date.now();
  for (;;) {
    const report = await watcher.check();
    if (test(report)) return report;
    if (Date.now() - started > timeoutMs) throw new Error(`health never matched: ${JSON.stringify(report)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  temporal = await startTcpProxy({ host: temporalHost, port: Number(temporalPort) });
  postgres = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
  watcher = watchDependencies({
    temporal: { address: `127.0.0.1:${temporal.port}` },
    databaseUrl: proxiedDatabaseUrl(),
    log: createLogger('health', 'info', (line) => lines.push(line)),
    intervalMs: 500,
    timeoutMs: 1_000,
  });
  await untilReport((r) => r.status === 'ok');
});

afterAll(async () => {
  await watcher.stop();
  await temporal.close();
  await postgres.close();
});

const WATCHER_TIMEOUT_MS = 120_000;
describe('the dependency watcher', () => {
  for (const [name, label, proxy] of [
    ['temporal', 'Temporal', () => temporal],
    ['postgres', 'PostgreSQL', () => postgres],
  ] as const) {
    test(
      `${label} going away and coming back is logged within seconds, once each`,
      async () => {
        lines.length = 0;
        await proxy().cut();
        const noticedIn = await logged(new RegExp(`"message":"${label} is unreachable"`), 5_000);
        const checkStarted = Date.now();
        const report = await watcher.check();
        assert.ok(Date.now() - checkStarted < 3_000, 'a check answers within its timeout');
        assert.equal(report.status, 'unavailable');
        assert.equal(report.dependencies[name].ok, false);
        assert.ok(report.dependencies[name].error, 'with the reason');
        assert.equal(
          report.dependencies[name === 'temporal' ? 'postgres' : 'temporal'].ok,
          true,
          'the other one is fine',
        );
        // Several probes later, still said once.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        assert.equal(lines.filter((line) => line.includes(`${label} is unreachable`)).length, 1, lines.join('\n'));

        await proxy().restore();
        const backIn = await logged(new RegExp(`"message":"${label} is reachable again"`), 8_000);
        assert.equal((await untilReport((r) => r.status === 'ok')).dependencies[name].ok, true);
        assert.doesNotMatch(
          lines.join('\n'),
          new RegExp(database.password ? database.password : '(?!)'),
          'no credentials in the log',
        );
        process.stdout.write(`# ${label}: down noticed in ${noticedIn} ms, back noticed in ${backIn} ms\n`);
      },
      WATCHER_TIMEOUT_MS,
    );
  }
});

const HEALTHZ_TIMEOUT_MS = 120_000;
describe('/healthz', () => {
  let slack: SlackStandIn;
  let bot: CersBot;
  let db: Database;
  let url: string;

  beforeAll(async () => {
    const botToken = `xoxb-test-${randomBytes(8).toString('hex')}`;
    const signingSecret = randomBytes(16).toString('hex');
    slack = await startSlackStandIn({ botToken, signingSecret });
    db = createDatabase(config.database.externalUrl!);
    const client = await connectCersClient({ config });
    bot = createCersBot({
      config,
      connection: { mode: 'http', botToken, signingSecret, apiUrl: slack.apiUrl, port: 0 },
      work: { mode: 'in-process', temporal: client, db },
      log: createLogger('bot-test', 'error'),
      health: watcher,
    });
    url = (await bot.start()).eventsUrl!.replace('/slack/events', '/healthz');
  }, HEALTHZ_TIMEOUT_MS);
  afterAll(async () => {
    await bot.stop();
    await slack.close();
    await db.$disconnect();
  }, HEALTHZ_TIMEOUT_MS);

  async function healthz(): Promise<{ status: number; body: HealthReport; ms: number }> {
    const started = Date.now();
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    return { status: response.status, body: (await response.json()) as HealthReport, ms: Date.now() - started };
  }

  test(
    '200 with each dependency when all answer; 503 naming the one that does not, within seconds',
    async () => {
      const fine = await healthz();
      assert.equal(fine.status, 200);
      assert.deepEqual(
        [fine.body.status, fine.body.dependencies.temporal.ok, fine.body.dependencies.postgres.ok],
        ['ok', true, true],
      );

      await postgres.cut();
      try {
        const down = await healthz();
        assert.equal(down.status, 503);
        assert.equal(down.body.status, 'unavailable');
        assert.equal(down.body.dependencies.postgres.ok, false);
        assert.equal(down.body.dependencies.temporal.ok, true);
        assert.ok(down.ms < 4_000, `answered in ${down.ms} ms`);
      } finally {
        await postgres.restore();
      }

      await temporal.cut();
      try {
        const down = await healthz();
        assert.equal(down.status, 503);
        assert.equal(down.body.dependencies.temporal.ok, false);
        assert.ok(down.ms < 4_000, `answered in ${down.ms} ms`);
      } finally {
        await temporal.restore();
      }
      await untilReport((r) => r.status === 'ok');
      assert.equal((await healthz()).status, 200);
    },
    HEALTHZ_TIMEOUT_MS,
  );
});
