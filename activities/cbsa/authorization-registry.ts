/**
 * CBSA's side of registration: the authorization registry. After CBSA approves form BSF831 it holds,
 * for the exporter's BN15, an authorization ID and the shared secret's hash, valid 90 days and
 * usable once. {@link AuthorizationRegistry} is the port the business-account activity uses; this
 * module is the local registry (development, tests, and any deployment that mirrors CBSA's registry
 * into its own database); http-registry.ts reaches a remote one.
 */
import { randomBytes } from 'node:crypto';
import type { Database, Prisma } from '../../prisma/database';
import { generateSharedSecret, hashSharedSecret, verifySharedSecret } from './shared-secret';

export interface RedemptionRequest {
  businessNumber: string;
  sharedSecret: string;
  /** Unique per submission: a retried request returns the first outcome and counts once. */
  attemptId: string;
  /** Who redeems: the registration's workflow id (also our reference in CBSA's records). */
  reference: string;
}

export type RedemptionOutcome =
  | { kind: 'accepted'; authorizationId: string }
  | { kind: 'not_found' }
  | { kind: 'incorrect'; attemptsRemaining: number }
  | { kind: 'locked'; lockedUntil: string }
  | { kind: 'expired'; expiredAt: string }
  | { kind: 'used' };

export interface ConfirmationRequest {
  businessNumber: string;
  /** The registration that redeemed the code and whose business account now exists. */
  reference: string;
}

export type ConfirmationOutcome = { kind: 'confirmed' } | { kind: 'conflict' } | { kind: 'not_found' };

export interface LockLiftRequest {
  businessNumber: string;
  /** Unique per lift (the support workflow's id): a retried request lifts once and is answered the same. */
  liftId: string;
  /** The support agent who lifts it (the reason they typed stays with us, encrypted: never sent). */
  liftedBy: string;
}

export type LockLiftOutcome = { kind: 'lifted'; liftedAt: string } | { kind: 'not_locked' } | { kind: 'not_found' };

/**
 * CBSA's authorization registry, as the business-account step uses it. Redeeming and spending a
 * code are two steps, so that an account that cannot be created (a stalled database, a crash)
 * never leaves the applicant without a usable code:
 *
 * 1. `redeem` checks the secret, counting wrong ones (once per attempt id). A right, unexpired
 *    secret that no other registration holds or spent is *held* for `reference` for
 *    {@link HOLD_DURATION_MS} and answered `accepted`. The same reference is answered `accepted`
 *    again, with any attempt id, while it holds the code or after it spent it: a step retried
 *    later, or the same form sent again, goes on where it stopped. Anyone else gets `used`.
 * 2. `confirm` spends the code for `reference` (used_at) once its business account committed.
 *    Idempotent; `conflict` if another reference spent it. A hold never confirmed lapses, and the
 *    code is usable again.
 *
 * A registry in our own database (the local one) also offers `confirmWithin` and `liftLockWithin`,
 * which act inside the caller's transaction: the account and the spent code commit together, and
 * so do a lifted lock and its audit event.
 */
export interface AuthorizationRegistry {
  redeem(request: RedemptionRequest): Promise<RedemptionOutcome>;
  confirm(request: ConfirmationRequest): Promise<ConfirmationOutcome>;
  confirmWithin?(tx: Prisma.TransactionClient, request: ConfirmationRequest): Promise<ConfirmationOutcome>;
  /**
   * Lifts a lock set by wrong secrets and forgets the failures counted before it, so the applicant
   * has their five tries again (a support agent did it, for a recorded reason). `not_locked` when
   * no lock is in force. Idempotent per liftId.
   */
  liftLock(request: LockLiftRequest): Promise<LockLiftOutcome>;
  liftLockWithin?(tx: Prisma.TransactionClient, request: LockLiftRequest): Promise<LockLiftOutcome>;
}

export const SHARED_SECRET_VALIDITY_DAYS = 90;
export const MAX_FAILED_ATTEMPTS = 5;
export const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const LOCK_DURATION_MS = 24 * 60 * 60 * 1000;
/** How long a right secret stays held for the registration that redeemed it, unconfirmed. */
export const HOLD_DURATION_MS = 60 * 60 * 1000;

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
    usedBy: null,
    heldBy: null,
    heldUntil: null,
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
  used_by: string | null;
  held_by: string | null;
  held_until: Date | null;
  failed_attempts: number;
  failure_window_started_at: Date | null;
  locked_until: Date | null;
}

type Tx = Prisma.TransactionClient;

/** The outcome recorded in authorization_attempts for a lock a support agent lifted. */
const LIFTED = 'lifted';

async function lockedAuthorization(tx: Tx, businessNumber: string): Promise<AuthorizationRow | undefined> {
  const [row] = await tx.$queryRaw<AuthorizationRow[]>`
    SELECT authorization_id, shared_secret_hash, issued_at, expires_at, used_at, used_by, held_by, held_until,
           failed_attempts, failure_window_started_at, locked_until
    FROM cbsa_authorizations WHERE business_number = ${businessNumber} FOR UPDATE`;
  return row;
}

/** Is the code this reference's already (held by it, or spent by it)? */
function isTheirs(auth: AuthorizationRow, reference: string, at: Date): boolean {
  return auth.used_by === reference || (auth.held_by === reference && !!auth.held_until && auth.held_until > at);
}

/**
 * The registry in our own database. One transaction holds the authorization row locked, so
 * concurrent guesses are counted one after another; the attempt id makes a retry count once.
 */
