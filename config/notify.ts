/**
 * GC Notify (notification.canada.ca), through which a code reaches a person's new e-mail address
 * (activities/mail/gc-notify.ts), and how long that code works. Required in production; in
 * development and tests a local stand-in (dev/gc-notify/) plays GC Notify when the URL is unset.
 * index.ts spreads these into its one schema.
 */
import { z } from 'zod';
import { parseDuration } from './duration';

export interface NotifyConfig {
  apiUrl: string;
  apiKey: string;
  /** The e-mail code template in each language. */
  templateIds: { en: string; fr: string };
}

export interface ProfileConfig {
  /** How long a code sent to a new e-mail address works (CERS_EMAIL_CODE_TTL). */
  emailCodeTtlMs: number;
}

const templateId = z.uuid({ error: 'expected the template id GC Notify shows for the template (a UUID)' });

export const notifyVariables = {
  GC_NOTIFY_API_URL: z
    .url({ protocol: /^https?$/, error: 'expected the API base URL, e.g. https://api.notification.canada.ca' })
    .optional(),
  GC_NOTIFY_API_KEY: z
    .string()
    .min(20, { message: 'expected the API key GC Notify issued (its API integration page)' })
    .optional(),
  GC_NOTIFY_TEMPLATE_ID: templateId.optional(),
  GC_NOTIFY_TEMPLATE_ID_FR: templateId.optional(),
  CERS_EMAIL_CODE_TTL: z
    .string()
    .default('30m')
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms < 1000 || ms > 24 * 60 * 60 * 1000) {
        ctx.addIssue({ code: 'custom', message: 'expected a duration between 1s and 24h, such as 30m' });
        return z.NEVER;
      }
      return ms;
    }),
};

type NotifyEnv = {
  NODE_ENV: string;
  GC_NOTIFY_API_URL?: string;
  GC_NOTIFY_API_KEY?: string;
  GC_NOTIFY_TEMPLATE_ID?: string;
  GC_NOTIFY_TEMPLATE_ID_FR?: string;
};

export function checkNotifyVariables(env: NotifyEnv, ctx: z.RefinementCtx): void {
  const production = env.NODE_ENV === 'production';
  if (production || env.GC_NOTIFY_API_URL) {
    for (const name of ['GC_NOTIFY_API_URL', 'GC_NOTIFY_API_KEY', 'GC_NOTIFY_TEMPLATE_ID'] as const) {
      if (!env[name])
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: production
            ? 'is required when NODE_ENV=production (codes confirming a new e-mail address go through GC Notify)'
            : 'is required with GC_NOTIFY_API_URL',
        });
    }
  }
  if (production && env.GC_NOTIFY_API_URL?.startsWith('http:')) {
    ctx.addIssue({ code: 'custom', path: ['GC_NOTIFY_API_URL'], message: 'must be https in production' });
  }
}

/** Undefined: no GC Notify configured (development: the local stand-in plays it). */
export function notifyConfig(env: NotifyEnv): NotifyConfig | undefined {
  if (!env.GC_NOTIFY_API_URL || !env.GC_NOTIFY_API_KEY || !env.GC_NOTIFY_TEMPLATE_ID) return undefined;
  return {
    apiUrl: env.GC_NOTIFY_API_URL,
    apiKey: env.GC_NOTIFY_API_KEY,
    templateIds: {
      en: env.GC_NOTIFY_TEMPLATE_ID,
      fr: env.GC_NOTIFY_TEMPLATE_ID_FR ?? env.GC_NOTIFY_TEMPLATE_ID,
    },
  };
}
