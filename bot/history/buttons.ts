/**
 * A business account's history and the paging of its messages, in the accounts modal. Reads, not
 * workflows: each click reads the clicker's role in that business account now (history: owner or
 * proxy; messages: any member) and one page from the records; a page token that is not one is
 * refused with a clear message. A retried or doubled click shows the same page again.
 */
import type { WebClient } from '@slack/web-api';
import { decide } from '../../domain/roles';
import { businessHistoryPage } from '../../records/business-history';
import { businessMessagesPage } from '../../records/business-messages';
import { businessNumberOf, roleOf } from '../../records/directory';
import type { PageRequest } from '../../records/paging';
import { ActionId } from '../../slack/ids';
import type { BotContext } from '../context';
import { updateModal, type OpenView } from '../ui/modal';
import { accountsFor, businessIdOf, inBusiness, viewOf, type AccountButton, type Clicker } from '../accounts/common';
import { historyView, pagerRows } from './view';
import { parsePageToken } from './page-tokens';
import { messagesView } from '../accounts/views';

/** The accounts modal again, with why the click did nothing. */
async function refuse(ctx: BotContext, client: WebClient, who: Clicker, view: OpenView, banner: string) {
  await updateModal(ctx, client, { id: view.id }, await accountsFor(ctx, client, who.applicant, banner));
}

async function showHistory(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string | undefined,
  request: PageRequest,
): Promise<void> {
  const role = businessAccountId && who.user ? await roleOf(ctx.db, businessAccountId, who.user.id) : null;
  // The history names members: the same people who see the member list.
  if (!businessAccountId || !decide(role, { kind: 'members.view' }).allowed) {
    ctx.log.warn('account action refused', { action: 'history.view', reason: role ? 'role' : 'not_member' });
    await refuse(ctx, client, who, view, who.t('history.refused'));
    return;
  }
  const [page, businessNumber, { timeZone }] = await Promise.all([
    businessHistoryPage(ctx.db, businessAccountId, request),
    businessNumberOf(ctx.db, businessAccountId),
    ctx.profiles.get(client, who.applicant.userId),
  ]);
  await updateModal(
    ctx,
    client,
    { id: view.id },
    historyView({
      locale: who.locale,
      business: { id: businessAccountId, businessNumber: businessNumber ?? '' },
      page,
      timeZone,
    }),
  );
}

/** The business account's messages (any member), one page. */
export async function showMessages(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string | undefined,
  request: PageRequest,
): Promise<void> {
  const business = await inBusiness(ctx, client, who, view, businessAccountId, { kind: 'messages.view' });
  if (!business) return;
  const [page, { timeZone }] = await Promise.all([
    businessMessagesPage(ctx.db, business.businessAccountId, request),
    ctx.profiles.get(client, who.applicant.userId),
  ]);
  const pager = pagerRows(who.t, business.businessAccountId, page, {
    newer: ActionId.MessagesNewer,
    older: ActionId.MessagesOlder,
  });
  await updateModal(
    ctx,
    client,
    { id: view.id },
    messagesView({
      locale: who.locale,
      businessNumber: business.businessNumber,
      messages: page.items,
      timeZone,
      pager,
    }),
  );
}

/** Older or Newer: the page its token names, or a refusal when the token is not one. */
function paging(list: typeof showHistory, direction: PageRequest['direction']): AccountButton {
  return async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    const token = parsePageToken(action.value);
    if (!token) {
      ctx.log.warn('account action refused', { action: action.action_id, reason: 'malformed page token' });
      await refuse(ctx, client, who, view, who.t('paging.invalid'));
      return;
    }
    await list(ctx, client, who, view, token.businessAccountId, {
      direction,
      from: { at: token.at, id: token.id },
    });
  };
}

/** The first page of a list, from the business account's row in the accounts modal. */
function firstPage(list: typeof showHistory): AccountButton {
  return async (ctx, client, body, action, who) => {
    const view = viewOf(body);
    if (!view) return;
    await list(ctx, client, who, view, businessIdOf(action.value), { direction: 'older' });
  };
}

export const HISTORY_BUTTONS: Record<string, AccountButton> = {
  [ActionId.ShowHistory]: firstPage(showHistory),
  [ActionId.HistoryOlder]: paging(showHistory, 'older'),
  [ActionId.HistoryNewer]: paging(showHistory, 'newer'),
  [ActionId.ShowMessages]: firstPage(showMessages),
  [ActionId.MessagesOlder]: paging(showMessages, 'older'),
  [ActionId.MessagesNewer]: paging(showMessages, 'newer'),
};
