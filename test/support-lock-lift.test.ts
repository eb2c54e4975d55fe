/**
 * A support agent lifts a shared-secret lock: through the client (role checked), a workflow keyed
 * by the request id, and one transaction that clears the lock and writes its audit event. The
 * agent's reason never reaches the audit trail in clear.
 */
import { failureOf } from './support/failures';
import { registrationQuery, searchKeyOf } from '../client';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { liftLockWorkflowId, liftSharedSecretLock, submitBusinessAccount, type SupportCaller } from '../client';
import { LOCK_LIFTED_ACTION } from '../activities/support';
import { lockedAuthorization } from './support/locks';
import { advanceToBusinessAccount } from './support/registration-steps';
import {
  issueTestAuthorization,
  newBusinessNumber,
  sampleBusinessAccount,
  startTestRegistration,
  useTestStack,
  type TestStack,
} from './support/stack';

const stack = useTestStack();
const SUPPORT: SupportCaller = { agent: 'jdoe', roles: ['support'] };
const REASON = 'Caller verified by phone; Marie Tremblay at 613-555-0142 typed the old code';

function liftEvents(s: TestStack, businessNumber: string) {
  return s.db.auditEvent.findMany({ where: { action: LOCK_LIFTED_ACTION, subjectId: businessNumber } });
}

describe('lifting a shared-secret lock', () => {
  it('lifts it with an audit event (who, when, the reason’s length only), and the applicant can then register', async () => {
    const auth = await lockedAuthorization(stack);
    const result = await liftSharedSecretLock(stack.client, stack.config, SUPPORT, {
      businessNumber: auth.businessNumber,
      reason: REASON,
      requestId: randomUUID(),
    });
    assert.equal(result.outcome, 'lifted');
    // Found, like the registration and its requests, by the business number's digest, as typed.
    const query = registrationQuery({ businessNumber: auth.businessNumber.toLowerCase() }, searchKeyOf(stack.config));
    const liftsFound = async () => {
      const found: string[] = [];
      for await (const run of stack.client.workflow.list({ query: `${query} AND CersRequestKind="support.lift_lock"` }))
        found.push(run.workflowId);
      return found.length;
    };
    // Visibility catches up within moments of the start; 10 s at most.
    for (const deadline = Date.now() + 10_000; (await liftsFound()) === 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await liftsFound(), 1);

    const row = await stack.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    assert.deepEqual([row.lockedUntil, row.failedAttempts], [null, 0]);
    const [event, ...more] = await liftEvents(stack, auth.businessNumber);
    assert.equal(more.length, 0);
    assert.equal(event!.actor, 'support:jdoe');
    assert.deepEqual(event!.after, {
      liftedAt: (result as { liftedAt: string }).liftedAt,
      reasonLength: REASON.length,
    });
    // The reason is free text that may name people: nowhere in the audit trail in clear.
    const trail = JSON.stringify(
      await stack.db.auditEvent.findMany({ where: { subjectId: auth.businessNumber } }),
      (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
    );
    assert.ok(!trail.includes('Tremblay') && !trail.includes('613-555'));

    // The applicant tries again through their registration, and completes it.
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    await handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
    });
    assert.equal((await handle.result()).step, 'completed');
  });

  it('acts once for a double submit: one lift, one audit event, the same answer to both', async () => {
    const auth = await lockedAuthorization(stack);
    const request = { businessNumber: auth.businessNumber, reason: 'double click', requestId: randomUUID() };
    const [first, second] = await Promise.all([
      liftSharedSecretLock(stack.client, stack.config, SUPPORT, request),
      liftSharedSecretLock(stack.client, stack.config, SUPPORT, request),
    ]);
    assert.equal(first.outcome, 'lifted');
    assert.deepEqual(second, first);
    assert.deepEqual(
      await liftSharedSecretLock(stack.client, stack.config, SUPPORT, request),
      first,
      'sent again later',
    );
    assert.equal((await liftEvents(stack, auth.businessNumber)).length, 1);
    const lifts = await stack.db.authorizationAttempt.count({
      where: { businessNumber: auth.businessNumber, outcome: 'lifted' },
    });
    assert.equal(lifts, 1);
  });

  it('refuses a caller without the support role, or without a name: nothing starts, the lock stays', async () => {
    const auth = await lockedAuthorization(stack);
    const requestId = randomUUID();
    const request = { businessNumber: auth.businessNumber, reason: 'no role', requestId };
    const denied = await failureOf(
      liftSharedSecretLock(stack.client, stack.config, { agent: 'jdoe', roles: ['operator'] }, request),
    );
    assert.deepEqual([denied.type, denied.details.messageKey], ['PolicyDenied', 'support.role_required']);
    const unnamed = await failureOf(
      liftSharedSecretLock(stack.client, stack.config, { agent: ' ', roles: ['support'] }, request),
    );
    assert.equal(unnamed.type, 'InvalidInput');

    await assert.rejects(stack.client.workflow.getHandle(liftLockWorkflowId(requestId)).describe(), /not found/i);
    const row = await stack.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    assert.ok(row.lockedUntil);
    assert.equal((await liftEvents(stack, auth.businessNumber)).length, 0);
  });

  it('says when no lock is set, when CBSA has no authorization, and what is wrong with a business number', async () => {
    const auth = await issueTestAuthorization(stack.db);
    const lift = (businessNumber: string) =>
      liftSharedSecretLock(stack.client, stack.config, SUPPORT, {
        businessNumber,
        reason: 'checking',
        requestId: randomUUID(),
      });
    assert.deepEqual(await lift(auth.businessNumber), { outcome: 'not_locked', businessNumber: auth.businessNumber });
    assert.equal((await lift(newBusinessNumber())).outcome, 'not_found');
    const invalid = await failureOf(lift('123456789RM0001'));
    assert.equal(invalid.type, 'InvalidInput');
    assert.deepEqual(
      invalid.details.issues?.map((i) => [i.field, i.messageKey]),
      [['businessNumber', 'validation.business_number.check_digit']],
    );
    assert.equal((await liftEvents(stack, auth.businessNumber)).length, 0);
  });
});
