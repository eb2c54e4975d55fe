/** An empty database for tests that migrate one themselves (test/migrate.test.ts, migration tests). */
import assert from 'node:assert/strict';
import pg from 'pg';
import { createScratchDatabase } from '../../prisma/scratch-database';
import { startEmbeddedPostgres } from '../../service/embedded/postgres';
import { freePort } from '../../testkit/ports';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** An empty database no other test file touches, on the same kind of server as DATABASE_URL. */
export async function freshDatabase(namePrefix: string): Promise<FreshDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  assert.ok(serverUrl, 'DATABASE_URL is not set: run this through `npm test`');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ version: string }>('SELECT version()');
    // PGlite serves every connection from one backend session: CREATE DATABASE succeeds but no
    // connection reaches the new database, and a search_path set for a fresh schema would leak into
    // the other test files' connections. A PGlite instance of our own is just as fresh.
    if (rows[0]?.version.includes('PGlite')) {
      const embedded = await startEmbeddedPostgres({ port: await freePort() });
      return { url: embedded.url, drop: () => embedded.stop() };
    }
    return await createScratchDatabase(serverUrl, namePrefix);
  } finally {
    await admin.end();
  }
}
