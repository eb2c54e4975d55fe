/**
 * `/cers support urn|bn|email <value>`: a support lookup for members of the support user group;
 * anyone else is refused before anything is read. Slack has its ack already (listeners/commands.ts);
 * the answer goes to the command's response_url, ephemeral: only the agent sees it.
 */
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translator } from '../../i18n/catalogue';
import { supportLookup } from '../../operators/support/lookup';
import { LOOKUP_KINDS, parseSupportQuery, type LookupKind } from '../../operators/support/query';
import type { BotContext } from '../context';
import { respond } from '../routing/respond';
import { supportResultMessage } from './views';

export async function handleSupportCommand(
  ctx: BotContext,
  client: WebClient,
  command: SlashCommand,
  words: readonly string[],
): Promise<void> {
  const profile = await ctx.profiles.get(client, command.user_id);
  const t = translator(profile.locale);
  const reply = (text: string) => respond(command.response_url, { response_type: 'ephemeral', text });

  const access = await ctx.support.team.access(client, command.user_id);
  if (access !== 'member') return reply(t(`support.refused.${access}`));

  const [kindWord, ...value] = words;
  const kind = LOOKUP_KINDS.find((k): k is LookupKind => k === kindWord?.toLowerCase());
  if (!kind) return reply(t('support.usage'));
  const parsed = parseSupportQuery(kind, value.join(' '));
  if (!parsed.ok) return reply(t(parsed.problem.messageKey, parsed.problem.params));

  let message;
  try {
    const result = await supportLookup(
      { ...ctx.support.lookup, db: ctx.db },
      { actor: `slack:${command.team_id}:${command.user_id}`, via: 'slack' },
      parsed.query,
    );
    message = supportResultMessage(profile.locale, result, profile.timeZone);
  } catch (error) {
    // Nothing about the person: the query kind and what failed.
    ctx.log.error('support lookup failed', { kind, error: (error as Error).message });
    return reply(t('support.lookup_failed'));
  }
  await respond(command.response_url, { response_type: 'ephemeral', ...message });
}
