/** A role request as the bot shows it to someone about to decide it. */
import type { Database } from '../prisma/database';

/** The user account that asked (request id = the request run's id). */
export async function requesterOf(db: Database, requestId: string): Promise<string | undefined> {
  const row = await db.roleRequest.findUnique({ where: { id: requestId }, select: { requestedByUserAccountId: true } });
  return row?.requestedByUserAccountId;
}

/** Who asked, by name, and for which business number. */
export async function requestSummaryOf(
  db: Database,
  requestId: string,
): Promise<{ requesterName: string; businessNumber: string } | undefined> {
  const row = await db.roleRequest.findUnique({
    where: { id: requestId },
    select: {
      requestedBy: { select: { givenName: true, familyName: true } },
      businessAccount: { select: { businessNumber: true } },
    },
  });
  return row
    ? {
        requesterName: `${row.requestedBy.givenName} ${row.requestedBy.familyName}`,
        businessNumber: row.businessAccount.businessNumber,
      }
    : undefined;
}
