/**
 * The record side of a role request (an access request or an ownership transfer): opening it,
 * recording its outcome with an audit event and a business account message, and telling the
 * people concerned in Slack. The workflow (workflows/role-request) is the process; these are its
 * steps, each safe to retry.
 *
 * About 400 lines: opening, deciding, expiring and announcing one request share the person and
 * request readers at the bottom of this file.
 */
import { ApplicationFailure } from '@temporalio/common';
import { approversOf, decide, type Denial, type Role } from '../domain/roles';
import type { Locale } from '../domain/registration-inputs';
import { Prisma, type Database } from '../prisma/database';
import { slackUserOfRegistration } from '../domain/registration-steps';
import type { RequestKind, RequestStatus } from '../domain/role-requests';
import type { DirectMessages } from './notifications';
import { postBusinessMessage } from './business-messages';
import {
  changeMembershipIn,
  lockBusinessAccount,
  roleIn,
  transferOwnershipIn,
  type MembershipRefusal,
} from './memberships';

export interface OpenRequestInput {
  /** The workflow run id: one request per run. */
  requestId: string;
  workflowId: string;
  kind: RequestKind;
  businessAccountId: string;
  requesterUserAccountId: string;
  subjectUserAccountId: string;
  role: Role;
}

/** Why a request closes without a decision (catalogue `request.refused.<reason>`). */
export type ClosedBecause =
  | 'business_closed'
  | 'already_member'
  | 'not_eligible'
  | 'not_registered'
  | 'not_member'
  | 'proposer_not_owner'
  | 'withdrawn'
  | 'business_deleted'
  | 'operator';

/** Where a request stands in the system of record: the workflow adopts this, whoever settled it. */
export type RequestSettlement =
  | { status: Exclude<RequestStatus, 'pending'>; decidedByUserAccountId?: string; closedBecause?: string }
  /** Still waiting: this decider is not allowed (a `policy.*` key); someone else may decide. */
  | { status: 'pending'; refused: Denial };

type Tx = Prisma.TransactionClient;
const READ_COMMITTED = { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted };

/** Why the request cannot be opened now, or undefined if it can. */
async function openRefusal(tx: Tx, input: OpenRequestInput): Promise<ClosedBecause | undefined> {
  if ((await lockBusinessAccount(tx, input.businessAccountId)) !== 'active') return 'business_closed';
  const roleOf = (userAccountId: string) => roleIn(tx, input.businessAccountId, userAccountId);
  if (input.kind === 'access') {
    if (input.role === 'owner') return 'not_eligible';
    // Only a user whose registration verified a credential may ask (the bot checks this first).
    const credential = await tx.credentialLink.findUnique({
      where: { userAccountId: input.requesterUserAccountId },
      select: { id: true },
    });
    if (!credential) return 'not_registered';
    if (await roleOf(input.requesterUserAccountId)) return 'already_member';
    return undefined;
  }
  const subjectRole = await roleOf(input.subjectUserAccountId);
  if ((await roleOf(input.requesterUserAccountId)) !== 'owner' || input.role !== 'owner') return 'not_eligible';
  return subjectRole === null ? 'not_member' : subjectRole === 'owner' ? 'not_eligible' : undefined;
}

/**
 * Records the request, checked again under the business account's lock (the bot checked first;
 * things may have changed since). A request that cannot be opened is recorded closed, with why,
 * so the requester is told like for any other outcome.
 */
export async function openRequest(db: Database, input: OpenRequestInput): Promise<RequestSettlement> {
  return db.$transaction(async (tx) => {
    const existing = await tx.roleRequest.findUnique({ where: { id: input.requestId } });
    if (existing) return settlementOf(existing);
    const refusal = await openRefusal(tx, input);
    const row = await tx.roleRequest.create({
      data: {
        id: input.requestId,
        workflowId: input.workflowId,
        kind: input.kind,
        businessAccountId: input.businessAccountId,
        requestedByUserAccountId: input.requesterUserAccountId,
        subjectUserAccountId: input.subjectUserAccountId,
        role: input.role,
        status: refusal ? 'cancelled' : 'pending',
        ...(refusal ? { closedBecause: refusal, decidedAt: new Date() } : {}),
      },
    });
    await tx.auditEvent.create({
      data: {
        actor: `user:${input.requesterUserAccountId}`,
        action: input.kind === 'access' ? 'role_request.opened' : 'ownership_transfer.proposed',
        subjectType: 'role_request',
        subjectId: input.requestId,
        workflowId: input.workflowId,
        before: Prisma.DbNull,
        after: {
          status: row.status,
          role: input.role,
          businessAccountId: input.businessAccountId,
          subject: input.subjectUserAccountId,
          ...(refusal ? { because: refusal } : {}),
        },
      },
    });
    return settlementOf(row);
  }, READ_COMMITTED);
}

