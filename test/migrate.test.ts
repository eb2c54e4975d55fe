/**
 * prisma/migrate.ts on a database of its own: it applies each migration once, keeps the
 * `_prisma_migrations` bookkeeping `prisma migrate deploy` reads, refuses an edited migration and
 * rolls back a failing one; and the init migration makes audit_events append-only.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import pg from 'pg';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../prisma/migrate';
import { freshDatabase, type FreshDatabase } from './support/fresh-database';

/** Rejects with a MigrationError whose message matches. */
async function assertMigrationError(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof MigrationError, `expected a MigrationError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

describe('migrate()', () => {
  let db: FreshDatabase | undefined;
  let client: pg.Client;
  let scratch: string;
  let names: string[];

  /** A copy of prisma/migrations to alter. */
  async function copyOfMigrations(): Promise<string> {
    const dir = await mkdtemp(path.join(scratch, 'migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  }

  async function migrationRows() {
    const { rows } = await client.query<{
      id: string;
      checksum: string;
      migration_name: string;
      logs: string | null;
      started_at: Date;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    return rows;
  }

  beforeAll(async () => {
    names = (await readMigrations()).map((m) => m.name);
    assert.ok(names.length > 0, 'no migrations in prisma/migrations');
    scratch = await mkdtemp(path.join(os.tmpdir(), 'cers-migrate-test-'));
    db = await freshDatabase('cers_migrate_test');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ tables: number }>(
      `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = current_schema()`,
    );
    assert.equal(rows[0]?.tables, 0, 'the fresh database is not empty');
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('applies pending migrations once, then nothing', async () => {
    assert.deepEqual(await migrate(db!.url), names);
    assert.deepEqual(await migrate(db!.url), []);
    assert.deepEqual(
      (await migrationRows()).map((r) => r.migration_name),
      names,
    );
  });

  it("keeps Prisma Migrate's _prisma_migrations table and the checksums `prisma migrate deploy` checks", async () => {
    const { rows: columns } = await client.query<{
      name: string;
      type: string;
      not_null: boolean;
      default: string | null;
    }>(`
      SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
             pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`);
    // As Prisma Migrate creates it on PostgreSQL.
    assert.deepEqual(columns, [
      { name: 'id', type: 'character varying(36)', not_null: true, default: null },
      { name: 'checksum', type: 'character varying(64)', not_null: true, default: null },
      { name: 'finished_at', type: 'timestamp with time zone', not_null: false, default: null },
      { name: 'migration_name', type: 'character varying(255)', not_null: true, default: null },
      { name: 'logs', type: 'text', not_null: false, default: null },
      { name: 'rolled_back_at', type: 'timestamp with time zone', not_null: false, default: null },
      { name: 'started_at', type: 'timestamp with time zone', not_null: true, default: 'now()' },
      { name: 'applied_steps_count', type: 'integer', not_null: true, default: '0' },
    ]);
    const { rows: primaryKey } = await client.query<{ columns: string[] }>(`
      SELECT array(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) AS columns
      FROM pg_constraint c WHERE c.conrelid = '"_prisma_migrations"'::regclass AND c.contype = 'p'`);
    assert.deepEqual(primaryKey, [{ columns: ['id'] }]);

    for (const row of await migrationRows()) {
      // The file's bytes, hashed independently of readMigrations().
      const file = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      assert.equal(row.checksum, createHash('sha256').update(file).digest('hex'), `checksum of ${row.migration_name}`);
      assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(row.finished_at && row.finished_at >= row.started_at, `${row.migration_name} is not finished`);
      assert.equal(row.rolled_back_at, null);
      assert.equal(row.logs, null);
      assert.equal(row.applied_steps_count, 1);
    }
  });

  it('refuses a migration edited after it was applied, naming it', async () => {
    const dir = await copyOfMigrations();
    const edited = names[0]!;
    await appendFile(path.join(dir, edited, 'migration.sql'), '\n-- an edit after it was applied\n');
    await assertMigrationError(
      migrate(db!.url, dir),
      new RegExp(`^Migration ${edited} was edited after it was applied \\(checksum differs\\)`),
    );
    assert.equal((await migrationRows()).length, names.length);
  });

  it('rolls back a failing migration and names it; applies it once fixed', async () => {
    const dir = await copyOfMigrations();
    const broken = '29991231000000_broken';
    const sqlFile = path.join(dir, broken, 'migration.sql');
    await mkdir(path.dirname(sqlFile));
    await writeFile(
      sqlFile,
      'CREATE TABLE "rollback_probe" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);\n',
    );
    await assertMigrationError(
      migrate(db!.url, dir),
      new RegExp(`^Migration ${broken} failed: relation "no_such_table" does not exist`),
    );
    const probe = async () =>
      (await client.query<{ t: string | null }>(`SELECT to_regclass('rollback_probe')::text AS t`)).rows[0]?.t;
    assert.equal(await probe(), null, 'the failed migration left its table behind');
    assert.deepEqual(
      (await migrationRows()).map((r) => r.migration_name),
      names,
      'the failed migration left a _prisma_migrations row',
    );

    await writeFile(sqlFile, 'CREATE TABLE "rollback_probe" ("id" INTEGER);\n');
    assert.deepEqual(await migrate(db!.url, dir), [broken]);
    assert.equal(await probe(), 'rollback_probe');
  });

  it('makes audit_events append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO audit_events (actor, action, subject_type, subject_id) VALUES ('system', 'test', 'probe', '1') RETURNING id`,
    );
    const id = rows[0]!.id;
    await assert.rejects(client.query(`UPDATE audit_events SET action = 'rewritten' WHERE id = $1`, [id]), {
      message: 'audit_events is append-only (UPDATE refused)',
    });
    await assert.rejects(client.query('DELETE FROM audit_events WHERE id = $1', [id]), {
      message: 'audit_events is append-only (DELETE refused)',
    });
    await assert.rejects(client.query('TRUNCATE audit_events'), {
      message: 'audit_events is append-only (TRUNCATE refused)',
    });
    const after = await client.query<{ action: string }>('SELECT action FROM audit_events WHERE id = $1', [id]);
    assert.deepEqual(after.rows, [{ action: 'test' }]);
  });
});
