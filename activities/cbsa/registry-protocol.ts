/**
 * The authorization registry's HTTP protocol, shared by the client (http-registry.ts) and the
 * local stand-in server (registry-server.ts):
 *
 *   POST {base}/v1/authorizations/{BN15}/redemptions
 *   Authorization: Bearer <token>
 *   { "attemptId": "...", "sharedSecret": "...", "reference": "..." }
 *   → 200 RedemptionOutcome (JSON) | 400 malformed | 401 bad token | 5xx unavailable
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

export function redemptionPath(businessNumber: string): string {
  return `/v1/authorizations/${encodeURIComponent(businessNumber)}/redemptions`;
}
