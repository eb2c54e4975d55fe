/**
 * Changes to who belongs to a business account, and with which role. Every change to one business
 * account runs in a transaction that first locks that account's row, so changes to it are
 * serialised: two approvers clicking at once, or an approval racing a removal, end in one
 * consistent outcome. The actor's permission is decided inside the same transaction, by the one
 * roles policy (domain/roles.ts), against the roles as they are at that moment.
 *
 * Idempotent on `changeId` (the workflow's update id): a retried change returns its first result.
 * Every applied change writes an audit event (actor, action, subject, before, after).
 */
import { decide, type BusinessAction, type Denial, type Role } from '../domain/roles';
import { Prisma, type Database } from '../prisma/database';

type Tx = Prisma.TransactionClient;

/**
 * Locks the business account's row: every change to a business account takes this lock first, so
 * changes to one account run one at a time. Returns its status (undefined: no such account).
 */
export async function lockBusinessAccount(
  tx: Tx,
  businessAccountId: string,
): Promise<'active' | 'deleted' | undefined> {
  const rows = await tx.$queryRaw<{ status: 'active' | 'deleted' }[]>`
    SELECT status::text AS status FROM business_accounts WHERE id = ${businessAccountId}::uuid FOR UPDATE`;
  return rows[0]?.status;
}

/** A user's role in a business account as this transaction sees it (null: not a member). */
export async function roleIn(
  tx: Pick<Tx, 'membership'>,
  businessAccountId: string,
  userAccountId: string,
): Promise<Role | null> {
  const row = await tx.membership.findUnique({
    where: { userAccountId_businessAccountId: { userAccountId, businessAccountId } },
    select: { role: true },
  });
  return row?.role ?? null;
}

export interface MembershipChange {
  /** Unique per change (`<request run id>:approved`, an account change's workflow id): a retry with it has no second effect. */
  changeId: string;
  businessAccountId: string;
  /** Who acts: their role in this business account decides. */
  actorUserAccountId: string;
  /** Whose membership changes. */
  subjectUserAccountId: string;
  change: { kind: 'add'; role: Role } | { kind: 'changeRole'; role: Role } | { kind: 'remove' } | { kind: 'leave' };
  /** For an approval: the user who asked (nobody approves their own request). */
  requesterUserAccountId?: string;
}

export type MembershipRefusal =
  Denial | 'membership.already_member' | 'membership.not_member' | 'membership.business_closed';

export type MembershipChangeResult =
  | { applied: true; before: Role | null; after: Role | null }
  | { applied: false; reason: MembershipRefusal; current: Role | null };

const AUDIT_ACTION = {
  add: 'membership.added',
  changeRole: 'membership.role_changed',
  remove: 'membership.removed',
  leave: 'membership.left',
} as const;

export async function changeMembership(db: Database, input: MembershipChange): Promise<MembershipChangeResult> {
  return db.$transaction((tx) => changeMembershipIn(tx, input), {
    isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted,
  });
}

/** {@link changeMembership} inside a transaction the caller holds (e.g. with the request it settles). */
export async function changeMembershipIn(tx: Tx, input: MembershipChange): Promise<MembershipChangeResult> {
  const status = await lockBusinessAccount(tx, input.businessAccountId);

  const done = await tx.auditEvent.findFirst({
    where: {
      subjectType: 'membership',
      subjectId: membershipSubject(input),
      after: { path: ['changeId'], equals: input.changeId },
    },
  });
  if (done) {
    const before = (done.before as { role?: Role } | null)?.role ?? null;
    const after = (done.after as { role?: Role } | null)?.role ?? null;
    return { applied: true as const, before, after };
  }

  const roleOf = (userAccountId: string) => roleIn(tx, input.businessAccountId, userAccountId);
  const current = await roleOf(input.subjectUserAccountId);
  if (status !== 'active') return { applied: false as const, reason: 'membership.business_closed' as const, current };
  const actorRole = await roleOf(input.actorUserAccountId);

  let action: BusinessAction;
  if (input.change.kind === 'add') {
    if (current) return { applied: false as const, reason: 'membership.already_member' as const, current };
    const requesterIsActor =
      input.requesterUserAccountId !== undefined && input.requesterUserAccountId === input.actorUserAccountId;
    action = { kind: 'members.add', role: input.change.role, requesterIsActor };
  } else {
    if (!current) return { applied: false as const, reason: 'membership.not_member' as const, current };
    action =
      input.change.kind === 'remove'
        ? { kind: 'members.remove', role: current }
        : input.change.kind === 'leave'
          ? { kind: 'members.leave' }
          : { kind: 'members.changeRole', from: current, to: input.change.role };
  }
  // Leaving is one's own membership only: nobody "leaves" on another's behalf.
  if (input.change.kind === 'leave' && input.subjectUserAccountId !== input.actorUserAccountId)
    return { applied: false as const, reason: 'policy.role_cannot' as const, current };
  const decision = decide(actorRole, action);
  if (!decision.allowed) return { applied: false as const, reason: decision.reason, current };

  const key = { userAccountId: input.subjectUserAccountId, businessAccountId: input.businessAccountId };
  let after: Role | null;
  if (input.change.kind === 'add') {
    await tx.membership.create({ data: { ...key, role: input.change.role } });
    after = input.change.role;
  } else if (input.change.kind === 'changeRole') {
    await tx.membership.update({ where: { userAccountId_businessAccountId: key }, data: { role: input.change.role } });
    after = input.change.role;
  } else {
    // Removal and leaving take effect at once: the row goes; the audit trail keeps what it was.
    await tx.membership.delete({ where: { userAccountId_businessAccountId: key } });
    after = null;
  }
  await tx.auditEvent.create({
    data: {
      actor: `user:${input.actorUserAccountId}`,
      action: AUDIT_ACTION[input.change.kind],
      subjectType: 'membership',
      subjectId: membershipSubject(input),
      before: current ? { role: current } : Prisma.DbNull,
      after: { role: after, changeId: input.changeId },
    },
  });
  return { applied: true as const, before: current, after };
}

