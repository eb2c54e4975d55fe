/**
 * A business account's messages: notices from the system ("role approved", "ownership
 * transferred") that every member may read (the roles table's "messages: view"). Stored as a kind
 * and parameters (user account ids, roles), worded in the reader's language when listed.
 */
import type { Prisma, Database } from '../prisma/database';

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

export interface BusinessMessageView {
  id: string;
  kind: string;
  at: string;
  /** Parameters with user account ids resolved to names. */
  params: Record<string, string>;
}

/** The newest messages first, with the people in them named. */
export async function listBusinessMessages(db: Database, businessAccountId: string, limit = 20): Promise<BusinessMessageView[]> {
  const rows = await db.businessMessage.findMany({ where: { businessAccountId }, orderBy: { id: 'desc' }, take: limit });
  const ids = new Set<string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.params as Record<string, string>)) if (name.endsWith('UserAccountId')) ids.add(value);
  }
  const names = new Map(
    (await db.userAccount.findMany({ where: { id: { in: [...ids] } }, select: { id: true, givenName: true, familyName: true } })).map(
      (u) => [u.id, `${u.givenName} ${u.familyName}`] as const,
    ),
  );
  return rows.map((row) => ({
    id: row.id.toString(),
    kind: row.kind,
    at: row.createdAt.toISOString(),
    params: Object.fromEntries(
      Object.entries(row.params as Record<string, string>).map(([name, value]) =>
        name.endsWith('UserAccountId') ? [name.replace(/UserAccountId$/, ''), names.get(value) ?? '—'] : [name, value],
      ),
    ),
  }));
}
