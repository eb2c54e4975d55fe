/**
 * The requests waiting for one person's decision: access requests to the business accounts where
 * their role lets them grant the role asked for (the roles policy, domain/roles.ts, decides which),
 * and ownership transfers proposed to them. Oldest first, a page at a time, with how many in all.
 */
import { decide, GRANTABLE_ROLES } from '../domain/roles';
import type { Role } from '../domain/roles';
import type { Database, Prisma } from '../prisma/database';

/** How many a list shows: the oldest, so nothing waits unseen behind newer ones. */
export const DECISIONS_SHOWN = 10;

export interface DecidableRequest {
  requestId: string;
  workflowId: string;
  kind: 'access' | 'ownership_transfer';
  role: Role;
  businessNumber: string;
  /** Who asked: what the decider needs to decide (the same as the request's direct message shows). */
  requester: { name: string; urn: string; email: string };
  /** ISO time the request was made. */
  askedAt: string;
}

export interface DecidableRequests {
  /** The oldest `DECISIONS_SHOWN`, oldest first. */
  oldest: DecidableRequest[];
  /** How many wait for this person in all. */
  total: number;
}

/** The roles a member in `role` may grant by approving a request (none: they decide nothing). */
const grantableBy = (role: Role): Role[] =>
  GRANTABLE_ROLES.filter((asked) => decide(role, { kind: 'members.add', role: asked }).allowed);

export async function requestsToDecide(
  db: Database,
  userAccountId: string,
  shown = DECISIONS_SHOWN,
): Promise<DecidableRequests> {
  const memberships = await db.membership.findMany({
    where: { userAccountId, businessAccount: { status: 'active' } },
    select: { businessAccountId: true, role: true },
  });
  const access = memberships
    .map((m) => ({ businessAccountId: m.businessAccountId, roles: grantableBy(m.role) }))
    .filter((m) => m.roles.length > 0)
    .map((m): Prisma.RoleRequestWhereInput => ({
      kind: 'access',
      businessAccountId: m.businessAccountId,
      role: { in: m.roles },
    }));
  const where: Prisma.RoleRequestWhereInput = {
    status: 'pending',
    businessAccount: { status: 'active' },
    // Nobody decides their own request.
    requestedByUserAccountId: { not: userAccountId },
    OR: [...access, { kind: 'ownership_transfer', subjectUserAccountId: userAccountId }],
  };
  const [total, rows] = await Promise.all([
    db.roleRequest.count({ where }),
    db.roleRequest.findMany({
      where,
      select: {
        id: true,
        workflowId: true,
        kind: true,
        role: true,
        createdAt: true,
        businessAccount: { select: { businessNumber: true } },
        requestedBy: { select: { givenName: true, familyName: true, urn: true, email: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: shown,
    }),
  ]);
  return {
    total,
    oldest: rows.map((row) => ({
      requestId: row.id,
      workflowId: row.workflowId,
      kind: row.kind as DecidableRequest['kind'],
      role: row.role,
      businessNumber: row.businessAccount.businessNumber,
      requester: {
        name: `${row.requestedBy.givenName} ${row.requestedBy.familyName}`,
        urn: row.requestedBy.urn,
        email: row.requestedBy.email,
      },
      askedAt: row.createdAt.toISOString(),
    })),
  };
}