/** The audit subject of a membership: business account and user, as one id. */
function membershipSubject(input: Pick<MembershipChange, 'businessAccountId' | 'subjectUserAccountId'>): string {
  return `${input.businessAccountId}:${input.subjectUserAccountId}`;
}

export interface OwnershipTransfer {
  changeId: string;
  businessAccountId: string;
  ownerUserAccountId: string;
  newOwnerUserAccountId: string;
}

/**
 * Hands the owner role to a member who accepted it; the previous owner stays on as a proxy (they
 * can be removed afterwards by the new owner). Same lock, same policy, same idempotency as
 * {@link changeMembership}: the owner must still be the owner and the other still a member.
 */
export async function transferOwnership(db: Database, input: OwnershipTransfer): Promise<MembershipChangeResult> {
  return db.$transaction((tx) => transferOwnershipIn(tx, input), {
    isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted,
  });
}

/** {@link transferOwnership} inside a transaction the caller holds. */
export async function transferOwnershipIn(tx: Tx, input: OwnershipTransfer): Promise<MembershipChangeResult> {
  const status = await lockBusinessAccount(tx, input.businessAccountId);
  const subjectId = `${input.businessAccountId}:${input.newOwnerUserAccountId}`;
  const done = await tx.auditEvent.findFirst({
    where: { subjectType: 'membership', subjectId, after: { path: ['changeId'], equals: input.changeId } },
  });
  if (done)
    return {
      applied: true as const,
      before: (done.before as { role?: Role } | null)?.role ?? null,
      after: 'owner' as const,
    };

  const roleOf = (userAccountId: string) => roleIn(tx, input.businessAccountId, userAccountId);
  const current = await roleOf(input.newOwnerUserAccountId);
  if (status !== 'active') return { applied: false as const, reason: 'membership.business_closed' as const, current };
  const decision = decide(await roleOf(input.ownerUserAccountId), { kind: 'business.transferOwnership' });
  if (!decision.allowed) return { applied: false as const, reason: decision.reason, current };
  if (!current) return { applied: false as const, reason: 'membership.not_member' as const, current };
  if (current === 'owner') return { applied: false as const, reason: 'membership.already_member' as const, current };

  const key = (userAccountId: string) => ({
    userAccountId_businessAccountId: { userAccountId, businessAccountId: input.businessAccountId },
  });
  await tx.membership.update({ where: key(input.ownerUserAccountId), data: { role: 'proxy' } });
  await tx.membership.update({ where: key(input.newOwnerUserAccountId), data: { role: 'owner' } });
  const actor = `user:${input.newOwnerUserAccountId}`;
  await tx.auditEvent.create({
    data: {
      actor,
      action: 'membership.ownership_received',
      subjectType: 'membership',
      subjectId,
      before: { role: current },
      after: { role: 'owner', changeId: input.changeId },
    },
  });
  await tx.auditEvent.create({
    data: {
      actor,
      action: 'membership.ownership_handed_over',
      subjectType: 'membership',
      subjectId: `${input.businessAccountId}:${input.ownerUserAccountId}`,
      before: { role: 'owner' },
      after: { role: 'proxy', changeId: input.changeId },
    },
  });
  return { applied: true as const, before: current, after: 'owner' as const };
}
