/**
 * The support workflows' public contract: what a support agent asks for and what they get back.
 * Callers (the support tool, the bot for the support user group) import these names.
 */
export const LIFT_LOCK_WORKFLOW_TYPE = 'liftLockWorkflow';

/**
 * One lift per request id: the same request sent twice (a double submit, a retried command) is
 * the same workflow, which lifts once and answers both callers the same.
 */
export function liftLockWorkflowId(requestId: string): string {
  return `support:lift-lock:${requestId}`;
}

export interface LiftLockInput {
  businessNumber: string;
  /** Why, as the agent typed it: kept only here, in the encrypted input; the audit trail has its length. */
  reason: string;
  /** Who lifts it (their directory name); the client checked they hold the support role. */
  agent: string;
  requestId: string;
}

/**
 * `lifted`: the lock is gone and the wrong secrets before it no longer count. `not_locked`: no
 * lock was in force, nothing changed. `not_found`: CBSA has no authorization for that number.
 */
export type LiftLockResult =
  | { outcome: 'lifted'; businessNumber: string; liftedAt: string }
  | { outcome: 'not_locked'; businessNumber: string }
  | { outcome: 'not_found'; businessNumber: string };
