/** The local authorization registry's guarantees, on a clock the test controls. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import {
  HOLD_DURATION_MS,
  issueAuthorization,
  localAuthorizationRegistry,
  type RedemptionOutcome,
} from '../activities/cbsa/authorization-registry';
import { createDatabase, type Database } from '../prisma/database';
import { newBusinessNumber } from './support/stack';

let db: Database;
beforeAll(() => {
  db = createDatabase(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await db.$disconnect();
});

const HOUR = 3_600_000;
const REGISTRATION = 'registration:TEST:USER';
const OTHER = 'registration:TEST:OTHER';

async function setup() {
  const issuedAt = new Date(Date.now() - 10 * 24 * HOUR);
  const auth = await issueAuthorization(db, newBusinessNumber(), { issuedAt, scryptCost: 1024 });
  let now = issuedAt.getTime() + HOUR;
  const registry = localAuthorizationRegistry(db, () => new Date(now));
  const redeem = (
    sharedSecret: string,
    attemptId: string = randomUUID(),
    reference = REGISTRATION,
  ): Promise<RedemptionOutcome> =>
    registry.redeem({ businessNumber: auth.businessNumber, sharedSecret, attemptId, reference });
  const confirm = (reference = REGISTRATION) => registry.confirm({ businessNumber: auth.businessNumber, reference });
  const row = () => db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
  return {
    auth,
    issuedAt,
    redeem,
    confirm,
    registry,
    row,
    at: (offsetMs: number) => (now = issuedAt.getTime() + HOUR + offsetMs),
    atTime: (ms: number) => (now = ms),
  };
}

describe('local authorization registry', () => {
  it('counts a retried attempt (same attempt id) once and answers it the same way', async () => {
    const { redeem } = await setup();
    const first = await redeem('WRONG-CODE-1', 'attempt-1');
    const again = await redeem('WRONG-CODE-1', 'attempt-1');
    assert.deepEqual(first, { kind: 'incorrect', attemptsRemaining: 4 });
    assert.deepEqual(again, first);
    assert.deepEqual(await redeem('WRONG-CODE-2'), { kind: 'incorrect', attemptsRemaining: 3 });
  });

  it('locks after 5 wrong codes within any 24 hours (a sliding window), for 24 hours, then accepts the right one', async () => {
    const { auth, redeem, at, atTime } = await setup();
    at(0);
    await redeem('WRONG-1');
    at(23 * HOUR + 50 * 60_000);
    for (const code of ['WRONG-2', 'WRONG-3', 'WRONG-4']) await redeem(code);
    // The first wrong code left the window; the three of 20 minutes ago have not.
    at(24 * HOUR + 10 * 60_000);
    assert.deepEqual(await redeem('WRONG-5'), { kind: 'incorrect', attemptsRemaining: 1 });
    at(24 * HOUR + 20 * 60_000);
    const locked = await redeem('WRONG-6');
    assert.equal(locked.kind, 'locked');
    const lockedUntil = Date.parse((locked as { lockedUntil: string }).lockedUntil);

    // The right code is refused while locked, and does not extend the lock.
    at(30 * HOUR);
    assert.deepEqual(await redeem(auth.sharedSecret), {
      kind: 'locked',
      lockedUntil: new Date(lockedUntil).toISOString(),
    });
    atTime(lockedUntil + 1000);
    const accepted = await redeem(auth.sharedSecret);
    assert.equal(accepted.kind, 'accepted');
    assert.deepEqual(await redeem(auth.sharedSecret, randomUUID(), OTHER), { kind: 'used' });
  });

  it('does not count wrong guesses at a code CBSA has since replaced', async () => {
    const { auth, issuedAt: firstIssue, redeem, at } = await setup();
    at(0);
    for (const code of ['W1', 'W2', 'W3', 'W4']) await redeem(`WRONG-${code}`);
    // CBSA re-issues the code (same BN) a minute later.
    const issuedAt = new Date(firstIssue.getTime() + HOUR + 60_000);
    await issueAuthorization(db, auth.businessNumber, { issuedAt, scryptCost: 1024 });
    at(2 * 60_000);
    assert.deepEqual(await redeem('WRONG-W5'), { kind: 'incorrect', attemptsRemaining: 4 });
  });

  it('holds a right code for the registration that redeemed it, and spends it only when confirmed', async () => {
    const { auth, redeem: redeemAs, confirm, row } = await setup();
    const run = randomUUID(); // attempt ids are global: unique per test run
    const redeem = (secret: string, attemptId: string, reference?: string) =>
      redeemAs(secret, `${run}:${attemptId}`, reference);
    const accepted = { kind: 'accepted', authorizationId: auth.authorizationId };
    assert.deepEqual(await redeem(auth.sharedSecret, 'attempt-1'), accepted);
    let code = await row();
    assert.equal(code.usedAt, null, 'held, not spent');
    assert.equal(code.heldBy, REGISTRATION);
    // The same registration again, with a new attempt id (a resent form): still its own.
    assert.deepEqual(await redeem(auth.sharedSecret, 'attempt-2'), accepted);
    // Anyone else: used, while it is held.
    assert.deepEqual(await redeem(auth.sharedSecret, 'attempt-3', OTHER), { kind: 'used' });

    assert.deepEqual(await confirm(), { kind: 'confirmed' });
    assert.deepEqual(await confirm(), { kind: 'confirmed' }, 'idempotent');
    code = await row();
    assert.ok(code.usedAt);
    assert.deepEqual([code.usedBy, code.heldBy], [REGISTRATION, null]);
    assert.deepEqual(await confirm(OTHER), { kind: 'conflict' });
    assert.deepEqual(await redeem(auth.sharedSecret, 'attempt-4', OTHER), { kind: 'used' });
    // A retry of the confirmed registration's step is answered as before.
    assert.deepEqual(await redeem(auth.sharedSecret, 'attempt-5'), accepted);
    assert.equal(
      await db.auditEvent.count({ where: { subjectId: auth.businessNumber, action: 'cbsa_authorization.used' } }),
      1,
    );
  });

  it('frees a hold that was never confirmed once it lapses', async () => {
    const { auth, redeem: redeemAs, at, row } = await setup();
    const run = randomUUID();
    const redeem = (secret: string, attemptId: string, reference?: string) =>
      redeemAs(secret, `${run}:${attemptId}`, reference);
    at(0);
    assert.equal((await redeem(auth.sharedSecret, 'first-1')).kind, 'accepted');
    at(HOLD_DURATION_MS - 1000);
    assert.deepEqual(await redeem(auth.sharedSecret, 'other-1', OTHER), { kind: 'used' });
    at(HOLD_DURATION_MS + 1000);
    assert.equal((await redeem(auth.sharedSecret, 'other-2', OTHER)).kind, 'accepted', 'usable again');
    assert.equal((await row()).heldBy, OTHER);
    // The first registration's retry (its own attempt id) now finds the code held by the other.
    assert.deepEqual(await redeem(auth.sharedSecret, 'first-1'), { kind: 'used' });
  });

  it('keeps the holder’s code through a lock that others’ wrong guesses cause', async () => {
    const { auth, redeem } = await setup();
    assert.equal((await redeem(auth.sharedSecret)).kind, 'accepted');
    for (let i = 0; i < 5; i++) await redeem(`WRONG-${i}`, randomUUID(), OTHER);
    assert.equal((await redeem(auth.sharedSecret, randomUUID(), OTHER)).kind, 'locked');
    assert.equal((await redeem(auth.sharedSecret)).kind, 'accepted');
  });

  it('confirms inside the caller’s transaction: rolled back with it, the code stays held and unspent', async () => {
    const { auth, redeem, registry, row } = await setup();
    assert.equal((await redeem(auth.sharedSecret)).kind, 'accepted');
    await assert.rejects(
      db.$transaction(async (tx) => {
        assert.deepEqual(
          await registry.confirmWithin!(tx, { businessNumber: auth.businessNumber, reference: REGISTRATION }),
          {
            kind: 'confirmed',
          },
        );
        throw new Error('the business account could not be created');
      }),
      /could not be created/,
    );
    const code = await row();
    assert.deepEqual([code.usedAt, code.heldBy], [null, REGISTRATION]);
    assert.equal((await redeem(auth.sharedSecret)).kind, 'accepted');
  });

  it('lifts a lock once per lift id and forgets the wrong codes before it; says when no lock is in force', async () => {
    const { auth, redeem, registry, row, at } = await setup();
    const lift = (liftId: string) =>
      registry.liftLock({ businessNumber: auth.businessNumber, liftId, liftedBy: 'agent-1' });
    assert.deepEqual(await lift('lift-0'), { kind: 'not_locked' });
    for (let i = 0; i < 5; i++) await redeem(`WRONG-${i}`);
    assert.equal((await redeem(auth.sharedSecret)).kind, 'locked');

    at(60_000);
    const lifted = await lift('lift-1');
    assert.equal(lifted.kind, 'lifted');
    assert.deepEqual(await lift('lift-1'), lifted, 'the same lift id again: the same answer');
    const code = await row();
    assert.deepEqual([code.lockedUntil, code.failedAttempts], [null, 0]);
    // The five wrong codes, all within the last 24 hours, no longer count: five tries again.
    at(120_000);
    assert.deepEqual(await redeem('WRONG-AFTER'), { kind: 'incorrect', attemptsRemaining: 4 });
    assert.deepEqual(await lift('lift-2'), { kind: 'not_locked' });
    assert.equal((await redeem(auth.sharedSecret)).kind, 'accepted');
    assert.deepEqual(
      await registry.liftLock({ businessNumber: newBusinessNumber(), liftId: 'lift-3', liftedBy: 'agent-1' }),
      { kind: 'not_found' },
    );
  });
});
