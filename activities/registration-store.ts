/**
 * User-side registration records: credential links, user accounts (with their URN and terms
 * acceptance) and registration audit events. Every write is idempotent on the registration's
 * workflow id, so a retried activity (worker killed after commit) returns the first result.
 */
import { randomInt } from 'node:crypto';
import { FailureType, registrationFailure } from '../domain/failures';
import type { CredentialProvider, UserAccountProfile } from '../domain/registration-inputs';
import { urnFromPayload } from '../domain/urn';
import { Prisma, type Database } from '../prisma/database';

export interface LinkCredentialInput {
  registrationId: string;
  provider: CredentialProvider;
  subject: string;
}

export interface LinkCredentialResult {
  credentialLinkId: string;
  /** Set when this applicant already created a user account with this credential (a restarted registration). */
  existingAccount?: { userAccountId: string; urn: string };
}

const dbProvider = (p: CredentialProvider): 'gckey' | 'sign_in_partner' =>
  p === 'gckey' ? 'gckey' : 'sign_in_partner';

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export async function linkCredential(db: Database, input: LinkCredentialInput): Promise<LinkCredentialResult> {
  const provider = dbProvider(input.provider);
  // A first sign-in (the usual case) is one INSERT; a credential seen before (this registration's
  // retried step, a returning applicant, someone else's) is then read with its account.
  try {
    const created = await db.credentialLink.create({
      data: { provider, subject: input.subject, registrationId: input.registrationId },
      select: { id: true },
    });
    return { credentialLinkId: created.id };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const link = await db.credentialLink.findUniqueOrThrow({
    where: { provider_subject: { provider, subject: input.subject } },
    include: { userAccount: true },
  });
  if (link.registrationId !== input.registrationId) {
    throw registrationFailure(
      FailureType.CredentialAlreadyLinked,
      'This credential is already linked to another applicant',
      {
        messageKey: 'failure.credential_already_linked',
        whatToDo: 'Sign in with your own credential; if this credential is yours, call the TCCU at 1-888-957-7224.',
      },
    );
  }
  return {
    credentialLinkId: link.id,
    existingAccount: link.userAccount ? { userAccountId: link.userAccount.id, urn: link.userAccount.urn } : undefined,
  };
}

export interface CreateUserAccountInput {
  registrationId: string;
  credentialLinkId: string;
  terms: { version: string; acceptedAt: string };
  profile: UserAccountProfile;
}

export interface CreateUserAccountResult {
  userAccountId: string;
  urn: string;
}

function randomUrn(): string {
  const payload = String(randomInt(1, 10)) + String(randomInt(0, 10_000_000_000)).padStart(10, '0');
  return urnFromPayload(payload);
}

export async function createUserAccount(db: Database, input: CreateUserAccountInput): Promise<CreateUserAccountResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const account = await db.$transaction(async (tx) => {
        const created = await tx.userAccount.create({
          data: { urn: randomUrn(), registrationId: input.registrationId, ...input.profile },
        });
        await tx.credentialLink.update({ where: { id: input.credentialLinkId }, data: { userAccountId: created.id } });
        await tx.termsAcceptance.create({
          data: {
            userAccountId: created.id,
            version: input.terms.version,
            acceptedAt: new Date(input.terms.acceptedAt),
          },
        });
        await tx.auditEvent.create({
          data: {
            actor: input.registrationId,
            action: 'user_account.created',
            subjectType: 'user_account',
            subjectId: created.id,
            workflowId: input.registrationId,
            // Identifiers only: the audit trail is read widely; personal data stays in user_accounts.
            after: { urn: created.urn, language: created.language, termsVersion: input.terms.version },
          },
        });
        return created;
      });
      return { userAccountId: account.id, urn: account.urn };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // This registration's account exists (a retry after the first attempt committed, or beside
    // it): that one is the answer. Otherwise the URN collided (about 1 in 10^10 per pair): again.
    const existing = await db.userAccount.findUnique({ where: { registrationId: input.registrationId } });
    if (existing) return { userAccountId: existing.id, urn: existing.urn };
  }
  throw new Error('Could not allocate a unique URN after 5 attempts');
}

export interface RegistrationEvent {
  registrationId: string;
  runId: string;
  action:
    | 'registration.expired'
    | 'registration.cancelled'
    | 'registration.completed'
    | 'registration.business_account_skipped';
  step: string;
}

/**
 * Records a registration's lifecycle event once per workflow run: keyed (unique) by run and
 * action, so an attempt that stalled and commits late beside its retry cannot write it twice.
 * Events written before they had a key (older runs) are found by their run id. One statement:
 * the insert happens only if neither finds one.
 */
export async function recordRegistrationEvent(db: Database, event: RegistrationEvent): Promise<void> {
  const dedupeKey = `${event.registrationId}:${event.runId}:${event.action}`;
  const actor = event.action === 'registration.expired' ? 'system' : event.registrationId;
  const after = JSON.stringify({ runId: event.runId, step: event.step });
  await db.$executeRaw`
    INSERT INTO audit_events (actor, action, subject_type, subject_id, workflow_id, after, dedupe_key)
    SELECT ${actor}, ${event.action}, 'registration', ${event.registrationId}, ${event.registrationId},
           ${after}::jsonb, ${dedupeKey}
    WHERE NOT EXISTS (
      SELECT 1 FROM audit_events
      WHERE workflow_id = ${event.registrationId} AND action = ${event.action}
        AND subject_type = 'registration' AND after ->> 'runId' = ${event.runId})
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
