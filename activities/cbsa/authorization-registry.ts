/**
 * CBSA's side of registration: the authorization registry. After CBSA approves form BSF831 it holds,
 * for the exporter's BN15, an authorization ID and the shared secret's hash, valid 90 days and
 * usable once. {@link AuthorizationRegistry} is the port the business-account activity uses; this
 * module is the local registry (development, tests, and any deployment that mirrors CBSA's registry
 * into its own database); http-registry.ts reaches a remote one.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../prisma/database';
import { generateSharedSecret, hashSharedSecret, verifySharedSecret } from './shared-secret';

export interface RedemptionRequest {
  businessNumber: string;
  sharedSecret: string;
  /** Unique per submission: a retried request returns the first outcome and counts once. */
  attemptId: string;
  /** Our reference for CBSA's records (the registration's workflow id). */
  reference: string;
}

export type RedemptionOutcome =
  | { kind: 'accepted'; authorizationId: string }
  | { kind: 'not_found' }
  | { kind: 'incorrect'; attemptsRemaining: number }
  | { kind: 'locked'; lockedUntil: string }
  | { kind: 'expired'; expiredAt: string }
  | { kind: 'used' };

export interface AuthorizationRegistry {
  /** Checks the shared secret for a BN and, when it is right, valid and unused, consumes it. */
  redeem(request: RedemptionRequest): Promise<RedemptionOutcome>;
}

export const SHARED_SECRET_VALIDITY_DAYS = 90;
export const MAX_FAILED_ATTEMPTS = 5;
export const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const LOCK_DURATION_MS = 24 * 60 * 60 * 1000;

export interface IssuedAuthorization {
  businessNumber: string;
  authorizationId: string;
  sharedSecret: string;
  expiresAt: string;
}

/**
 * Issues (or re-issues) the authorization for a BN15, as CBSA does when it approves BSF831 or when
 * the Commercial Registration Unit replaces a lost or expired code. Returns the secret once.
 */
export async function issueAuthorization(
  db: Database,
  businessNumber: string,
  options: { issuedAt?: Date; sharedSecret?: string; scryptCost?: number } = {},
): Promise<IssuedAuthorization> {
  const issuedAt = options.issuedAt ?? new Date();
  const expiresAt = new Date(issuedAt.getTime() + SHARED_SECRET_VALIDITY_DAYS * 86_400_000);
  const sharedSecret = options.sharedSecret ?? generateSharedSecret();
  const sharedSecretHash = await hashSharedSecret(sharedSecret, options.scryptCost);
  const authorizationId = `CERS-${randomBytes(5).toString('hex').toUpperCase()}`;
  const fields = {
    authorizationId,
    sharedSecretHash,
    issuedAt,
    expiresAt,
    usedAt: null,
    failedAttempts: 0,
    failureWindowStartedAt: null,
    lockedUntil: null,
  };
  await db.$transaction([
    db.cbsaAuthorization.upsert({ where: { businessNumber }, create: { businessNumber, ...fields }, update: fields }),
    db.auditEvent.create({
      data: {
        actor: 'cbsa',
        action: 'cbsa_authorization.issued',
        subjectType: 'cbsa_authorization',
        subjectId: businessNumber,
        after: { authorizationId, issuedAt: issuedAt.toISOString(), expiresAt: expiresAt.toISOString() },
      },
    }),
  ]);
  return { businessNumber, authorizationId, sharedSecret, expiresAt: expiresAt.toISOString() };
}

interface AuthorizationRow {
  authorization_id: string;
  shared_secret_hash: string;
  issued_at: Date;
  expires_at: Date;
  used_at: Date | null;
  failed_attempts: number;
  failure_window_started_at: Date | null;
  locked_until: Date | null;
}

/**
 * The registry in our own database. One transaction holds the authorization row locked, so
 * concurrent guesses are counted one after another; the attempt id makes a retry count once.
 */
