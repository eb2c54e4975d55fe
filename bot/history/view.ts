/**
 * A business account's history in the accounts modal, newest first, a page at a time, in the
 * reader's language; and the Older / Newer row it shares with the messages. Who acted and whom it
 * concerned are named (the reader is an owner or proxy); a contact change names its fields only.
 */
import type { Button, KnownBlock, ModalView } from '@slack/types';
import { translator, type MessageKey, type Translate } from '../../i18n/catalogue';
import { formatBusinessNumber } from '../../domain/business-number';
import type { Locale } from '../../domain/registration-inputs';
import type { HistoryEntry } from '../../records/business-history';
import type { Page } from '../../records/paging';
import { ActionId } from '../../slack/ids';
import { button, divider, header, section } from '../../slack/blocks';
import { escapeMrkdwn, plainDate } from '../../slack/text';
import { roleName, roleParams } from '../../slack/messages/role-requests';
import { pageToken } from './page-tokens';
import { accountsModal, backRow, contactFieldList } from '../accounts/views';

/** Older / Newer for one list, each carrying where its page starts; nothing when it all fits one page. */
export function pagerRows(
  t: Translate,
  businessAccountId: string,
  page: Pick<Page<unknown>, 'older' | 'newer'>,
  ids: { newer: string; older: string },
): KnownBlock[] {
  const buttons: Button[] = [
    ...(page.newer
      ? [
          button({
            actionId: ids.newer,
            text: `← ${t('paging.newer')}`,
            value: pageToken(businessAccountId, page.newer),
          }),
        ]
      : []),
    ...(page.older
      ? [
          button({
            actionId: ids.older,
            text: `${t('paging.older')} →`,
            value: pageToken(businessAccountId, page.older),
          }),
        ]
      : []),
  ];
  return buttons.length > 0 ? [{ type: 'actions', block_id: 'pager', elements: buttons }] : [];
}

/** The catalogue key that words an entry. */
function keyOf(entry: HistoryEntry): MessageKey {
  switch (entry.action) {
    case 'business_account.contact_updated':
      return entry.changed && entry.changed.length > 0
        ? 'history.business_account.contact_updated'
        : 'history.business_account.contact_unchanged';
    case 'membership.removed':
      return entry.because === 'business_deleted'
        ? 'history.membership.ended_by_deletion'
        : 'history.membership.removed';
    case 'role_request.cancelled':
      return entry.because === 'withdrawn' ? 'history.role_request.withdrawn' : 'history.role_request.cancelled';
    default:
      return `history.${entry.action}`;
  }
}

function entryText(t: Translate, locale: Locale, entry: HistoryEntry): string {
  const person = (name: string | null) => (name === null ? t('history.former_user') : escapeMrkdwn(name));
  const params: Record<string, string> = {
    actor: entry.actor.kind === 'system' ? t('history.system') : person(entry.actor.name),
    subject: person(entry.subject),
    ...(entry.role ? roleParams(t, entry.role) : {}),
    ...(entry.from ? { from: roleName(t, entry.from) } : {}),
    ...(entry.changed ? { changed: contactFieldList(t, locale, entry.changed.join(',')) } : {}),
  };
  return t(keyOf(entry), params);
}

export interface HistoryModel {
  locale: Locale;
  business: { id: string; businessNumber: string };
  page: Page<HistoryEntry>;
  timeZone?: string;
}

export function historyView({ locale, business, page, timeZone }: HistoryModel): ModalView {
  const t = translator(locale);
  const blocks: KnownBlock[] = [
    header(`${t('history.title')} · ${formatBusinessNumber(business.businessNumber)}`),
    ...(page.items.length === 0
      ? [section(t('history.none'))]
      : page.items.map((entry) =>
          section(
            t('history.item', {
              at: plainDate(entry.at.toISOString(), locale, timeZone),
              text: entryText(t, locale, entry),
            }),
          ),
        )),
  ];
  const pager = pagerRows(t, business.id, page, { newer: ActionId.HistoryNewer, older: ActionId.HistoryOlder });
  return accountsModal(t, locale, blocks, [divider(), ...pager, ...backRow(t)], business.id);
}
