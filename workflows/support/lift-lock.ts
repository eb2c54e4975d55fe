/**
 * A support agent lifts the lock five wrong shared secrets set on a business number, for a reason
 * they give. Short-lived: the agent waits for its result. The registry (ours, or CBSA's over
 * HTTP) lifts it and the audit trail records who did and when, in one transaction for our own
 * registry; the workflow id comes from the agent's request id, so a double submit lifts once.
 */
import { workflowInfo } from '@temporalio/workflow';
import { afterAcceptance } from '../activity-options';
import { invalidInput, rejectRefusedPayload } from '../../domain/failures';
import { liftLockInput } from '../../domain/support-schemas';
import type { LiftLockInput, LiftLockResult } from './definitions';

// An ordinary activity: CBSA's registry is reached over the network, retried until it answers.
const registry = afterAcceptance();

export async function liftLockWorkflow(raw: LiftLockInput): Promise<LiftLockResult> {
  rejectRefusedPayload(raw);
  const parsed = liftLockInput().safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { businessNumber, reason, agent } = parsed.data;
  const outcome = await registry.liftLockAndRecord({
    businessNumber,
    liftId: workflowInfo().workflowId,
    agent,
    reasonLength: reason.length,
  });
  if (outcome.kind === 'lifted') return { outcome: 'lifted', businessNumber, liftedAt: outcome.liftedAt };
  return { outcome: outcome.kind, businessNumber };
}
