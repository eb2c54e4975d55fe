/**
 * Creating a business account: the shared secret is checked against CBSA's authorization registry
 * and consumed, the account and the creator's owner membership are written, all in one transaction
 * that holds the authorization row locked. Idempotent twice over: on the creating registration
 * (a retry after a crash returns the account), and on the attempt id (a retried wrong guess counts
 * once).
 */
import { FailureType, registrationFailure } from '../domain/failures';
import type { BusinessAccountSubmission } from '../domain/registration-inputs';
import type { Database } from '../prisma/database';
import { FAILURE_WINDOW_MS, LOCK_DURATION_MS, MAX_FAILED_ATTEMPTS } from './cbsa/authorization-registry';
import { verifySharedSecret } from './cbsa/shared-secret';

export interface CreateBusinessAccountInput {
  registrationId: string;
  /** Unique per submission, chosen by the workflow. */
  attemptId: string;
  userAccountId: string;
  submission: BusinessAccountSubmission;
}

export interface CreateBusinessAccountResult {
  businessAccountId: string;
}

type Outcome =
  | { kind: 'created'; businessAccountId: string }
  | { kind: 'not_found' }
  | { kind: 'incorrect'; attemptsRemaining: number }
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'expired'; expiredAt: Date }
  | { kind: 'used' }
  | { kind: 'registered' };

interface AuthorizationRow {
  business_number: string;
  shared_secret_hash: string;
  expires_at: Date;
  used_at: Date | null;
  failed_attempts: number;
  failure_window_started_at: Date | null;
  locked_until: Date | null;
}

export async function createBusinessAccount(db: Database, input: CreateBusinessAccountInput, now = () => new Date()): Promise<CreateBusinessAccountResult> {
  const outcome = await db.$transaction(
    async (tx): Promise<Outcome> => {
      const existing = await tx.businessAccount.findUnique({ where: { createdByRegistration: input.registrationId } });
      if (existing) return { kind: 'created', businessAccountId: existing.id };

      const bn = input.submission.businessNumber;
      const [auth] = await tx.$queryRaw<AuthorizationRow[]>`
        SELECT business_number, shared_secret_hash, expires_at, used_at, failed_attempts, failure_window_started_at, locked_until
        FROM cbsa_authorizations WHERE business_number = ${bn} FOR UPDATE`;
      if (!auth) return { kind: 'not_found' };

      const previous = await tx.authorizationAttempt.findUnique({ where: { id: input.attemptId } });
      if (previous) return replay(previous.outcome, auth);

      const at = now();
      const record = (outcome: string) => tx.authorizationAttempt.create({ data: { id: input.attemptId, businessNumber: bn, outcome, attemptedAt: at } });

      if (auth.locked_until && auth.locked_until > at) {
        await record('locked');
        return { kind: 'locked', lockedUntil: auth.locked_until };
      }
      if (!(await verifySharedSecret(input.submission.sharedSecret, auth.shared_secret_hash))) {
        const windowOpen = auth.failure_window_started_at && at.getTime() - auth.failure_window_started_at.getTime() < FAILURE_WINDOW_MS;
        const failures = windowOpen ? auth.failed_attempts + 1 : 1;
        const lock = failures >= MAX_FAILED_ATTEMPTS;
        const lockedUntil = new Date(at.getTime() + LOCK_DURATION_MS);
        await tx.cbsaAuthorization.update({
          where: { businessNumber: bn },
          data: lock
            ? { failedAttempts: 0, failureWindowStartedAt: null, lockedUntil }
            : { failedAttempts: failures, failureWindowStartedAt: windowOpen ? auth.failure_window_started_at : at },
        });
        await record(lock ? 'locked' : 'incorrect');
        await tx.auditEvent.create({
          data: {
            actor: input.registrationId,
            action: lock ? 'cbsa_authorization.locked' : 'cbsa_authorization.secret_incorrect',
            subjectType: 'cbsa_authorization',
            subjectId: bn,
            workflowId: input.registrationId,
            after: lock ? { lockedUntil: lockedUntil.toISOString() } : { failedAttempts: failures },
          },
        });
        return lock ? { kind: 'locked', lockedUntil } : { kind: 'incorrect', attemptsRemaining: MAX_FAILED_ATTEMPTS - failures };
      }
      if (auth.expires_at <= at) {
        await record('expired');
        return { kind: 'expired', expiredAt: auth.expires_at };
      }
      if (auth.used_at) {
        await record('used');
        return { kind: 'used' };
      }
      const active = await tx.businessAccount.findFirst({ where: { businessNumber: bn, status: 'active' } });
      if (active) {
        await record('registered');
        return { kind: 'registered' };
      }

      const { owner } = input.submission;
      const account = await tx.businessAccount.create({
        data: {
          businessNumber: bn,
          ownerPositionTitle: owner.positionTitle,
          ownerAddressLine1: owner.address.line1,
          ownerAddressLine2: owner.address.line2 ?? null,
          ownerCity: owner.address.city,
          ownerProvince: owner.address.province,
          ownerPostalCode: owner.address.postalCode,
          ownerCountry: owner.address.country,
          ownerPhone: owner.phone,
          ownerEmail: owner.email,
          createdByRegistration: input.registrationId,
        },
      });
      const membership = await tx.membership.create({
        data: { userAccountId: input.userAccountId, businessAccountId: account.id, role: 'owner' },
      });
      await tx.cbsaAuthorization.update({
        where: { businessNumber: bn },
        data: { usedAt: at, failedAttempts: 0, failureWindowStartedAt: null },
      });
      await record('accepted');
      const audit = (action: string, subjectType: string, subjectId: string, after: Record<string, string>) =>
        tx.auditEvent.create({ data: { actor: `user:${input.userAccountId}`, action, subjectType, subjectId, workflowId: input.registrationId, after } });
      await audit('cbsa_authorization.used', 'cbsa_authorization', bn, { businessAccountId: account.id });
      await audit('business_account.created', 'business_account', account.id, { businessNumber: bn, status: 'active' });
      await audit('membership.created', 'membership', membership.id, { userAccountId: input.userAccountId, businessAccountId: account.id, role: 'owner' });
      return { kind: 'created', businessAccountId: account.id };
    },
    { timeout: 30_000 },
  );
  return throwUnlessCreated(outcome);
}

