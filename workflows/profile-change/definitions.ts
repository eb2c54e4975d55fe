/**
 * The profile change workflow's public contract: a registered person changes their name, phone,
 * language and e-mail. Name, phone and language apply at once; a new e-mail address applies only
 * once the person types back the code sent to it (the old address stays in force meanwhile).
 * Callers (the bot, a future portal) import these names.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UserAccountInput } from '../../domain/registration-inputs';

export const PROFILE_CHANGE_WORKFLOW_TYPE = 'profileChangeWorkflow';

/** Wrong codes allowed per change; then the e-mail change ends and the person starts again. */
export const MAX_EMAIL_CODE_ATTEMPTS = 5;
/** Codes sent per change: the first and at most two resends. */
export const MAX_EMAIL_CODE_SENDS = 3;

/**
 * One workflow per submission, keyed by the caller's idempotency key (the Slack view submission):
 * the same submission twice (a double click, a Slack retry) is one change.
 */
export function profileChangeWorkflowId(userAccountId: string, key: string): string {
  return `profile-change:${userAccountId}:${key}`;
}

export interface ProfileChangeInput {
  userAccountId: string;
  /** Every field of the profile as the person wants it (validated as at registration). */
  profile: UserAccountInput;
  /** How long each code sent to a new e-mail address works. */
  codeTtlMs: number;
}

/**
 * Where the e-mail change stands: `unchanged` (the address was not changed), `awaiting_code`,
 * `confirmed` (the new address is in force), `expired` (no right code in time), `attempts_exhausted`.
 */
export type EmailChangeStatus = 'unchanged' | 'awaiting_code' | 'confirmed' | 'expired' | 'attempts_exhausted';

export interface ProfileChangeStatus {
  /** `applying` until name, phone and language are written; then `applied`. */
  step: 'applying' | 'applied';
  /** The fields this change altered (never their values), e-mail included once confirmed. */
  changed: string[];
  emailStatus: EmailChangeStatus;
  /** Wrong codes the person may still type. */
  attemptsRemaining: number;
  /** Codes that may still be sent again. */
  resendsRemaining: number;
  /** The new address, while it awaits its code and once confirmed (shown to the person themself only). */
  email?: string;
  /** When the code last sent stops working (ISO), while awaiting it. */
  expiresAt?: string;
  /** The outcome of the last code typed: `incorrect` leaves the change waiting. */
  lastCheck?: 'correct' | 'incorrect' | 'expired';
}

export interface ConfirmEmailInput {
  code: string;
}

/**
 * Waits until name, phone and language are written and, for a new e-mail address, the first code
 * is sent; answers the status. The caller's first call after starting (same update id per submission).
 */
export const profileChangeApplied = defineUpdate<ProfileChangeStatus, [Record<string, never>]>('profileChangeApplied');
export const profileChangeStatus = defineQuery<ProfileChangeStatus>('profileChangeStatus');
/** The code typed back; answers the status (lastCheck says whether it was right). */
export const confirmEmail = defineUpdate<ProfileChangeStatus, [ConfirmEmailInput]>('confirmEmail');
/** Sends a new code (the one before stops working); refused once MAX_EMAIL_CODE_SENDS were sent. */
export const resendEmailCode = defineUpdate<ProfileChangeStatus, [Record<string, never>]>('resendEmailCode');
