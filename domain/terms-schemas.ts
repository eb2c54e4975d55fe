/**
 * What a registered person sends to accept a new version of the Terms and Conditions. A function,
 * as in registration-schemas.ts, because the workflow builds it per validation. Issue messages are
 * catalogue keys (`validation.*`).
 */
import { z } from 'zod';

/** A version names a folder of documents and goes into workflow ids (config/terms.ts checks the same). */
export const termsVersion = () =>
  z
    .string({ error: 'required' })
    .min(1, { error: 'required' })
    .max(40, { error: 'too_long' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'invalid_characters' });

export const termsAcceptanceInput = () =>
  z.strictObject({
    userAccountId: z.uuid({ error: 'invalid_value' }),
    version: termsVersion(),
  });
