/**
 * The record side of a role request (an access request or an ownership transfer): opening it,
 * recording its outcome with an audit event and a business account message, and telling the
 * people concerned in Slack. The workflow (workflows/role-request) is the process; these are its
 * steps, each safe to retry.
 */
import { approversOf, type Role } from '../domain/roles';
import type { Locale } from '../domain/registration-inputs';
import { Prisma, type Database } from '../prisma/database';
import { slackUserOfRegistration } from '../workflows/registration/definitions';
import type { RequestKind, RequestStatus } from '../workflows/role-request/definitions';
import { outcomeMessage, outcomeNoticeForRequester, reminderSupersededMessage, requestMessage } from '../bot/views/role-requests';
import type { DirectMessages } from './notifications';
import { postBusinessMessage } from './business-messages';

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

/** Why a request cannot be opened (a catalogue key): the bot checks first, this re-checks. */
export type OpenRefusal =
  'request.refused.business_closed' | 'request.refused.already_member' | 'request.refused.not_eligible' | 'request.refused.not_registered';

export async function openRequest(
  db: Database,
  input: OpenRequestInput,
): Promise<{ opened: true } | { opened: false; reason: OpenRefusal }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.roleRequest.findUnique({ where: { id: input.requestId }, select: { id: true } });
    if (existing) return { opened: true as const };
    const business = await tx.businessAccount.findUnique({ where: { id: input.businessAccountId }, select: { status: true } });
    if (business?.status !== 'active') return { opened: false as const, reason: 'request.refused.business_closed' as const };
    const roleOf = async (userAccountId: string) =>
      (
        await tx.membership.findUnique({
          where: { userAccountId_businessAccountId: { userAccountId, businessAccountId: input.businessAccountId } },
          select: { role: true },
        })
      )?.role ?? null;
    if (input.kind === 'access') {
      if (input.role === 'owner') return { opened: false as const, reason: 'request.refused.not_eligible' as const };
      // Only a user whose registration verified a credential may ask (the bot checks this first).
      const credential = await tx.credentialLink.findUnique({
        where: { userAccountId: input.requesterUserAccountId },
        select: { id: true },
      });
      if (!credential) return { opened: false as const, reason: 'request.refused.not_registered' as const };
      if (await roleOf(input.requesterUserAccountId)) return { opened: false as const, reason: 'request.refused.already_member' as const };
    } else {
      const subjectRole = await roleOf(input.subjectUserAccountId);
      const eligible =
        (await roleOf(input.requesterUserAccountId)) === 'owner' &&
        subjectRole !== null &&
        subjectRole !== 'owner' &&
        input.role === 'owner';
      if (!eligible) return { opened: false as const, reason: 'request.refused.not_eligible' as const };
    }
    await tx.roleRequest.create({
      data: {
        id: input.requestId,
        workflowId: input.workflowId,
        kind: input.kind,
        businessAccountId: input.businessAccountId,
        requestedByUserAccountId: input.requesterUserAccountId,
        subjectUserAccountId: input.subjectUserAccountId,
        role: input.role,
        status: 'pending',
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
        after: { status: 'pending', role: input.role, businessAccountId: input.businessAccountId, subject: input.subjectUserAccountId },
      },
    });
    return { opened: true as const };
  });
}

export interface RecordOutcomeInput {
  requestId: string;
  status: Exclude<RequestStatus, 'pending'>;
  decidedByUserAccountId?: string;
  reason?: string;
  /** For a cancellation: why (catalogue key suffix). */
  cancelledBecause?: string;
}

/** Closes the request's record (once: a retry finds it closed), with its audit event and business message. */
export async function recordRequestOutcome(db: Database, input: RecordOutcomeInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const request = await tx.roleRequest.findUnique({ where: { id: input.requestId } });
    if (!request || request.status !== 'pending') return;
    const decidedAt = new Date();
    await tx.roleRequest.update({
      where: { id: input.requestId },
      data: {
        status: input.status,
        decidedByUserAccountId: input.decidedByUserAccountId ?? null,
        decidedAt,
        reason: input.reason ?? null,
      },
    });
    await tx.auditEvent.create({
      data: {
        actor: input.decidedByUserAccountId ? `user:${input.decidedByUserAccountId}` : 'system',
        action: `${request.kind === 'access' ? 'role_request' : 'ownership_transfer'}.${input.status}`,
        subjectType: 'role_request',
        subjectId: input.requestId,
        workflowId: request.workflowId,
        before: { status: 'pending' },
        // The reason is free text told to the requester: kept on the request, not copied here.
        after: { status: input.status, ...(input.cancelledBecause ? { because: input.cancelledBecause } : {}) },
      },
    });
    if (input.status === 'approved' || input.status === 'rejected' || input.status === 'expired') {
      const kind = request.kind === 'access' ? `access_${input.status}` : `ownership_transfer_${input.status}`;
      await postBusinessMessage(tx, {
        businessAccountId: request.businessAccountId,
        kind,
        params: {
          subjectUserAccountId: request.subjectUserAccountId,
          role: request.role,
          ...(input.decidedByUserAccountId ? { actorUserAccountId: input.decidedByUserAccountId } : {}),
        },
        dedupeKey: `${input.requestId}:${input.status}`,
      });
    }
  });
}

