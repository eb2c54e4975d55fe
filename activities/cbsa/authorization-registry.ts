/**
 * CBSA's side of registration: the authorization registry. After CBSA approves form BSF831 it holds,
 * for the exporter's BN15, an authorization ID and the shared secret's hash, valid 90 days and
 * usable once. This module is the local registry (development, tests, and any deployment that
 * mirrors CBSA's registry into the same database).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../prisma/database';
import { generateSharedSecret, hashSharedSecret } from './shared-secret';

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
  const fields = { authorizationId, sharedSecretHash, issuedAt, expiresAt, usedAt: null, failedAttempts: 0, failureWindowStartedAt: null, lockedUntil: null };
  await db.$transaction([
    db.cbsaAuthorization.upsert({ where: { businessNumber }, create: { businessNumber, ...fields }, update: fields }),
    db.auditEvent.create({
      data: { actor: 'cbsa', action: 'cbsa_authorization.issued', subjectType: 'cbsa_authorization', subjectId: businessNumber, after: { authorizationId, issuedAt: issuedAt.toISOString(), expiresAt: expiresAt.toISOString() } },
    }),
  ]);
  return { businessNumber, authorizationId, sharedSecret, expiresAt: expiresAt.toISOString() };
}
