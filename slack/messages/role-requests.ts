/**
 * The direct messages of a role request: to each decider (who asks, for what, Approve / Reject),
 * the same message once decided (the outcome and who decided, the buttons gone), and the outcome
 * for the requester. Worded in each reader's language.
 */
import type { KnownBlock } from '@slack/types';
import { translator, type Translate } from '../../i18n/catalogue';
import { formatBusinessNumber } from '../../domain/business-number';
import type { Locale } from '../../domain/registration-inputs';
import type { Role } from '../../domain/roles';
import type { RequestDetails } from '../../domain/role-requests';
import type { SlackMessage } from '../message';
import { ActionId } from '../ids';
import { actions, button, confirmation, context, fields, section } from '../blocks';
import { escapeMrkdwn, plainDate } from '../text';

export function roleName(t: Translate, role: Role): string {
  return t(`role.${role}`);
}

/** A role's words for a message: its name (`{role}`), and inside a sentence with its preposition (`{asRole}`). */
export function roleParams(t: Translate, role: Role): { role: string; asRole: string } {
  return { role: roleName(t, role), asRole: t(`role.as.${role}`) };
}

/** The value the decision buttons carry: which request, which run (a stale run is refused). */
export function requestButtonValue(request: Pick<RequestDetails, 'workflowId' | 'requestId'>): string {
  return `${request.workflowId}|${request.requestId}`;
}

export function parseRequestButtonValue(value: string | undefined): { workflowId: string; runId: string } | undefined {
  const match = /^((?:role-request|ownership-transfer):[0-9a-f-]{36}:[0-9a-f-]{36})\|([0-9a-f-]{36})$/.exec(
    value ?? '',
  );
  return match ? { workflowId: match[1]!, runId: match[2]! } : undefined;
}

function who(request: RequestDetails, t: Translate): KnownBlock {
  const person = request.kind === 'access' ? request.requester : request.subject;
  return fields([
    [t('request.field.name'), escapeMrkdwn(person.name)],
    [t('request.field.urn'), `\`${person.urn}\``],
    [t('request.field.email'), escapeMrkdwn(person.email)],
    [t('request.field.role'), roleName(t, request.role)],
  ]);
}

function lead(request: RequestDetails, t: Translate): string {
  return request.kind === 'access'
    ? t('request.access.lead', {
        name: escapeMrkdwn(request.requester.name),
        bn: formatBusinessNumber(request.businessNumber),
        ...roleParams(t, request.role),
      })
    : t('request.transfer.lead', {
        name: escapeMrkdwn(request.requester.name),
        bn: formatBusinessNumber(request.businessNumber),
      });
}

/** To a decider: the request and its two buttons. */
export function requestMessage(
  locale: Locale,
  request: RequestDetails,
  reminder?: { number: number; deadline: string },
): SlackMessage {
  const t = translator(locale);
  const value = requestButtonValue(request);
  const text = lead(request, t);
  const transfer = request.kind === 'ownership_transfer';
  return {
    text: reminder ? `${t('request.reminder')} ${text}` : text,
    blocks: [
      ...(reminder
        ? [context(t('request.reminder_deadline', { deadline: plainDate(reminder.deadline, locale) }))]
        : []),
      section(reminder ? `*${t('request.reminder')}* ${text}` : text),
      who(request, t),
      actions(
        'request',
        button({
          actionId: ActionId.ApproveRequest,
          text: transfer ? t('request.transfer.accept') : t('request.approve'),
          value,
          style: 'primary',
          ...(transfer
            ? {
                confirm: confirmation(
                  t('request.transfer.confirm_title'),
                  t('request.transfer.confirm_text', { bn: formatBusinessNumber(request.businessNumber) }),
                  t('request.transfer.accept'),
                  t('common.cancel'),
                ),
              }
            : {}),
        }),
        button({
          actionId: ActionId.RejectRequest,
          text: transfer ? t('request.transfer.decline') : t('request.reject'),
          value,
        }),
      ),
    ],
  };
}

/** The earlier message, once a reminder has been posted below it. */
export function reminderSupersededMessage(locale: Locale, request: RequestDetails): SlackMessage {
  const t = translator(locale);
  const text = lead(request, t);
  return { text, blocks: [section(text), who(request, t), context(t('request.superseded'))] };
}

function outcomeLine(t: Translate, locale: Locale, request: RequestDetails): string {
  const by = request.decidedBy ? escapeMrkdwn(request.decidedBy.name) : '';
  const at = request.decidedAt ? plainDate(request.decidedAt, locale) : '';
  switch (request.status) {
    case 'approved':
      return t(request.kind === 'access' ? 'request.outcome.approved' : 'request.outcome.transfer_accepted', {
        by,
        at,
      });
    case 'rejected':
      return t(request.kind === 'access' ? 'request.outcome.rejected' : 'request.outcome.transfer_declined', {
        by,
        at,
      });
    case 'expired':
      return t('request.outcome.expired', { at });
    default:
      // The requester took it back: deciders read that, not the general "no longer needed".
      return request.closedBecause === 'withdrawn'
        ? t('request.outcome.withdrawn', { at, name: escapeMrkdwn(request.requester.name) })
        : t('request.outcome.cancelled', { at });
  }
}

/** A decider's message after the decision: what was asked, what was decided and by whom. */
export function outcomeMessage(locale: Locale, request: RequestDetails): SlackMessage {
  const t = translator(locale);
  const outcome = outcomeLine(t, locale, request);
  return {
    text: `${lead(request, t)} ${outcome}`,
    blocks: [section(lead(request, t)), who(request, t), section(outcome)],
  };
}

/** To the requester (or the owner who proposed a transfer): how it ended. */
export function outcomeNoticeForRequester(locale: Locale, request: RequestDetails): SlackMessage {
  const t = translator(locale);
  const params = {
    bn: formatBusinessNumber(request.businessNumber),
    ...roleParams(t, request.role),
    by: escapeMrkdwn(request.decidedBy?.name ?? ''),
  };
  const key =
    request.kind === 'access'
      ? (`request.requester.${request.status}` as const)
      : (`request.transfer_owner.${request.status}` as const);
  const text = t(key as Parameters<Translate>[0], { ...params, name: escapeMrkdwn(request.subject.name) });
  const blocks: KnownBlock[] = [section(text)];
  // Closed without a decision: say why, when it is known.
  const because = request.closedBecause
    ? t(`request.refused.${request.closedBecause}` as Parameters<Translate>[0])
    : undefined;
  if (request.status === 'cancelled' && because && !because.startsWith('request.')) blocks.push(section(because));
  if (request.status === 'rejected' && request.reason)
    blocks.push(section(t('request.reason', { reason: escapeMrkdwn(request.reason) })));
  return { text, blocks };
}
