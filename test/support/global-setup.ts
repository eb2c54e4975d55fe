/**
 * Jest global setup: starts what the tests need once per run, in Jest's own process, and hands it
 * to the test workers through process.env (they are started after this, with its environment).
 * Temporal: TEMPORAL_ADDRESS if set, else a fresh in-memory dev server. PostgreSQL: a fresh database
 * on DATABASE_URL's server if set (CI uses the machine's PostgreSQL), else embedded PGlite (here,
 * outside the test VM, where PGlite's dynamic imports work). Then the migrations, and the workflow
 * bundles (test/support/workflow-bundles.ts). global-teardown.ts stops it all.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../../prisma/migrate';
import { createScratchDatabase } from '../../prisma/scratch-database';
import { startEmbeddedPostgres } from '../../service/embedded/postgres';
import { startEmbeddedTemporal } from '../../service/embedded/temporal';
import { bundleWorkflowsToFile } from '../../service/workflow-bundle';
import { freePort } from '../../testkit/ports';
import { STACK_STOPS, stopStack, type WithStackStops } from './global-teardown';
import { BUNDLE_VARIANTS, BUNDLES_ENV, bundleKey } from './workflow-bundles';

export default async function globalSetup(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  (globalThis as WithStackStops)[STACK_STOPS] = stops;
  try {
    await startStack(stops);
  } catch (error) {
    // Jest runs no global teardown when the setup fails: stop what did start.
    await stopStack();
    throw error;
  }
}

async function startStack(stops: (() => Promise<void>)[]): Promise<void> {
  const bundleDir = mkdtempSync(path.join(tmpdir(), 'cers-test-bundles-'));
  stops.push(async () => rmSync(bundleDir, { recursive: true, force: true }));
  // Bundled in child processes while the servers start.
  const bundles = Promise.all(
    BUNDLE_VARIANTS.map(async (modules, i) => [
      bundleKey(modules),
      await bundleWorkflowsToFile(path.join(bundleDir, `bundle-${i}.js`), modules),
    ]),
  );

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const temporal = await startEmbeddedTemporal({ cliPath: process.env.TEMPORAL_CLI_PATH, port: await freePort() });
    stops.push(temporal.stop);
    temporalAddress = temporal.address;
  }
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    const db = await createScratchDatabase(process.env.DATABASE_URL, 'cers_test');
    stops.push(db.drop);
    databaseUrl = db.url;
  } else {
    const embedded = await startEmbeddedPostgres({ port: await freePort() });
    stops.push(embedded.stop);
    databaseUrl = embedded.url;
  }
  await migrate(databaseUrl);

  Object.assign(process.env, {
    NODE_ENV: 'test',
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_URL: databaseUrl,
    CERS_PAYLOAD_KEYS: `test-1=${randomBytes(32).toString('base64')}`,
    CERS_SEARCH_KEY: randomBytes(32).toString('base64'),
    // Hashing cost is not what the tests measure.
    CERS_SHARED_SECRET_SCRYPT_COST: '1024',
    [BUNDLES_ENV]: JSON.stringify(Object.fromEntries(await bundles)),
  });
  process.stdout.write(
    `\nTest stack: Temporal ${temporalAddress}, PostgreSQL ${databaseUrl.replace(/\/\/[^@]*@/, '//')}\n`,
  );
}