/** The outcome of an attempt already recorded (the activity ran before, then the worker died). */
function replay(outcome: string, auth: AuthorizationRow): Outcome {
  switch (outcome) {
    case 'incorrect':
      return { kind: 'incorrect', attemptsRemaining: Math.max(0, MAX_FAILED_ATTEMPTS - auth.failed_attempts) };
    case 'locked':
      return { kind: 'locked', lockedUntil: auth.locked_until ?? new Date(0) };
    case 'expired':
      return { kind: 'expired', expiredAt: auth.expires_at };
    case 'used':
      return { kind: 'used' };
    default:
      return { kind: 'registered' };
  }
}

function throwUnlessCreated(outcome: Outcome): CreateBusinessAccountResult {
  switch (outcome.kind) {
    case 'created':
      return { businessAccountId: outcome.businessAccountId };
    case 'not_found':
      throw registrationFailure(FailureType.AuthorizationNotFound, 'CBSA has no export authorization for this business number', {
        messageKey: 'failure.authorization_not_found',
        whatToDo: 'Check the business number. If it is right, apply to CBSA with form BSF831; CBSA e-mails the activation code once approved.',
      });
    case 'incorrect':
      throw registrationFailure(FailureType.SharedSecretIncorrect, `The shared secret is incorrect; ${outcome.attemptsRemaining} attempts remain`, {
        messageKey: 'failure.shared_secret_incorrect',
        whatToDo: 'Copy the activation code exactly as CBSA e-mailed it. After 5 wrong codes in 24 hours the business number is locked for 24 hours.',
        params: { attemptsRemaining: outcome.attemptsRemaining },
      });
    case 'locked':
      throw registrationFailure(FailureType.BusinessNumberLocked, `Business number locked until ${outcome.lockedUntil.toISOString()}`, {
        messageKey: 'failure.business_number_locked',
        whatToDo: 'Wait until the lock ends, then try again with the exact activation code. If you lost the code, ask the CBSA Commercial Registration Unit for a new one.',
        params: { lockedUntil: outcome.lockedUntil.toISOString() },
      });
    case 'expired':
      throw registrationFailure(FailureType.SharedSecretExpired, `The shared secret expired at ${outcome.expiredAt.toISOString()}`, {
        messageKey: 'failure.shared_secret_expired',
        whatToDo: 'Activation codes are valid 90 days. Ask the CBSA Commercial Registration Unit to issue a new one, then submit it here.',
        params: { expiredAt: outcome.expiredAt.toISOString() },
      });
    case 'used':
      throw registrationFailure(FailureType.SharedSecretAlreadyUsed, 'The shared secret has already been used', {
        messageKey: 'failure.shared_secret_used',
        whatToDo: 'Each activation code works once. If your business already has an account, ask its owner to add you; otherwise contact the CBSA Commercial Registration Unit.',
      });
    case 'registered':
      throw registrationFailure(FailureType.BusinessNumberAlreadyRegistered, 'This business number already has an active business account', {
        messageKey: 'failure.business_number_registered',
        whatToDo: 'Ask the owner of the existing business account to add you with your URN, family name and e-mail.',
      });
  }
}