export function localAuthorizationRegistry(db: Database, now: () => Date = () => new Date()): AuthorizationRegistry {
  return {
    redeem: (request) =>
      db.$transaction(
        async (tx): Promise<RedemptionOutcome> => {
          const bn = request.businessNumber;
          const [auth] = await tx.$queryRaw<AuthorizationRow[]>`
            SELECT authorization_id, shared_secret_hash, issued_at, expires_at, used_at, failed_attempts, failure_window_started_at, locked_until
            FROM cbsa_authorizations WHERE business_number = ${bn} FOR UPDATE`;
          if (!auth) return { kind: 'not_found' };

          const previous = await tx.authorizationAttempt.findUnique({ where: { id: request.attemptId } });
          if (previous) return replay(previous.outcome, auth);

          const at = now();
          const record = (outcome: RedemptionOutcome['kind']) =>
            tx.authorizationAttempt.create({ data: { id: request.attemptId, businessNumber: bn, outcome, attemptedAt: at } });
          const audit = (action: string, after: Record<string, string | number>) =>
            tx.auditEvent.create({
              data: {
                actor: request.reference,
                action,
                subjectType: 'cbsa_authorization',
                subjectId: bn,
                workflowId: request.reference,
                after,
              },
            });

          if (auth.locked_until && auth.locked_until > at) {
            await record('locked');
            return { kind: 'locked', lockedUntil: auth.locked_until.toISOString() };
          }
          if (!(await verifySharedSecret(request.sharedSecret, auth.shared_secret_hash))) {
            // A sliding 24-hour window: every wrong code of the last 24 hours counts, so guesses
            // cannot be spread across a fixed window's edge. Guesses at a replaced code do not.
            const since = new Date(Math.max(at.getTime() - FAILURE_WINDOW_MS, auth.issued_at.getTime() - 1));
            const failures =
              1 +
              (await tx.authorizationAttempt.count({ where: { businessNumber: bn, outcome: 'incorrect', attemptedAt: { gt: since } } }));
            if (failures >= MAX_FAILED_ATTEMPTS) {
              const lockedUntil = new Date(at.getTime() + LOCK_DURATION_MS);
              await tx.cbsaAuthorization.update({ where: { businessNumber: bn }, data: { failedAttempts: failures, lockedUntil } });
              await record('locked');
              await audit('cbsa_authorization.locked', { lockedUntil: lockedUntil.toISOString() });
              return { kind: 'locked', lockedUntil: lockedUntil.toISOString() };
            }
            await tx.cbsaAuthorization.update({
              where: { businessNumber: bn },
              data: { failedAttempts: failures, failureWindowStartedAt: auth.failure_window_started_at ?? at },
            });
            await record('incorrect');
            await audit('cbsa_authorization.secret_incorrect', { failedAttempts: failures });
            return { kind: 'incorrect', attemptsRemaining: MAX_FAILED_ATTEMPTS - failures };
          }
          if (auth.expires_at <= at) {
            await record('expired');
            return { kind: 'expired', expiredAt: auth.expires_at.toISOString() };
          }
          if (auth.used_at) {
            await record('used');
            return { kind: 'used' };
          }
          await tx.cbsaAuthorization.update({
            where: { businessNumber: bn },
            data: { usedAt: at, failedAttempts: 0, failureWindowStartedAt: null },
          });
          await record('accepted');
          await audit('cbsa_authorization.used', { authorizationId: auth.authorization_id });
          return { kind: 'accepted', authorizationId: auth.authorization_id };
        },
        { timeout: 30_000 },
      ),
  };
}

/** The outcome of an attempt already recorded (the caller retried after losing the answer). */
function replay(outcome: string, auth: AuthorizationRow): RedemptionOutcome {
  switch (outcome) {
    case 'accepted':
      return { kind: 'accepted', authorizationId: auth.authorization_id };
    case 'incorrect':
      return { kind: 'incorrect', attemptsRemaining: Math.max(0, MAX_FAILED_ATTEMPTS - auth.failed_attempts) };
    case 'locked':
      return { kind: 'locked', lockedUntil: (auth.locked_until ?? new Date(0)).toISOString() };
    case 'expired':
      return { kind: 'expired', expiredAt: auth.expires_at.toISOString() };
    default:
      return { kind: 'used' };
  }
}
