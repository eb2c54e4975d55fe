/**
 * `/cers`: the registration modal (started or resumed); `/cers accounts`, `/cers join`; `/cers help` (the
 * help message, also the answer to a word it does not know);
 * `/cers support …` for the support team.
 */
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Applicant, Locale } from '../../domain/registration-inputs';
import { userAccountOf } from '../../records/directory';
import { applicantOf, type BotContext } from '../context';
import { openRegistration } from '../registration/modal';
import { localeOf, openAccessRequest, openAccounts } from '../accounts/common';
import { helpMessage } from '../help/view';
import { handleSupportCommand } from '../support/command';
import { openProfile } from '../profile/open';
import { respond } from './respond';

const HELP_WORDS = new Set(['help', 'aide', '?']);
const START_WORDS = new Set(['', 'start', 'commencer', 'register', 'inscription', 'status', 'statut']);
const ACCOUNTS_WORDS = new Set(['accounts', 'account', 'comptes', 'compte', 'business', 'entreprise']);
const JOIN_WORDS = new Set(['join', 'joindre', 'request', 'demande', 'demander']);
const SUPPORT_WORDS = new Set(['support', 'soutien']);
const PROFILE_WORDS = new Set(['profile', 'profil']);

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
  if (PROFILE_WORDS.has(word)) {
    await openProfile(ctx, client, command.trigger_id, applicant);
    return;
  }
  const locale = await helpLocale(ctx, client, applicant);
  const message = helpMessage(locale, ctx.helpUrls[locale], HELP_WORDS.has(word) ? undefined : word);
  await respond(command.response_url, { response_type: 'ephemeral', ...message });
}

/**
 * The language of the person's user account, else of their Slack profile. Help is what people
 * reach for when something is broken, so a database that does not answer leaves them Slack's.
 */
async function helpLocale(ctx: BotContext, client: WebClient, applicant: Applicant): Promise<Locale> {
  const user = await userAccountOf(ctx.db, applicant).catch((error: unknown) => {
    ctx.log.warn('Help without the user account language', { error: (error as Error).name });
    return undefined;
  });
  return localeOf(ctx, client, applicant, user);
}
