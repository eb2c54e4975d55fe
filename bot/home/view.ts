/**
 * The App Home tab and the status message sent in reply to a direct message: where the
 * registration is, the URN once known, and the one button that continues it; the Home tab ends
 * with help (bot/help/view.ts).
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { translator, type Translate } from '../../i18n/catalogue';
import type { Locale } from '../../domain/registration-inputs';
import { FINAL_STEPS, type RegistrationStatus } from '../../client';
import { ActionId } from '../../slack/ids';
import type { MembershipRef } from '../../records/directory';
import { homeAccountsBlocks } from '../accounts/views';
import type { DecidableRequests } from '../../records/pending-decisions';
import type { OwnPendingRequest } from '../../records/role-requests';
import { homePendingBlocks } from '../pending/view';
import { helpBlocks } from '../help/view';
import { homeProfileBlocks } from '../profile/views';
import { actions, button, context, divider, header, section } from '../../slack/blocks';
import { plainDate, stepHeading } from '../../slack/text';

function nextAction(t: Translate, status: RegistrationStatus): string {
  switch (status.step) {
    case 'expired':
    case 'cancelled':
      return t('bot.next.ended');
    default:
      return t(`bot.next.${status.step}`);
  }
}

/** The registration at a glance; `status` undefined means none was ever started. */
export function statusBlocks(locale: Locale, known: RegistrationStatus | undefined, timeZone?: string): KnownBlock[] {
  const t = translator(locale);
  // A business-account run that ended leaves the person registered, whatever it registered.
  const status =
    known?.purpose === 'businessAccount' && FINAL_STEPS.includes(known.step)
      ? { ...known, step: 'completed' as const }
      : known;
  if (!status) {
    return [
      section(t('bot.home.not_started')),
      actions(
        'registration',
        button({ actionId: ActionId.OpenRegistration, text: t('bot.home.start'), style: 'primary' }),
      ),
    ];
  }
  const lines = [t('bot.home.current_step', { step: stepHeading(t, status.step, status.purpose) })];
  if (status.urn) lines.push(t('bot.home.urn', { urn: status.urn }));
  lines.push(t('bot.home.next', { action: nextAction(t, status) }));
  const finished = FINAL_STEPS.includes(status.step);
  const label =
    status.step === 'completed' ? t('bot.home.view') : finished ? t('bot.home.start') : t('bot.home.continue');
  return [
    section(lines.join('\n')),
    ...(status.deadline && !finished
      ? [context(t('bot.home.deadline', { deadline: plainDate(status.deadline, locale, timeZone) }))]
      : []),
    actions(
      'registration',
      button({ actionId: ActionId.OpenRegistration, text: label, style: finished ? undefined : 'primary' }),
    ),
  ];
}

export function homeView(
  locale: Locale,
  status: RegistrationStatus | undefined,
  timeZone?: string,
  memberships?: readonly MembershipRef[],
  helpUrl?: string,
  /** Requests to decide and the person's own still waiting (bot/pending/). */
  pending?: { decisions: DecidableRequests; own: readonly OwnPendingRequest[] },
): HomeView {
  const t = translator(locale);
  return {
    type: 'home',
    blocks: [
      header(t('bot.home.title')),
      section(t('bot.home.intro')),
      divider(),
      ...statusBlocks(locale, status, timeZone),
      ...homeAccountsBlocks(locale, memberships),
      ...(pending ? homePendingBlocks(locale, pending.decisions, pending.own, timeZone) : []),
      ...(memberships ? homeProfileBlocks(locale) : []),
      ...(helpUrl ? [divider(), header(t('bot.help.title')), ...helpBlocks(locale, helpUrl)] : []),
    ],
  };
}
