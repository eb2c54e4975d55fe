/**
 * What a support agent may see of a person or a business account (operators/support/): the
 * account, memberships and roles, role requests, and the shared-secret locks of the business
 * numbers involved. And the one write a lookup makes: its audit event, which keeps who asked and a
 * digest of what they typed, never the value itself nor anything shown.
 */
import type { Locale } from '../domain/registration-inputs';
import type { Role } from '../domain/roles';
import type { Database } from '../prisma/database';

export interface SupportMembership {
  businessAccountId: string;
  businessNumber: string;
  role: Role;
  /** `active`, or `deleted` (kept so an agent sees what the person belonged to). */
  status: 'active' | 'deleted';
}

export interface SupportPerson {
  userAccountId: string;
  /** The registration (workflow id) that created the account. */
  registrationId: string;
  name: string;
  email: string;
  language: Locale;
  urn: string;
  /** `gckey` or `sign_in_partner`; null while no credential is linked. */
  credentialProvider: 'gckey' | 'sign_in_partner' | null;
  createdAt: string;
  memberships: SupportMembership[];
}

export interface SupportLock {
  businessNumber: string;
  /** Wrong activation codes counted in the current window. */
  failedAttempts: number;
  /** When the lock ends (or ended); null when it was never locked. */
  lockedUntil: string | null;
  /** True while `lockedUntil` is in the future. */
  locked: boolean;
}

export interface SupportMember {
  userAccountId: string;
  name: string;
  urn: string;
  role: Role;
}

export interface SupportRoleRequest {
  /** `access` or `ownership_transfer`. */
  kind: string;
  /** `pending`, `approved`, `rejected`, `expired` or `cancelled`. */
  status: string;
  role: Role;
  requesterUserAccountId: string;
  requesterName: string;
  requesterUrn: string;
  createdAt: string;
  decidedAt: string | null;
}

export interface SupportBusiness {
  businessAccountId: string;
  businessNumber: string;
  status: 'active' | 'deleted';
  createdAt: string;
  deletedAt: string | null;
  members: SupportMember[];
  /** Newest first, at most {@link MAX_REQUESTS}. */
  roleRequests: SupportRoleRequest[];
}

/** Enough history to answer a caller; the Web UI has the rest. */
export const MAX_REQUESTS = 20;
/** An e-mail shared by more accounts than this is not a lookup but a listing. */
export const MAX_PEOPLE = 20;

const PERSON_SELECT = {
  id: true,
  registrationId: true,
  givenName: true,
  familyName: true,
  email: true,
  language: true,
  urn: true,
  createdAt: true,
  credential: { select: { provider: true } },
  memberships: {
    select: { role: true, businessAccount: { select: { id: true, businessNumber: true, status: true } } },
    orderBy: { businessAccount: { businessNumber: 'asc' } },
  },
} as const;

type PersonRow = {
  id: string;
  registrationId: string;
  givenName: string;
  familyName: string;
  email: string;
  language: Locale;
  urn: string;
  createdAt: Date;
  credential: { provider: 'gckey' | 'sign_in_partner' } | null;
  memberships: { role: Role; businessAccount: { id: string; businessNumber: string; status: 'active' | 'deleted' } }[];
};

function person(row: PersonRow): SupportPerson {
  return {
    userAccountId: row.id,
    registrationId: row.registrationId,
    name: `${row.givenName} ${row.familyName}`,
    email: row.email,
    language: row.language,
    urn: row.urn,
    credentialProvider: row.credential?.provider ?? null,
    createdAt: row.createdAt.toISOString(),
    memberships: row.memberships.map((m) => ({
      businessAccountId: m.businessAccount.id,
      businessNumber: m.businessAccount.businessNumber,
      role: m.role,
      status: m.businessAccount.status,
    })),
  };
}

/** The person with this URN (canonical form, NNNN-NNNN-NNNN), if any. */
export async function findPersonByUrn(db: Database, urn: string): Promise<SupportPerson | undefined> {
  const row = await db.userAccount.findUnique({ where: { urn }, select: PERSON_SELECT });
  return row ? person(row) : undefined;
}

