/**
 * Worker processes the crash tests can kill (SIGKILL) at any moment and replace: the service's
 * worker (test/fixtures/worker-process.ts) on this file's task queue, with the workflow bundle the
 * global setup built (or one built for this file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../../config';
import { bundleWorkflows } from '../../service/workflow-bundle';
import { prebuiltBundle } from './workflow-bundles';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The workflow bundle with these interceptor modules as a file: the global setup's, else written to a
 * temporary file; returns its path and a clean-up.
 */
export async function bundleToFile(interceptorModules: string[]): Promise<{ path: string; remove(): void }> {
  const prebuilt = prebuiltBundle(interceptorModules);
  // The global teardown removes the run's bundles.
  if (prebuilt) return { path: prebuilt, remove: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'cers-test-bundle-'));
  const file = path.join(dir, 'bundle.js');
  writeFileSync(file, (await bundleWorkflows(interceptorModules)).code);
  return { path: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a worker process; resolves once it polls. */
export async function startWorkerProcess(
  config: Config,
  bundlePath: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/worker-process.ts'], {
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue, CERS_TEST_BUNDLE: bundlePath, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"Worker running"')) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`worker exited (${code ?? signal}) before running:\n${output}`)),
    );
  });
  return child;
}

export async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Keeps one worker process running: whenever it dies (killed by a test, or by itself at a kill
 * point), a fresh one replaces it, until stop().
 */
export class WorkerSupervisor {
  private current: ChildProcess | undefined;
  private stopped = false;
  private starting: Promise<void> | undefined;
  /** Worker processes that died while supervised. */
  deaths = 0;

  constructor(
    private readonly config: Config,
    private readonly bundlePath: string,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.spawn();
  }

  private spawn(): Promise<void> {
    this.starting = (async () => {
      for (let tries = 0; ; tries++) {
        try {
          const child = await startWorkerProcess(this.config, this.bundlePath, this.env);
          this.current = child;
          child.once('exit', () => {
            if (this.current !== child) return;
            this.current = undefined;
            this.deaths += 1;
            if (!this.stopped) void this.spawn();
          });
          return;
        } catch (error) {
          if (this.stopped) return;
          if (tries >= 5) throw error;
        }
      }
    })();
    return this.starting;
  }

  /** Kills the running worker (a replacement starts at once). */
  async kill(): Promise<void> {
    await this.starting;
    if (this.current) await killed(this.current);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    if (this.current) await killed(this.current);
  }
}
