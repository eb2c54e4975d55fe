/**
 * Events: the Home tab (shows the registration as it stands) and direct messages to the bot (start
 * or resume, reply with where the applicant is). Bolt acknowledges events before listeners run.
 */
import type { App } from '@slack/bolt';
import { claimEvent, releaseEvent } from '../event-receipts';
import { applicantOf, type BotContext } from '../context';
import { applicantLocale } from '../locales';
import { publishHome } from '../registration-modal';
import { translator } from '../../i18n/catalogue';
import { statusBlocks } from '../views/home';
import { stepName } from '../views/text';

export function registerEvents(app: App, ctx: BotContext): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const applicant = applicantOf(body.team_id, event.user);
    if (applicant) await publishHome(ctx, client, applicant);
  });

  app.message(async ({ message, body, client }) => {
    // Only what a person writes in the bot's DM: not the bot's own posts, edits or joins.
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    const applicant = applicantOf(body.team_id, message.user);
    if (!applicant) return;
    const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && !(await claimEvent(ctx.db, eventId))) {
      ctx.log.info('Slack event redelivered; already handled', { eventId });
      return;
    }
    try {
      const profile = await ctx.profiles.get(client, applicant.userId);
      const status = await ctx.gateway.resume(applicant, profile.locale);
      const locale = applicantLocale(status, profile);
      const t = translator(locale);
      await client.chat.postMessage({
        channel: message.channel,
        text: t('bot.home.current_step', { step: stepName(t, status.step) }),
        blocks: statusBlocks(locale, status),
      });
      await publishHome(ctx, client, applicant, status);
    } catch (error) {
      // Not handled: give the claim back (a redelivery may act) and tell the applicant to retry.
      if (eventId) await releaseEvent(ctx.db, eventId).catch(() => undefined);
      const { locale } = await ctx.profiles.get(client, applicant.userId);
      const t = translator(locale);
      await client.chat
        .postMessage({ channel: message.channel, text: t('bot.error.title', { message: t('bot.error.generic') }) })
        .catch(() => undefined);
      throw error;
    }
  });
}
