/**
 * What every business-account handler needs: who clicked (their user account, role and language,
 * read now from the system of record), the accounts modal, and how to answer the clicker.
 */
import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import type { Applicant, Locale } from '../../domain/registration-inputs';
import { decide, type BusinessAction, type Role } from '../../domain/roles';
import { translator, type Translate } from '../../i18n/catalogue';
import type { AccountChange } from '../../client';
import { applicantOf, type BotContext } from '../context';
import {
  businessNumberOf,
  membersOf,
  membershipsOf,
  roleOf,
  userAccountOf,
  type UserAccountRef,
} from '../../records/directory';
import { pendingRequestsOf } from '../../records/role-requests';
import { requestsToDecide } from '../../records/pending-decisions';
import { updateModal, type OpenView } from '../ui/modal';
import type { StepFailure } from '../../client';
import { accessRequestForm, accountsNoticeView, accountsView, membersView } from './views';
import { loadingView } from '../registration/views';
import { failureText } from '../../slack/text';

export type ButtonBody = BlockAction<ButtonAction>;

/** The language to speak to a Slack user: their user account's, else their Slack profile's. */
export async function localeOf(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  user?: UserAccountRef,
): Promise<Locale> {
  return user?.language ?? (await ctx.profiles.get(client, applicant.userId)).locale;
}

export function refusalText(t: Translate, locale: Locale, failure: StepFailure): string {
  return failureText(t, locale, failure);
}

export const denialOf = (role: Role | null, action: BusinessAction): StepFailure | undefined => {
  const decision = decide(role, action);
  return decision.allowed ? undefined : { type: 'PolicyDenied', messageKey: decision.reason };
};

/** Opens a modal on a fresh trigger at once (the trigger dies in 3 s), then fills it. */
export async function openThenShow(
  ctx: BotContext,
  client: WebClient,
  triggerId: string,
  fill: (view: OpenView) => Promise<ModalView>,
): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingView() });
  const id = opened.view?.id;
  if (!id) return;
  const target = { id, hash: opened.view?.hash };
  try {
    await updateModal(ctx, client, target, await fill(target));
  } catch (error) {
    ctx.log.error('accounts view not shown', { error: `${(error as Error).name}: ${(error as Error).message}` });
    await updateModal(ctx, client, target, accountsNoticeView('en', translator('en')('bot.error.generic'))).catch(
      () => false,
    );
  }
}

/** The accounts modal for this Slack user, as things stand. */
export async function accountsFor(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  banner?: string,
): Promise<ModalView> {
  const user = await userAccountOf(ctx.db, applicant);
  const locale = await localeOf(ctx, client, applicant, user);
  return accountsView({
    locale,
    memberships: user ? await membershipsOf(ctx.db, user.id) : undefined,
    requests: user ? await pendingRequestsOf(ctx.db, user.id) : [],
    banner,
    ...(user
      ? {
          decisions: await requestsToDecide(ctx.db, user.id),
          timeZone: (await ctx.profiles.get(client, applicant.userId)).timeZone,
        }
      : {}),
  });
}

export async function openAccounts(
  ctx: BotContext,
  client: WebClient,
  triggerId: string,
  applicant: Applicant,
): Promise<void> {
  await openThenShow(ctx, client, triggerId, () => accountsFor(ctx, client, applicant));
}

export async function openAccessRequest(
  ctx: BotContext,
  client: WebClient,
  triggerId: string,
  applicant: Applicant,
): Promise<void> {
  await openThenShow(ctx, client, triggerId, async () => {
    const user = await userAccountOf(ctx.db, applicant);
    const locale = await localeOf(ctx, client, applicant, user);
    if (!user?.credentialVerified) return accountsNoticeView(locale, translator(locale)('request.not_registered'));
    return accessRequestForm(locale);
  });
}

/** Who clicked, in which business account, with which role now. Undefined parts mean "refuse". */
export interface Clicker {
  applicant: Applicant;
  user?: UserAccountRef;
  locale: Locale;
  t: Translate;
}

