/**
 * The steps of a profile change (workflows/profile-change): write the name, phone and language;
 * make, hash and mail a code for a new e-mail address; check a typed code; write the confirmed
 * address. The audit trail names the fields that changed, never their values, and never a code.
 * Idempotent on `changeId` (the workflow id): a retried step finds its audit event and has no
 * second effect.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database } from '../prisma/database';
import type { Locale, UserAccountProfile } from '../domain/registration-inputs';
import { EMAIL_CODE_DIGITS } from '../domain/profile-schemas';
import type { EmailCodeMailer } from './mail/email-codes';

/** The profile fields a change can write at once, in the order people read them. */
const AT_ONCE = ['givenName', 'familyName', 'phone', 'language'] as const;

const auditOf = (db: Database, changeId: string, action: string) =>
  db.auditEvent.findFirst({ where: { workflowId: changeId, action } });

export interface ApplyProfileChangeInput {
  changeId: string;
  userAccountId: string;
  profile: UserAccountProfile;
}

/** Writes name, phone and language; says which changed and whether the e-mail differs from the one in force. */
export async function applyProfileChange(
  db: Database,
  input: ApplyProfileChangeInput,
): Promise<{ changed: string[]; emailChanged: boolean }> {
  return db.$transaction(async (tx) => {
    const current = await tx.userAccount.findUniqueOrThrow({
      where: { id: input.userAccountId },
      select: { givenName: true, familyName: true, phone: true, language: true, email: true },
    });
    const emailChanged = current.email !== input.profile.email;
    const done = await tx.auditEvent.findFirst({
      where: { workflowId: input.changeId, action: 'user_account.profile_changed' },
    });
    if (done) return { changed: ((done.after as { changed?: string[] } | null)?.changed ?? []).slice(), emailChanged };
    const changed = AT_ONCE.filter((field) => current[field] !== input.profile[field]);
    if (changed.length === 0) return { changed, emailChanged };
    await tx.userAccount.update({
      where: { id: input.userAccountId },
      data: Object.fromEntries(changed.map((field) => [field, input.profile[field]])),
    });
    await tx.auditEvent.create({
      data: {
        actor: `user:${input.userAccountId}`,
        action: 'user_account.profile_changed',
        subjectType: 'user_account',
        subjectId: input.userAccountId,
        workflowId: input.changeId,
        after: { changed },
        dedupeKey: `${input.changeId}:profile_changed`,
      },
    });
    return { changed, emailChanged };
  });
}

