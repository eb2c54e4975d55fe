/** Keeps the Home tab in step with the registration and the person's business accounts. */
import type { WebClient } from '@slack/web-api';
import type { Applicant } from '../../domain/registration-inputs';
import type { RegistrationStatus } from '../../client';
import { membershipsOf, pendingRequestsOf, userAccountOf } from '../../records';
import { requestsToDecide } from '../../records/pending-decisions';
import type { BotContext } from '../context';
import { applicantLocale } from '../locales';
import { slackErrorCode } from '../ui/modal';
import { homeView } from './view';

/** Publishes the Home tab for the applicant; a failure here never fails what the applicant did. */
export async function publishHome(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  known?: RegistrationStatus,
): Promise<void> {
  try {
    const status = known ?? (await ctx.gateway.status(applicant));
    const profile = await ctx.profiles.get(client, applicant.userId);
    const user = await userAccountOf(ctx.db, applicant);
    const memberships = user ? await membershipsOf(ctx.db, user.id) : undefined;
    const locale = applicantLocale(status, profile, user?.language);
    const pending = user
      ? { decisions: await requestsToDecide(ctx.db, user.id), own: await pendingRequestsOf(ctx.db, user.id) }
      : undefined;
    await client.views.publish({
      user_id: applicant.userId,
      view: homeView(locale, status, profile.timeZone, memberships, ctx.helpUrls[locale], pending),
    });
  } catch (error) {
    ctx.log.warn('Home tab not published', { error: slackErrorCode(error) ?? (error as Error).name });
  }
}
