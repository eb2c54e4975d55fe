/**
 * A person's registration as Temporal knows it: the step and deadline of a running one (its
 * `registrationStatus` query), or how it ended. Bounded: a lookup answers even when Temporal does
 * not, and says so.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { CersStep, registrationStatus } from '../../client';

export type RegistrationState =
  | {
      state: 'running';
      step: string;
      /** When it expires if the applicant stays idle. */
      deadline?: string;
      /** Activation-code attempts left after a wrong one, and the lock the last one hit. */
      attemptsRemaining?: number;
      lockedUntil?: string;
    }
  /** Ended: completed, expired, cancelled, or closed by an operator (`status`: Temporal's). */
  | { state: 'closed'; status: string; step?: string; closedAt?: string }
  | { state: 'none' }
  | { state: 'unreachable' };

/** Slack's answer and the CLI wait no longer than this for Temporal. */
export const TEMPORAL_WAIT_MS = 3_000;

export async function registrationState(
  temporal: Client,
  registrationId: string,
  waitMs = TEMPORAL_WAIT_MS,
): Promise<RegistrationState> {
  const handle = temporal.workflow.getHandle(registrationId);
  try {
    return await temporal.withDeadline(Date.now() + waitMs, async (): Promise<RegistrationState> => {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') {
        const step = description.typedSearchAttributes.get(CersStep);
        return {
          state: 'closed',
          status: description.status.name,
          ...(step ? { step } : {}),
          ...(description.closeTime ? { closedAt: description.closeTime.toISOString() } : {}),
        };
      }
      const status = await handle.query(registrationStatus);
      return {
        state: 'running',
        step: status.step,
        ...(status.deadline ? { deadline: status.deadline } : {}),
        ...(status.attemptsRemaining !== undefined ? { attemptsRemaining: status.attemptsRemaining } : {}),
        ...(status.lockedUntil ? { lockedUntil: status.lockedUntil } : {}),
      };
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { state: 'none' };
    return { state: 'unreachable' };
  }
}
