/**
 * `npm run build:check`: proves the production build runs the way the Dockerfile runs it, and times
 * its start against the sources'. In a scratch folder: dist/ plus production dependencies only
 * (`npm ci --omit=dev --ignore-scripts`, so no tsx, no TypeScript, no webpack use), started with
 * `node dist/service/launch.js` and NODE_ENV=production against a Temporal dev server and a scratch
 * PostgreSQL database; a registration started through the client must reach its first step on that
 * worker. Then the same worker from the sources (`npm start`'s command) for the start-time baseline.
 *
 * Needs `npm run build` first and DATABASE_URL (a PostgreSQL server to make a scratch database on).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectCersClient, registrationStatus, startRegistration } from '../client';
import { loadConfig } from '../config';
import { createScratchDatabase } from '../prisma/scratch-database';
import { startEmbeddedTemporal } from '../service/embedded/temporal';
import { freePort } from '../testkit/ports';

const ROOT = path.resolve(__dirname, '..');
const READY = /CERS Onboard is running/;

function fail(message: string): never {
  process.stderr.write(`build:check: ${message}\n`);
  process.exit(1);
}

/** Starts `node <args>` and resolves with the milliseconds until it prints its banner. */
function startUntilReady(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 120 s:\n${output}`)), 120_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (READY.test(output)) {
        clearTimeout(timer);
        resolve({ child, readyMs: performance.now() - started });
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before it was ready:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'service', 'launch.js'))) fail('no dist/: run npm run build first');
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) fail('set DATABASE_URL to a PostgreSQL server (a scratch database is made on it)');

  const folder = mkdtempSync(path.join(tmpdir(), 'cers-build-check-'));
  const temporal = await startEmbeddedTemporal({ port: await freePort() });
  const db = await createScratchDatabase(serverUrl, 'cers_build_check');
  try {
    for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(ROOT, file), path.join(folder, file));
    cpSync(path.join(ROOT, 'dist'), path.join(folder, 'dist'), { recursive: true });
    process.stdout.write('build:check: npm ci --omit=dev --ignore-scripts in a scratch folder…\n');
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: folder,
      stdio: 'inherit',
    });
    if (install.status !== 0) fail('npm ci --omit=dev failed');
    // What runs TypeScript or tests must not be there. (typescript and prisma do come along: they are
    // peer dependencies of @prisma/client, which the compiled client never loads.)
    for (const devOnly of ['tsx', 'jest', 'eslint', 'playwright-core']) {
      if (existsSync(path.join(folder, 'node_modules', devOnly)))
        fail(`${devOnly} is installed with --omit=dev: it must be a dev dependency`);
    }

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      CERS_COMPONENTS: 'worker',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: `cers-build-check-${randomBytes(3).toString('hex')}`,
      DATABASE_URL: db.url,
      CERS_PAYLOAD_KEYS: `check=${randomBytes(32).toString('base64')}`,
      CERS_SEARCH_KEY: randomBytes(32).toString('base64'),
      SLACK_BOT_TOKEN: 'xoxb-build-check-not-used',
      SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
      // Required in production; never called here (no profile change runs).
      GC_NOTIFY_API_URL: 'https://api.notification.canada.ca',
      GC_NOTIFY_API_KEY: `build-check-${randomBytes(16).toString('hex')}`,
      GC_NOTIFY_TEMPLATE_ID: '00000000-0000-4000-8000-000000000000',
      LOG_LEVEL: 'warn',
    };
    // The support tool ships in the image too: `node dist/operators/support/cli.js`.
    const supportHelp = spawnSync(process.execPath, [path.join('dist', 'operators', 'support', 'cli.js'), '--help'], {
      cwd: folder,
      env,
      encoding: 'utf8',
    });
    if (supportHelp.status !== 0 || !supportHelp.stdout.startsWith('Usage: npm run support'))
      fail(`the built support tool did not show its help: ${supportHelp.stderr}`);
    process.stdout.write('build:check: the built support tool runs (node dist/operators/support/cli.js --help)\n');

    const built = await startUntilReady([path.join('dist', 'service', 'launch.js')], folder, env);
    process.stdout.write(`build:check: the build is serving (${Math.round(built.readyMs)} ms to ready)\n`);

    const config = loadConfig({ ...process.env, ...env });
    const client = await connectCersClient({ config });
    const applicant = {
      channel: 'slack' as const,
      teamId: 'TBUILDCHECK',
      userId: `U${randomBytes(4).toString('hex').toUpperCase()}`,
    };
    const handle = await startRegistration(client, config, { applicant, locale: 'en' });
    const status = await handle.query(registrationStatus);
    await client.connection.close();
    if (status.step !== 'credential') fail(`the registration is at ${status.step}, expected credential`);
    process.stdout.write('build:check: a registration started and answered its status from the built worker\n');
    const exit = await stop(built.child);
    if (exit !== 0) fail(`the build exited ${exit} on SIGTERM (expected a drained exit 0)`);

    const sources = await startUntilReady(['--import', 'tsx', path.join(ROOT, 'service', 'launch.ts')], ROOT, {
      ...env,
      PATH: process.env.PATH,
      TEMPORAL_TASK_QUEUE: `${env.TEMPORAL_TASK_QUEUE}-src`,
    });
    await stop(sources.child);
    process.stdout.write(
      `build:check: worker start to ready: build ${Math.round(built.readyMs)} ms (prebuilt workflow bundle) vs ` +
        `sources ${Math.round(sources.readyMs)} ms (tsx, bundling at start)\n`,
    );
  } finally {
    await db.drop().catch(() => undefined);
    await temporal.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: Error) => fail(error.stack ?? error.message));
