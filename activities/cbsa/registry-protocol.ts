/**
 * The authorization registry's HTTP protocol, shared by the client (http-registry.ts) and the
 * local stand-in server (registry-server.ts). The contract behind it is AuthorizationRegistry's
 * (authorization-registry.ts): redeeming holds a right code for the registration that redeemed it,
 * confirming spends it once that registration's business account exists.
 *
 *   POST {base}/v1/authorizations/{BN15}/redemptions
 *   Authorization: Bearer <token>
 *   { "attemptId": "...", "sharedSecret": "...", "reference": "..." }
 *   → 200 RedemptionOutcome (JSON) | 400 malformed | 401 bad token | 5xx unavailable
 *
 *     The secret is checked; a wrong one is counted once per attemptId (a retry with the same
 *     attemptId gets the first answer and counts nothing). A right, unexpired secret that no other
 *     reference holds or spent is held for `reference` for an hour and answered `accepted`; the
 *     same reference is answered `accepted` again with any attemptId until it confirms (or
 *     afterwards). Another reference gets `used`.
 *
 *   POST {base}/v1/authorizations/{BN15}/confirmations
 *   Authorization: Bearer <token>
 *   { "reference": "..." }
 *   → 200 ConfirmationOutcome (JSON) | 400 malformed | 401 bad token | 5xx unavailable
 *
 *     Spends the code for `reference` (its business account now exists). Idempotent: confirming
 *     twice answers `confirmed` twice. `conflict` if another reference spent it. A held code never
 *     confirmed is free again once its hold lapses.
 *
 *   POST {base}/v1/authorizations/{BN15}/lock-lifts
 *   Authorization: Bearer <token>
 *   { "liftId": "...", "liftedBy": "..." }
 *   → 200 LockLiftOutcome (JSON) | 400 malformed | 401 bad token | 5xx unavailable
 *
 *     A support agent (`liftedBy`) lifts the lock wrong secrets set: the lock ends and the wrong
 *     secrets counted before it no longer count, so the applicant has every try again. `not_locked`
 *     when no lock is in force (nothing changes). Idempotent per liftId: the same liftId again is
 *     answered `lifted` with the first time. The agent's reason is not sent: it may hold personal
 *     data, and stays in CERS Onboard's encrypted workflow input.
 */
import { z } from 'zod';

export const RedemptionBody = z.strictObject({
  attemptId: z.string().min(1).max(100),
  sharedSecret: z.string().min(1).max(200),
  reference: z.string().min(1).max(300),
});

export const RedemptionOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted'), authorizationId: z.string() }),
  z.object({ kind: z.literal('not_found') }),
  z.object({ kind: z.literal('incorrect'), attemptsRemaining: z.number().int().min(0) }),
  z.object({ kind: z.literal('locked'), lockedUntil: z.iso.datetime() }),
  z.object({ kind: z.literal('expired'), expiredAt: z.iso.datetime() }),
  z.object({ kind: z.literal('used') }),
]);

export const ConfirmationBody = z.strictObject({ reference: z.string().min(1).max(300) });

export const ConfirmationOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirmed') }),
  z.object({ kind: z.literal('conflict') }),
  z.object({ kind: z.literal('not_found') }),
]);

export const LockLiftBody = z.strictObject({
  liftId: z.string().min(1).max(300),
  liftedBy: z.string().min(1).max(100),
});

export const LockLiftOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lifted'), liftedAt: z.iso.datetime() }),
  z.object({ kind: z.literal('not_locked') }),
  z.object({ kind: z.literal('not_found') }),
]);

export function redemptionPath(businessNumber: string): string {
  return `/v1/authorizations/${encodeURIComponent(businessNumber)}/redemptions`;
}

export function confirmationPath(businessNumber: string): string {
  return `/v1/authorizations/${encodeURIComponent(businessNumber)}/confirmations`;
}

export function lockLiftPath(businessNumber: string): string {
  return `/v1/authorizations/${encodeURIComponent(businessNumber)}/lock-lifts`;
}
