/**
 * Sending an update (a registration step, a decision) the way callers should: with an update id,
 * a bounded wait, and every failure as a documented {@link CersFailure}.
 *
 * The workflows never abandon a step half way: one that waits on a stalled database goes on until
 * it answers. The caller's wait is what is bounded: after `waitMs` (2 minutes by default) the call
 * fails with ServiceUnavailable while the step goes on, and the same input sent again later gets
 * its result: with the same update id, Temporal returns the first answer; with another, the
 * workflow answers a submission identical to the one that completed the step the same way.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { cersFailureOf, type NotRunning } from './failures';

/** How long a caller waits for a step by default before ServiceUnavailable. */
export const DEFAULT_WAIT_MS = 2 * 60 * 1000;

export interface StepOptions {
  /** Makes the update idempotent: the same id returns the first answer (Slack's retry, a double click). */
  updateId?: string;
  /** How long to wait for the answer; then ServiceUnavailable (the step goes on). */
  waitMs?: number;
  /** The failure when the workflow is not running (default: the registration's WrongStep). */
  whenNotRunning?: NotRunning;
}

/**
 * Runs `call` with a deadline `waitMs` from now, unless the caller already set an earlier one
 * (client.withDeadline around this call): the tighter wait wins.
 */
export function withinWait<T>(client: Client, waitMs: number, call: () => Promise<T>): Promise<T> {
  const outer = (
    client.connection as { callContextStorage?: { getStore(): { deadline?: number | Date } | undefined } }
  ).callContextStorage?.getStore()?.deadline;
  const mine = Date.now() + waitMs;
  const deadline = outer !== undefined && new Date(outer).getTime() < mine ? outer : mine;
  return client.withDeadline(deadline, call);
}

/** Sends `update` with `arg` and returns its result, or throws a {@link CersFailure}. */
export async function runStep<Ret, Arg>(
  client: Client,
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  options: StepOptions = {},
): Promise<Ret> {
  try {
    return await withinWait(client, options.waitMs ?? DEFAULT_WAIT_MS, () =>
      handle.executeUpdate(update, { args: [arg], ...(options.updateId ? { updateId: options.updateId } : {}) }),
    );
  } catch (error) {
    throw cersFailureOf(error, options.whenNotRunning);
  }
}