export function localAuthorizationRegistry(db: Database, now: () => Date = () => new Date()): AuthorizationRegistry {
  const confirmIn = async (tx: Tx, request: ConfirmationRequest): Promise<ConfirmationOutcome> => {
    const auth = await lockedAuthorization(tx, request.businessNumber);
    if (!auth) return { kind: 'not_found' };
    if (auth.used_at)
      return auth.used_by === null || auth.used_by === request.reference ? { kind: 'confirmed' } : { kind: 'conflict' };
    await tx.cbsaAuthorization.update({
      where: { businessNumber: request.businessNumber },
      data: { usedAt: now(), usedBy: request.reference, heldBy: null, heldUntil: null },
    });
    await tx.auditEvent.create({
      data: {
        actor: request.reference,
        action: 'cbsa_authorization.used',
        subjectType: 'cbsa_authorization',
        subjectId: request.businessNumber,
        workflowId: request.reference,
        after: { authorizationId: auth.authorization_id },
      },
    });
    return { kind: 'confirmed' };
  };

  const liftIn = async (tx: Tx, request: LockLiftRequest): Promise<LockLiftOutcome> => {
    const auth = await lockedAuthorization(tx, request.businessNumber);
    if (!auth) return { kind: 'not_found' };
    const previous = await tx.authorizationAttempt.findUnique({ where: { id: request.liftId } });
    if (previous?.outcome === LIFTED) return { kind: 'lifted', liftedAt: previous.attemptedAt.toISOString() };
    const at = now();
    if (!auth.locked_until || auth.locked_until <= at) return { kind: 'not_locked' };
    await tx.cbsaAuthorization.update({
      where: { businessNumber: request.businessNumber },
      data: { lockedUntil: null, failedAttempts: 0, failureWindowStartedAt: null },
    });
    // The lift is an entry in the attempts: redeem counts wrong secrets only after the latest one.
    await tx.authorizationAttempt.create({
      data: { id: request.liftId, businessNumber: request.businessNumber, outcome: LIFTED, attemptedAt: at },
    });
    return { kind: 'lifted', liftedAt: at.toISOString() };
  };

  return {
    confirm: (request) => db.$transaction((tx) => confirmIn(tx, request), { timeout: 30_000 }),
    confirmWithin: confirmIn,
    liftLock: (request) => db.$transaction((tx) => liftIn(tx, request), { timeout: 30_000 }),
    liftLockWithin: liftIn,
    redeem: (request) =>
      db.$transaction(
        async (tx): Promise<RedemptionOutcome> => {
          const bn = request.businessNumber;
          const auth = await lockedAuthorization(tx, bn);
          if (!auth) return { kind: 'not_found' };

          const at = now();
          const record = (outcome: RedemptionOutcome['kind']) =>
            tx.authorizationAttempt.create({
              data: { id: request.attemptId, businessNumber: bn, outcome, attemptedAt: at },
            });
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
          /** The secret is right: the code becomes this reference's, unless someone else's. */
          const grant = async (recordAttempt: boolean): Promise<RedemptionOutcome> => {
            if (!isTheirs(auth, request.reference, at) && (auth.used_at || (auth.held_until && auth.held_until > at))) {
              if (recordAttempt) await record('used');
              return { kind: 'used' };
            }
            if (!auth.used_at) {
              await tx.cbsaAuthorization.update({
                where: { businessNumber: bn },
                data: {
                  heldBy: request.reference,
                  heldUntil: new Date(at.getTime() + HOLD_DURATION_MS),
                  failedAttempts: 0,
                  failureWindowStartedAt: null,
                },
              });
            }
            if (recordAttempt) await record('accepted');
            return { kind: 'accepted', authorizationId: auth.authorization_id };
          };

          const previous = await tx.authorizationAttempt.findUnique({ where: { id: request.attemptId } });
          if (previous) return previous.outcome === 'accepted' ? grant(false) : replay(previous.outcome, auth);

          // The code this registration already holds stays its own, whatever others guessed since.
          const theirs = isTheirs(auth, request.reference, at);
          if (auth.locked_until && auth.locked_until > at && !theirs) {
            await record('locked');
            return { kind: 'locked', lockedUntil: auth.locked_until.toISOString() };
          }
          if (!(await verifySharedSecret(request.sharedSecret, auth.shared_secret_hash))) {
            // A sliding 24-hour window: every wrong code of the last 24 hours counts, so guesses
            // cannot be spread across a fixed window's edge. Guesses at a replaced code do not.
            // Nor do guesses before a support agent lifted the lock.
            const lastLift = await tx.authorizationAttempt.findFirst({
              where: { businessNumber: bn, outcome: LIFTED },
              orderBy: { attemptedAt: 'desc' },
              select: { attemptedAt: true },
            });
            const since = new Date(
              Math.max(
                at.getTime() - FAILURE_WINDOW_MS,
                auth.issued_at.getTime() - 1,
                (lastLift?.attemptedAt.getTime() ?? 0) - 1,
              ),
            );
            const failures =
              1 +
              (await tx.authorizationAttempt.count({
                where: { businessNumber: bn, outcome: 'incorrect', attemptedAt: { gt: since } },
              }));
            if (failures >= MAX_FAILED_ATTEMPTS) {
              const lockedUntil = new Date(at.getTime() + LOCK_DURATION_MS);
              await tx.cbsaAuthorization.update({
                where: { businessNumber: bn },
                data: { failedAttempts: failures, lockedUntil },
              });
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
          if (auth.expires_at <= at && !theirs) {
            await record('expired');
            return { kind: 'expired', expiredAt: auth.expires_at.toISOString() };
          }
          return grant(true);
        },
        { timeout: 30_000 },
      ),
  };
}

/** The outcome of a refused attempt already recorded (the caller retried after losing the answer). */
function replay(outcome: string, auth: AuthorizationRow): RedemptionOutcome {
  switch (outcome) {
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