export async function clickerOf(
  ctx: BotContext,
  client: WebClient,
  body: { team?: { id: string } | null; user: { id: string; team_id?: string } },
): Promise<Clicker | undefined> {
  const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
  if (!applicant) return undefined;
  const user = await userAccountOf(ctx.db, applicant);
  const locale = await localeOf(ctx, client, applicant, user);
  return { applicant, user, locale, t: translator(locale) };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const businessIdOf = (value: string | undefined) => (value && UUID.test(value) ? value : undefined);
export function memberValueOf(
  value: string | undefined,
): { businessAccountId: string; userAccountId: string } | undefined {
  const [businessAccountId, userAccountId, extra] = (value ?? '').split(':');
  return businessAccountId &&
    userAccountId &&
    extra === undefined &&
    UUID.test(businessAccountId) &&
    UUID.test(userAccountId)
    ? { businessAccountId, userAccountId }
    : undefined;
}

/**
 * A button in the accounts modal about one business account: the clicker's role there now,
 * checked against what the button does. Refused: the accounts modal again, with the reason.
 */
export async function inBusiness(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string | undefined,
  action: BusinessAction,
): Promise<{ businessAccountId: string; businessNumber: string; role: Role } | undefined> {
  const role = businessAccountId && who.user ? await roleOf(ctx.db, businessAccountId, who.user.id) : null;
  const denied = denialOf(role, action);
  if (denied || !businessAccountId) {
    ctx.log.warn('account action refused', { action: action.kind, reason: denied?.messageKey ?? 'malformed' });
    await updateModal(
      ctx,
      client,
      view,
      await accountsFor(
        ctx,
        client,
        who.applicant,
        refusalText(who.t, who.locale, denied ?? { type: 'PolicyDenied', messageKey: 'policy.not_member' }),
      ),
    );
    return undefined;
  }
  return { businessAccountId, businessNumber: (await businessNumberOf(ctx.db, businessAccountId)) ?? '', role: role! };
}

export type AccountButton = (
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
  who: Clicker,
) => Promise<void>;

export const viewOf = (body: ButtonBody): OpenView | undefined =>
  body.view ? { id: body.view.id, hash: body.view.hash } : undefined;

export async function showMembers(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string | undefined,
  banner?: string,
): Promise<void> {
  const business = await inBusiness(ctx, client, who, view, businessAccountId, { kind: 'members.view' });
  if (!business) return;
  const members = await membersOf(ctx.db, business.businessAccountId);
  await updateModal(
    ctx,
    client,
    { id: view.id },
    membersView({
      locale: who.locale,
      business: { id: business.businessAccountId, businessNumber: business.businessNumber },
      members,
      viewer: { userAccountId: who.user!.id, role: business.role },
      banner,
    }),
  );
}

/** A change made from the member list: run it, then show the list again with what happened. */
export async function changeFromList(
  ctx: BotContext,
  client: WebClient,
  who: Clicker,
  view: OpenView,
  businessAccountId: string,
  change: AccountChange,
  key: string,
): Promise<void> {
  const businessNumber = await businessNumberOf(ctx.db, businessAccountId);
  const outcome = await ctx.requests.change({ businessAccountId, actorUserAccountId: who.user!.id, change }, key, {
    businessNumber: businessNumber,
    urn: who.user?.urn,
  });
  const banner = outcome.ok ? undefined : refusalText(who.t, who.locale, outcome.failure);
  await showMembers(ctx, client, who, view, businessAccountId, banner);
}

/** Says something to the clicker only, under the message they clicked (Slack's response_url). */
export async function tellClicker(client: WebClient, body: ButtonBody, text: string): Promise<void> {
  if (body.response_url) {
    const response = await fetch(body.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`response_url answered ${response.status}`);
    return;
  }
  await client.chat.postMessage({ channel: body.user.id, text });
}
