/**
 * A registration's lifecycle events (activities/registration-store.ts) are written once per run and
 * action, on the real database: a retried or late attempt, attempts at once, and an event an older
 * run wrote before events had a key all leave exactly one row.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { recordRegistrationEvent, type RegistrationEvent } from '../activities/registration-store';
import { createDatabase, type Database } from '../prisma/database';

let db: Database;

beforeAll(() => {
  db = createDatabase(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await db.$disconnect();
});

function completion(runId = randomBytes(8).toString('hex')): RegistrationEvent {
  return {
    registrationId: `registration:T${randomBytes(4).toString('hex')}:U${randomBytes(4).toString('hex')}`,
    runId,
    action: 'registration.completed',
    step: 'completed',
  };
}

const rowsOf = (event: RegistrationEvent) =>
  db.auditEvent.findMany({ where: { workflowId: event.registrationId, action: event.action } });

describe('registration events: once per run and action', () => {
  it('writes the event as the audit trail reads it', async () => {
    const event = completion();
    await recordRegistrationEvent(db, event);
    const [row, ...more] = await rowsOf(event);
    assert.equal(more.length, 0);
    assert.deepEqual(
      {
        actor: row!.actor,
        subjectType: row!.subjectType,
        subjectId: row!.subjectId,
        after: row!.after,
        dedupeKey: row!.dedupeKey,
      },
      {
        actor: event.registrationId,
        subjectType: 'registration',
        subjectId: event.registrationId,
        after: { runId: event.runId, step: 'completed' },
        dedupeKey: `${event.registrationId}:${event.runId}:registration.completed`,
      },
    );
    const expired = { ...completion(), action: 'registration.expired' as const, step: 'terms' };
    await recordRegistrationEvent(db, expired);
    assert.equal((await rowsOf(expired))[0]!.actor, 'system', 'the deadline, not the person, expired it');
  });

  it('a retry, and attempts at once, leave one row', async () => {
    const event = completion();
    await recordRegistrationEvent(db, event);
    await recordRegistrationEvent(db, event);
    await Promise.all(Array.from({ length: 5 }, () => recordRegistrationEvent(db, event)));
    assert.equal((await rowsOf(event)).length, 1);
  });

  it('an event an older run wrote without a key is found by its run id, and not written again', async () => {
    const event = completion();
    await db.auditEvent.create({
      data: {
        actor: event.registrationId,
        action: event.action,
        subjectType: 'registration',
        subjectId: event.registrationId,
        workflowId: event.registrationId,
        after: { runId: event.runId, step: 'completed' },
      },
    });
    await recordRegistrationEvent(db, event);
    const rows = await rowsOf(event);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.dedupeKey, null, 'the older row stands');
  });

  it('another run of the same registration, or another action, is an event of its own', async () => {
    const first = completion();
    const second = { ...first, runId: randomBytes(8).toString('hex') };
    const skipped = { ...first, action: 'registration.business_account_skipped' as const, step: 'businessAccount' };
    for (const event of [first, second, skipped]) await recordRegistrationEvent(db, event);
    const rows = await db.auditEvent.findMany({ where: { workflowId: first.registrationId } });
    assert.equal(rows.length, 3);
  });
});
