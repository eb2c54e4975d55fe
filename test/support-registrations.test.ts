/**
 * What a support agent does to registrations: remind an applicant now (once per request, audited,
 * without restarting the idle clock), cancel one safely (the signal, never terminate: a step in
 * flight finishes first), and find the ones stuck on a step.
 */
import { failureOf } from './support/failures';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import {
  cancelRegistrationSafely,
  credentialVerified,
  findStuckRegistrations,
  registrationStatus,
  resendRegistrationReminder,
  submitBusinessAccount,
  type RegistrationHandle,
  type SupportCaller,
} from '../client';
import { localAuthorizationRegistry, type AuthorizationRegistry } from '../activities/cbsa/authorization-registry';
import { createDatabase } from '../prisma/database';
import { advanceToBusinessAccount } from './support/registration-steps';
import { issueTestAuthorization, sampleBusinessAccount, startTestRegistration, useTestStack } from './support/stack';

// CBSA's registry, held while `held` is set: a business-account step stays in flight.
const registryDb = createDatabase(process.env.DATABASE_URL!);
const local = localAuthorizationRegistry(registryDb);
let held: Promise<void> | undefined;
let redeeming: (() => void) | undefined;
const registry: AuthorizationRegistry = {
  ...local,
  async redeem(request) {
    redeeming?.();
    await held;
    return local.redeem(request);
  },
};
const stack = useTestStack({}, { registry });
afterAll(() => registryDb.$disconnect());

const SUPPORT: SupportCaller = { agent: 'jdoe', roles: ['support'] };

