/**
 * What both benchmarks start first, each a fresh one of its own and stopped at the end: an
 * in-memory Temporal dev server, and a database (a scratch one on DATABASE_URL's server, else
 * PGlite in the bench process), migrated.
 */
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
