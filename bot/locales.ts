/**
 * Which language to speak to a Slack user before they choose one: their Slack locale
 * (users.info with include_locale), cached briefly so a burst of interactions costs one call.
 */
import type { WebClient } from '@slack/web-api';
import type { Locale } from '../domain/registration-inputs';
import type { RegistrationStatus } from '../client';

export interface SlackProfile {
  locale: Locale;
  timeZone?: string;
  /** Who the person is in Slack (real name, else display name). */
  name?: string;
}

const TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 10_000;

export class SlackProfiles {
  private readonly cache = new Map<string, { profile: SlackProfile; at: number }>();

  async get(client: WebClient, userId: string): Promise<SlackProfile> {
    const cached = this.cache.get(userId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.profile;
    let profile: SlackProfile = { locale: 'en' };
    try {
      const info = await client.users.info({ user: userId, include_locale: true });
      profile = {
        locale: info.user?.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en',
        timeZone: info.user?.tz,
        name: info.user?.real_name || info.user?.profile?.display_name || info.user?.name,
      };
    } catch {
      // users.info failing must not stop the applicant: English until they choose, and retry later.
      return profile;
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(userId, { profile, at: Date.now() });
    return profile;
  }
}

/**
 * The language the applicant chose governs once their user account exists; before, Slack's. The
 * account's language, when known, is the one in force: the person may have changed it since
 * registering (the profile), which the registration's status does not know.
 */
export function applicantLocale(
  status: RegistrationStatus | undefined,
  slack: SlackProfile,
  accountLanguage?: Locale,
): Locale {
  if (accountLanguage) return accountLanguage;
  // `locale` is absent from the status of runs started before it was reported.
  return status?.urn ? (status.locale ?? slack.locale) : slack.locale;
}
