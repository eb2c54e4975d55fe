/** A business account's messages as members read them (written by activities/business-messages.ts). */
import type { Database } from '../prisma/database';

export interface BusinessMessageView {
  id: string;
  kind: string;
  at: string;
  /** Parameters with user account ids resolved to names. */
  params: Record<string, string>;
}

/** The newest messages first, with the people in them named. */
export async function listBusinessMessages(
  db: Database,
  businessAccountId: string,
  limit = 20,
): Promise<BusinessMessageView[]> {
  const rows = await db.businessMessage.findMany({
    where: { businessAccountId },
    orderBy: { id: 'desc' },
    take: limit,
  });
  const ids = new Set<string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.params as Record<string, string>))
      if (name.endsWith('UserAccountId')) ids.add(value);
  }
  const names = new Map(
    (
      await db.userAccount.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, givenName: true, familyName: true },
      })
    ).map((u) => [u.id, `${u.givenName} ${u.familyName}`] as const),
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
