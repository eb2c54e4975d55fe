/**
 * A remote authorization registry (CBSA in production) reached over HTTPS. Transport failures and
 * 5xx answers throw ordinary errors, which Temporal retries with back-off; nothing is lost while
 * the registry is down. Secrets never appear in error messages.
 */
import type { z } from 'zod';
import type { AuthorizationRegistry } from './authorization-registry';
import {
  ConfirmationOutcomeSchema,
  LockLiftOutcomeSchema,
  RedemptionOutcomeSchema,
  confirmationPath,
  lockLiftPath,
  redemptionPath,
} from './registry-protocol';

export function httpAuthorizationRegistry(options: {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}): AuthorizationRegistry {
  async function post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const url = new URL(path, options.baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new Error(`Authorization registry unreachable at ${url.origin}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new Error(`Authorization registry answered HTTP ${response.status} for ${url.pathname}`);
    }
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success)
      throw new Error(
        `Authorization registry sent an unexpected answer: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    return parsed.data;
  }

  return {
    redeem: (request) =>
      post(
        redemptionPath(request.businessNumber),
        { attemptId: request.attemptId, sharedSecret: request.sharedSecret, reference: request.reference },
        RedemptionOutcomeSchema,
      ),
    confirm: (request) =>
      post(confirmationPath(request.businessNumber), { reference: request.reference }, ConfirmationOutcomeSchema),
    liftLock: (request) =>
      post(
        lockLiftPath(request.businessNumber),
        { liftId: request.liftId, liftedBy: request.liftedBy },
        LockLiftOutcomeSchema,
      ),
  };
}
