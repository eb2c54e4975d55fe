/**
 * Every failure a client of the workflows can see is one documented FailureType with what to do
 * (client/failures.ts), whatever the SDK or the network throws; and a shared-secret guess counts
 * toward the lockout only when the update carrying it is accepted (issue 11, F6: twenty wrong
 * codes at once came back `UnprocessedUpdate` now and then, some still counted).
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import {
  ServiceError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, RetryState } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  CersFailure,
  REQUEST_NOT_RUNNING,
  cersFailureOf,
  runStep,
  submitBusinessAccount,
  type RegistrationHandle,
} from '../client';
import { PayloadTooLargeError } from '../client/encryption-codec';
import { FailureType, registrationFailure } from '../domain/failures';
import { hasMessage } from '../i18n/catalogue';
import { advanceToBusinessAccount } from './support/registration-steps';
import { issueTestAuthorization, sampleBusinessAccount, startTestRegistration, useTestStack } from './support/stack';

const ROUNDS = Number(process.env.CERS_TEST_GUESS_ROUNDS ?? 2);
const GUESSES = 20;
const ACCEPTED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED;
const DOCUMENTED: ReadonlySet<string> = new Set(Object.values(FailureType));

function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(details), { code, details, metadata: { getMap: () => ({}) } });
}

describe('cersFailureOf: what the SDK throws, as documented types', () => {
  const cases: [string, unknown, FailureType, string?][] = [
    [
      'a workflow failure of fact',
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        registrationFailure(FailureType.SharedSecretIncorrect, 'wrong', {
          messageKey: 'failure.shared_secret_incorrect',
          whatToDo: 'x',
          params: { attemptsRemaining: 3 },
        }),
      ),
      FailureType.SharedSecretIncorrect,
    ],
    [
      'the server refused the update unprocessed',
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        ApplicationFailure.create({ type: 'UnprocessedUpdate', message: 'x' }),
      ),
      FailureType.ServiceUnavailable,
      'not_processed',
    ],
    [
      'an update failure of a type nobody documented',
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        ApplicationFailure.create({ type: 'AcceptedUpdateCompletedWorkflow' }),
      ),
      FailureType.ServiceUnavailable,
      'unexpected',
    ],
    [
      'the caller’s deadline',
      new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: grpcError(4, 'deadline') }),
      FailureType.ServiceUnavailable,
      'no_answer',
    ],
    ['a bare gRPC deadline', grpcError(4, 'Deadline exceeded'), FailureType.ServiceUnavailable, 'no_answer'],
    ['a cancelled call', grpcError(1, 'Cancelled'), FailureType.ServiceUnavailable, 'no_answer'],
    ['Temporal unreachable', grpcError(14, 'No connection established'), FailureType.ServiceUnavailable, 'unreachable'],
    [
      'a wrapped service error',
      new ServiceError('Failed to query', { cause: grpcError(14, 'unavailable') }),
      FailureType.ServiceUnavailable,
      'unreachable',
    ],
    ['no such workflow', new WorkflowNotFoundError('not found', 'registration:T:U', undefined), FailureType.WrongStep],
    ['the workflow already completed', grpcError(5, 'workflow execution already completed'), FailureType.WrongStep],
    ['an input over the payload limit', new PayloadTooLargeError(300_000), FailureType.InvalidInput],
    [
      'a failed account change',
      new WorkflowFailedError(
        'Workflow execution failed',
        registrationFailure(FailureType.PolicyDenied, 'no', { messageKey: 'policy.role_cannot', whatToDo: 'x' }),
        RetryState.NON_RETRYABLE_FAILURE,
      ),
      FailureType.PolicyDenied,
    ],
    ['anything else', new TypeError('boom'), FailureType.ServiceUnavailable, 'unexpected'],
  ];
  for (const [what, error, type, cause] of cases) {
    it(`${what} → ${type}`, () => {
      const failure = cersFailureOf(error);
      assert.ok(failure instanceof CersFailure);
      assert.equal(failure.type, type);
      assert.ok(DOCUMENTED.has(failure.type));
      assert.ok(hasMessage(failure.details.messageKey), `${failure.details.messageKey} is in the catalogue`);
      assert.ok(failure.details.whatToDo.length > 0, 'says what to do');
      if (cause) assert.equal(failure.details.params?.['cause'], cause);
    });
  }

  it('a request that is no longer running is RequestClosed for a decision', () => {
    assert.equal(
      cersFailureOf(new WorkflowNotFoundError('gone', 'role-request:x', undefined), REQUEST_NOT_RUNNING).type,
      'RequestClosed',
    );
  });
});

async function acceptedGuesses(handle: RegistrationHandle): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  return events.filter(
    (e) =>
      e.eventType === ACCEPTED &&
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'submitBusinessAccount',
  ).length;
}

const GUESS_ROUNDS_TIMEOUT_MS = 60_000 + ROUNDS * 60_000;
describe(`${GUESSES} wrong activation codes at once, ${ROUNDS} rounds`, () => {
  const stack = useTestStack();
  for (let round = 1; round <= ROUNDS; round++) {
    it(
      `round ${round}: every answer is documented, and only accepted guesses count`,
      async () => {
        const auth = await issueTestAuthorization(stack.db);
        const { handle } = await startTestRegistration(stack);
        await advanceToBusinessAccount(handle);
        const wrong = sampleBusinessAccount(auth.businessNumber, 'WRONG-CODE-0000');
        const send = (i: number) =>
          runStep(stack.client, handle, submitBusinessAccount, wrong, { updateId: `guess-${i}`, waitMs: 60_000 });
        const outcomes = await Promise.allSettled(Array.from({ length: GUESSES }, (_, i) => send(i)));
        const types = outcomes.map((o) =>
          o.status === 'rejected' && o.reason instanceof CersFailure
            ? o.reason.type
            : `not documented: ${String(o.status === 'rejected' ? o.reason : 'a success')}`,
        );
        for (const type of types) assert.ok(DOCUMENTED.has(type), type);
        const counted = await stack.db.authorizationAttempt.count({
          where: { businessNumber: auth.businessNumber, outcome: { in: ['incorrect', 'locked'] } },
        });
        assert.equal(
          counted,
          await acceptedGuesses(handle),
          `guesses counted vs accepted (answers: ${types.join(', ')})`,
        );

        // A guess told ServiceUnavailable was not lost: sent again (same id), it gets a real answer.
        for (const [i, type] of types.entries()) {
          if (type !== FailureType.ServiceUnavailable) continue;
          const again = await send(i).catch((e: unknown) => e);
          assert.ok(
            again instanceof CersFailure && ['SharedSecretIncorrect', 'BusinessNumberLocked'].includes(again.type),
            String(again),
          );
        }
        assert.equal(
          await stack.db.authorizationAttempt.count({
            where: { businessNumber: auth.businessNumber, outcome: { in: ['incorrect', 'locked'] } },
          }),
          await acceptedGuesses(handle),
        );
        await handle.terminate('test done');
      },
      GUESS_ROUNDS_TIMEOUT_MS,
    );
  }
});