/** A person as a request's messages show them. */
export interface PersonDetails {
  userAccountId: string;
  name: string;
  urn: string;
  email: string;
  language: Locale;
  slackUserId?: string;
}

export interface RequestDetails {
  requestId: string;
  workflowId: string;
  kind: RequestKind;
  status: RequestStatus;
  role: Role;
  businessAccountId: string;
  businessNumber: string;
  requester: PersonDetails;
  subject: PersonDetails;
  decidedBy?: PersonDetails;
  decidedAt?: string;
  reason?: string;
}

const PERSON = { id: true, givenName: true, familyName: true, urn: true, email: true, language: true, registrationId: true } as const;
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
    include: { requestedBy: { select: PERSON }, subject: { select: PERSON }, businessAccount: { select: { businessNumber: true } } },
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
 * Sends the request to every decider who has not had it yet (a retry skips those already sent).
 * With `reminder`, every decider gets it again as a new message (Slack notifies on new messages,
 * not on edits) and the previous one loses its buttons.
 */
export async function sendRequestToDeciders(
  db: Database,
  dm: DirectMessages,
  input: { requestId: string; reminder?: { number: number; deadline: string } },
): Promise<{ sent: number }> {
  const request = await readRequest(db, input.requestId);
  if (!request || request.status !== 'pending') return { sent: 0 };
  const deciders = await decidersOf(db, request);
  const earlier = new Map(
    (await db.approvalMessage.findMany({ where: { requestId: request.requestId } })).map((m) => [m.userAccountId, m] as const),
  );
  let sent = 0;
  for (const decider of deciders) {
    if (!decider.slackUserId) continue;
    const previous = earlier.get(decider.userAccountId);
    // Keyed by reminder number: a retried activity does not post to the same decider twice.
    if (previous && previous.reminderNumber >= (input.reminder?.number ?? 0)) continue;
    const ref = await dm.post(decider.slackUserId, requestMessage(decider.language, request, input.reminder));
    if (previous) await dm.replace({ channel: previous.channel, ts: previous.ts }, reminderSupersededMessage(decider.language, request));
    await db.approvalMessage.upsert({
      where: { requestId_userAccountId: { requestId: request.requestId, userAccountId: decider.userAccountId } },
      create: { ...ref, requestId: request.requestId, userAccountId: decider.userAccountId, reminderNumber: input.reminder?.number ?? 0 },
      update: { ...ref, reminderNumber: input.reminder?.number ?? 0 },
    });
    sent += 1;
  }
  return { sent };
}

/**
 * Once decided (or expired, or cancelled): every decider's message shows the outcome and who
 * decided, in place of its buttons; the requester (and for a transfer, the owner) is told.
 */
export async function announceOutcome(db: Database, dm: DirectMessages, input: { requestId: string }): Promise<void> {
  const request = await readRequest(db, input.requestId);
  if (!request || request.status === 'pending') return;
  const messages = await db.approvalMessage.findMany({ where: { requestId: request.requestId } });
  const languages = new Map(
    (
      await db.userAccount.findMany({ where: { id: { in: messages.map((m) => m.userAccountId) } }, select: { id: true, language: true } })
    ).map((u) => [u.id, u.language] as const),
  );
  for (const message of messages) {
    await dm.replace({ channel: message.channel, ts: message.ts }, outcomeMessage(languages.get(message.userAccountId) ?? 'en', request));
  }
  // The requester: the would-be member, or the owner who proposed a transfer.
  const told = request.requester;
  if (told.slackUserId) await dm.post(told.slackUserId, outcomeNoticeForRequester(told.language, request));
}