function settlementOf(row: {
  status: string;
  decidedByUserAccountId: string | null;
  closedBecause: string | null;
}): RequestSettlement {
  if (row.status === 'pending') return { status: 'pending', refused: 'policy.role_cannot' };
  return {
    status: row.status as Exclude<RequestStatus, 'pending'>,
    ...(row.decidedByUserAccountId ? { decidedByUserAccountId: row.decidedByUserAccountId } : {}),
    ...(row.closedBecause ? { closedBecause: row.closedBecause } : {}),
  };
}

/** Locks the request's business account, then reads the request as it is under that lock. */
async function lockedRequest(tx: Tx, requestId: string) {
  const first = await tx.roleRequest.findUnique({ where: { id: requestId }, select: { businessAccountId: true } });
  if (!first) throw ApplicationFailure.nonRetryable(`No request ${requestId}`, 'RequestNotFound');
  await lockBusinessAccount(tx, first.businessAccountId);
  return tx.roleRequest.findUniqueOrThrow({ where: { id: requestId } });
}

type RequestRow = Awaited<ReturnType<typeof lockedRequest>>;

/** Closes a pending request with its audit event and business message; the settlement. */
async function settle(
  tx: Tx,
  request: RequestRow,
  outcome: {
    status: Exclude<RequestStatus, 'pending'>;
    decidedByUserAccountId?: string;
    reason?: string;
    closedBecause?: string;
  },
): Promise<RequestSettlement> {
  const row = await tx.roleRequest.update({
    where: { id: request.id },
    data: {
      status: outcome.status,
      decidedByUserAccountId: outcome.decidedByUserAccountId ?? null,
      decidedAt: new Date(),
      reason: outcome.reason ?? null,
      closedBecause: outcome.closedBecause ?? null,
    },
  });
  await tx.auditEvent.create({
    data: {
      // Withdrawn: the requester acted (only they can: the workflow checked who clicked).
      actor: outcome.decidedByUserAccountId
        ? `user:${outcome.decidedByUserAccountId}`
        : outcome.closedBecause === 'withdrawn'
          ? `user:${request.requestedByUserAccountId}`
          : 'system',
      action: `${request.kind === 'access' ? 'role_request' : 'ownership_transfer'}.${outcome.status}`,
      subjectType: 'role_request',
      subjectId: request.id,
      workflowId: request.workflowId,
      before: { status: 'pending' },
      // The reason is free text told to the requester: kept on the request, not copied here.
      after: { status: outcome.status, ...(outcome.closedBecause ? { because: outcome.closedBecause } : {}) },
    },
  });
  if (outcome.status === 'approved' || outcome.status === 'rejected' || outcome.status === 'expired') {
    await postBusinessMessage(tx, {
      businessAccountId: request.businessAccountId,
      kind: request.kind === 'access' ? `access_${outcome.status}` : `ownership_transfer_${outcome.status}`,
      params: {
        subjectUserAccountId: request.subjectUserAccountId,
        role: request.role,
        ...(outcome.decidedByUserAccountId ? { actorUserAccountId: outcome.decidedByUserAccountId } : {}),
      },
      dedupeKey: `${request.id}:${outcome.status}`,
    });
  }
  return settlementOf(row);
}

export interface DecideRequestInput {
  requestId: string;
  deciderUserAccountId: string;
  decision: 'approve' | 'reject';
  reason?: string;
}

const MOOT: Partial<Record<MembershipRefusal, ClosedBecause>> = {
  'membership.already_member': 'already_member',
  'membership.not_member': 'not_member',
  'membership.business_closed': 'business_closed',
};

/**
 * A decision, applied in one transaction with the request's record: the membership change (or
 * ownership transfer) and the request's closing happen together or not at all, under the
 * business account's lock. A request already settled (by another decider, expiry, withdrawal, or
 * this very call retried) is returned as settled, unchanged.
 */
