/**
 * Builders of the zod schemas of a profile change (a registered person's name, e-mail, phone and
 * language) and of the code that confirms a new e-mail address. The person's fields are the
 * registration's own (registration-schemas.ts): a change is validated exactly as registration was.
 * Functions, not constants, for the reason given in registration-schemas.ts.
 */
import { z } from 'zod';
import { userAccountInput } from './registration-schemas';

/** Digits in a code sent to a new e-mail address. */
export const EMAIL_CODE_DIGITS = 6;

/** The profile as the person wants it: every field, as in the registration's user-account form. */
export const profileInput = () => userAccountInput();

export const profileChangeInput = () =>
  z.strictObject({
    userAccountId: z.uuid({ error: 'invalid_type' }),
    profile: profileInput(),
    /** How long a code sent to the new e-mail address works (the workflow's timer, the row's expiry). */
    codeTtlMs: z
      .number({ error: 'invalid_type' })
      .int({ error: 'invalid_type' })
      .min(1000, { error: 'invalid_value' })
      .max(24 * 60 * 60 * 1000, { error: 'invalid_value' }),
  });

/** A code as typed: spaces and dashes people put between digit groups are ignored. */
export const emailCode = () =>
  z
    .string({ error: 'required' })
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, { error: 'required' })
        .regex(new RegExp(`^\\d{${EMAIL_CODE_DIGITS}}$`), { error: 'email_code_format' }),
    );

export const confirmEmailInput = () => z.strictObject({ code: emailCode() });
export const resendEmailCodeInput = () => z.strictObject({});
