/**
 * Direct messages the workflow sends through the notifier activity: reminders, expiry and the
 * confirmation of a completed registration. Text first (notifications, screen readers), blocks for
 * the conversation.
 */
import type { KnownBlock } from '@slack/types';
import { translator } from '../../i18n/catalogue';
import type { ApplicantNotice, BusinessAccountSummary } from '../../domain/notices';
import type { Locale } from '../../domain/registration-inputs';
import { ActionId } from '../ids';
import { actions, button, section } from '../blocks';
import { completionBlocks } from './completion';
import { plainDate, stepName } from '../text';

export interface NoticeMessage {
  text: string;
  blocks: KnownBlock[];
}

export function noticeMessage(
  locale: Locale,
  notice: ApplicantNotice,
  business?: BusinessAccountSummary,
): NoticeMessage {
  const t = translator(locale);
  switch (notice.kind) {
    case 'reminder': {
      const step = stepName(t, notice.step);
      const lead = t('bot.notice.reminder', { step });
      return {
        text: `${lead} ${t('bot.notice.reminder_deadline', { deadline: plainDate(notice.deadline, locale) })}`,
        blocks: [
          section(`${lead}\n${t('bot.notice.reminder_deadline', { deadline: plainDate(notice.deadline, locale) })}`),
          actions(
            'registration',
            button({ actionId: ActionId.OpenRegistration, text: t('bot.home.continue'), style: 'primary' }),
          ),
        ],
      };
    }
    case 'expired': {
      const text = t('bot.notice.expired', { step: stepName(t, notice.step) });
      return {
        text,
        blocks: [
          section(text),
          actions('registration', button({ actionId: ActionId.OpenRegistration, text: t('bot.ended.start_again') })),
        ],
      };
    }
    case 'completed':
      if (notice.purpose === 'businessAccount')
        return {
          text: t('business_again.completed'),
          blocks: completionBlocks(t, notice.urn, business, 'business_again.completed'),
        };
      return { text: `${t('bot.notice.completed')} ${notice.urn}`, blocks: completionBlocks(t, notice.urn, business) };
  }
}
