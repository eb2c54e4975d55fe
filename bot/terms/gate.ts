/**
 * Before a registered person's next action: have they accepted the current Terms and Conditions?
 * If not, the new version is shown in place of what they asked for (a new modal, or the modal they
 * clicked in) and nothing else happens until they accept. People without a user account pass:
 * their registration carries the version it started with (docs/slack-bot.md).
 */
import type { ButtonAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Applicant } from '../../domain/registration-inputs';
import { termsStandingOf } from '../../records/terms-standing';
import { applicantOf, type BotContext } from '../context';
import type { ButtonBody } from '../registration/buttons';
import { updateModal, type OpenView } from '../ui/modal';
import { translator } from '../../i18n/catalogue';
import { ActionId } from '../../slack/ids';
import { newTermsView, termsAcceptedView } from './view';

const OPEN_THEIR_OWN_MODAL: ReadonlySet<string> = new Set([ActionId.OpenRegistration, ActionId.OpenAccounts]);

/** Where to show the terms: a fresh modal on the request's trigger, or the modal it came from. */
export type TermsPlace = { triggerId: string } | { view: OpenView };

/**
 * The new terms to show instead of what the person asked for, or undefined to go on. One query,
 * none for someone known to have accepted; callers with a trigger open their modal first.
 */
export async function pendingTermsView(ctx: BotContext, applicant: Applicant): Promise<ModalView | undefined> {
  const { version, accepted } = ctx.terms;
  if (accepted.has(applicant, version)) return undefined;
  const standing = await termsStandingOf(ctx.db, applicant, version);
  if (!standing) return undefined;
  if (standing.accepted) {
    accepted.remember(applicant, version);
    return undefined;
  }
  return newTermsView(ctx.terms, standing.language);
}

/** True: go on. False: the new terms are shown at `place` instead. */
export async function termsAccepted(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  place: TermsPlace,
): Promise<boolean> {
  const view = await pendingTermsView(ctx, applicant);
  if (!view) return true;
  if ('triggerId' in place) await client.views.open({ trigger_id: place.triggerId, view });
  else await updateModal(ctx, client, place.view, view);
  return false;
}

/**
 * The same for a button: in the modal it was clicked in, else (a message's button) in a new one.
 * The buttons that open a modal themselves (registration, accounts) ask once it is open instead:
 * their trigger id dies 3 s after the click.
 */
export function termsAcceptedForButton(ctx: BotContext, client: WebClient, body: ButtonBody): Promise<boolean> {
  const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
  const action = body.actions[0]?.action_id ?? '';
  if (!applicant || OPEN_THEIR_OWN_MODAL.has(action)) return Promise.resolve(true);
  const place: TermsPlace =
    body.view?.type === 'modal' ? { view: { id: body.view.id, hash: body.view.hash } } : { triggerId: body.trigger_id };
  return termsAccepted(ctx, client, applicant, place);
}

/** Accept: through the acceptance workflow (one per account and version, so a double click records once). */
export async function handleAcceptNewTerms(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
): Promise<void> {
  const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
  if (!applicant || !body.view) return;
  const target = { id: body.view.id };
  const { version } = ctx.terms;
  const standing = await termsStandingOf(ctx.db, applicant, version);
  // No user account: the registration's own terms step applies; the button was not ours to offer.
  if (!standing) return;
  const t = translator(standing.language);
  if (action.value !== version) {
    // Accept on a window left open while the version changed again: show the version now in force.
    await updateModal(
      ctx,
      client,
      target,
      newTermsView(ctx.terms, standing.language, t('terms.renew.stale', { version })),
    );
    return;
  }
  try {
    await ctx.terms.accept({ userAccountId: standing.userAccountId, version });
  } catch (error) {
    ctx.log.warn('terms acceptance not recorded', { error: (error as Error).name });
    await updateModal(ctx, client, target, newTermsView(ctx.terms, standing.language, t('terms.renew.failed')));
    return;
  }
  ctx.terms.accepted.remember(applicant, version);
  await updateModal(ctx, client, target, termsAcceptedView(standing.language, version));
}
