/**
 * `npm start` (service/launch.ts) on embedded defaults: Temporal dev server with Web UI, PGlite and the worker in one
 * process, state in CERS_DATA_DIR. A registration runs through connectCersClient(); Ctrl-C stops
 * everything cleanly; a restart finds the same data.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { connectCersClient, registrationStatus, startRegistration, credentialVerified } from '../client';
import { loadConfig } from '../config';
import { createDatabase } from '../prisma/database';
import { freePort } from '../testkit/ports';
import { freshMachineEnv } from './support/fresh-machine-env';
import { newApplicant } from './support/stack';

const ROOT = path.join(__dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'cers-start-'));
let service: ChildProcess | undefined;

afterAll(() => {
  service?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/launch.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    // Running once the banner is out: it is printed after the worker and the bot started.
    const collect = (c: Buffer) => {
      output += c.toString();
      if (output.includes('"Worker running"') && output.includes('Press Ctrl-C to stop.')) resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => reject(new Error(`service exited (${code}) before running:\n${output}`)));
  });
  return { child, output: () => output };
}

/** The console's rendering of the user's open modal, once it matches `ready` (bounded wait). */
async function modalHtml(consoleUrl: string, user: string, ready: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = (await (await fetch(`${consoleUrl}/console/state?user=${user}`)).json()) as {
      sections: { modal: { html: string } | null };
    };
    const html = state.sections.modal?.html ?? '';
    if (ready.test(html) || Date.now() > deadline) return html;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopWithCtrlC(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

const SUITE_TIMEOUT_MS = 180_000;
describe('npm start on embedded defaults', () => {
  it(
    'runs Temporal, the Web UI, PostgreSQL and the worker, stops cleanly, and keeps its data',
    async () => {
      const env = await freshMachineEnv(dataDir);
      const first = await startService(env);
      service = first.child;
      assert.match(first.output(), /Temporal dev server running/);
      assert.match(first.output(), /Embedded PostgreSQL \(PGlite\) running/);
      assert.match(first.output(), /20261125000000_init/, 'migrations applied on first start');
      assert.match(
        first.output(),
        new RegExp(`Slack +local stand-in: open http://127.0.0.1:${env.SLACK_STAND_IN_PORT}/`),
      );

      // With no OpenID provider configured, a local one serves sign-in (the modal offers it below).
      const discovery = await fetch(`http://127.0.0.1:${env.CERS_LOCAL_IDP_PORT}/.well-known/openid-configuration`);
      assert.equal(discovery.status, 200);
      assert.match(first.output(), /Sign-in +local OpenID provider/);
      // The bot listens on PORT and, like Slack's own endpoint, refuses unsigned requests.
      assert.equal((await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status, 200);
      const unsigned = await fetch(`http://127.0.0.1:${env.PORT}/slack/events`, {
        method: 'POST',
        body: 'command=%2Fcers',
      });
      assert.equal(unsigned.status, 401);

      // A developer's first /cers through the stand-in's browser console reaches the bot, the workflow
      // and back: the modal shows the first step, in the dev user's French.
      const consoleUrl = `http://127.0.0.1:${env.SLACK_STAND_IN_PORT}`;
      const command = await fetch(`${consoleUrl}/console/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0DEVFR001', text: '' }),
      });
      assert.equal(command.status, 200);
      assert.match(await modalHtml(consoleUrl, 'U0DEVFR001', /Étape 1 sur 4/), /Se connecter avec CléGC/);

      const ui = await fetch(`http://127.0.0.1:${env.TEMPORAL_DEV_UI_PORT}/`);
      assert.equal(ui.status, 200, 'the Web UI answers');
      // The codec server runs beside them, and the Web UI is told to decode through it.
      const codecUrl = `http://127.0.0.1:${env.CERS_CODEC_PORT}`;
      assert.match(first.output(), new RegExp(`Codec server +${codecUrl} `));
      assert.equal((await fetch(`${codecUrl}/healthz`)).status, 200);
      const uiSettings = await (await fetch(`http://127.0.0.1:${env.TEMPORAL_DEV_UI_PORT}/api/v1/settings`)).text();
      assert.ok(uiSettings.includes(codecUrl), `the Web UI's codec endpoint: ${uiSettings}`);
      const keyFile = path.join(dataDir, 'payload-keys.json');
      assert.ok(existsSync(keyFile), 'a development payload key was created');
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);

      // A client configured from the same environment, as the bot will be.
      const config = loadConfig(env);
      const client = await connectCersClient({ config });
      const applicant = newApplicant();
      const handle = await startRegistration(client, config, { applicant, locale: 'fr' });
      assert.deepEqual(
        await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: 'pai-start-test' }] }),
        {
          step: 'terms',
        },
      );
      await client.connection.close();

      assert.equal(await stopWithCtrlC(first.child), 0, 'Ctrl-C drains the worker and exits 0');

      // Restart on the same data directory: Temporal's SQLite and PGlite kept everything.
      const second = await startService(env);
      service = second.child;
      assert.match(second.output(), /none pending/);
      const again = await connectCersClient({ config });
      assert.equal((await again.workflow.getHandle(handle.workflowId).query(registrationStatus)).step, 'terms');
      await again.connection.close();
      const db = createDatabase(`postgresql://postgres@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/postgres`, {
        maxConnections: 1,
      });
      assert.equal(await db.credentialLink.count({ where: { registrationId: handle.workflowId } }), 1);
      await db.$disconnect();
      assert.equal(await stopWithCtrlC(second.child), 0);
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    'runs the bot in Socket Mode against the stand-in with SLACK_STAND_IN_TRANSPORT=socket',
    async () => {
      // The test run's Temporal and PostgreSQL (what is embedded is covered above), a queue of its own.
      const env: Record<string, string> = {
        ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<
          string,
          string
        >),
        TEMPORAL_TASK_QUEUE: `cers-start-socket-${randomBytes(4).toString('hex')}`,
        CERS_DATA_DIR: path.join(dataDir, 'socket'),
        PORT: String(await freePort()),
        SLACK_STAND_IN_PORT: String(await freePort()),
        CERS_LOCAL_IDP_PORT: String(await freePort()),
        CERS_CODEC_PORT: String(await freePort()),
        SLACK_STAND_IN_TRANSPORT: 'socket',
      };
      const started = await startService(env);
      service = started.child;
      assert.match(started.output(), /Bot connection +Socket Mode/);
      // No Slack endpoint on PORT, but the bot's own pages are there.
      assert.equal((await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status, 200);
      assert.equal(
        (await fetch(`http://127.0.0.1:${env.PORT}/slack/events`, { method: 'POST', body: 'command=%2Fcers' })).status,
        404,
      );

      // The console's /cers goes to the bot as a Socket Mode envelope and the modal opens.
      const consoleUrl = `http://127.0.0.1:${env.SLACK_STAND_IN_PORT}`;
      const command = await fetch(`${consoleUrl}/console/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0DEVEN001', text: '' }),
      });
      assert.equal(command.status, 200, await command.clone().text());
      assert.match(await modalHtml(consoleUrl, 'U0DEVEN001', /Step 1 of 4/), /Step 1 of 4/);
      const state = (await (await fetch(`${consoleUrl}/console/state?user=U0DEVEN001`)).json()) as {
        sections: { notice: { html: string } };
      };
      assert.match(
        state.sections.notice.html,
        /Socket Mode, 1 connection/,
        'the console says how the bot is connected',
      );
      assert.equal(await stopWithCtrlC(started.child), 0);
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    'refuses to start with a clear message when the configuration is wrong',
    async () => {
      const env = {
        ...(await freshMachineEnv(dataDir)),
        TEMPORAL_ADDRESS: 'not an address',
        CERS_EXPIRE_AFTER: 'soon',
      };
      const child = spawn(process.execPath, ['--import', 'tsx', 'service/launch.ts'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 2);
      assert.match(output, /TEMPORAL_ADDRESS: expected host:port/);
      assert.match(output, /CERS_EXPIRE_AFTER: expected a duration such as 30d/);
      assert.doesNotMatch(output, /\n\s+at /, 'no stack trace');
    },
    SUITE_TIMEOUT_MS,
  );
});
