/** Failures of fact come back as typed ApplicationFailures that say what to do; state stays right. */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { credentialVerified, registrationStatus, skipBusinessAccount, submitBusinessAccount } from '../client';
import type { FailureDetails } from '../domain/failures';
import { advanceToBusinessAccount } from './support/registration-steps';
import {
  issueTestAuthorization,
  newBusinessNumber,
  sampleBusinessAccount,
  startTestRegistration,
  useTestStack,
} from './support/stack';

const stack = useTestStack();

async function failureOf(promise: Promise<unknown>): Promise<{ type: string; details: FailureDetails }> {
  const error = await promise.then(
    () => assert.fail('expected the update to fail'),
    (e: unknown) => e,
  );
  assert.ok(
    error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure,
    `unexpected ${String(error)}`,
  );
  return { type: error.cause.type ?? '', details: error.cause.details?.[0] as FailureDetails };
}

describe('failures of fact', () => {
  it('counts wrong shared secrets, locks the BN for 24 h after 5, and says until when', async () => {
    const auth = await issueTestAuthorization(stack.db);
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    const wrong = sampleBusinessAccount(auth.businessNumber, 'WRONG-CODE-0000');
    for (let remaining = 4; remaining >= 1; remaining--) {
      const failure = await failureOf(handle.executeUpdate(submitBusinessAccount, { args: [wrong] }));
      assert.equal(failure.type, 'SharedSecretIncorrect');
      assert.equal(failure.details.params?.['attemptsRemaining'], remaining);
      assert.equal((await handle.query(registrationStatus)).attemptsRemaining, remaining);
    }
    const beforeLock = Date.now();
    const locked = await failureOf(handle.executeUpdate(submitBusinessAccount, { args: [wrong] }));
    assert.equal(locked.type, 'BusinessNumberLocked');
    const lockedUntil = Date.parse(String(locked.details.params?.['lockedUntil']));
    assert.ok(Math.abs(lockedUntil - beforeLock - 24 * 3_600_000) < 60_000, 'locked for 24 hours');
    assert.equal((await handle.query(registrationStatus)).lockedUntil, new Date(lockedUntil).toISOString());

    // Even the right secret is refused while locked, and that refusal does not extend the lock.
    const right = await failureOf(
      handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
      }),
    );
    assert.equal(right.type, 'BusinessNumberLocked');
    const row = await stack.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    assert.equal(row.lockedUntil?.getTime(), lockedUntil);
    assert.equal(row.usedAt, null);
    assert.equal((await handle.query(registrationStatus)).step, 'businessAccount');
    await handle.terminate('test done');
  });

  it('refuses a shared secret older than 90 days as expired, saying how to get a new one', async () => {
    const auth = await issueTestAuthorization(stack.db, { issuedAt: new Date(Date.now() - 91 * 86_400_000) });
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    const failure = await failureOf(
      handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
      }),
    );
    assert.equal(failure.type, 'SharedSecretExpired');
    assert.match(failure.details.whatToDo, /Commercial Registration Unit/);
    await handle.terminate('test done');
  });

  it('refuses a second business account for the same BN, and a shared secret used once already', async () => {
    const auth = await issueTestAuthorization(stack.db);
    const first = await startTestRegistration(stack);
    await advanceToBusinessAccount(first.handle);
    const { businessAccountId } = await first.handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
    });

    const second = await startTestRegistration(stack);
    await advanceToBusinessAccount(second.handle);
    const registered = await failureOf(
      second.handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
      }),
    );
    assert.equal(registered.type, 'BusinessNumberAlreadyRegistered');
    assert.match(registered.details.whatToDo, /URN/);
    assert.equal(await stack.db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);

    // Once that account is deleted, the BN is free again, but the old code stays spent.
    await stack.db.businessAccount.update({
      where: { id: businessAccountId },
      data: { status: 'deleted', deletedAt: new Date() },
    });
    const used = await failureOf(
      second.handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
      }),
    );
    assert.equal(used.type, 'SharedSecretAlreadyUsed');

    // The applicant joins an existing business instead.
    assert.deepEqual(await second.handle.executeUpdate(skipBusinessAccount, { args: [{}] }), { step: 'completed' });
    assert.equal((await second.handle.result()).businessAccountId, undefined);
  });

  it('says when CBSA has no authorization for the business number', async () => {
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    const failure = await failureOf(
      handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount(newBusinessNumber(), 'ABCD-EFGH-JKLM-NPQR')],
      }),
    );
    assert.equal(failure.type, 'AuthorizationNotFound');
    assert.match(failure.details.whatToDo, /BSF831/);
    await handle.terminate('test done');
  });

  it('explains an invalid business number precisely', async () => {
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    const failure = await failureOf(
      handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount('123456789RM0001', 'ABCD-EFGH-JKLM-NPQR')],
      }),
    );
    assert.equal(failure.type, 'InvalidInput');
    assert.deepEqual(
      failure.details.issues?.map((i) => [i.field, i.messageKey]),
      [['businessNumber', 'validation.business_number.check_digit']],
    );
    const program = await failureOf(
      handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount('123456782 RT 0001', 'ABCD-EFGH-JKLM-NPQR')],
      }),
    );
    assert.match(program.details.issues?.[0]?.message ?? '', /RM \(import-export\).*RT account/);
    await handle.terminate('test done');
  });

  it('refuses a credential already linked to another applicant', async () => {
    const subject = `pai-${Math.random()}`;
    const first = await startTestRegistration(stack);
    await first.handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] });
    const second = await startTestRegistration(stack);
    const failure = await failureOf(
      second.handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] }),
    );
    assert.equal(failure.type, 'CredentialAlreadyLinked');
    assert.equal((await second.handle.query(registrationStatus)).step, 'credential');
    // The same subject at another provider is another credential.
    assert.deepEqual(
      await second.handle.executeUpdate(credentialVerified, { args: [{ provider: 'sign-in-partner', subject }] }),
      {
        step: 'terms',
      },
    );
    await Promise.all([first.handle.terminate('test done'), second.handle.terminate('test done')]);
  });
});