export async function decideRequest(db: Database, input: DecideRequestInput): Promise<RequestSettlement> {
  return db.$transaction(async (tx) => {
    const request = await lockedRequest(tx, input.requestId);
    if (request.status !== 'pending') return settlementOf(request);
    const decider = input.deciderUserAccountId;
    const transfer = request.kind === 'ownership_transfer';
    // Only the member who would become owner answers a transfer; for access, the policy decides.
    if (transfer && decider !== request.subjectUserAccountId)
      return { status: 'pending', refused: 'policy.role_cannot' };
    if (input.decision === 'reject') {
      if (!transfer) {
        const allowed = decide(await roleIn(tx, request.businessAccountId, decider), {
          kind: 'members.add',
          role: request.role,
          requesterIsActor: decider === request.requestedByUserAccountId,
        });
        if (!allowed.allowed) return { status: 'pending', refused: allowed.reason };
      }
      return settle(tx, request, {
        status: 'rejected',
        decidedByUserAccountId: decider,
        ...(input.reason ? { reason: input.reason } : {}),
      });
    }
    const changeId = `${request.id}:approved`;
    const result = transfer
      ? await transferOwnershipIn(tx, {
          changeId,
          businessAccountId: request.businessAccountId,
          ownerUserAccountId: request.requestedByUserAccountId,
          newOwnerUserAccountId: request.subjectUserAccountId,
        })
      : await changeMembershipIn(tx, {
          changeId,
          businessAccountId: request.businessAccountId,
          actorUserAccountId: decider,
          subjectUserAccountId: request.subjectUserAccountId,
          change: { kind: 'add', role: request.role },
          requesterUserAccountId: request.requestedByUserAccountId,
        });
    if (result.applied) return settle(tx, request, { status: 'approved', decidedByUserAccountId: decider });
    const moot = MOOT[result.reason];
    if (moot) return settle(tx, request, { status: 'cancelled', closedBecause: moot });
    // The proposer of a transfer is no longer the owner: nobody can accept it any more.
    if (transfer) return settle(tx, request, { status: 'cancelled', closedBecause: 'proposer_not_owner' });
    return { status: 'pending', refused: result.reason as Denial };
  }, READ_COMMITTED);
}

/** Closes a request without a decision (expired, withdrawn), unless it was settled meanwhile. */
export async function closeRequest(
  db: Database,
  input: { requestId: string; status: 'expired' | 'cancelled'; closedBecause?: ClosedBecause },
): Promise<RequestSettlement> {
  return db.$transaction(async (tx) => {
    const request = await lockedRequest(tx, input.requestId);
    if (request.status !== 'pending') return settlementOf(request);
    return settle(tx, request, {
      status: input.status,
      ...(input.closedBecause ? { closedBecause: input.closedBecause } : {}),
    });
  }, READ_COMMITTED);
}

export type { PersonDetails, RequestDetails } from '../domain/role-requests';
import type { PersonDetails, RequestDetails } from '../domain/role-requests';

const PERSON = {
  id: true,
  givenName: true,
  familyName: true,
  urn: true,
  email: true,
  language: true,
  registrationId: true,
} as const;
type PersonRow = {
  id: string;
  givenName: string;
  familyName: string;
  urn: string;
  email: string;
  language: Locale;
  registrationId: string;
};

function person(row: PersonRow): PersonDetails {
  return {
    userAccountId: row.id,
    name: `${row.givenName} ${row.familyName}`,
    urn: row.urn,
    email: row.email,
    language: row.language,
    slackUserId: slackUserOfRegistration(row.registrationId)?.userId,
  };
}

export async function readRequest(db: Database, requestId: string): Promise<RequestDetails | undefined> {
  const row = await db.roleRequest.findUnique({
    where: { id: requestId },
    include: {
      requestedBy: { select: PERSON },
      subject: { select: PERSON },
      businessAccount: { select: { businessNumber: true } },
    },
  });
  if (!row) return undefined;
  const decider = row.decidedByUserAccountId
    ? await db.userAccount.findUnique({ where: { id: row.decidedByUserAccountId }, select: PERSON })
    : null;
  return {
    requestId: row.id,
    workflowId: row.workflowId,
    kind: row.kind as RequestKind,
    status: row.status as RequestStatus,
    role: row.role,
    businessAccountId: row.businessAccountId,
    businessNumber: row.businessAccount.businessNumber,
    requester: person(row.requestedBy),
    subject: person(row.subject),
    ...(decider ? { decidedBy: person(decider) } : {}),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.closedBecause ? { closedBecause: row.closedBecause } : {}),
  };
}

/** Who decides a request now: the owner and (for account users and browsers) every proxy; the new owner for a transfer. */
async function decidersOf(db: Database, request: RequestDetails): Promise<PersonDetails[]> {
  if (request.kind === 'ownership_transfer') return [request.subject];
  const members = await db.membership.findMany({
    where: { businessAccountId: request.businessAccountId, role: { in: [...approversOf(request.role)] } },
    select: { userAccount: { select: PERSON } },
    orderBy: { createdAt: 'asc' },
  });
  return members.map((m) => person(m.userAccount)).filter((p) => p.userAccountId !== request.requester.userAccountId);
}

