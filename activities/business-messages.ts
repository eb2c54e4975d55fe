/**
 * A business account's messages: notices from the system ("role approved", "ownership
 * transferred") that every member may read (the roles table's "messages: view"). Stored as a kind
 * and parameters (user account ids, roles), worded in the reader's language when listed
 * (records/business-messages.ts reads them).
 */
import type { Prisma } from '../prisma/database';

export interface BusinessMessageInput {
  businessAccountId: string;
  /** e.g. `access_approved`, `member_added`, `ownership_transferred` (catalogue `business.message.<kind>`). */
  kind: string;
  params: Record<string, string>;
  /** What made it, so a retried step writes it once. */
  dedupeKey: string;
}

type Writer = Pick<Prisma.TransactionClient, 'businessMessage'>;

/** Written with the change it reports (inside its transaction where there is one); once per dedupe key. */
export async function postBusinessMessage(tx: Writer, input: BusinessMessageInput): Promise<void> {
  await tx.businessMessage.upsert({ where: { dedupeKey: input.dedupeKey }, create: input, update: {} });
}
