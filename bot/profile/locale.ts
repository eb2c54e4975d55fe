/**
 * The language to speak to a person about their registration: their user account's (which the
 * profile changes), else what the registration or Slack says. Read from the system of record at
 * each message, so a language changed a moment ago governs the next message.
 */
import type { WebClient } from '@slack/web-api';
import type { Applicant, Locale } from '../../domain/registration-inputs';
import type { RegistrationStatus } from '../../client';
import { userAccountOf } from '../../records/directory';
import type { BotContext } from '../context';
import { applicantLocale } from '../locales';

export async function personLocale(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  status: RegistrationStatus | undefined,
): Promise<Locale> {
  const profile = await ctx.profiles.get(client, applicant.userId);
  // No account yet, or a database that does not answer: what the registration and Slack say.
  const account = status?.urn ? await userAccountOf(ctx.db, applicant).catch(() => undefined) : undefined;
  return applicantLocale(status, profile, account?.language);
}
