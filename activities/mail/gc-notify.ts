/**
 * GC Notify (notification.canada.ca), the Government of Canada's notification service, over its
 * HTTP API: `POST /v2/notifications/email` with `Authorization: ApiKey-v1 <key>` and JSON
 * `{email_address, template_id, personalisation, reference}`; 201 answers the notification.
 * Every failure throws an ordinary error, which Temporal retries with back-off (a rate limit, an
 * outage, a key being rotated); no error or log line quotes the address or the code.
 */
import type { Locale } from '../../domain/registration-inputs';
import type { EmailCodeMailer } from './email-codes';

export interface GcNotifyOptions {
  /** e.g. https://api.notification.canada.ca */
  apiUrl: string;
  apiKey: string;
  /** The e-mail code template in each language (its personalisation: `code`, `minutes`). */
  templateIds: Record<Locale, string>;
  timeoutMs?: number;
}

export const GC_NOTIFY_EMAIL_PATH = '/v2/notifications/email';

export function gcNotifyMailer(options: GcNotifyOptions): EmailCodeMailer {
  return {
    async sendCode(message) {
      const url = new URL(GC_NOTIFY_EMAIL_PATH, options.apiUrl);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `ApiKey-v1 ${options.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            email_address: message.to,
            template_id: options.templateIds[message.locale],
            personalisation: { code: message.code, minutes: String(message.validMinutes) },
            reference: message.reference,
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw new Error(`GC Notify unreachable at ${url.origin}: ${(error as Error).name}`);
      }
      if (response.status !== 201) {
        // GC Notify's errors are [{error, message}]; the error names are safe to log, messages may quote input.
        const body = (await response.json().catch(() => undefined)) as { errors?: { error?: unknown }[] } | undefined;
        const names = (body?.errors ?? []).map((e) => String(e.error)).join(',');
        throw new Error(`GC Notify answered HTTP ${response.status}${names ? ` (${names})` : ''}`);
      }
    },
  };
}
