/**
 * The pending-request lists: the requests a person may decide (owners, proxies, a proposed new
 * owner), each with Approve / Reject, in the accounts modal and on the Home tab; and on Home the
 * person's own requests still waiting. Only the oldest few are shown, with how many more wait,
 * so a busy business account stays within Slack's block limits.
 */
import type { KnownBlock } from '@slack/types';
import { translator, type Translate } from '../../i18n/catalogue';
import { formatBusinessNumber } from '../../domain/business-number';
import type { Locale } from '../../domain/registration-inputs';
import type { DecidableRequest, DecidableRequests } from '../../records/pending-decisions';
import type { OwnPendingRequest } from '../../records/role-requests';
import { ActionId } from '../../slack/ids';
import { actions, button, confirmation, context, divider, header, section } from '../../slack/blocks';
import { escapeMrkdwn, plainDate } from '../../slack/text';
import { requestButtonValue, roleParams } from '../../slack/messages/role-requests';

function lead(t: Translate, request: DecidableRequest): string {
  const params = { name: escapeMrkdwn(request.requester.name), bn: formatBusinessNumber(request.businessNumber) };
  return request.kind === 'access'
    ? t('request.access.lead', { ...params, ...roleParams(t, request.role) })
    : t('request.transfer.lead', params);
}

/** One request: who asks, for what, since when; Approve (Accept, confirmed) and Reject (Decline). */
function requestBlocks(t: Translate, locale: Locale, request: DecidableRequest, timeZone?: string): KnownBlock[] {
  const value = requestButtonValue(request);
  const transfer = request.kind === 'ownership_transfer';
  const bn = formatBusinessNumber(request.businessNumber);
  return [
    section(lead(t, request)),
    context(
      t('pending.who', {
        urn: request.requester.urn,
        email: escapeMrkdwn(request.requester.email),
        at: plainDate(request.askedAt, locale, timeZone),
      }),
    ),
    actions(
      `pending:${request.requestId}`,
      button({
        actionId: ActionId.ApprovePendingRequest,
        text: transfer ? t('request.transfer.accept') : t('request.approve'),
        value,
        style: 'primary',
        ...(transfer
          ? {
              confirm: confirmation(
                t('request.transfer.confirm_title'),
                t('request.transfer.confirm_text', { bn }),
                t('request.transfer.accept'),
                t('common.cancel'),
              ),
            }
          : {}),
      }),
      button({
        actionId: ActionId.RejectPendingRequest,
        text: transfer ? t('request.transfer.decline') : t('request.reject'),
        value,
      }),
    ),
  ];
}

/** Who may decide something: the list, oldest first, and how many more wait. */
function decisionList(locale: Locale, decisions: DecidableRequests, timeZone?: string): KnownBlock[] {
  const t = translator(locale);
  const more = decisions.total - decisions.oldest.length;
  return [
    header(t('pending.title')),
    context(t('accounts.pending_requests', { count: decisions.total })),
    ...decisions.oldest.flatMap((request) => requestBlocks(t, locale, request, timeZone)),
    ...(more > 0 ? [context(t('pending.more', { count: more }))] : []),
  ];
}

/** The accounts modal's part: the requests this person may decide; nothing when there are none. */
export function pendingDecisionBlocks(
  locale: Locale,
  decisions: DecidableRequests | undefined,
  timeZone?: string,
): KnownBlock[] {
  if (!decisions || decisions.total === 0) return [];
  return [...decisionList(locale, decisions, timeZone), divider()];
}

/** Lines, one per request the person made that still waits (withdrawn from the accounts modal). */
function ownRequestLines(t: Translate, requests: readonly OwnPendingRequest[]): string {
  return requests
    .map((request) => {
      const bn = formatBusinessNumber(request.businessNumber);
      return request.kind === 'access'
        ? t('accounts.my_request.access', { bn, ...roleParams(t, request.role) })
        : t('accounts.my_request.transfer', { bn });
    })
    .join('\n');
}

/** The Home tab's part: the requests to decide, then the person's own requests still waiting. */
export function homePendingBlocks(
  locale: Locale,
  decisions: DecidableRequests | undefined,
  own: readonly OwnPendingRequest[],
  timeZone?: string,
): KnownBlock[] {
  const t = translator(locale);
  return [
    ...(decisions && decisions.total > 0 ? [divider(), ...decisionList(locale, decisions, timeZone)] : []),
    ...(own.length > 0
      ? [divider(), header(t('accounts.my_requests')), section(ownRequestLines(t, own)), context(t('pending.own_hint'))]
      : []),
  ];
}
