/**
 * The registration workflow's public contract: names, inputs and results of its messages. Callers
 * (the Slack bot, operator scripts, a future web portal) import these; keep the names stable.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AcceptTermsInput,
  Applicant,
  BusinessAccountInput,
  CancelRegistrationInput,
  CredentialVerifiedInput,
  Locale,
  UserAccountInput,
} from '../../domain/registration-inputs';

export const REGISTRATION_WORKFLOW_TYPE = 'registrationWorkflow';

/** The Terms and Conditions version applicants accept unless a policy names another. */
export const CURRENT_TERMS_VERSION = '2026-01';

export {
  FINAL_STEPS,
  NUMBERED_STEPS,
  RegistrationPurpose,
  RegistrationStep,
  registrationWorkflowId,
  slackUserOfRegistration,
  stepProgress,
} from '../../domain/registration-steps';
import type { RegistrationPurpose, RegistrationStep } from '../../domain/registration-steps';

/** How long applicants may idle, fixed when the registration starts so replays are deterministic. */
export interface RegistrationPolicy {
  /** Idle time on a step before each reminder. Default 24 h. */
  reminderAfterMs: number;
  /** Reminders per idle period. Default 3. */
  maxReminders: number;
  /** Idle time after which the registration expires. Default 30 days. */
  expireAfterMs: number;
  /** Terms and Conditions version the applicant must accept. */
  termsVersion: string;
}

export const DEFAULT_REGISTRATION_POLICY: RegistrationPolicy = {
  reminderAfterMs: 24 * 60 * 60 * 1000,
  maxReminders: 3,
  expireAfterMs: 30 * 24 * 60 * 60 * 1000,
  termsVersion: CURRENT_TERMS_VERSION,
};

export interface RegistrationInput {
  applicant: Applicant;
  locale: Locale;
  /** Optional overrides; omitted fields take {@link DEFAULT_REGISTRATION_POLICY}. */
  policy?: Partial<RegistrationPolicy>;
  /** Absent: the first registration (as every run recorded before business-account runs). */
  purpose?: RegistrationPurpose;
}

export interface RegistrationStatus {
  step: RegistrationStep;
  /** Set for a business-account run; absent for a first registration. */
  purpose?: RegistrationPurpose;
  /** The language the applicant's messages are in: their Slack locale, then the one they chose. */
  locale: Locale;
  termsVersion: string;
  urn?: string;
  businessAccountId?: string;
  /** Shared-secret attempts left for the business number last tried, after a wrong secret. */
  attemptsRemaining?: number;
  /** ISO time until which the business number last tried is locked. */
  lockedUntil?: string;
  /** ISO time at which the registration expires if the applicant stays idle. */
  deadline?: string;
}

export const credentialVerified = defineUpdate<{ step: RegistrationStep }, [CredentialVerifiedInput]>(
  'credentialVerified',
);
export const acceptTerms = defineUpdate<{ step: RegistrationStep }, [AcceptTermsInput]>('acceptTerms');
export const submitUserAccount = defineUpdate<{ urn: string }, [UserAccountInput]>('submitUserAccount');
export const submitBusinessAccount = defineUpdate<{ businessAccountId: string }, [BusinessAccountInput]>(
  'submitBusinessAccount',
);
export const skipBusinessAccount = defineUpdate<{ step: RegistrationStep }, [Record<string, never>]>(
  'skipBusinessAccount',
);
export const cancelRegistration = defineSignal<[CancelRegistrationInput]>('cancelRegistration');

/** A support agent's request to remind the applicant now; the request id makes it act once. */
export interface ResendReminderInput {
  agent: string;
  requestId: string;
}
export interface ResendReminderResult {
  step: RegistrationStep;
  /** False when Slack did not take the message (e.g. the applicant left the workspace). */
  delivered: boolean;
}
/** Support: remind the applicant now, once per request id (also the update id), audited. */
export const resendReminder = defineUpdate<ResendReminderResult, [ResendReminderInput]>('resendReminder');
export const registrationStatus = defineQuery<RegistrationStatus>('registrationStatus');
/**
 * The status once the run can be shown: a business-account run answers after it has loaded the
 * person's user account (a query right after the start could see it without its URN); any other
 * run answers at once. Changes nothing.
 */
export const registrationReady = defineUpdate<RegistrationStatus, [Record<string, never>]>('registrationReady');
