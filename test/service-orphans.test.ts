/**
 * `npm start` (service/launch.ts) never leaves an orphaned Temporal dev server behind, however the
 * service ends (SIGKILL of the service, SIGKILL of the launcher, an uncaught exception), and it
 * refuses, with a message saying what to do, to use a server on its port that it did not start.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, test } from '@jest/globals';
import { freshMachineEnv } from './support/fresh-machine-env';

const ROOT = path.join(__dirname, '..');
const dataDirs: string[] = [];
const started: ChildProcess[] = [];

/** Process ids whose command line contains every one of `parts` (Linux: /proc). */
function processesMatching(...parts: string[]): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return parts.every((part) => cmdline.includes(part));
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((child) => {
      try {
        // Fields after the command name: state, ppid, ...
        return readFileSync(`/proc/${child}/stat`, 'utf8').split(') ').at(-1)!.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const temporalOn = (port: string) => processesMatching('start-dev', '--port', port);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<number> {
  const startedAt = Date.now();
  while (!condition()) {
    if (Date.now() - startedAt > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - startedAt;
}

afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
  // Whatever a failing run left behind is ended here, never left on the machine.
  for (const dir of dataDirs) {
    for (const pid of processesMatching('start-dev', '--db-filename', path.join(dir, 'temporal.sqlite')))
      process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

async function embeddedEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cers-orphans-'));
  dataDirs.push(dataDir);
  return freshMachineEnv(dataDir, extra);
}

/** `npm start` as the Dockerfile runs it, its output collected. */
function launch(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/launch.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function running(env: Record<string, string>) {
  const service = launch(env);
  await until(
    'the service starts',
    () => service.output().includes('Temporal dev server running') || service.child.exitCode !== null,
    120_000,
  );
  assert.equal(service.child.exitCode, null, service.output());
  const [temporal] = temporalOn(env.TEMPORAL_DEV_PORT!);
  assert.ok(temporal, 'the embedded Temporal server runs');
  // The launcher's children are the service and tsx's esbuild helper: the service by its script.
  const [main] = childrenOf(service.child.pid!).filter((pid) =>
    readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .includes(path.join(ROOT, 'service', 'main.ts')),
  );
  assert.ok(main, 'the service process runs under the launcher');
  return { ...service, temporal, main };
}

async function assertGone(pid: number, port: string, output: () => string): Promise<void> {
  const ms = await until(
    'the Temporal dev server is gone',
    () => !alive(pid) && temporalOn(port).length === 0,
    15_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${output()}`);
  });
  assert.ok(ms < 15_000);
}

const SUITE_TIMEOUT_MS = 600_000;
describe('npm start and its embedded Temporal server', () => {
  test(
    'SIGKILL of the service process: the Temporal server goes with it',
    async () => {
      const env = await embeddedEnv();
      const service = await running(env);
      process.kill(service.main, 'SIGKILL');
      await assertGone(service.temporal, env.TEMPORAL_DEV_PORT!, service.output);
      assert.notEqual(await service.exited, 0, 'the launcher reports the failure');
    },
    SUITE_TIMEOUT_MS,
  );

  test(
    'SIGKILL of the launcher: the service stops and the Temporal server goes',
    async () => {
      const env = await embeddedEnv();
      const service = await running(env);
      service.child.kill('SIGKILL');
      await assertGone(service.temporal, env.TEMPORAL_DEV_PORT!, service.output);
      await until('the service process ends', () => !alive(service.main), 30_000);
    },
    SUITE_TIMEOUT_MS,
  );

  test(
    'an uncaught exception in the service: the Temporal server goes',
    async () => {
      const env = await embeddedEnv({
        CERS_ACTIVITY_INTERCEPTOR_MODULES: path.join(__dirname, 'fixtures', 'crash-soon.ts'),
      });
      const service = await running(env);
      assert.notEqual(await service.exited, 0);
      assert.match(service.output(), /crash-soon fixture/);
      await assertGone(service.temporal, env.TEMPORAL_DEV_PORT!, service.output);
    },
    SUITE_TIMEOUT_MS,
  );

  test(
    'something already listening on the Temporal port: refused with what to do, nothing adopted or killed',
    async () => {
      const env = await embeddedEnv();
      const foreign = net.createServer((socket) => {
        socket.on('error', () => undefined); // the service's probe hangs up at once
        socket.end('foreign\n');
      });
      await new Promise<void>((resolve) => foreign.listen(Number(env.TEMPORAL_DEV_PORT), '127.0.0.1', resolve));
      try {
        const service = launch(env);
        assert.equal(await service.exited, 2, service.output());
        assert.match(service.output(), new RegExp(`port ${env.TEMPORAL_DEV_PORT}.*already in use`, 'i'));
        assert.match(service.output(), /did not start/);
        assert.match(service.output(), /TEMPORAL_ADDRESS/);
        assert.doesNotMatch(service.output(), /\n\s+at /, 'no stack trace');
        assert.equal(temporalOn(env.TEMPORAL_DEV_PORT!).length, 0, 'no Temporal server was started');
        assert.ok(foreign.listening, 'the foreign listener is left alone');
      } finally {
        await new Promise((resolve) => foreign.close(resolve));
      }
    },
    SUITE_TIMEOUT_MS,
  );
});
