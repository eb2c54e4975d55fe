/**
 * What both benchmarks start first, each a fresh one of its own and stopped at the end: an
 * in-memory Temporal dev server, and a database (a scratch one on DATABASE_URL's server, else
 * PGlite in the bench process), migrated.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { connectCersClient } from '../client';
import type { Config } from '../config';
import { createDatabase, type Database } from '../prisma/database';
import { migrate } from '../prisma/migrate';
import { createScratchDatabase } from '../prisma/scratch-database';
import { startEmbeddedPostgres } from '../service/embedded/postgres';
import { findTemporalCli, startEmbeddedTemporal } from '../service/embedded/temporal';
import { freePort } from '../testkit/ports';
import { formatNumber as fmt, say } from './report';
import { serverVersion, stops } from './support/harness';

export interface BenchTemporal {
  address: string;
  /** The Temporal CLI that runs it; undefined when the SDK downloaded one. */
  cli: string | undefined;
}

/** Starts the dev server and reports it with its start time; `describe` says what runs it (from the CLI found). */
export async function startTemporalDevServer(describe: (cli: string | undefined) => string): Promise<BenchTemporal> {
  const cli = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
  const what = describe(cli);
  const began = performance.now();
  const server = await startEmbeddedTemporal({ cliPath: process.env.TEMPORAL_CLI_PATH, port: await freePort() });
  stops.push({ name: 'Temporal dev server', stop: server.stop });
  say(`Temporal dev server (in memory) at ${server.address}: ${what} [${fmt((performance.now() - began) / 1000)} s]`);
  return { address: server.address, cli };
}

export interface BenchDatabase {
  url: string;
  /** What it is, for the report. */
  kind: string;
}

/**
 * A fresh database named after `name` on DATABASE_URL's server (dropped at the end), else PGlite
 * (`pgliteHost` names the process that serves it); migrated, and reported.
 */
export async function startDatabase(name: string, pgliteHost: string): Promise<BenchDatabase> {
  let url: string;
  let kind: string;
  if (process.env.DATABASE_URL) {
    const created = await createScratchDatabase(process.env.DATABASE_URL, name);
    stops.push({ name: 'bench database', stop: created.drop });
    url = created.url;
    kind = `PostgreSQL ${await serverVersion(url)} (fresh database ${new URL(url).pathname.slice(1)} on DATABASE_URL's server, dropped at the end)`;
  } else {
    const embedded = await startEmbeddedPostgres({ port: await freePort() });
    stops.push({ name: 'embedded PostgreSQL (PGlite)', stop: embedded.stop });
    url = embedded.url;
    kind = `embedded PGlite ${await serverVersion(url)} (in memory, served from ${pgliteHost}; single-threaded WASM)`;
  }
  const applied = await migrate(url);
  say(`Database: ${kind}; ${applied.length} migrations applied`);
  return { url, kind };
}

/**
 * The environment a benchmark's service (and its own client) runs with on this stack: payload and
 * search keys made for the run, a task queue of its own (`cers-<name>-<runTag>`), and the local
 * CBSA registry in the same database (the authorizations a benchmark issues are redeemed there).
 */
export function benchEnvironment(
  name: string,
  runTag: string,
  temporal: BenchTemporal,
  database: BenchDatabase,
): Record<string, string> {
  const tag = runTag.toLowerCase();
  return {
    TEMPORAL_ADDRESS: temporal.address,
    DATABASE_URL: database.url,
    CERS_PAYLOAD_KEYS: `bench-${tag}=${randomBytes(32).toString('base64')}`,
    CERS_SEARCH_KEY: randomBytes(32).toString('base64'),
    TEMPORAL_TASK_QUEUE: `cers-${name}-${tag}`,
    CBSA_REGISTRY_URL: '',
    CBSA_REGISTRY_TOKEN: '',
  };
}

/** The workflow client and Prisma beside the service, as any other client of it; closed at the end. */
export async function connectBenchClients(
  config: Config,
  databaseUrl: string,
): Promise<{ client: Client; db: Database }> {
  const client = await connectCersClient({ config });
  stops.push({ name: 'Temporal client', stop: () => client.connection.close() });
  const db = createDatabase(databaseUrl);
  stops.push({ name: 'Prisma client', stop: () => db.$disconnect() });
  return { client, db };
}
