/** Retries, double clicks and cancellations have exactly one effect. */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  CersStep,
  acceptTerms,
  cancelRegistration,
  credentialVerified,
  registrationStatus,
  submitBusinessAccount,
  submitUserAccount,
} from '../client';
import { advanceToBusinessAccount } from './support/registration-steps';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  useTestStack,
} from './support/stack';

const stack = useTestStack();

describe('exactly-once', () => {
  it('returns the first result to a retried update with the same update id', async () => {
    const { handle } = await startTestRegistration(stack);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${Math.random()}` }] });
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
    });
    const updateId = `slack-view-V123-${Math.random()}`;
    const results = await Promise.all(
      [1, 2, 3].map(() => handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount], updateId })),
    );
    assert.equal(new Set(results.map((r) => r.urn)).size, 1, 'one URN for all three deliveries');
    // Delivered again after it completed (a Slack retry minutes later): still the first result.
    assert.deepEqual(
      await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount], updateId }),
      results[0],
    );
    assert.equal(await stack.db.userAccount.count({ where: { registrationId: handle.workflowId } }), 1);
    await handle.terminate('test done');
  });

  it('answers the same submission sent again under another update id as it answered the first', async () => {
    const { handle } = await startTestRegistration(stack);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${Math.random()}` }] });
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
    });
    const first = await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount], updateId: 'form-1' });
    // The caller gave up waiting and sends the form again, with a new id (a reopened modal).
    assert.deepEqual(
      await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount], updateId: 'form-2' }),
      first,
    );
    // Another submission for the step already done is still refused.
    const other = await handle
      .executeUpdate(submitUserAccount, { args: [{ ...sampleUserAccount, givenName: 'Autre' }], updateId: 'form-3' })
      .then(
        () => assert.fail('a different submission for a completed step is refused'),
        (e: unknown) => e,
      );
    assert.ok(other instanceof WorkflowUpdateFailedError && other.cause instanceof ApplicationFailure);
    assert.equal(other.cause.type, 'WrongStep');
    assert.equal(await stack.db.userAccount.count({ where: { registrationId: handle.workflowId } }), 1);
    await handle.terminate('test done');
  });

  it('lets one of two different submissions racing for the same step win, and refuses the other', async () => {
    const auth = await issueTestAuthorization(stack.db);
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    const submission = sampleBusinessAccount(auth.businessNumber, auth.sharedSecret);
    const other = { ...submission, owner: { ...submission.owner, phone: '+1 613 555 0100' } };
    const outcomes = await Promise.allSettled([
      handle.executeUpdate(submitBusinessAccount, { args: [submission], updateId: 'click-1' }),
      handle.executeUpdate(submitBusinessAccount, { args: [other], updateId: 'click-2' }),
    ]);
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.equal(fulfilled.length, 1);
    assert.equal(rejected.length, 1);
    const error = rejected[0]!.reason as WorkflowUpdateFailedError;
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, 'WrongStep');
    assert.equal(await stack.db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);
    assert.equal(
      await stack.db.membership.count({ where: { businessAccount: { businessNumber: auth.businessNumber } } }),
      1,
    );
    assert.equal((await handle.result()).step, 'completed');
  });

  it('cancels on request, once, with an audit event', async () => {
    const { handle } = await startTestRegistration(stack);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${Math.random()}` }] });
    await handle.signal(cancelRegistration, { reason: 'Wrong business' });
    await handle.signal(cancelRegistration, {});
    const result = await handle.result();
    assert.equal(result.step, 'cancelled');
    const events = await stack.db.auditEvent.findMany({
      where: { workflowId: handle.workflowId, action: 'registration.cancelled' },
    });
    assert.equal(events.length, 1);
    const after = events[0]!.after as Record<string, unknown>;
    assert.equal(after['step'], 'terms');
    assert.equal('reason' in after, false, 'free-text reasons stay out of the audit trail');
  });

  it('resumes a returning applicant at the business step with the URN they already have', async () => {
    const subject = `pai-${Math.random()}`;
    const first = await startTestRegistration(stack);
    const urn = await advanceToBusinessAccount(first.handle, subject);
    await first.handle.signal(cancelRegistration, {});
    assert.equal((await first.handle.result()).step, 'cancelled');
    const firstRunId = (await first.handle.describe()).runId;

    // Same Slack user again: a new run of the same workflow id.
    const again = await startTestRegistration(stack, first.applicant);
    assert.notEqual((await again.handle.describe()).runId, firstRunId);
    assert.deepEqual(await again.handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] }), {
      step: 'businessAccount',
    });
    assert.equal((await again.handle.query(registrationStatus)).urn, urn);
    assert.equal(await stack.db.userAccount.count({ where: { registrationId: first.handle.workflowId } }), 1);
    await again.handle.terminate('test done');
  });

  it('returns the running registration to a second start instead of starting another', async () => {
    const first = await startTestRegistration(stack);
    const firstRunId = (await first.handle.describe()).runId;
    const second = await startTestRegistration(stack, first.applicant);
    assert.equal((await second.handle.describe()).runId, firstRunId);
    await first.handle.terminate('test done');
  });

  it('records a cancellation made by an operator in Temporal itself (Web UI, temporal workflow cancel)', async () => {
    const { handle } = await startTestRegistration(stack);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${Math.random()}` }] });
    await handle.cancel();
    assert.equal((await handle.result()).step, 'cancelled');
    assert.equal(
      await stack.db.auditEvent.count({ where: { workflowId: handle.workflowId, action: 'registration.cancelled' } }),
      1,
    );
    const { typedSearchAttributes } = await handle.describe();
    assert.equal(typedSearchAttributes.get(CersStep), 'cancelled');
  });
});
