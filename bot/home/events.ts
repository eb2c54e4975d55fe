/**
 * Events: the Home tab (shows the registration as it stands) and direct messages to the bot (start
 * or resume, reply with where the applicant is).
 */
import type { EnvelopedEvent } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { claimEvent, releaseEvent } from '../../records/slack-event-receipts';
import { applicantOf, type BotContext } from '../context';
import { personLocale } from '../profile/locale';
import { publishHome } from './publish';
import { translator } from '../../i18n/catalogue';
import { statusBlocks } from './view';
import { stepHeading } from '../../slack/text';

/** The fields of the two events the bot answers; anything else in an envelope is ignored. */
const HomeOpened = z.object({ type: z.literal('app_home_opened'), user: z.string(), tab: z.string().optional() });
const DirectMessage = z.object({
  type: z.literal('message'),
  channel_type: z.literal('im'),
  channel: z.string(),
  user: z.string(),
  subtype: z.never().optional(),
  bot_id: z.never().optional(),
});

export async function handleEvent(ctx: BotContext, client: WebClient, body: EnvelopedEvent): Promise<void> {
  const teamId = typeof body.team_id === 'string' ? body.team_id : undefined;
  const home = HomeOpened.safeParse(body.event);
  if (home.success) {
    const applicant = applicantOf(teamId, home.data.user);
    if (home.data.tab === 'home' && applicant) await publishHome(ctx, client, applicant);
    return;
  }
  // Only what a person writes in the bot's DM: not the bot's own posts, edits or joins.
  const message = DirectMessage.safeParse(body.event);
  if (!message.success) return;
  const applicant = applicantOf(teamId, message.data.user);
  if (!applicant) return;
  const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
  if (eventId && !(await claimEvent(ctx.db, eventId))) {
    ctx.log.info('Slack event redelivered; already handled', { eventId });
    return;
  }
  const channel = message.data.channel;
  try {
    const profile = await ctx.profiles.get(client, applicant.userId);
    const status = await ctx.gateway.resume(applicant, profile.locale);
    const locale = await personLocale(ctx, client, applicant, status);
    const t = translator(locale);
    await client.chat.postMessage({
      channel,
      text: t('bot.home.current_step', { step: stepHeading(t, status.step, status.purpose) }),
      blocks: statusBlocks(locale, status),
    });
    await publishHome(ctx, client, applicant, status);
  } catch (error) {
    // Not handled: give the claim back (a redelivery may act) and tell the applicant to retry.
    if (eventId) await releaseEvent(ctx.db, eventId).catch(() => undefined);
    const { locale } = await ctx.profiles.get(client, applicant.userId);
    const t = translator(locale);
    await client.chat
      .postMessage({ channel, text: t('bot.error.title', { message: t('bot.error.generic') }) })
      .catch(() => undefined);
    throw error;
  }
}
