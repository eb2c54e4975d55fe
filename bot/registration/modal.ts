/**
 * Showing a registration in Slack: opening the modal on a fresh trigger, rendering the current step
 * into an open modal, and keeping the Home tab in step. Shared by commands, actions and submissions.
 */
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import { readBusinessAccountSummary } from '../../records/business-accounts';
import { membershipsByUrn } from '../../records/memberships-by-urn';
import type { Applicant, Locale } from '../../domain/registration-inputs';
import { FINAL_STEPS, type RegistrationStatus } from '../../client';
import type { BotContext } from '../context';
import { publishHome } from '../home/publish';
import { updateModal, type OpenView } from '../ui/modal';
import { personLocale } from '../profile/locale';
import { loadingView, registrationView, unavailableView } from './views';
import { fullTextLine } from '../terms/view';
import { termsAccepted } from '../terms/gate';
import { translator } from '../../i18n/catalogue';

/**
 * Opens the modal at once (the trigger id dies 3 s after the click), then fills it in with the
 * registration, started if need be.
 */
export async function openRegistration(
  ctx: BotContext,
  client: WebClient,
  triggerId: string,
  applicant: Applicant,
): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingView() });
  const id = opened.view?.id;
  if (!id) return;
  await withFallback(ctx, client, applicant, { id }, async () => {
    // New Terms and Conditions for a registered person come first (bot/terms/gate.ts).
    if (!(await termsAccepted(ctx, client, applicant, { view: { id } }))) return;
    await showRegistration(ctx, client, applicant, { id, hash: opened.view?.hash });
  });
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
    ctx.log.error('registration could not be shown', {
      error: `${(error as Error).name}: ${(error as Error).message}`,
    });
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
  const locale = await personLocale(ctx, client, applicant, status);
  await updateModal(ctx, client, target, await renderStatus(ctx, status, locale, banner));
  await publishHome(ctx, client, applicant, status);
  return status;
}

export async function renderStatus(
  ctx: BotContext,
  status: RegistrationStatus,
  locale: Locale,
  banner?: string,
): Promise<ModalView> {
  const business =
    status.step === 'completed' && status.businessAccountId
      ? await readBusinessAccountSummary(ctx.db, status.businessAccountId)
      : undefined;
  // Once registered, every business account the person belongs to, with the way to register another.
  const registered =
    status.urn &&
    (status.step === 'completed' || (status.purpose === 'businessAccount' && FINAL_STEPS.includes(status.step)));
  return registrationView({
    memberships: registered ? await membershipsByUrn(ctx.db, status.urn!) : undefined,
    status,
    locale,
    simulatedSignIn: ctx.simulatedSignIn,
    signInProviders: ctx.providers.configured(),
    business,
    banner,
    termsFullText:
      status.step === 'terms' ? fullTextLine(translator(locale), ctx.terms, status.termsVersion, locale) : undefined,
  });
}
