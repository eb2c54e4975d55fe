/**
 * What support agents do, as the workflows carry it out: lift a shared-secret lock in the registry
 * (ours or CBSA's) and record in the audit trail who acted. The agent's reason is free text and
 * may hold personal data: only its length reaches the audit trail; the text itself stays in the
 * workflow's encrypted input.
 */
import type { Prisma, Database } from '../prisma/database';
import type { AuthorizationRegistry, LockLiftOutcome, LockLiftRequest } from './cbsa/authorization-registry';

export const LOCK_LIFTED_ACTION = 'cbsa_authorization.lock_lifted';
export const REMINDER_RESENT_ACTION = 'registration.reminder_resent';

/** How the audit trail names a support agent as the actor. */
export function supportActor(agent: string): string {
  return `support:${agent}`;
}

export interface LiftLockAndRecordInput {
  businessNumber: string;
  /** The lift workflow's id: the registry's idempotency key and the audit event's. */
  liftId: string;
  agent: string;
  reasonLength: number;
}

function lockLiftedEvent(input: LiftLockAndRecordInput, liftedAt: string): Prisma.AuditEventCreateInput {
  return {
    actor: supportActor(input.agent),
    action: LOCK_LIFTED_ACTION,
    subjectType: 'cbsa_authorization',
    subjectId: input.businessNumber,
    workflowId: input.liftId,
    after: { liftedAt, reasonLength: input.reasonLength },
    dedupeKey: `${input.liftId}:${LOCK_LIFTED_ACTION}`,
  };
}

/** Writes the event unless a retry of the same lift already did (its dedupe key is unique). */
async function recordOnce(db: Prisma.TransactionClient | Database, event: Prisma.AuditEventCreateInput) {
  const earlier = await db.auditEvent.findUnique({ where: { dedupeKey: event.dedupeKey! }, select: { id: true } });
  if (!earlier) await db.auditEvent.create({ data: event });
}

/**
 * Lifts the lock and records it. With our own registry both happen in one transaction; with
 * CBSA's, the event is written once CBSA answered `lifted` (a retry asks again: CBSA answers the
 * same lift id the same way, and the event is written once).
 */
export async function liftLockAndRecord(
  db: Database,
  registry: AuthorizationRegistry,
  input: LiftLockAndRecordInput,
): Promise<LockLiftOutcome> {
  const request: LockLiftRequest = {
    businessNumber: input.businessNumber,
    liftId: input.liftId,
    liftedBy: input.agent,
  };
  const liftWithin = registry.liftLockWithin;
  if (liftWithin) {
    return db.$transaction(
      async (tx) => {
        const outcome = await liftWithin(tx, request);
        if (outcome.kind === 'lifted') await recordOnce(tx, lockLiftedEvent(input, outcome.liftedAt));
        return outcome;
      },
      { timeout: 30_000 },
    );
  }
  const outcome = await registry.liftLock(request);
  if (outcome.kind === 'lifted') await recordOnce(db, lockLiftedEvent(input, outcome.liftedAt));
  return outcome;
}

export interface SupportReminderEvent {
  registrationId: string;
  runId: string;
  agent: string;
  requestId: string;
  step: string;
}

/** A reminder a support agent had sent: one event per request, however often the step retries. */
export async function recordReminderResent(db: Database, event: SupportReminderEvent): Promise<void> {
  await recordOnce(db, {
    actor: supportActor(event.agent),
    action: REMINDER_RESENT_ACTION,
    subjectType: 'registration',
    subjectId: event.registrationId,
    workflowId: event.registrationId,
    after: { runId: event.runId, step: event.step, requestId: event.requestId },
    dedupeKey: `${event.registrationId}:${event.runId}:${REMINDER_RESENT_ACTION}:${event.requestId}`,
  });
}
