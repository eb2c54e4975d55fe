/**
 * The audit row of each decode the codec server answers: who read, in which role, which namespace
 * (and workflow, when the caller names it), how many payloads. Never the payloads' values.
 */
import type { Database } from '../prisma/database';

export const PAYLOADS_DECODED = 'codec.payloads_decoded';

export interface PayloadsDecoded {
  actor: string;
  role: string;
  namespace: string;
  workflowId?: string;
  payloads: number;
  undecodable: number;
}

export async function recordPayloadsDecoded(db: Database, event: PayloadsDecoded): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: event.actor,
      action: PAYLOADS_DECODED,
      subjectType: 'namespace',
      subjectId: event.namespace,
      workflowId: event.workflowId,
      after: { role: event.role, payloads: event.payloads, undecodable: event.undecodable },
    },
  });
}
