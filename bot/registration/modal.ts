/**
 * Showing a registration in Slack: opening the modal on a fresh trigger, rendering the current step
 * into an open modal, and keeping the Home tab in step. Shared by commands, actions and views.
 */
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import { readBusinessAccountSummary } from '../../records/business-accounts';
import type { Applicant, Locale } from '../../domain/registration-inputs';
import type { RegistrationStatus } from '../../client';
import type { BotContext } from '../context';
import { applicantLocale } from '../locales';
import { homeView } from '../home/view';
import { membershipsOf, userAccountOf } from '../../records/directory';
import { loadingView, registrationView, unavailableView } from './views';

export interface OpenView {
  id: string;
  hash?: string;
}

/**
 * Opens the modal at once (the trigger id dies 3 s after the click), then fills it in with the
 * registration, started if need be.
 */
export async function openRegistration(ctx: BotContext, client: WebClient, triggerId: string, applicant: Applicant): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingView() });
  const id = opened.view?.id;
  if (!id) return;
  await withFallback(ctx, client, applicant, { id }, () => showRegistration(ctx, client, applicant, { id, hash: opened.view?.hash }));
}

/**
 * Runs what fills a modal; if our side fails (Temporal or the database unreachable), the modal
 * says so in the applicant's language instead of spinning forever. Nothing was changed.
 */
export async function withFallback(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  target: OpenView,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    ctx.log.error('registration could not be shown', { error: `${(error as Error).name}: ${(error as Error).message}` });
    const { locale } = await ctx.profiles.get(client, applicant.userId);
    await updateModal(ctx, client, target, unavailableView(locale)).catch(() => false);
  }
}

/** Renders the registration's current step into an open modal (starting it if none runs). */
export async function showRegistration(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  target: OpenView,
  banner?: string,
): Promise<RegistrationStatus> {
  const profile = await ctx.profiles.get(client, applicant.userId);
  const status = await ctx.gateway.resume(applicant, profile.locale);
  await updateModal(ctx, client, target, await renderStatus(ctx, status, applicantLocale(status, profile), banner));
  await publishHome(ctx, client, applicant, status);
  return status;
}

export async function renderStatus(ctx: BotContext, status: RegistrationStatus, locale: Locale, banner?: string): Promise<ModalView> {
  const business =
    status.step === 'completed' && status.businessAccountId
      ? await readBusinessAccountSummary(ctx.db, status.businessAccountId)
      : undefined;
  return registrationView({
    status,
    locale,
    simulatedSignIn: ctx.simulatedSignIn,
    signInProviders: ctx.providers.configured(),
    business,
    banner,
  });
}

/**
 * Replaces an open modal. With the hash Slack gave us, a concurrent render (a double click handled
 * in parallel) makes this one lose with `hash_conflict`, which is fine: the other shows the same
 * state. A modal the applicant closed is not an error either.
 */
export async function updateModal(ctx: BotContext, client: WebClient, target: OpenView, view: ModalView): Promise<boolean> {
  try {
    await client.views.update({ view_id: target.id, ...(target.hash ? { hash: target.hash } : {}), view });
    return true;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'hash_conflict' || code === 'not_found') {
      ctx.log.debug('modal not updated', { reason: code });
      return false;
    }
    throw error;
  }
}

/** Publishes the Home tab for the applicant; a failure here never fails what the applicant did. */
export async function publishHome(ctx: BotContext, client: WebClient, applicant: Applicant, known?: RegistrationStatus): Promise<void> {
  try {
    const status = known ?? (await ctx.gateway.status(applicant));
    const profile = await ctx.profiles.get(client, applicant.userId);
    const user = await userAccountOf(ctx.db, applicant);
    const memberships = user ? await membershipsOf(ctx.db, user.id) : undefined;
    await client.views.publish({
      user_id: applicant.userId,
      view: homeView(applicantLocale(status, profile), status, profile.timeZone, memberships),
    });
  } catch (error) {
    ctx.log.warn('Home tab not published', { error: slackErrorCode(error) ?? (error as Error).name });
  }
}

/** Slack's error code of a failed Web API call (`invalid_auth`, `hash_conflict`...). */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string' ? data.error : undefined;
}
