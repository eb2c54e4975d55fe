/**
 * Builders of the zod schemas for everything an applicant sends to a registration.
 *
 * Functions, not constants, because workflow code evaluates its modules once per workflow: a
 * schema built on demand for one validation is garbage a moment later, where module-level schemas
 * would stay in memory for every cached workflow (about 250 KB each). Code outside workflows uses
 * the ready-made constants in registration-inputs.ts.
 *
 * Issue messages are message-catalogue keys (see i18n/), never prose, so every client can show
 * them in the applicant's language.
 */
import { z } from 'zod';
import { parseExportBusinessNumber } from './business-number';

export const locale = () => z.enum(['en', 'fr']);
export const credentialProvider = () => z.enum(['gckey', 'sign-in-partner']);

const CANADIAN_PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;

export const text = (max: number) =>
  z
    .string({ error: 'required' })
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, { error: 'required' })
        .max(max, { error: 'too_long' })
        // Control characters are never part of a name or address; they are how injection starts.
        .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), { error: 'invalid_characters' }),
    );

export const personName = () =>
  text(100)
    // Phones and Macs type the typographic apostrophe (O’Connor, D’Amours): store the plain one, so
    // the name matches whichever keyboard the owner later uses to add this user.
    .transform((s) => s.replace(/[\u2019\u02BC]/g, "'"))
    .refine((s) => /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u.test(s), { error: 'name_characters' });

/**
 * zod's own e-mail pattern, as a copy of this schema's: workflows share one frozen zod
 * (workflows/shared-zod.ts), and zod resets `lastIndex` on the pattern before each test.
 */
const emailPattern = () => new RegExp(z.regexes.email.source, z.regexes.email.flags);

export const emailAddress = () =>
  z
    .string({ error: 'required' })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, { error: 'required' })
        .max(254, { error: 'too_long' })
        .pipe(z.email({ pattern: emailPattern(), error: 'email_malformed' })),
    )
    // Domains are case-insensitive; the local part is kept as typed.
    .transform((s) => {
      const at = s.lastIndexOf('@');
      return s.slice(0, at) + s.slice(at).toLowerCase();
    });

/** Telephone numbers normalised to E.164. Ten-digit numbers are North American (+1). */
export const phoneNumber = () =>
  z.string({ error: 'required' }).transform((s, ctx) => {
    const trimmed = s.trim();
    if (trimmed.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'required' });
      return z.NEVER;
    }
    const extension = /\s*(?:x|ext\.?|poste)\s*(\d{1,6})$/i.exec(trimmed);
    const main = extension ? trimmed.slice(0, extension.index) : trimmed;
    if (!/^\+?[\d\s().-]+$/.test(main)) {
      ctx.addIssue({ code: 'custom', message: 'phone_malformed' });
      return z.NEVER;
    }
    let digits = main.replace(/\D/g, '');
    if (!main.startsWith('+')) {
      if (digits.length === 10) digits = `1${digits}`;
      else if (!(digits.length === 11 && digits.startsWith('1'))) {
        ctx.addIssue({ code: 'custom', message: 'phone_malformed' });
        return z.NEVER;
      }
    }
    if (digits.length < 8 || digits.length > 15) {
      ctx.addIssue({ code: 'custom', message: 'phone_malformed' });
      return z.NEVER;
    }
    if (digits.startsWith('1') && !/^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) {
      ctx.addIssue({ code: 'custom', message: 'phone_malformed' });
      return z.NEVER;
    }
    return `+${digits}${extension ? ` x${extension[1]}` : ''}`;
  });

export const credentialVerifiedInput = () =>
  z.strictObject({
    provider: credentialProvider(),
    // A persistent anonymous identifier: opaque, never an e-mail or a name.
    subject: z
      .string()
      .min(1, { error: 'required' })
      .max(255, { error: 'too_long' })
      .regex(/^[\x21-\x7e]+$/, { error: 'invalid_characters' }),
  });

export const acceptTermsInput = () =>
  z.strictObject({
    version: z.string().min(1, { error: 'required' }).max(40, { error: 'too_long' }),
  });

export const userAccountInput = () =>
  z.strictObject({
    givenName: personName(),
    familyName: personName(),
    email: emailAddress(),
    phone: phoneNumber(),
    language: locale(),
  });

export const businessNumber = () =>
  z.string({ error: 'required' }).transform((s, ctx) => {
    const parsed = parseExportBusinessNumber(s);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `business_number.${parsed.problem.code}`,
        params: { problem: parsed.problem },
      });
      return z.NEVER;
    }
    return parsed.value;
  });

export const mailingAddress = () =>
  z
    .strictObject({
      line1: text(120),
      line2: text(120)
        .optional()
        .or(z.literal('').transform(() => undefined)),
      city: text(80),
      province: text(80),
      postalCode: text(20),
      country: z
        .string({ error: 'required' })
        .transform((s) => s.trim().toUpperCase())
        .pipe(z.string().regex(/^[A-Z]{2}$/, { error: 'country_code' })),
    })
    .transform((address, ctx) => {
      if (address.country !== 'CA') return address;
      const province = address.province.toUpperCase();
      if (!(CANADIAN_PROVINCES as readonly string[]).includes(province)) {
        ctx.addIssue({ code: 'custom', path: ['province'], message: 'province_code' });
      }
      const postal = address.postalCode.toUpperCase().replace(/\s+/g, '');
      if (!/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/.test(postal)) {
        ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'postal_code' });
      }
      return { ...address, province, postalCode: `${postal.slice(0, 3)} ${postal.slice(3)}` };
    });

export const sharedSecret = () =>
  z
    .string({ error: 'required' })
    .transform((s) => s.trim())
    .pipe(z.string().min(8, { error: 'shared_secret_format' }).max(128, { error: 'shared_secret_format' }));

/** The owner's contact information for the business account: given at registration, updated by the owner later. */
export const ownerContact = () =>
  z.strictObject({
    positionTitle: text(100),
    address: mailingAddress(),
    phone: phoneNumber(),
    email: emailAddress(),
  });

export const businessAccountInput = () =>
  z.strictObject({
    businessNumber: businessNumber(),
    sharedSecret: sharedSecret(),
    owner: ownerContact(),
  });

export const skipBusinessAccountInput = () => z.strictObject({});
export const cancelRegistrationInput = () => z.strictObject({ reason: text(500).optional() });

export const applicant = () =>
  z.strictObject({
    channel: z.literal('slack'),
    teamId: z.string().regex(/^[A-Z0-9]{2,32}$/, { error: 'slack_id' }),
    userId: z.string().regex(/^[A-Z0-9]{2,32}$/, { error: 'slack_id' }),
  });
