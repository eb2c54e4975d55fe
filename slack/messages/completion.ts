/** A completed registration, as the modal and the confirmation message both show it. */
import type { KnownBlock, RichTextBlock } from '@slack/types';
import type { MessageKey, Translate } from '../../i18n/catalogue';
import { formatBusinessNumber } from '../../domain/business-number';
import type { BusinessAccountSummary } from '../../domain/notices';
import { context, divider, fields, header, section } from '../blocks';
import { escapeMrkdwn } from '../text';

/** The URN in a preformatted block: one tap selects exactly the number. */
export function urnBlocks(t: Translate, urn: string): KnownBlock[] {
  const preformatted: RichTextBlock = {
    type: 'rich_text',
    elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: urn }] }],
  };
  return [section(`*${t('bot.completed.urn_label')}*`), preformatted, context(t('bot.completed.urn_help'))];
}

/**
 * What a completed registration shows, in the modal and in the confirmation message alike; a
 * business account registered later says so in `intro`.
 */
export function completionBlocks(
  t: Translate,
  urn: string,
  business?: BusinessAccountSummary,
  intro: MessageKey = 'bot.completed.intro',
): KnownBlock[] {
  const blocks: KnownBlock[] = [header(t('bot.step.completed')), section(t(intro)), ...urnBlocks(t, urn), divider()];
  if (business) {
    blocks.push(
      section(t('bot.completed.business_summary')),
      fields([
        [t('bot.completed.business_number'), formatBusinessNumber(business.businessNumber)],
        [t('bot.completed.role'), t('bot.completed.role_owner')],
        [t('bot.completed.position_title'), escapeMrkdwn(business.ownerPositionTitle)],
        [t('bot.completed.status'), t('bot.completed.status_active')],
      ]),
    );
  } else {
    blocks.push(section(t('bot.completed.joining')));
  }
  return blocks;
}
