/**
 * The port through which a code reaches a person's new e-mail address: GC Notify in production
 * (gc-notify.ts), its local stand-in in development and tests (dev/gc-notify/). The code is in the
 * message and nowhere else: not in the result, not in a log line, not in an error.
 */
import type { Locale } from '../../domain/registration-inputs';

export interface EmailCodeMessage {
  to: string;
  code: string;
  locale: Locale;
  /** Minutes the code works, for the message's wording. */
  validMinutes: number;
  /** Our reference for the notification (the change and which send): no personal data. */
  reference: string;
}

export interface EmailCodeMailer {
  sendCode(message: EmailCodeMessage): Promise<void>;
}

/** With no mail service configured: nothing can be sent, and the change waits (retried) until one is. */
export const noMailer: EmailCodeMailer = {
  sendCode: () =>
    Promise.reject(new Error('No mail service configured (GC_NOTIFY_API_URL): the e-mail code cannot be sent')),
};
