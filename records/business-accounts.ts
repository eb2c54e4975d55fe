/** What an owner is shown about their business account: identifiers and role, no contact details. */
import type { BusinessAccountSummary } from '../domain/notices';
import type { Database } from '../prisma/database';

export async function readBusinessAccountSummary(
  db: Database,
  businessAccountId: string,
): Promise<BusinessAccountSummary | undefined> {
  const row = await db.businessAccount.findUnique({
    where: { id: businessAccountId },
    select: { businessNumber: true, ownerPositionTitle: true, status: true, createdAt: true },
  });
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : undefined;
}
