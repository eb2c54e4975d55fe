/**
 * `npm start`: launches service/main.ts in a Node process tuned for a long-running worker whose
 * memory must stay flat however many registrations wait on people:
 *
 * - V8 heap limits sized from the workflow cache (each cached workflow costs about 1 MB), so
 *   garbage is collected instead of growing the heap towards a quarter of the machine's memory;
 * - glibc malloc with 2 arenas and a fixed mmap threshold, so the 16 MB scrypt buffers of
 *   shared-secret checks go back to the system when freed.
 *
 * Values already in the environment win (NODE_OPTIONS heap flags, MALLOC_*). Signals are passed
 * on, so a SIGTERM from a process manager drains the worker like Ctrl-C does; if this process is
 * killed outright, the service sees its IPC channel close and stops itself (service/main.ts), and
 * the embedded Temporal server never outlives the service (service/embedded/temporal.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config';

/** Node arguments and environment of the service process (the benchmark starts it the same way). */
export function serviceProcess(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): { args: string[]; env: NodeJS.ProcessEnv } {
  const heapMb = Math.max(128, 64 + Math.ceil(config.worker.maxCachedWorkflows * 1.2));
  const heapFlags = /--max-old-space-size/.test(env.NODE_OPTIONS ?? '')
    ? []
    : [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=2'];
  return {
    // From the sources (npm start) TypeScript runs through tsx; the build (dist/) is plain JavaScript.
    args: [
      ...heapFlags,
      ...(__filename.endsWith('.ts') ? ['--import', 'tsx'] : []),
      path.join(__dirname, `main${path.extname(__filename)}`),
    ],
    env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', ...env },
  };
}

if (require.main === module) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
    process.exit(2);
  }
  const { args, env } = serviceProcess(config);
  // An IPC channel the service watches: it closes when this process ends, however it ends.
  const child = spawn(process.execPath, args, { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env });
  // Ctrl-C in a terminal reaches the whole process group, the service included; any other sender
  // targets this process only, so pass it on.
  process.on('SIGINT', () => {
    if (!process.stdin.isTTY) child.kill('SIGINT');
  });
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
