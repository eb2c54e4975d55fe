/**
 * The steps of an account change (workflows/account-change): finding the user an owner or proxy
 * adds, changing a membership, updating or deleting the business account, and telling the member
 * concerned. Every change to a business account takes that account's row lock first and asks the
 * roles policy inside the same transaction (as activities/memberships.ts does), so changes to one
 * account run one at a time against the roles as they are at that moment.
 *
 * Idempotent on `changeId` (the workflow id): a retried step finds its audit event and returns the
 * first result, with no second effect.
 */
import { decide, type Denial, type Role } from '../domain/roles';
import { Prisma, type Database } from '../prisma/database';
import type { MemberMessage } from '../domain/notices';
import type { OwnerContact } from '../domain/membership-inputs';
import { slackUserOfRegistration } from '../domain/registration-steps';
import { postBusinessMessage } from './business-messages';
import {
  changeMembershipIn,
  lockBusinessAccount,
  roleIn,
  type MembershipChange,
  type MembershipChangeResult,
} from './memberships';
import type { DirectMessages } from './notifications';

type Tx = Prisma.TransactionClient;

/** Why a change to the business account itself is refused. */
export type BusinessChangeRefusal = Denial | 'membership.business_closed';

// ---------------------------------------------------------------------------------------------
// Adding a user by URN, family name and e-mail.

export interface FindUserToAddInput {
  businessAccountId: string;
  actorUserAccountId: string;
  urn: string;
  familyName: string;
  email: string;
  role: Role;
}

export type FindUserToAddResult =
  { found: true; userAccountId: string } | { found: false; reason: BusinessChangeRefusal | 'members.user_not_matched' };

/** Family names as people type them: case, accents, spacing and apostrophe style aside. */
function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2019\u02BC]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const foldEmail = (email: string) => email.trim().toLowerCase();

/**
 * The user account that URN, family name and e-mail all match. Whether the URN exists is never
 * told apart from a mismatch, and the actor's right to add with this role is checked first, so
 * nobody without it can use this to test what they know about a user.
 */
export async function findUserToAdd(db: Database, input: FindUserToAddInput): Promise<FindUserToAddResult> {
  const business = await db.businessAccount.findUnique({
    where: { id: input.businessAccountId },
    select: { status: true },
  });
  if (business?.status !== 'active') return { found: false, reason: 'membership.business_closed' };
  const allowed = decide(await roleIn(db, input.businessAccountId, input.actorUserAccountId), {
    kind: 'members.add',
    role: input.role,
  });
  if (!allowed.allowed) return { found: false, reason: allowed.reason };
  const user = await db.userAccount.findUnique({
    where: { urn: input.urn },
    select: { id: true, familyName: true, email: true },
  });
  const matches =
    user !== null &&
    foldName(user.familyName) === foldName(input.familyName) &&
    foldEmail(user.email) === foldEmail(input.email);
  return matches ? { found: true, userAccountId: user.id } : { found: false, reason: 'members.user_not_matched' };
}

// ---------------------------------------------------------------------------------------------
// Membership changes.

const MEMBER_MESSAGE = {
  add: 'member_added',
  changeRole: 'role_changed',
  remove: 'member_removed',
  leave: 'member_left',
} as const;

/**
 * The membership change (activities/memberships.ts decides and applies it under the lock) and its
 * business account message, in one transaction: both happen, or neither. A retry finds the change
 * done (by its change id) and the message written (by its dedupe key), and does nothing twice.
 */
