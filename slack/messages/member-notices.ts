/**
 * The direct message telling a member what an owner or proxy did about them: added, role changed,
 * removed, or the business account deleted. Worded in the member's language.
 */
import { formatBusinessNumber } from '../../domain/business-number';
import { translator, type MessageKey } from '../../i18n/catalogue';
import type { MemberNotice, MemberNoticeDetails } from '../../domain/notices';
import type { SlackMessage } from '../message';
import type { Locale } from '../../domain/registration-inputs';
import { section } from '../blocks';
import { roleParams } from './role-requests';
import { escapeMrkdwn } from '../text';

const NOTICE_KEY: Record<MemberNotice, MessageKey> = {
  added: 'members.you_were_added',
  role_changed: 'members.your_role_changed',
  removed: 'members.you_were_removed',
  business_deleted: 'members.business_deleted',
  member_left: 'members.member_left',
};

export function memberNoticeMessage(locale: Locale, notice: MemberNotice, details: MemberNoticeDetails): SlackMessage {
  const t = translator(locale);
  const text = t(NOTICE_KEY[notice], {
    actor: escapeMrkdwn(details.actorName),
    bn: formatBusinessNumber(details.businessNumber),
    ...(details.role ? roleParams(t, details.role) : {}),
  });
  return { text, blocks: [section(text)] };
}
