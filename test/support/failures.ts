import assert from 'node:assert/strict';
import { CersFailure } from '../../client';

/** The typed failure a call ends with; fails the test if it succeeds or throws anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<CersFailure> {
  const error = await promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof CersFailure, `a CersFailure, not ${String(error)}`);
  return error;
}
