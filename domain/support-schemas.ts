/**
 * Builders of the zod schemas for what a support agent sends: lift a shared-secret lock, resend a
 * registration's reminder. Functions, as in registration-schemas.ts, because workflows build them
 * per validation. Issue messages are catalogue keys (`validation.*`).
 */
import { z } from 'zod';
import { businessNumber, text } from './registration-schemas';

/** The roles an operator tool may be used with; only `support` may act (lift, remind, cancel). */
export const SupportRole = { Support: 'support', Operator: 'operator' } as const;
export type SupportRole = (typeof SupportRole)[keyof typeof SupportRole];

/**
 * Who acts: the agent's directory name (`jdoe`, `jdoe@cbsa-asfc.gc.ca`, `slack:T1:U2`), as the
 * audit trail records them. No spaces, so it reads the same in a log line and a query.
 */
export const supportAgent = () =>
  z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .max(100, { error: 'too_long' })
    .regex(/^[\p{L}\p{N}._@:+-]+$/u, { error: 'support_agent' });

/** The caller's idempotency key: the same request sent twice acts once. */
export const supportRequestId = () =>
  z
    .string({ error: 'required' })
    .min(8, { error: 'support_request_id' })
    .max(100, { error: 'too_long' })
    .regex(/^[A-Za-z0-9._:-]+$/, { error: 'support_request_id' });

/**
 * Free text a person typed: it may hold personal data, so it travels only in encrypted payloads;
 * the audit trail records its length.
 */
export const supportReason = () => text(500);

/** A registration's workflow id, `registration:<Slack team>:<Slack user>` (registrationWorkflowId()). */
export const registrationWorkflowId = () =>
  z
    .string({ error: 'required' })
    .trim()
    .max(200, { error: 'too_long' })
    .regex(/^registration:[^:\s]+:[^:\s]+$/, { error: 'registration_id' });

/** What a support agent names to act on a registration. */
export const registrationTarget = () => z.strictObject({ workflowId: registrationWorkflowId() });

export const liftLockInput = () =>
  z.strictObject({
    businessNumber: businessNumber(),
    reason: supportReason(),
    agent: supportAgent(),
    requestId: supportRequestId(),
  });

export const resendReminderInput = () => z.strictObject({ agent: supportAgent(), requestId: supportRequestId() });
