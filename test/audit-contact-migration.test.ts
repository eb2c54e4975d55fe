/**
 * The migration that takes the owner's contact values out of `business_account.contact_updated`
 * audit events: on a database migrated up to the migration before it, an event written the old way
 * keeps only the names of the fields that changed, other events are untouched, and the audit
 * trail is append-only again afterwards.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import pg from 'pg';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../prisma/migrate';
import { freshDatabase, type FreshDatabase } from './support/fresh-database';

const MIGRATION = '20261201140000_audit_contact_changes_without_values';

/** A contact as the old audit writer recorded it (activities/account-changes.ts before this change). */
const oldContact = {
  positionTitle: 'Directrice des exportations',
  address: {
    line1: '123 rue Wellington',
    line2: null,
    city: 'Ottawa',
    province: 'ON',
    postalCode: 'K1A 0B1',
    country: 'CA',
  },
  phone: '+16135550199',
  email: 'exports@exportco.example.ca',
};
const newContact = {
  ...oldContact,
  address: { ...oldContact.address, line1: '400 Bay St', line2: 'Suite 12', city: 'Toronto', postalCode: 'M5H 2Y4' },
  phone: '+14165550100',
  email: 'ventes@exportco.example.ca',
};
const VALUES = [
  'Directrice',
  'Wellington',
  'Ottawa',
  'K1A 0B1',
  '6135550199',
  'exports@',
  'Bay St',
  'Suite 12',
  'Toronto',
  'M5H 2Y4',
  '4165550100',
  'ventes@',
];

interface AuditRow {
  id: string;
  action: string;
  before: unknown;
  after: unknown;
}

describe(`migration ${MIGRATION}`, () => {
  let db: FreshDatabase | undefined;
  let client: pg.Client;
  let scratch: string | undefined;

  const insert = async (action: string, before: unknown, after: unknown): Promise<string> => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO audit_events (actor, action, subject_type, subject_id, workflow_id, before, after)
       VALUES ('user:u-owner', $1, 'business_account', 'b-1', 'account-change:b-1:k', $2, $3) RETURNING id`,
      [action, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after)],
    );
    return rows[0]!.id;
  };
  const row = async (id: string): Promise<AuditRow> =>
    (await client.query<AuditRow>('SELECT id, action, before, after FROM audit_events WHERE id = $1', [id])).rows[0]!;

  beforeAll(async () => {
    const names = (await readMigrations()).map((m) => m.name);
    assert.ok(names.includes(MIGRATION), `${MIGRATION} is not in prisma/migrations`);
    scratch = await mkdtemp(path.join(os.tmpdir(), 'cers-audit-migration-'));
    for (const name of names.filter((n) => n < MIGRATION)) {
      await cp(path.join(MIGRATIONS_DIR, name), path.join(scratch, name), { recursive: true });
    }
    db = await freshDatabase('cers_audit_migration_test');
    const earlier = await migrate(db.url, scratch);
    assert.equal(earlier.at(-1), names[names.indexOf(MIGRATION) - 1]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('keeps the names of the changed fields, drops the values, leaves other events alone, and stays append-only', async () => {
    const changed = await insert('business_account.contact_updated', oldContact, newContact);
    const unchanged = await insert('business_account.contact_updated', oldContact, oldContact);
    const membership = await insert('membership.added', null, { role: 'proxy', changeId: 'k' });
    const deleted = await insert('business_account.deleted', { status: 'active' }, { status: 'deleted' });
    const untouched = [await row(membership), await row(deleted)];

    assert.ok((await migrate(db!.url)).includes(MIGRATION));

    assert.deepEqual(await row(changed), {
      id: changed,
      action: 'business_account.contact_updated',
      before: null,
      after: {
        changed: ['ownerAddressLine1', 'ownerAddressLine2', 'ownerCity', 'ownerPostalCode', 'ownerPhone', 'ownerEmail'],
      },
    });
    assert.deepEqual((await row(unchanged)).after, { changed: [] });
    assert.deepEqual([await row(membership), await row(deleted)], untouched);

    const { rows } = await client.query<{ text: string }>('SELECT row_to_json(a)::text AS text FROM audit_events a');
    for (const value of VALUES) {
      const holding = rows.filter((r) => r.text.includes(value));
      assert.deepEqual(holding, [], `the audit trail still holds "${value}"`);
    }

    await assert.rejects(client.query('UPDATE audit_events SET after = NULL WHERE id = $1', [changed]), {
      message: 'audit_events is append-only (UPDATE refused)',
    });
    await assert.rejects(client.query('DELETE FROM audit_events WHERE id = $1', [changed]), {
      message: 'audit_events is append-only (DELETE refused)',
    });
    const { rows: triggers } = await client.query<{ name: string; enabled: string }>(
      `SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
       WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    assert.deepEqual(triggers, [
      { name: 'audit_events_no_truncate', enabled: 'O' },
      { name: 'audit_events_no_update_or_delete', enabled: 'O' },
    ]);
  });
});
