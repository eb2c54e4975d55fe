/**
 * `npm run cbsa:issue`: run as a child process, exactly as a developer runs it, against the test
 * database (DATABASE_URL) or an embedded PostgreSQL started here.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import pg from 'pg';
import { verifySharedSecret } from '../activities/cbsa/shared-secret';
import { luhnCheckDigit } from '../domain/business-number';
import { createDatabase, type Database } from '../prisma/database';
import { startEmbeddedPostgres } from '../service/embedded/postgres';
import { freePort } from '../testkit/ports';
import { runToEnd, type Run } from './support/child-process';

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'cbsa-issue.ts');
const DAY_MS = 86_400_000;

function runScript(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return runToEnd(process.execPath, ['--import', 'tsx', SCRIPT, ...args], env);
}

/** A valid RM business number no other test uses. */
function newBusinessNumber(): string {
  const eight = String(10_000_000 + (randomBytes(4).readUInt32BE() % 89_999_999));
  return `${eight}${luhnCheckDigit(eight)}RM${String(1 + (randomBytes(2).readUInt16BE() % 9998)).padStart(4, '0')}`;
}

/** The same number the way people type it: spaced, dashed, lower-case program. */
function typedLoosely(bn: string): string {
  return `${bn.slice(0, 3)} ${bn.slice(3, 6)} ${bn.slice(6, 9)}-${bn.slice(9, 11).toLowerCase()}-${bn.slice(11)}`;
}

interface IssuedJson {
  businessNumber: string;
  authorizationId: string;
  sharedSecret: string;
  expiresAt: string;
}

function parseJsonLine(run: Run): IssuedJson {
  assert.equal(run.code, 0, `exit code (stderr: ${run.stderr})`);
  assert.match(run.stdout, /^[^\n]+\n$/, 'exactly one line on stdout');
  const value: unknown = JSON.parse(run.stdout);
  assert.ok(value && typeof value === 'object');
  assert.deepEqual(Object.keys(value).sort(), ['authorizationId', 'businessNumber', 'expiresAt', 'sharedSecret']);
  return value as IssuedJson;
}

function secretFromHumanText(stdout: string): string {
  const match = /Activation code \(shared secret\):\s+(\S+)/.exec(stdout);
  assert.ok(match, `no activation code in:\n${stdout}`);
  return match[1]!;
}

