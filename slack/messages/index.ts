/**
 * Members' direct messages worded from their meaning (domain/notices.ts), in the reader's language:
 * the one place the Slack adapters (and the tests' recording port) turn a meaning into text.
 */
import type { MemberMessage } from '../../domain/notices';
import type { SlackMessage } from '../message';
import { memberNoticeMessage } from './member-notices';
import { outcomeMessage, outcomeNoticeForRequester, reminderSupersededMessage, requestMessage } from './role-requests';

export function renderMemberMessage(message: MemberMessage): SlackMessage {
  switch (message.kind) {
    case 'role_request':
      return requestMessage(message.locale, message.request, message.reminder);
    case 'role_request_superseded':
      return reminderSupersededMessage(message.locale, message.request);
    case 'role_request_outcome':
      return outcomeMessage(message.locale, message.request);
    case 'role_request_outcome_for_requester':
      return outcomeNoticeForRequester(message.locale, message.request);
    case 'member_notice':
      return memberNoticeMessage(message.locale, message.notice, message.details);
  }
}
