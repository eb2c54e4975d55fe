/** Opens the profile modal (`/cers profile`, the Home tab): the current values, in the person's language. */
import type { WebClient } from '@slack/web-api';
import type { Applicant } from '../../domain/registration-inputs';
import { translator } from '../../i18n/catalogue';
import { profileOf } from '../../records/profile';
import type { BotContext } from '../context';
import { localeOf, openThenShow } from '../accounts/common';
import { profileForm, profileNoticeView } from './views';

export async function openProfile(
  ctx: BotContext,
  client: WebClient,
  triggerId: string,
  applicant: Applicant,
): Promise<void> {
  await openThenShow(ctx, client, triggerId, async () => {
    const profile = await profileOf(ctx.db, applicant);
    if (!profile?.credentialVerified) {
      const locale = await localeOf(ctx, client, applicant, undefined);
      return profileNoticeView(locale, translator(locale)('profile.not_registered'));
    }
    const { givenName, familyName, email, phone, language } = profile;
    return profileForm(language, { givenName, familyName, email, phone, language });
  });
}
