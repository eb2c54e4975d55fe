/** Reminders and expiry run on durable timers (short durations configured for the test). */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import { CURRENT_TERMS_VERSION, acceptTerms, credentialVerified, registrationStatus } from '../client';
import { registrationWorkflowId } from '../client';
import { newApplicant, startTestRegistration, useTestStack } from './support/stack';

const failNoticesFor = new Set<string>();
const stack = useTestStack({}, { failNoticesFor });

const TIMER_EVENTS = /^(TIMER_STARTED|TIMER_FIRED|TIMER_CANCELED)$/;

describe('idle applicants', () => {
  it('get at most 3 reminders, then the registration expires with an audit event', async () => {
    const policy = { reminderAfterMs: 1000, maxReminders: 3, expireAfterMs: 6000 };
    const { handle } = await startTestRegistration(stack, undefined, policy);
    const status = await handle.query(registrationStatus);
    assert.ok(status.deadline, 'the status says when it will expire');

    const result = await handle.result();
    assert.equal(result.step, 'expired');

    const mine = stack.notices.filter((n) => n.registrationId === handle.workflowId);
    assert.deepEqual(
      mine.map((n) => [n.notice.kind, n.notice.step, n.notice.kind === 'reminder' ? n.notice.reminderNumber : 0]),
      [
        ['reminder', 'credential', 1],
        ['reminder', 'credential', 2],
        ['reminder', 'credential', 3],
        ['expired', 'credential', 0],
      ],
    );
    const audit = await stack.db.auditEvent.findMany({
      where: { workflowId: handle.workflowId, action: 'registration.expired' },
    });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, 'system');

    // Durable timers, not polling: 4 timers fired (3 reminders + the deadline), nothing else waited.
    const history = await handle.fetchHistory();
    const types = (history.events ?? []).map((e) =>
      temporal.api.enums.v1.EventType[e.eventType ?? 0]!.replace('EVENT_TYPE_', ''),
    );
    assert.equal(types.filter((t) => t === 'TIMER_FIRED').length, 4);
    assert.equal(types.filter((t) => TIMER_EVENTS.test(t)).length, 8);
  });

  it('restart the idle clock when the applicant acts', async () => {
    const policy = { reminderAfterMs: 1500, maxReminders: 1, expireAfterMs: 3000 };
    const { handle } = await startTestRegistration(stack, undefined, policy);
    const firstDeadline = (await handle.query(registrationStatus)).deadline!;
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${Math.random()}` }] });
    const secondDeadline = (await handle.query(registrationStatus)).deadline!;
    assert.ok(Date.parse(secondDeadline) > Date.parse(firstDeadline), 'acting moves the deadline');
    const result = await handle.result();
    assert.equal(result.step, 'expired');
    const mine = stack.notices.filter((n) => n.registrationId === handle.workflowId);
    assert.deepEqual(
      mine.map((n) => `${n.notice.kind}:${n.notice.step}`),
      ['reminder:terms', 'expired:terms'],
    );
  });

  it('acting starts no timer: one timer per idle period, however often the applicant acts', async () => {
    const policy = { reminderAfterMs: 60_000, maxReminders: 1, expireAfterMs: 120_000 };
    const { handle } = await startTestRegistration(stack, undefined, policy);
    const firstDeadline = (await handle.query(registrationStatus)).deadline!;
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${Math.random()}` }] });
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: stack.config.registration.termsVersion ?? CURRENT_TERMS_VERSION }],
    });
    const status = await handle.query(registrationStatus);
    assert.equal(status.step, 'userAccount');
    assert.ok(Date.parse(status.deadline!) > Date.parse(firstDeadline), 'the deadline counts from the last action');
    // A timer started is a billable action: the one set at the start still runs, none was cancelled.
    const types = ((await handle.fetchHistory()).events ?? []).map((e) =>
      temporal.api.enums.v1.EventType[e.eventType ?? 0]!.replace('EVENT_TYPE_', ''),
    );
    assert.deepEqual(
      types.filter((t) => TIMER_EVENTS.test(t)),
      ['TIMER_STARTED'],
    );
    await handle.terminate('test done');
  });

  it('expire on time even when no notice can be delivered', async () => {
    const policy = { reminderAfterMs: 500, maxReminders: 2, expireAfterMs: 2000 };
    const applicant = newApplicant();
    failNoticesFor.add(registrationWorkflowId(applicant));
    const { handle } = await startTestRegistration(stack, applicant, policy);
    const result = await handle.result();
    assert.equal(result.step, 'expired');
    assert.equal(stack.notices.filter((n) => n.registrationId === handle.workflowId).length, 0);
    assert.equal(
      await stack.db.auditEvent.count({ where: { workflowId: handle.workflowId, action: 'registration.expired' } }),
      1,
    );
  });
});