export async function applyMemberChange(db: Database, input: MembershipChange): Promise<MembershipChangeResult> {
  return db.$transaction(
    async (tx) => {
      const result = await changeMembershipIn(tx, input);
      if (!result.applied) return result;
      const shown = input.change.kind === 'remove' || input.change.kind === 'leave' ? result.before : result.after;
      await postBusinessMessage(tx, {
        businessAccountId: input.businessAccountId,
        kind: MEMBER_MESSAGE[input.change.kind],
        params: {
          actorUserAccountId: input.actorUserAccountId,
          subjectUserAccountId: input.subjectUserAccountId,
          ...(shown ? { role: shown } : {}),
          ...(input.change.kind === 'changeRole' && result.before ? { from: result.before } : {}),
        },
        dedupeKey: `${input.changeId}:${MEMBER_MESSAGE[input.change.kind]}`,
      });
      return result;
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
}

// ---------------------------------------------------------------------------------------------
// The business account itself (owner only).

export interface ContactUpdate {
  /** The workflow id: one update per change. */
  changeId: string;
  businessAccountId: string;
  actorUserAccountId: string;
  contact: OwnerContact;
}

export type BusinessChangeOutcome = { applied: true } | { applied: false; reason: BusinessChangeRefusal };

const CONTACT_COLUMNS = {
  ownerPositionTitle: true,
  ownerAddressLine1: true,
  ownerAddressLine2: true,
  ownerCity: true,
  ownerProvince: true,
  ownerPostalCode: true,
  ownerCountry: true,
  ownerPhone: true,
  ownerEmail: true,
} as const;

type ContactRow = { [K in keyof typeof CONTACT_COLUMNS]: K extends 'ownerAddressLine2' ? string | null : string };

type ContactColumn = keyof ContactRow;

/**
 * The contact columns an update changed, in a fixed order. The audit trail keeps these names and
 * never the values: they are the owner's e-mail, phone and address, and audit_events is
 * append-only, so a value written there could never be erased.
 */
function changedColumns(before: ContactRow, after: ContactRow): ContactColumn[] {
  return (Object.keys(CONTACT_COLUMNS) as ContactColumn[]).filter((column) => before[column] !== after[column]);
}

function contactColumns(contact: OwnerContact): ContactRow {
  return {
    ownerPositionTitle: contact.positionTitle,
    ownerAddressLine1: contact.address.line1,
    ownerAddressLine2: contact.address.line2 ?? null,
    ownerCity: contact.address.city,
    ownerProvince: contact.address.province,
    ownerPostalCode: contact.address.postalCode,
    ownerCountry: contact.address.country,
    ownerPhone: contact.phone,
    ownerEmail: contact.email,
  };
}

const alreadyDone = (tx: Tx, changeId: string, action: string) =>
  tx.auditEvent.findFirst({ where: { workflowId: changeId, action } });

export async function updateBusinessContact(db: Database, input: ContactUpdate): Promise<BusinessChangeOutcome> {
  return db.$transaction(
    async (tx) => {
      const status = await lockBusinessAccount(tx, input.businessAccountId);
      if (await alreadyDone(tx, input.changeId, 'business_account.contact_updated')) return { applied: true as const };
      if (status !== 'active') return { applied: false as const, reason: 'membership.business_closed' as const };
      const decision = decide(await roleIn(tx, input.businessAccountId, input.actorUserAccountId), {
        kind: 'business.update',
      });
      if (!decision.allowed) return { applied: false as const, reason: decision.reason };

      const before = await tx.businessAccount.findUniqueOrThrow({
        where: { id: input.businessAccountId },
        select: CONTACT_COLUMNS,
      });
      const after = contactColumns(input.contact);
      const changed = changedColumns(before, after);
      await tx.businessAccount.update({ where: { id: input.businessAccountId }, data: after });
      await tx.auditEvent.create({
        data: {
          actor: `user:${input.actorUserAccountId}`,
          action: 'business_account.contact_updated',
          subjectType: 'business_account',
          subjectId: input.businessAccountId,
          workflowId: input.changeId,
          after: { changed },
        },
      });
      // Members read which fields changed (named in their language when listed), not the values.
      await postBusinessMessage(tx, {
        businessAccountId: input.businessAccountId,
        ...(changed.length > 0
          ? {
              kind: 'contact_fields_updated',
              params: { actorUserAccountId: input.actorUserAccountId, changed: changed.join(',') },
            }
          : { kind: 'contact_updated', params: { actorUserAccountId: input.actorUserAccountId } }),
        dedupeKey: `${input.changeId}:contact_updated`,
      });
      return { applied: true as const };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
}

export interface BusinessDeletion {
  changeId: string;
  businessAccountId: string;
  actorUserAccountId: string;
}

export type BusinessDeletionOutcome =
  { applied: true; formerMembers: string[] } | { applied: false; reason: BusinessChangeRefusal };

/**
 * Deletes the business account: its status becomes `deleted`, every membership ends (one audit
 * event each), all in one transaction under the lock. Nothing is erased from the audit trail, and
 * the business number is free to be registered again.
 */
export async function deleteBusinessAccount(db: Database, input: BusinessDeletion): Promise<BusinessDeletionOutcome> {
  return db.$transaction(
    async (tx) => {
      const status = await lockBusinessAccount(tx, input.businessAccountId);
      if (await alreadyDone(tx, input.changeId, 'business_account.deleted')) {
        const ended = await tx.auditEvent.findMany({
          where: { workflowId: input.changeId, action: 'membership.removed' },
          select: { subjectId: true },
          orderBy: { id: 'asc' },
        });
        return {
          applied: true as const,
          formerMembers: ended.map((e) => e.subjectId.slice(input.businessAccountId.length + 1)),
        };
      }
      if (status !== 'active') return { applied: false as const, reason: 'membership.business_closed' as const };
      const decision = decide(await roleIn(tx, input.businessAccountId, input.actorUserAccountId), {
        kind: 'business.delete',
      });
      if (!decision.allowed) return { applied: false as const, reason: decision.reason };

      const actor = `user:${input.actorUserAccountId}`;
      const memberships = await tx.membership.findMany({
        where: { businessAccountId: input.businessAccountId },
        select: { userAccountId: true, role: true },
        orderBy: { createdAt: 'asc' },
      });
      for (const membership of memberships) {
        await tx.auditEvent.create({
          data: {
            actor,
            action: 'membership.removed',
            subjectType: 'membership',
            subjectId: `${input.businessAccountId}:${membership.userAccountId}`,
            workflowId: input.changeId,
            before: { role: membership.role },
            after: { role: null, because: 'business_deleted', changeId: input.changeId },
          },
        });
      }
      await tx.membership.deleteMany({ where: { businessAccountId: input.businessAccountId } });
      await tx.businessAccount.update({
        where: { id: input.businessAccountId },
        data: { status: 'deleted', deletedAt: new Date() },
      });
      await tx.auditEvent.create({
        data: {
          actor,
          action: 'business_account.deleted',
          subjectType: 'business_account',
          subjectId: input.businessAccountId,
          workflowId: input.changeId,
          before: { status: 'active' },
          after: { status: 'deleted', membershipsEnded: memberships.length },
        },
      });
      await postBusinessMessage(tx, {
        businessAccountId: input.businessAccountId,
        kind: 'business_deleted',
        params: { actorUserAccountId: input.actorUserAccountId },
        dedupeKey: `${input.changeId}:business_deleted`,
      });
      return { applied: true as const, formerMembers: memberships.map((m) => m.userAccountId) };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
}

/** The owner and proxies of a business account now: who is told that a member left. */
export async function managersOf(db: Database, input: { businessAccountId: string }): Promise<string[]> {
  const rows = await db.membership.findMany({
    where: { businessAccountId: input.businessAccountId, role: { in: ['owner', 'proxy'] } },
    select: { userAccountId: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => row.userAccountId);
}

/** The requests still waiting on a decision for this business account (their workflows are told to withdraw). */
export async function listPendingRoleRequests(
  db: Database,
  input: { businessAccountId: string },
): Promise<{ requestId: string; workflowId: string }[]> {
  const rows = await db.roleRequest.findMany({
    where: { businessAccountId: input.businessAccountId, status: 'pending' },
    select: { id: true, workflowId: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => ({ requestId: row.id, workflowId: row.workflowId }));
}

// ---------------------------------------------------------------------------------------------
// Telling the member concerned, in their language.

export { MemberNotice } from '../domain/notices';
import type { MemberNotice } from '../domain/notices';

export interface MemberNoticeInput {
  notice: MemberNotice;
  /** The change (its workflow id): with it, the notice is posted once however often this runs. */
  changeId?: string;
  businessAccountId: string;
  actorUserAccountId: string;
  subjectUserAccountId: string;
  /** The subject's new role (added, role changed). */
  role?: Role;
}

/** A direct message to the member a change concerns; `sent: false` when they have no Slack user. */
export async function tellMember(
  db: Database,
  dm: DirectMessages,
  input: MemberNoticeInput,
): Promise<{ sent: boolean }> {
  const person = { givenName: true, familyName: true, language: true, registrationId: true } as const;
  const [subject, actor, business] = await Promise.all([
    db.userAccount.findUnique({ where: { id: input.subjectUserAccountId }, select: person }),
    db.userAccount.findUnique({ where: { id: input.actorUserAccountId }, select: person }),
    db.businessAccount.findUnique({ where: { id: input.businessAccountId }, select: { businessNumber: true } }),
  ]);
  const slackUser = subject ? slackUserOfRegistration(subject.registrationId) : undefined;
  if (!subject || !actor || !business || !slackUser) return { sent: false };
  const message: MemberMessage = {
    kind: 'member_notice',
    locale: subject.language,
    notice: input.notice,
    details: {
      actorName: `${actor.givenName} ${actor.familyName}`,
      businessNumber: business.businessNumber,
      ...(input.role ? { role: input.role } : {}),
    },
  };
  const key = input.changeId ? `member:${input.changeId}:${input.subjectUserAccountId}:${input.notice}` : undefined;
  await dm.post(slackUser.userId, message, key);
  return { sent: true };
}

/** The activities of an account change, with their dependencies (see createActivities). */
export function accountChangeActivities({ db, dm }: { db: Database; dm: DirectMessages }) {
  return {
    findUserToAdd: (input: FindUserToAddInput) => findUserToAdd(db, input),
    applyMemberChange: (input: MembershipChange) => applyMemberChange(db, input),
    updateBusinessContact: (input: ContactUpdate) => updateBusinessContact(db, input),
    deleteBusinessAccount: (input: BusinessDeletion) => deleteBusinessAccount(db, input),
    listPendingRoleRequests: (input: { businessAccountId: string }) => listPendingRoleRequests(db, input),
    managersOf: (input: { businessAccountId: string }) => managersOf(db, input),
    tellMember: (input: MemberNoticeInput) => tellMember(db, dm, input),
  };
}
