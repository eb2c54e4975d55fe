/**
 * The port through which workflows reach applicants. The Slack bot implements it with direct
 * messages; until a transport is configured, notices are logged (identifiers only, no content
 * that could hold personal data).
 */
import type { Applicant, Locale } from '../domain/registration-inputs';
import type { ApplicantNotice, MemberMessage } from '../domain/notices';
import type { Logger } from '../config/logger';

export type { ApplicantNotice, CompletedNotice, ExpiredNotice, ReminderNotice } from '../domain/notices';

export interface NotifyApplicantInput {
  registrationId: string;
  applicant: Applicant;
  locale: Locale;
  notice: ApplicantNotice;
  /**
   * Idempotency key of this notice (the workflow's run and the notice): it is posted once, however
   * often the activity runs. Absent from runs scheduled before keys existed: see noticeKey().
   */
  deliveryKey?: string;
}

/** The notice's idempotency key: the workflow's own, or one made of what identifies the notice. */
export function noticeKey(input: NotifyApplicantInput): string {
  if (input.deliveryKey) return input.deliveryKey;
  const { notice } = input;
  const which = notice.kind === 'reminder' ? `${notice.step}:${notice.reminderNumber}:${notice.deadline}` : notice.step;
  return `notice:${input.registrationId}:${notice.kind}:${which}`;
}

export interface ApplicantNotifier {
  notify(input: NotifyApplicantInput): Promise<void>;
}

/** Where a posted message is, so it can be replaced later (e.g. an approver's buttons by the outcome). */
export interface MessageRef {
  channel: string;
  ts: string;
}

/**
 * Direct messages to members of business accounts (requests to approvers, outcomes to requesters).
 * The activities say what happened (a meaning); the adapter words it in the member's language.
 */
export interface DirectMessages {
  /**
   * Posts `message` to the member. With `key` (an idempotency key), at most once per key: posting
   * the same key again returns the first message's reference and posts nothing.
   */
  post(slackUserId: string, message: MemberMessage, key?: string): Promise<MessageRef>;
  replace(ref: MessageRef, message: MemberMessage): Promise<void>;
}

/** With no transport configured: logged (kind of message only), with references that go nowhere. */
export function loggingDirectMessages(log: Logger): DirectMessages {
  let sent = 0;
  const byKey = new Map<string, MessageRef>();
  return {
    async post(slackUserId, message, key) {
      const earlier = key ? byKey.get(key) : undefined;
      if (earlier) return earlier;
      sent += 1;
      log.info('direct message (no transport configured: logged only)', { to: slackUserId, kind: message.kind });
      const ref = { channel: `log-${slackUserId}`, ts: `${Date.now() / 1000}.${String(sent).padStart(6, '0')}` };
      if (key) byKey.set(key, ref);
      return ref;
    },
    async replace(ref, message) {
      log.info('direct message replaced (no transport configured: logged only)', {
        channel: ref.channel,
        kind: message.kind,
      });
    },
  };
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
