/**
 * `/cers support urn|bn|email <value>`: a support lookup for members of the support user group;
 * `/cers support unlock <business number> <reason>` lifts a shared-secret lock for them (membership
 * of that group is the support role in Slack). Anyone else is refused before anything is read. Slack has its ack already (listeners/commands.ts);
 * the answer goes to the command's response_url, ephemeral: only the agent sees it.
 */
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { CersFailure, liftSharedSecretLock } from '../../client';
import { SupportRole } from '../../client/support';
import { hasMessage, translator, type Translate } from '../../i18n/catalogue';
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
  if (kindWord?.toLowerCase() === 'unlock') return liftLock(ctx, command, value, { say: t, reply });
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

/**
 * The lift goes through its workflow (client/support-actions.ts), audited with the agent's Slack
 * identity; the reason travels only in the encrypted workflow input. Slack's trigger id makes the
 * request id, so a command delivered twice lifts once.
 */
async function liftLock(
  ctx: BotContext,
  command: SlashCommand,
  words: readonly string[],
  { say, reply }: { say: Translate; reply: (text: string) => Promise<void> },
): Promise<void> {
  const [businessNumber, ...reason] = words;
  if (!businessNumber || reason.length === 0) return reply(say('support.unlock_usage'));
  try {
    const result = await liftSharedSecretLock(
      ctx.support.lookup.temporal,
      ctx.support.lookup.config,
      { agent: `slack:${command.team_id}:${command.user_id}`, roles: [SupportRole.Support] },
      { businessNumber, reason: reason.join(' '), requestId: command.trigger_id },
    );
    const key = {
      lifted: 'support.lock_lifted',
      not_locked: 'support.lock_not_set',
      not_found: 'support.authorization_not_found',
    } as const;
    const liftedAt = result.outcome === 'lifted' ? result.liftedAt : '';
    return reply(say(key[result.outcome], { businessNumber: result.businessNumber, liftedAt }));
  } catch (error) {
    if (error instanceof CersFailure && hasMessage(error.details.messageKey))
      return reply(say(error.details.messageKey, error.details.params));
    ctx.log.error('support unlock failed', { error: (error as Error).message });
    return reply(say('support.unlock_failed'));
  }
}
