import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  CersBusinessNumberDigest,
  CersStep,
  CersUrnDigest,
  registrationQuery,
  searchKeyOf,
  acceptTerms,
  credentialVerified,
  registrationStatus,
  submitBusinessAccount,
  submitUserAccount,
  startOrFindRegistration,
} from '../client';
import {
  issueTestAuthorization,
  newApplicant,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  useTestStack,
} from './support/stack';
import { COMPLETED_REGISTRATION_AUDIT, auditActions } from '../testkit/fixtures';

const stack = useTestStack();

/** The ApplicationFailure behind a failed update. */
async function updateFailure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => assert.fail('expected the update to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(error)}`);
  assert.ok(error.cause instanceof ApplicationFailure, `expected ApplicationFailure cause, got ${String(error.cause)}`);
  return error.cause;
}

describe('registration workflow', () => {
  it('a run the client starts: the status it returns at once is what the workflow answers', async () => {
    const applicant = newApplicant();
    const started = await startOrFindRegistration(stack.client, stack.config, { applicant, locale: 'fr' });
    assert.ok(started.startedStatus, 'this call started the run');
    const answered = await started.handle.query(registrationStatus);
    const { deadline: expected, ...rest } = started.startedStatus;
    const { deadline: actual, ...answeredRest } = answered;
    assert.deepEqual(rest, answeredRest);
    // The worker sets its deadline from its first task: the same day, within the time that took.
    assert.ok(Math.abs(Date.parse(expected!) - Date.parse(actual!)) < 30_000, `${expected} vs ${actual}`);
    // Found, not started: no status without asking the workflow.
    const found = await startOrFindRegistration(stack.client, stack.config, { applicant, locale: 'fr' });
    assert.equal(found.startedStatus, undefined);
    await started.handle.terminate('test done');
  });

  it('walks credential → terms → user account → business account and records it all', async () => {
    const { handle } = await startTestRegistration(stack);
    const auth = await issueTestAuthorization(stack.db);
    assert.equal((await handle.query(registrationStatus)).step, 'credential');

    // Operators filter on these search attributes; they follow the registration step by step.
    const searchable = async () => {
      const { typedSearchAttributes: sa } = await handle.describe();
      return [sa.get(CersStep), sa.get(CersUrnDigest), sa.get(CersBusinessNumberDigest)];
    };
    assert.deepEqual(await searchable(), ['credential', undefined, undefined]);

    const subject = `pai-${Math.random()}`;
    assert.deepEqual(await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] }), {
      step: 'terms',
    });
    assert.deepEqual(await searchable(), ['terms', undefined, undefined]);
    const { termsVersion } = await handle.query(registrationStatus);
    assert.deepEqual(await handle.executeUpdate(acceptTerms, { args: [{ version: termsVersion }] }), {
      step: 'userAccount',
    });
    assert.deepEqual(await searchable(), ['userAccount', undefined, undefined]);
    const { urn } = await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
    assert.match(urn, /^[1-9]\d{3}-\d{4}-\d{4}$/);
    // The URN and business number are there only as the digests an operator's typed value gives.
    const digestOf = (query: string) => /^\w+="([0-9a-f]{32})"$/.exec(query)![1];
    const urnDigest = digestOf(registrationQuery({ urn }, searchKeyOf(stack.config)));
    assert.deepEqual(await searchable(), ['businessAccount', urnDigest, undefined]);
    const spaced = auth.businessNumber.replace(/^(\d{3})(\d{3})(\d{3})(RM)(\d{4})$/, '$1 $2-$3 rm $5');
    const { businessAccountId } = await handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(spaced, auth.sharedSecret)],
    });

    const result = await handle.result();
    assert.equal(result.step, 'completed');
    const bnDigest = digestOf(registrationQuery({ businessNumber: auth.businessNumber }, searchKeyOf(stack.config)));
    assert.deepEqual(await searchable(), ['completed', urnDigest, bnDigest]);
    assert.equal(result.urn, urn);
    assert.equal(result.businessAccountId, businessAccountId);

    const user = await stack.db.userAccount.findUniqueOrThrow({
      where: { urn },
      include: { credential: true, termsAcceptances: true, memberships: true },
    });
    assert.equal(user.email, sampleUserAccount.email);
    assert.equal(user.phone, '+16135550142');
    assert.equal(user.language, 'fr');
    assert.equal(user.credential?.subject, subject);
    assert.deepEqual(
      user.termsAcceptances.map((t) => t.version),
      [termsVersion],
    );
    assert.deepEqual(
      user.memberships.map((m) => [m.businessAccountId, m.role]),
      [[businessAccountId, 'owner']],
    );
    const business = await stack.db.businessAccount.findUniqueOrThrow({ where: { id: businessAccountId } });
    assert.equal(business.businessNumber, auth.businessNumber);
    assert.equal(business.ownerPostalCode, 'K1A 0B1');
    const authorization = await stack.db.cbsaAuthorization.findUniqueOrThrow({
      where: { businessNumber: auth.businessNumber },
    });
    assert.ok(authorization.usedAt, 'the shared secret is consumed');
    assert.deepEqual(await auditActions(stack.db, handle.workflowId), COMPLETED_REGISTRATION_AUDIT);
  });

  it('rejects an update for the wrong step, and malformed input, before anything enters history', async () => {
    const { handle } = await startTestRegistration(stack);

    const wrongStep = await updateFailure(handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] }));
    assert.equal(wrongStep.type, 'WrongStep');
    assert.match(wrongStep.message, /step "credential"/);

    const malformed = await updateFailure(
      handle.executeUpdate(credentialVerified, { args: [{ provider: 'facebook' as 'gckey', subject: '' }] }),
    );
    assert.equal(malformed.type, 'InvalidInput');
    const issues = (malformed.details?.[0] as { issues: { field: string }[] }).issues.map((i) => i.field).sort();
    assert.deepEqual(issues, ['provider', 'subject']);

    assert.equal((await handle.query(registrationStatus)).step, 'credential');
    const events = (await handle.fetchHistory()).events ?? [];
    // The run's own first task records its patches (markers named core_patch); nothing else.
    const traces = events.filter(
      (e) =>
        e.workflowExecutionUpdateAcceptedEventAttributes ||
        e.workflowExecutionUpdateCompletedEventAttributes ||
        e.activityTaskScheduledEventAttributes ||
        (e.markerRecordedEventAttributes && e.markerRecordedEventAttributes.markerName !== 'core_patch'),
    );
    assert.deepEqual(traces, [], 'rejected updates leave no trace in history');
    await handle.terminate('test done');
  });

  it('explains each malformed user-account field, e-mail included', async () => {
    const { handle } = await startTestRegistration(stack);
    await handle.executeUpdate(credentialVerified, {
      args: [{ provider: 'sign-in-partner', subject: `pai-${Math.random()}` }],
    });
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
    });
    const failure = await updateFailure(
      handle.executeUpdate(submitUserAccount, {
        args: [{ ...sampleUserAccount, email: 'marie at example', phone: '555', givenName: '' }],
      }),
    );
    assert.equal(failure.type, 'InvalidInput');
    const issues = (failure.details?.[0] as { issues: { field: string; messageKey: string }[] }).issues;
    assert.deepEqual(issues.map((i) => [i.field, i.messageKey]).sort(), [
      ['email', 'validation.email_malformed'],
      ['givenName', 'validation.required'],
      ['phone', 'validation.phone_malformed'],
    ]);
    assert.equal(
      (await handle.query(registrationStatus)).step,
      'userAccount',
      'nothing typed is lost: the step is unchanged',
    );
    await handle.terminate('test done');
  });
});
