/**
 * People for the support lookup tests, made the way applicants are: real registrations on the test
 * stack's worker, each with an e-mail of its own (other test files share the database and the
 * sample e-mail).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { registrationStatus, submitBusinessAccount } from '../../client';
import { MAX_FAILED_ATTEMPTS } from '../../activities/cbsa/authorization-registry';
import { advanceToBusinessAccount } from './registration-steps';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  type TestStack,
} from './stack';

export interface RegisteredPerson {
  registrationId: string;
  urn: string;
  /** As stored: its local part in mixed case, as typed (the form lower-cases the domain only). */
  email: string;
  businessNumber: string;
}

/** The user-account form with an e-mail no other registration has, in mixed case. */
function ownAccount() {
  return { ...sampleUserAccount, email: `Marie.Support-${randomBytes(4).toString('hex')}@ExportCo.example.ca` };
}

async function storedEmail(stack: TestStack, urn: string): Promise<string> {
  const { email } = await stack.db.userAccount.findUniqueOrThrow({ where: { urn }, select: { email: true } });
  assert.match(email, /[A-Z]/, 'a mixed-case e-mail, to look up in another case');
  return email;
}

/** A completed registration: the person owns a business account. */
export async function completedRegistration(stack: TestStack): Promise<RegisteredPerson> {
  const { handle } = await startTestRegistration(stack);
  const account = ownAccount();
  const urn = await advanceToBusinessAccount(handle, undefined, account);
  const auth = await issueTestAuthorization(stack.db);
  await handle.executeUpdate(submitBusinessAccount, {
    args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
  });
  assert.equal((await handle.result()).step, 'completed');
  return {
    registrationId: handle.workflowId,
    urn,
    email: await storedEmail(stack, urn),
    businessNumber: auth.businessNumber,
  };
}

/**
 * A registration still at the business-account step whose applicant typed wrong activation codes
 * until CBSA's registry locked the business number.
 */
export async function lockedOutRegistration(stack: TestStack): Promise<RegisteredPerson> {
  const { handle } = await startTestRegistration(stack);
  const account = ownAccount();
  const urn = await advanceToBusinessAccount(handle, undefined, account);
  const auth = await issueTestAuthorization(stack.db);
  for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
    const refused = await handle
      .executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount(auth.businessNumber, `not-the-code-${attempt}`)],
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof WorkflowUpdateFailedError, 'a wrong code is refused');
  }
  assert.ok((await handle.query(registrationStatus)).lockedUntil, 'the business number is locked');
  return {
    registrationId: handle.workflowId,
    urn,
    email: await storedEmail(stack, urn),
    businessNumber: auth.businessNumber,
  };
}
