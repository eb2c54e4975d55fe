/** `/cers`: opens the registration modal (starting or resuming the registration); `/cers help`. */
import type { App } from '@slack/bolt';
import { translator } from '../../i18n/catalogue';
import { applicantOf, type BotContext } from '../context';
import { openRegistration } from '../registration-modal';
import { escapeMrkdwn } from '../views/text';

const HELP_WORDS = new Set(['help', 'aide', '?']);
const START_WORDS = new Set(['', 'start', 'commencer', 'register', 'inscription', 'status', 'statut']);

export function registerCommands(app: App, ctx: BotContext): void {
  app.command('/cers', async ({ ack, command, client, respond }) => {
    // Acknowledged first: Slack shows an error if the ack takes more than 3 s.
    await ack();
    const applicant = applicantOf(command.team_id, command.user_id);
    if (!applicant) return;
    const word = command.text.trim().toLowerCase();
    if (START_WORDS.has(word)) {
      await openRegistration(ctx, client, command.trigger_id, applicant);
      return;
    }
    const { locale } = await ctx.profiles.get(client, applicant.userId);
    const t = translator(locale);
    const help = t('bot.command.help');
    // The typed text goes back only to its author, made inert (no links, no mentions).
    const text = HELP_WORDS.has(word) ? help : `${t('bot.command.unknown', { text: escapeMrkdwn(word.slice(0, 40)) })}\n\n${help}`;
    await respond({ response_type: 'ephemeral', text });
  });
}
