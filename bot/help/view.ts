/**
 * Help, in the reader's language: the commands, the four steps in the guide's order, what a URN is
 * for, how to reach the TCCU, and the CBSA help page the guide's section 3.3 points to (its
 * address is configuration: CERS_HELP_URL). `/cers help` answers with the message; the Home tab
 * ends with the blocks.
 */
import type { KnownBlock } from '@slack/types';
import { translator } from '../../i18n/catalogue';
import type { Locale } from '../../domain/registration-inputs';
import { NUMBERED_STEPS } from '../../domain/registration-steps';
import type { SlackMessage } from '../../slack/message';
import { divider, header, section } from '../../slack/blocks';
import { escapeMrkdwn, stepHeading } from '../../slack/text';

/** The steps, what a URN is for, the TCCU and the help page: what the Home tab shows too. */
export function helpBlocks(locale: Locale, helpUrl: string): KnownBlock[] {
  const t = translator(locale);
  const steps = NUMBERED_STEPS.map((step) =>
    t('bot.help.step_line', { step: stepHeading(t, step), action: t(`bot.next.${step}`) }),
  );
  return [
    section([t('bot.help.steps'), ...steps].join('\n')),
    section(t('bot.help.urn')),
    section(t('bot.help.tccu')),
    section(t('bot.help.more', { url: helpUrl })),
  ];
}

/**
 * The answer to `/cers help`, or to a word the bot does not know: that word named back first, cut
 * short and made inert (no links, no mentions).
 */
export function helpMessage(locale: Locale, helpUrl: string, unknownWord?: string): SlackMessage {
  const t = translator(locale);
  const unknown =
    unknownWord === undefined ? undefined : t('bot.command.unknown', { text: escapeMrkdwn(unknownWord.slice(0, 40)) });
  return {
    text: unknown ?? t('bot.help.title'),
    blocks: [
      header(t('bot.help.title')),
      ...(unknown ? [section(unknown)] : []),
      section(t('bot.command.help')),
      section(t('profile.command.help')),
      divider(),
      ...helpBlocks(locale, helpUrl),
    ],
  };
}
