/** `/cers`: the registration modal (started or resumed); `/cers accounts`, `/cers join`; `/cers help`. */
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translator } from '../../i18n/catalogue';
import { applicantOf, type BotContext } from '../context';
import { openRegistration } from '../registration/modal';
import { openAccessRequest, openAccounts } from '../accounts/common';
import { escapeMrkdwn } from '../../slack/text';

const HELP_WORDS = new Set(['help', 'aide', '?']);
const START_WORDS = new Set(['', 'start', 'commencer', 'register', 'inscription', 'status', 'statut']);
const ACCOUNTS_WORDS = new Set(['accounts', 'account', 'comptes', 'compte', 'business', 'entreprise']);
const JOIN_WORDS = new Set(['join', 'joindre', 'request', 'demande', 'demander']);

export async function handleCommand(ctx: BotContext, client: WebClient, command: SlashCommand): Promise<void> {
  const applicant = applicantOf(command.team_id, command.user_id);
  if (!applicant) return;
  const word = command.text.trim().toLowerCase();
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

/** Posts to a command's response_url, as Bolt's `respond()` does. */
async function respond(responseUrl: string, message: { response_type: 'ephemeral'; text: string }): Promise<void> {
  const response = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}