/** Resolves once the workflow has the cancellation signal in its history (bounded). */
async function signalled(handle: RegistrationHandle): Promise<void> {
  const deadline = Date.now() + 10_000;
  const SIGNALED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;
  while (Date.now() < deadline) {
    const history = await handle.fetchHistory();
    if (history.events?.some((e) => e.eventType === SIGNALED)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail('the cancellation signal never reached the workflow');
}

describe('resending a reminder', () => {
  it('reminds the applicant now, once per request id, audited, without restarting the idle clock', async () => {
    const { handle } = await startTestRegistration(stack);
    const { deadline } = await handle.query(registrationStatus);
    const requestId = randomUUID();
    const request = { workflowId: handle.workflowId, requestId };
    const first = await resendRegistrationReminder(stack.client, SUPPORT, request);
    assert.deepEqual(first, { step: 'credential', delivered: true });
    assert.deepEqual(await resendRegistrationReminder(stack.client, SUPPORT, request), first, 'the same request again');
    await resendRegistrationReminder(stack.client, SUPPORT, { ...request, requestId: randomUUID() });

    const reminders = stack.notices.filter((n) => n.registrationId === handle.workflowId);
    assert.equal(reminders.length, 2, 'one per request id');
    assert.ok(reminders.every((n) => n.notice.kind === 'reminder' && n.notice.deadline === deadline));
    assert.match(reminders[0]!.deliveryKey!, new RegExp(`support:${requestId}$`));
    const events = await stack.db.auditEvent.findMany({
      where: { workflowId: handle.workflowId, action: 'registration.reminder_resent' },
    });
    assert.deepEqual(
      events.map((e) => e.actor),
      ['support:jdoe', 'support:jdoe'],
    );
    assert.equal((await handle.query(registrationStatus)).deadline, deadline, 'the idle clock did not restart');
  });

  it('refuses a caller without the support role, and a registration that has ended', async () => {
    const { handle } = await startTestRegistration(stack);
    const request = { workflowId: handle.workflowId, requestId: randomUUID() };
    const denied = await failureOf(resendRegistrationReminder(stack.client, { agent: 'jdoe', roles: [] }, request));
    assert.equal(denied.type, 'PolicyDenied');
    await cancelRegistrationSafely(stack.client, SUPPORT, { workflowId: handle.workflowId, reason: 'test' });
    const ended = await failureOf(resendRegistrationReminder(stack.client, SUPPORT, request));
    assert.equal(ended.type, 'WrongStep');
    assert.equal(stack.notices.filter((n) => n.registrationId === handle.workflowId).length, 0);
  });
});

describe('cancelling safely', () => {
  it('cancels with the signal and a reason: recorded in the audit trail, the reason nowhere in it', async () => {
    const { handle } = await startTestRegistration(stack);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${randomUUID()}` }] });
    const reason = 'Applicant Marie Tremblay asked by phone';
    const outcome = await cancelRegistrationSafely(stack.client, SUPPORT, { workflowId: handle.workflowId, reason });
    assert.deepEqual(outcome, { before: 'terms', after: 'cancelled' });
    const description = await handle.describe();
    assert.equal(description.status.name, 'COMPLETED', 'ended by the workflow, not terminated');
    const events = await stack.db.auditEvent.findMany({ where: { workflowId: handle.workflowId } });
    assert.ok(events.some((e) => e.action === 'registration.cancelled'));
    assert.ok(!JSON.stringify(events, (_, v: unknown) => (typeof v === 'bigint' ? 0 : v)).includes('Tremblay'));
  });

  it('lets a business-account step in flight finish first: completed if it succeeds, cancelled if it fails', async () => {
    for (const [secretOf, expected] of [
      [(s: string) => s, 'completed'],
      [() => 'NOT-THE-CODE', 'cancelled'],
    ] as const) {
      const auth = await issueTestAuthorization(stack.db);
      const { handle } = await startTestRegistration(stack);
      await advanceToBusinessAccount(handle);
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      const reached = new Promise<void>((resolve) => (redeeming = resolve));
      const step = handle
        .executeUpdate(submitBusinessAccount, {
          args: [sampleBusinessAccount(auth.businessNumber, secretOf(auth.sharedSecret))],
        })
        .catch(() => 'refused');
      await reached; // the shared secret is at CBSA: the step is half done
      const cancelled = cancelRegistrationSafely(stack.client, SUPPORT, {
        workflowId: handle.workflowId,
        reason: 'half-done step',
      });
      await signalled(handle);
      release();
      held = undefined;
      assert.deepEqual(await cancelled, { before: 'businessAccount', after: expected });
      await step;
      const accounts = await stack.db.businessAccount.count({ where: { businessNumber: auth.businessNumber } });
      assert.equal(accounts, expected === 'completed' ? 1 : 0);
    }
  });

  it('refuses without the role; says when the registration has already ended, or the id is not a registration’s', async () => {
    const { handle } = await startTestRegistration(stack);
    const request = { workflowId: handle.workflowId, reason: 'test' };
    assert.equal(
      (await failureOf(cancelRegistrationSafely(stack.client, { agent: 'jdoe', roles: ['operator'] }, request))).type,
      'PolicyDenied',
    );
    assert.equal((await handle.describe()).status.name, 'RUNNING');
    await cancelRegistrationSafely(stack.client, SUPPORT, request);
    assert.equal((await failureOf(cancelRegistrationSafely(stack.client, SUPPORT, request))).type, 'WrongStep');
    const notOne = await failureOf(cancelRegistrationSafely(stack.client, SUPPORT, { ...request, workflowId: 'x' }));
    assert.deepEqual(notOne.details.issues?.[0]?.messageKey, 'validation.registration_id');
  });
});

describe('finding stuck registrations', () => {
  it('lists running registrations on their step for longer than asked, from when they reached it, with links', async () => {
    const { handle: stuck } = await startTestRegistration(stack);
    const { handle: moved } = await startTestRegistration(stack);
    const startedBy = Date.now();
    // Both began over a second ago; one then moves to the next step, the other stays.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedBy + 1_200 - Date.now())));
    await moved.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${randomUUID()}` }] });
    // "Now" is the moment it moved: the one that moved has been on its step for less than a second.
    const search = { olderThanMs: 1_000, now: new Date() };

    const deadline = Date.now() + 15_000;
    let report = await findStuckRegistrations(stack.client, stack.config, search);
    // The visibility store indexes new runs within moments: read again until it has them.
    while (!report.stuck.some((r) => r.workflowId === stuck.workflowId) && Date.now() < deadline)
      report = await findStuckRegistrations(stack.client, stack.config, search);
    const row = report.stuck.find((r) => r.workflowId === stuck.workflowId);
    assert.ok(row, 'the registration idle on its step is listed');
    assert.equal(row.step, 'credential');
    assert.equal(
      row.link,
      `${stack.config.temporal.uiUrl}/namespaces/default/workflows/${encodeURIComponent(stuck.workflowId)}/${row.runId}/history`,
    );
    assert.ok(!report.stuck.some((r) => r.workflowId === moved.workflowId), 'the one that just moved is not');
    assert.match(report.query, /WorkflowType="registrationWorkflow" AND ExecutionStatus="Running" AND StartTime < "/);
  });
});