/**
 * Runs `deliver` for each recipient, so that one who cannot be reached (left the workspace: a
 * non-retryable failure) does not keep the others from being told. A retryable failure (a rate
 * limit) is thrown once the others had their turn: Temporal retries, and what was done is skipped.
 */
async function toEach<T>(
  recipients: readonly T[],
  deliver: (recipient: T) => Promise<void>,
): Promise<{ unreachable: number }> {
  let retryLater: Error | undefined;
  let unreachable = 0;
  for (const recipient of recipients) {
    try {
      await deliver(recipient);
    } catch (error) {
      if (error instanceof ApplicationFailure && error.nonRetryable) unreachable += 1;
      else retryLater ??= error instanceof Error ? error : new Error(String(error));
    }
  }
  if (retryLater) throw retryLater;
  return { unreachable };
}

/**
 * Sends the request to every decider who has not had it yet (a retry skips those already sent).
 * With `reminder`, every decider gets it again as a new message (Slack notifies on new messages,
 * not on edits) and the previous one loses its buttons.
 */
export async function sendRequestToDeciders(
  db: Database,
  dm: DirectMessages,
  input: { requestId: string; reminder?: { number: number; deadline: string } },
): Promise<{ sent: number; unreachable: number }> {
  const request = await readRequest(db, input.requestId);
  if (!request || request.status !== 'pending') return { sent: 0, unreachable: 0 };
  const deciders = (await decidersOf(db, request)).filter((d) => d.slackUserId);
  const earlier = new Map(
    (await db.approvalMessage.findMany({ where: { requestId: request.requestId } })).map(
      (m) => [m.userAccountId, m] as const,
    ),
  );
  const number = input.reminder?.number ?? 0;
  let sent = 0;
  const { unreachable } = await toEach(deciders, async (decider) => {
    const previous = earlier.get(decider.userAccountId);
    // Keyed by reminder number: a retried activity does not post to the same decider twice.
    if (previous && previous.reminderNumber >= number) return;
    const ref = await dm.post(
      decider.slackUserId!,
      {
        kind: 'role_request',
        locale: decider.language,
        request,
        ...(input.reminder ? { reminder: input.reminder } : {}),
      },
      `request:${request.requestId}:${decider.userAccountId}:${number}`,
    );
    // Recorded before the old message is touched: whatever fails next, the live one is known.
    await db.approvalMessage.upsert({
      where: { requestId_userAccountId: { requestId: request.requestId, userAccountId: decider.userAccountId } },
      create: { ...ref, requestId: request.requestId, userAccountId: decider.userAccountId, reminderNumber: number },
      update: { ...ref, reminderNumber: number },
    });
    sent += 1;
    if (previous)
      await dm.replace(
        { channel: previous.channel, ts: previous.ts },
        { kind: 'role_request_superseded', locale: decider.language, request },
      );
  });
  return { sent, unreachable };
}

/**
 * Once settled: the requester (or the owner who proposed a transfer) is told, once; then every
 * decider's message shows the outcome and who decided, in place of its buttons.
 */
export async function announceOutcome(db: Database, dm: DirectMessages, input: { requestId: string }): Promise<void> {
  const request = await readRequest(db, input.requestId);
  if (!request || request.status === 'pending') return;
  const told = request.requester;
  const announced = await db.roleRequest.findUnique({
    where: { id: request.requestId },
    select: { outcomeAnnouncedAt: true },
  });
  if (!announced?.outcomeAnnouncedAt && told.slackUserId) {
    await toEach([told], async (person) => {
      await dm.post(
        person.slackUserId!,
        { kind: 'role_request_outcome_for_requester', locale: person.language, request },
        `outcome:${request.requestId}`,
      );
    });
  }
  await db.roleRequest.update({
    where: { id: request.requestId },
    data: { outcomeAnnouncedAt: announced?.outcomeAnnouncedAt ?? new Date() },
  });
  const messages = await db.approvalMessage.findMany({ where: { requestId: request.requestId } });
  const languages = new Map(
    (
      await db.userAccount.findMany({
        where: { id: { in: messages.map((m) => m.userAccountId) } },
        select: { id: true, language: true },
      })
    ).map((u) => [u.id, u.language] as const),
  );
  await toEach(messages, (message) =>
    dm.replace(
      { channel: message.channel, ts: message.ts },
      { kind: 'role_request_outcome', locale: languages.get(message.userAccountId) ?? 'en', request },
    ),
  );
}
