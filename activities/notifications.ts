/**
 * The port through which workflows reach applicants. The Slack bot implements it with direct
 * messages; until a transport is configured, notices are logged (identifiers only, no content
 * that could hold personal data).
 */
import type { Applicant, Locale } from '../domain/registration-inputs';
import type { Logger } from './logger';

export interface ReminderNotice {
  kind: 'reminder';
  step: string;
  reminderNumber: number;
  /** ISO time at which the registration expires if still idle. */
  deadline: string;
}

export interface ExpiredNotice {
  kind: 'expired';
  step: string;
}

/** The registration is complete: the applicant gets their URN (and, as an owner, their business). */
export interface CompletedNotice {
  kind: 'completed';
  step: 'completed';
  urn: string;
  /** Absent when the applicant joins an existing business instead of registering one. */
  businessAccountId?: string;
}

export type ApplicantNotice = ReminderNotice | ExpiredNotice | CompletedNotice;

export interface NotifyApplicantInput {
  registrationId: string;
  applicant: Applicant;
  locale: Locale;
  notice: ApplicantNotice;
}

export interface ApplicantNotifier {
  notify(input: NotifyApplicantInput): Promise<void>;
}

export function loggingNotifier(log: Logger): ApplicantNotifier {
  return {
    async notify({ registrationId, locale, notice }) {
      log.info('applicant notice (no transport configured: logged only)', {
        registrationId,
        locale,
        kind: notice.kind,
        step: notice.step,
        ...(notice.kind === 'reminder' ? { reminderNumber: notice.reminderNumber, deadline: notice.deadline } : {}),
      });
    },
  };
}
