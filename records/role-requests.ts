/** A role request as the bot shows it to someone about to decide it. */
import type { Database } from '../prisma/database';
import type { Role } from '../domain/roles';

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

/** A request someone made that still waits: what their accounts view lists with a Withdraw button. */
export interface OwnPendingRequest {
  requestId: string;
  workflowId: string;
  kind: 'access' | 'ownership_transfer';
  role: Role;
  businessNumber: string;
}

/** The requests this user account made that still wait, oldest first. */
export async function pendingRequestsOf(db: Database, userAccountId: string): Promise<OwnPendingRequest[]> {
  const rows = await db.roleRequest.findMany({
    where: { requestedByUserAccountId: userAccountId, status: 'pending' },
    select: {
      id: true,
      workflowId: true,
      kind: true,
      role: true,
      businessAccount: { select: { businessNumber: true } },
    },
    orderBy: { createdAt: 'asc' },
    take: 20,
  });
  return rows.map((row) => ({
    requestId: row.id,
    workflowId: row.workflowId,
    kind: row.kind as OwnPendingRequest['kind'],
    role: row.role,
    businessNumber: row.businessAccount.businessNumber,
  }));
}