describe('npm run cbsa:issue', () => {
  let db: Database;

  beforeAll(() => {
    assert.ok(process.env.DATABASE_URL, 'run through npm test, which sets DATABASE_URL');
    db = createDatabase(process.env.DATABASE_URL, { maxConnections: 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  test('--json prints one line; the registry holds only a scrypt hash that verifies with the printed secret', async () => {
    const bn = newBusinessNumber();
    const issuedAt = new Date('2026-03-02T15:04:05.000Z');
    const run = await runScript([typedLoosely(bn), '--json', '--issued-at', issuedAt.toISOString()], {
      ...process.env,
      CERS_SHARED_SECRET_SCRYPT_COST: '2048',
    });
    const issued = parseJsonLine(run);

    assert.equal(issued.businessNumber, bn, 'normalised business number');
    assert.match(issued.authorizationId, /^CERS-[0-9A-F]{10}$/);
    assert.match(issued.sharedSecret, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    assert.equal(issued.expiresAt, new Date(issuedAt.getTime() + 90 * DAY_MS).toISOString());
    assert.ok(!run.stderr.includes(issued.sharedSecret), 'the secret is not written to stderr');

    const row = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: bn } });
    assert.equal(row.authorizationId, issued.authorizationId);
    assert.equal(row.issuedAt.toISOString(), issuedAt.toISOString());
    assert.equal(row.expiresAt.getTime() - row.issuedAt.getTime(), 90 * DAY_MS);
    assert.equal(row.usedAt, null);
    // Hashed with the configured cost (CERS_SHARED_SECRET_SCRYPT_COST), never stored in clear.
    assert.match(row.sharedSecretHash, /^scrypt\$2048\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.ok(!row.sharedSecretHash.includes(issued.sharedSecret));
    assert.ok(!row.sharedSecretHash.includes(issued.sharedSecret.replace(/-/g, '')));
    assert.equal(await verifySharedSecret(issued.sharedSecret, row.sharedSecretHash), true);
    assert.equal(await verifySharedSecret('AAAA-BBBB-CCCC-DDDD', row.sharedSecretHash), false);

    // The audit trail records the issue without the secret.
    const audits = await db.auditEvent.findMany({ where: { subjectType: 'cbsa_authorization', subjectId: bn } });
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.action, 'cbsa_authorization.issued');
    assert.ok(
      !JSON.stringify(audits, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)).includes(
        issued.sharedSecret,
      ),
    );
  });

  test('human text reads like CBSA e-mail; re-issuing replaces the code so the old one stops verifying', async () => {
    const bn = newBusinessNumber();
    const first = await runScript([bn]);
    assert.equal(first.code, 0, first.stderr);
    const firstSecret = secretFromHumanText(first.stdout);
    const firstRow = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: bn } });

    assert.ok(first.stdout.includes(bn), 'names the business number');
    assert.ok(first.stdout.includes(firstRow.authorizationId), 'gives the authorization ID');
    assert.ok(first.stdout.includes(firstRow.expiresAt.toISOString().slice(0, 10)), 'gives the expiry date');
    assert.match(first.stdout, /valid 90 days/);
    assert.match(first.stdout, /used once/);
    assert.match(first.stdout, /keep it secret/i);
    assert.equal(first.stdout.split(firstSecret).length - 1, 1, 'the secret is printed exactly once');
    assert.doesNotMatch(first.stdout, /replaces the previous/);
    assert.ok(!first.stderr.includes(firstSecret));

    const second = await runScript([bn]);
    assert.equal(second.code, 0, second.stderr);
    const secondSecret = secretFromHumanText(second.stdout);
    assert.notEqual(secondSecret, firstSecret);
    assert.match(second.stdout, /replaces the previous activation code/);

    const secondRow = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: bn } });
    assert.notEqual(secondRow.authorizationId, firstRow.authorizationId);
    assert.ok(second.stdout.includes(secondRow.authorizationId));
    assert.equal(await verifySharedSecret(secondSecret, secondRow.sharedSecretHash), true);
    assert.equal(
      await verifySharedSecret(firstSecret, secondRow.sharedSecretHash),
      false,
      'the replaced code no longer works',
    );
  });

  test('--issued-at 91 days ago creates an already-expired code', async () => {
    const bn = newBusinessNumber();
    const issuedAt = new Date(Date.now() - 91 * DAY_MS);
    const issued = parseJsonLine(await runScript([bn, '--json', '--issued-at', issuedAt.toISOString()]));
    assert.equal(issued.expiresAt, new Date(issuedAt.getTime() + 90 * DAY_MS).toISOString());
    assert.ok(Date.parse(issued.expiresAt) < Date.now(), 'already expired');
    const row = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: bn } });
    assert.ok(row.expiresAt.getTime() < Date.now());

    const human = await runScript([newBusinessNumber(), '--issued-at', issuedAt.toISOString()]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /ALREADY EXPIRED/);
  });

  test('an invalid business number exits 2 with the precise problem and issues nothing', async () => {
    const badCheckDigit = await runScript(['123456789RM0001', '--json']);
    assert.equal(badCheckDigit.code, 2);
    assert.equal(badCheckDigit.stdout, '');
    assert.match(badCheckDigit.stderr, /check digit/);
    assert.equal(await db.cbsaAuthorization.findUnique({ where: { businessNumber: '123456789RM0001' } }), null);

    const wrongProgram = await runScript(['123 026 635 RT 0001']);
    assert.equal(wrongProgram.code, 2);
    assert.equal(wrongProgram.stdout, '');
    assert.match(wrongProgram.stderr, /RM \(import-export\) program account; you entered an RT account/);

    const missing = await runScript(['--json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Usage: npm run cbsa:issue/);
  });

  test('a bad --issued-at or bad configuration exits 2 with a clean message', async () => {
    const badDate = await runScript([newBusinessNumber(), '--issued-at', 'last tuesday']);
    assert.equal(badDate.code, 2);
    assert.equal(badDate.stdout, '');
    assert.match(badDate.stderr, /--issued-at: expected an ISO 8601 date/);

    const badConfig = await runScript([newBusinessNumber()], {
      ...process.env,
      CERS_SHARED_SECRET_SCRYPT_COST: '1000',
    });
    assert.equal(badConfig.code, 2);
    assert.equal(badConfig.stdout, '');
    assert.match(badConfig.stderr, /CERS_SHARED_SECRET_SCRYPT_COST: expected a power of two/);
    assert.doesNotMatch(badConfig.stderr, /\n\s+at /, 'no stack trace');
  });

  test('warns, without the token, when the service redeems codes at a remote registry instead', async () => {
    const token = `tok-${randomBytes(16).toString('hex')}`;
    const run = await runScript([newBusinessNumber(), '--json'], {
      ...process.env,
      CBSA_REGISTRY_URL: 'https://registry.cbsa.example/',
      CBSA_REGISTRY_TOKEN: token,
    });
    const issued = parseJsonLine(run);
    assert.match(
      run.stderr,
      /CBSA_REGISTRY_URL is set, so the service redeems activation codes at https:\/\/registry\.cbsa\.example/,
    );
    assert.ok(!run.stderr.includes(token), 'the registry token is not printed');
    assert.ok(!run.stderr.includes(issued.sharedSecret));
  });

  test('without DATABASE_URL and no npm start running, it says how to get a database and exits 1', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_POSTGRES_PORT: String(await freePort()) };
    delete env.DATABASE_URL;
    const run = await runScript([newBusinessNumber(), '--json'], env);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /start the service first with npm start, or set DATABASE_URL/);
  });

  test('without DATABASE_URL it uses the embedded PostgreSQL of npm start, migrating a fresh database first', async () => {
    const port = await freePort();
    const embedded = await startEmbeddedPostgres({ port });
    const client = new pg.Client({ connectionString: embedded.url });
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_POSTGRES_PORT: String(port) };
      delete env.DATABASE_URL;
      const bn = newBusinessNumber();
      const issued = parseJsonLine(await runScript([bn, '--json'], env));
      assert.equal(issued.businessNumber, bn);

      await client.connect();
      const migrations = await client.query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
      );
      assert.ok(migrations.rows.length > 0, 'migrations were applied to the fresh database');
      const { rows } = await client.query<{ authorization_id: string; shared_secret_hash: string }>(
        'SELECT authorization_id, shared_secret_hash FROM cbsa_authorizations WHERE business_number = $1',
        [bn],
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.authorization_id, issued.authorizationId);
      assert.equal(await verifySharedSecret(issued.sharedSecret, rows[0]!.shared_secret_hash), true);
    } finally {
      await client.end().catch(() => undefined);
      await embedded.stop();
    }
  });
});