/** Everyone whose e-mail is this one, whatever its case (e-mails are not unique), oldest first. */
export async function findPeopleByEmail(db: Database, email: string): Promise<SupportPerson[]> {
  // lower() = lower(), not Prisma's `mode: 'insensitive'`: that is ILIKE, where `_` and `%` in an
  // e-mail would be wildcards and a lookup could list people by pattern.
  const matches = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM user_accounts WHERE lower(email) = lower(${email}) ORDER BY created_at LIMIT ${MAX_PEOPLE}`;
  const rows = await db.userAccount.findMany({
    where: { id: { in: matches.map((m) => m.id) } },
    select: PERSON_SELECT,
    orderBy: { createdAt: 'asc' },
  });
  return rows.map(person);
}

/** The business accounts with this business number: the active one and any deleted before it, newest first. */
export async function findBusinessesByNumber(db: Database, businessNumber: string): Promise<SupportBusiness[]> {
  const rows = await db.businessAccount.findMany({
    where: { businessNumber },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      businessNumber: true,
      status: true,
      createdAt: true,
      deletedAt: true,
      memberships: {
        select: { role: true, userAccount: { select: { id: true, givenName: true, familyName: true, urn: true } } },
        orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
      },
      roleRequests: {
        orderBy: { createdAt: 'desc' },
        take: MAX_REQUESTS,
        select: {
          kind: true,
          status: true,
          role: true,
          createdAt: true,
          decidedAt: true,
          requestedBy: { select: { id: true, givenName: true, familyName: true, urn: true } },
        },
      },
    },
  });
  return rows.map((row) => ({
    businessAccountId: row.id,
    businessNumber: row.businessNumber,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    members: row.memberships.map((m) => ({
      userAccountId: m.userAccount.id,
      name: `${m.userAccount.givenName} ${m.userAccount.familyName}`,
      urn: m.userAccount.urn,
      role: m.role,
    })),
    roleRequests: row.roleRequests.map((r) => ({
      kind: r.kind,
      status: r.status,
      role: r.role,
      requesterUserAccountId: r.requestedBy.id,
      requesterName: `${r.requestedBy.givenName} ${r.requestedBy.familyName}`,
      requesterUrn: r.requestedBy.urn,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
  }));
}

/**
 * The business numbers a registration tried activation codes for: its attempts are keyed
 * `<registration id>:<update id>` (workflows/registration/workflow.ts).
 */
export async function businessNumbersTriedBy(db: Database, registrationId: string): Promise<string[]> {
  const rows = await db.authorizationAttempt.findMany({
    where: { id: { startsWith: `${registrationId}:` } },
    distinct: ['businessNumber'],
    select: { businessNumber: true },
  });
  return rows.map((r) => r.businessNumber);
}

/**
 * The shared-secret state of these business numbers in the local CBSA registry, for those with
 * wrong codes counted or a lock (past or present); the others have nothing to say.
 */
export async function locksOf(
  db: Database,
  businessNumbers: readonly string[],
  now = new Date(),
): Promise<SupportLock[]> {
  if (businessNumbers.length === 0) return [];
  const rows = await db.cbsaAuthorization.findMany({
    where: {
      businessNumber: { in: [...new Set(businessNumbers)] },
      OR: [{ failedAttempts: { gt: 0 } }, { lockedUntil: { not: null } }],
    },
    select: { businessNumber: true, failedAttempts: true, lockedUntil: true },
    orderBy: { businessNumber: 'asc' },
  });
  return rows.map((r) => ({
    businessNumber: r.businessNumber,
    failedAttempts: r.failedAttempts,
    lockedUntil: r.lockedUntil?.toISOString() ?? null,
    locked: r.lockedUntil !== null && r.lockedUntil > now,
  }));
}

export interface SupportLookupAudit {
  /** The agent: `operator:<id>` from the CLI, `slack:<team>:<user>` from Slack. */
  actor: string;
  /** `urn`, `bn` or `email`. */
  kind: string;
  /** Keyed digest of what was typed (operators/support/query.ts), never the value. */
  digest: string;
  via: 'cli' | 'slack';
  /** What the lookup showed, by internal id only: who was looked at, without what was shown. */
  userAccountIds: string[];
  businessAccountIds: string[];
}

/** Records a lookup before its result is shown: a lookup that cannot be audited shows nothing. */
export async function recordSupportLookup(db: Database, audit: SupportLookupAudit): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: audit.actor,
      action: 'support.lookup',
      subjectType: 'support_query',
      subjectId: `${audit.kind}:${audit.digest}`,
      after: {
        via: audit.via,
        kind: audit.kind,
        userAccountIds: audit.userAccountIds,
        businessAccountIds: audit.businessAccountIds,
      },
    },
  });
}
