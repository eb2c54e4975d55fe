/**
 * `/cers`: the registration modal (started or resumed); `/cers accounts`, `/cers join`; `/cers help`;
 * `/cers support …` for the support team.
 */
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translator } from '../../i18n/catalogue';
import { applicantOf, type BotContext } from '../context';
import { openRegistration } from '../registration/modal';
import { openAccessRequest, openAccounts } from '../accounts/common';
import { escapeMrkdwn } from '../../slack/text';
import { handleSupportCommand } from '../support/command';
import { respond } from './respond';

const HELP_WORDS = new Set(['help', 'aide', '?']);
const START_WORDS = new Set(['', 'start', 'commencer', 'register', 'inscription', 'status', 'statut']);
const ACCOUNTS_WORDS = new Set(['accounts', 'account', 'comptes', 'compte', 'business', 'entreprise']);
const JOIN_WORDS = new Set(['join', 'joindre', 'request', 'demande', 'demander']);
const SUPPORT_WORDS = new Set(['support', 'soutien']);

export async function handleCommand(ctx: BotContext, client: WebClient, command: SlashCommand): Promise<void> {
  const applicant = applicantOf(command.team_id, command.user_id);
  if (!applicant) return;
  const word = command.text.trim().toLowerCase();
  const [first = '', ...rest] = command.text.trim().split(/\s+/);
  if (SUPPORT_WORDS.has(first.toLowerCase())) {
    await handleSupportCommand(ctx, client, command, rest);
    return;
  }
  if (START_WORDS.has(word)) {
    await openRegistration(ctx, client, command.trigger_id, applicant);
    return;
  }
  if (ACCOUNTS_WORDS.has(word)) {
    await openAccounts(ctx, client, command.trigger_id, applicant);
    return;
  }
  if (JOIN_WORDS.has(word)) {
    await openAccessRequest(ctx, client, command.trigger_id, applicant);
    return;
  }
  const { locale } = await ctx.profiles.get(client, applicant.userId);
  const t = translator(locale);
  const help = t('bot.command.help');
  // The typed text goes back only to its author, made inert (no links, no mentions).
  const text = HELP_WORDS.has(word)
    ? help
    : `${t('bot.command.unknown', { text: escapeMrkdwn(word.slice(0, 40)) })}\n\n${help}`;
  await respond(command.response_url, { response_type: 'ephemeral', text });
}
