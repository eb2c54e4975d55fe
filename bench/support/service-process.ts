/**
 * The service (`service/main.ts`) as the benchmarks run it: one process per component set
 * (`CERS_COMPONENTS`), started exactly as `npm start` starts it (heap and malloc tuning, from
 * `serviceProcess` in service/launch.ts) without the launcher in between, its output kept in a log
 * file, stopped with SIGTERM (the worker drains) at clean-up, or killed outright on purpose.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config';
import { serviceProcess } from '../../service/launch';
import { sleep, stops, withTimeout } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ServiceProcess {
  /** What it is, for reports ("worker 1"). */
  name: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** Last lines of its output, for failure reports. */
  tail(): string[];
  /** SIGKILL on purpose (not reported as an unexpected exit); resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a worker drains), SIGKILL after 20 s; once, however often called. */
  stop(): Promise<void>;
}

export interface ServiceLaunch {
  /**
   * Another entry point, started as plain `node --import tsx <script>` (the baseline's worker, on
   * the SDK's and Node's defaults: the service's heap flags trade CPU for memory).
   */
  script?: string;
  /** More node flags (e.g. --cpu-prof). */
  nodeFlags?: string[];
  /**
   * The built service (dist/service/main.js, the workflow bundle made in advance; see
   * buildService), started as the Docker image starts it, instead of the sources through tsx.
   */
  built?: boolean;
}

/** The built service's launcher, as the Docker image runs it (`node dist/service/launch.js`). */
export const BUILT_LAUNCHER = path.join(ROOT, 'dist', 'service', 'launch.js');

/**
 * `npm run build`, so a `built` launch measures the code as it is now, never an older dist/.
 * Its output is kept back (the benchmark's --json owns stdout) and shown only if it fails.
 */
export function buildService(): void {
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build failed:\n${String(stdout ?? '')}${String(stderr ?? '')}`.trim());
  }
}

function launcherOf(launch: ServiceLaunch): typeof serviceProcess {
  if (!launch.built) return serviceProcess;
  if (!existsSync(BUILT_LAUNCHER)) throw new Error(`No built service at ${BUILT_LAUNCHER}: call buildService() first.`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled twin of service/launch.ts
  return (require(BUILT_LAUNCHER) as { serviceProcess: typeof serviceProcess }).serviceProcess;
}

export interface ServiceProcessOptions {
  name: string;
  /** The whole environment, CERS_COMPONENTS included. */
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** The log message that says it is up, e.g. "Worker running". */
  readyMessage: string;
  onUnexpectedExit: (description: string) => void;
  launch?: ServiceLaunch;
}

/** Starts `service/main.ts` and resolves once it logged `readyMessage`. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const { name, env, logFile, readyMessage, onUnexpectedExit, launch = {} } = options;
  const service = launcherOf(launch)(loadConfig(env), env);
  const args = [...(launch.nodeFlags ?? []), ...(launch.script ? ['--import', 'tsx', launch.script] : service.args)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: service.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  const recent: string[] = [];
  let stopping = false;
  let exited = false;
  let ready: (() => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  const running = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const readyLine = `"message":${JSON.stringify(readyMessage)}`;
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    if (line.includes(readyLine)) ready?.();
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      const description = `${name} process exited (code ${code ?? '-'}, signal ${signal ?? '-'})`;
      failed?.(new Error(`${description} before it was running:\n${recent.join('\n')}`));
      if (!stopping) onUnexpectedExit(description);
      resolve();
    });
  });
  child.on('error', (error) => failed?.(error));

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      if (!exited) {
        // Worker.run drains in-flight tasks on SIGTERM; kill it if that takes too long.
        child.kill('SIGTERM');
        const killed = await Promise.race([exitPromise.then(() => false), sleep(20_000).then(() => true)]);
        if (killed && !exited) {
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      await new Promise<void>((resolve) => log.end(resolve));
    })());
  stops.push({ name: `${name} process ${child.pid ?? '?'}`, stop });

  await withTimeout(running, 180_000, `${name} start-up ("${readyMessage}")`);
  if (child.pid === undefined) throw new Error(`${name} process has no pid`);
  return {
    name,
    child,
    pid: child.pid,
    logFile,
    tail: () => [...recent],
    async kill() {
      stopping = true;
      if (!exited) child.kill('SIGKILL');
      await exitPromise;
    },
    stop,
  };
}

/** `service/main.ts` as the worker alone (TEMPORAL_ADDRESS and DATABASE_URL set in `env`). */
export function startWorkerProcess(
  env: NodeJS.ProcessEnv,
  logFile: string,
  onUnexpectedExit: (description: string) => void,
  name = 'worker',
  launch: ServiceLaunch = {},
): Promise<ServiceProcess> {
  // The worker alone: the Slack bot (CERS_COMPONENTS=worker,bot by default) is not what is measured.
  return startServiceProcess({
    name,
    env: { ...env, CERS_COMPONENTS: 'worker' },
    logFile,
    readyMessage: 'Worker running',
    onUnexpectedExit,
    launch,
  });
}

export interface WorkerLogDiagnostics {
  /** Activity attempts that failed (local activities are retried until the database answers). */
  activityFailures: number;
  /** Database error messages behind them, most frequent first. */
  databaseErrors: Record<string, number>;
}

/** What a worker logged going wrong so far (activity failures are retried, so they cost time, not results). */
export function readWorkerLog(logFile: string): WorkerLogDiagnostics {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    // not written yet
  }
  const databaseErrors: Record<string, number> = {};
  for (const match of text.matchAll(/Message: `([^`]*)`/g)) {
    const message = match[1]!.replace(/\b\d+\b/g, 'N');
    databaseErrors[message] = (databaseErrors[message] ?? 0) + 1;
  }
  return {
    activityFailures: text.match(/\[WARN\] Activity failed/g)?.length ?? 0,
    databaseErrors: Object.fromEntries(Object.entries(databaseErrors).sort((a, b) => b[1] - a[1])),
  };
}

export function describeWorkerLog(d: WorkerLogDiagnostics): string {
  if (d.activityFailures === 0) return 'worker log: no activity failures';
  const errors = Object.entries(d.databaseErrors)
    .map(([message, count]) => `${count}× "${message}"`)
    .join(', ');
  return `worker log: ${d.activityFailures} failed activity attempts so far${errors ? `; database errors: ${errors}` : ''}`;
}