/** sha256$salt$hash: a code is 6 digits, so the hash only keeps it from being read; attempts and expiry protect it. */
function hashCode(code: string): string {
  const salt = randomBytes(16);
  const hash = createHash('sha256').update(salt).update(code).digest();
  return `sha256$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

function codeMatches(stored: string, code: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'sha256' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = createHash('sha256').update(Buffer.from(salt, 'base64url')).update(code).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface SendEmailCodeInput {
  changeId: string;
  userAccountId: string;
  email: string;
  locale: Locale;
  /** 1 for the first code, n for the n-th (a resend replaces the code before it). */
  sendNumber: number;
  /** When this code stops working (the workflow's timer fires then). */
  expiresAt: string;
}

/**
 * Makes a random code, keeps its hash (replacing any code before it) and mails it. A retry after
 * the mail left sends a new code, which replaces the first: the latest mail is always the one that works.
 */
export async function sendEmailCode(db: Database, mailer: EmailCodeMailer, input: SendEmailCodeInput): Promise<void> {
  const code = String(randomInt(0, 10 ** EMAIL_CODE_DIGITS)).padStart(EMAIL_CODE_DIGITS, '0');
  const expiresAt = new Date(input.expiresAt);
  const codeHash = hashCode(code);
  await db.$transaction(async (tx) => {
    await tx.emailConfirmation.upsert({
      where: { changeId: input.changeId },
      create: { changeId: input.changeId, userAccountId: input.userAccountId, codeHash, expiresAt },
      update: { codeHash, expiresAt, sends: input.sendNumber },
    });
    if (
      !(await tx.auditEvent.findFirst({
        where: { dedupeKey: `${input.changeId}/email-code-sent/${input.sendNumber}` },
      }))
    )
      await tx.auditEvent.create({
        data: {
          actor: `user:${input.userAccountId}`,
          action: 'user_account.email_code_sent',
          subjectType: 'user_account',
          subjectId: input.userAccountId,
          workflowId: input.changeId,
          after: { changed: ['email'], sendNumber: input.sendNumber },
          dedupeKey: `${input.changeId}/email-code-sent/${input.sendNumber}`,
        },
      });
  });
  const validMinutes = Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 60_000));
  await mailer.sendCode({
    to: input.email,
    code,
    locale: input.locale,
    validMinutes,
    reference: `${input.changeId}:${input.sendNumber}`,
  });
}

/** Whether `code` is the one last sent for this change and still works. Counting attempts is the workflow's. */
export async function checkEmailCode(
  db: Database,
  input: { changeId: string; code: string },
): Promise<{ outcome: 'correct' | 'incorrect' | 'expired' }> {
  const row = await db.emailConfirmation.findUnique({ where: { changeId: input.changeId } });
  if (!row) return { outcome: 'incorrect' };
  if (row.confirmedAt) return { outcome: 'correct' };
  if (row.expiresAt.getTime() <= Date.now()) return { outcome: 'expired' };
  return { outcome: codeMatches(row.codeHash, input.code) ? 'correct' : 'incorrect' };
}

/** The new address takes effect: written, the confirmation closed, the change audited (field name only). */
export async function applyEmailChange(
  db: Database,
  input: { changeId: string; userAccountId: string; email: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    if (await tx.auditEvent.findFirst({ where: { dedupeKey: `${input.changeId}:email_changed` } })) return;
    await tx.userAccount.update({ where: { id: input.userAccountId }, data: { email: input.email } });
    await tx.emailConfirmation.update({ where: { changeId: input.changeId }, data: { confirmedAt: new Date() } });
    await tx.auditEvent.create({
      data: {
        actor: `user:${input.userAccountId}`,
        action: 'user_account.email_changed',
        subjectType: 'user_account',
        subjectId: input.userAccountId,
        workflowId: input.changeId,
        after: { changed: ['email'] },
        dedupeKey: `${input.changeId}:email_changed`,
      },
    });
  });
}

/** The e-mail change ended unconfirmed: the old address stays; the trail says why. */
export async function recordEmailChangeEnded(
  db: Database,
  input: { changeId: string; userAccountId: string; because: 'expired' | 'attempts_exhausted' },
): Promise<void> {
  if (await auditOf(db, input.changeId, 'user_account.email_change_ended')) return;
  await db.auditEvent
    .create({
      data: {
        actor: 'system',
        action: 'user_account.email_change_ended',
        subjectType: 'user_account',
        subjectId: input.userAccountId,
        workflowId: input.changeId,
        after: { because: input.because },
        dedupeKey: `${input.changeId}:email_change_ended`,
      },
    })
    .catch((error: unknown) => {
      // A retry that lost the race to its own first attempt: the event is there.
      if ((error as { code?: string }).code !== 'P2002') throw error;
    });
}

export function profileChangeActivities({ db, mailer }: { db: Database; mailer: EmailCodeMailer }) {
  return {
    applyProfileChange: (input: ApplyProfileChangeInput) => applyProfileChange(db, input),
    sendEmailCode: (input: SendEmailCodeInput) => sendEmailCode(db, mailer, input),
    checkEmailCode: (input: { changeId: string; code: string }) => checkEmailCode(db, input),
    applyEmailChange: (input: { changeId: string; userAccountId: string; email: string }) =>
      applyEmailChange(db, input),
    recordEmailChangeEnded: (input: {
      changeId: string;
      userAccountId: string;
      because: 'expired' | 'attempts_exhausted';
    }) => recordEmailChangeEnded(db, input),
  };
}
