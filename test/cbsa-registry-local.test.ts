/** The local authorization registry's guarantees, on a clock the test controls. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { issueAuthorization, localAuthorizationRegistry, type RedemptionOutcome } from '../activities/cbsa/authorization-registry';
import { createDatabase, type Database } from '../prisma/database';
import { newBusinessNumber } from './support/stack';

let db: Database;
before(() => {
  db = createDatabase(process.env.DATABASE_URL!);
});
after(async () => {
  await db.$disconnect();
});

const HOUR = 3_600_000;

async function setup() {
  const issuedAt = new Date(Date.now() - 10 * 24 * HOUR);
  const auth = await issueAuthorization(db, newBusinessNumber(), { issuedAt, scryptCost: 1024 });
  let now = issuedAt.getTime() + HOUR;
  const registry = localAuthorizationRegistry(db, () => new Date(now));
  const redeem = (sharedSecret: string, attemptId: string = randomUUID()): Promise<RedemptionOutcome> =>
    registry.redeem({ businessNumber: auth.businessNumber, sharedSecret, attemptId, reference: 'registration:TEST:USER' });
  return {
    auth,
    issuedAt,
    redeem,
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
    assert.deepEqual(await redeem(auth.sharedSecret), { kind: 'locked', lockedUntil: new Date(lockedUntil).toISOString() });
    atTime(lockedUntil + 1000);
    const accepted = await redeem(auth.sharedSecret);
    assert.equal(accepted.kind, 'accepted');
    assert.deepEqual(await redeem(auth.sharedSecret), { kind: 'used' });
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
});
