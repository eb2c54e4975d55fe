/**
 * Buttons. Inside the registration modal each one sends a step to the workflow (with an update id
 * from the action's timestamp) and re-renders the modal from the workflow's answer; on messages
 * and the Home tab the one button opens the modal. (The listener acknowledged before this runs.)
 */
import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { CredentialProvider, type Applicant } from '../../domain/registration-inputs';
import { translator } from '../../i18n/catalogue';
import { acceptTerms, credentialVerified, skipBusinessAccount } from '../../client';
import { applicantOf, type BotContext } from '../context';
import { personLocale } from '../profile/locale';
import { renderStatus, showRegistration, withFallback } from './modal';
import { publishHome } from '../home/publish';
import { updateModal, type OpenView } from '../ui/modal';
import type { StepOutcome } from '../../client';
import { ActionId } from '../../slack/ids';
import { armLink, issueSignInLink } from '../sign-in/handlers';
import { metadataLocale } from '../ui/metadata';
import { businessAccountForm } from './views';
import { ONE_STEP_FORM } from '../business-again/views';
import { failureText } from '../../slack/text';

export type ButtonBody = BlockAction<ButtonAction>;

interface ModalAction {
  applicant: Applicant;
  view: OpenView;
  locale: ReturnType<typeof metadataLocale>;
}

/** The applicant and the modal a button was clicked in; undefined for a button outside a modal. */
function modalAction(body: ButtonBody): ModalAction | undefined {
  const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
  if (!applicant || !body.view) return undefined;
  return {
    applicant,
    view: { id: body.view.id, hash: body.view.hash },
    locale: metadataLocale(body.view.private_metadata),
  };
}

/**
 * After a step was sent: show where the registration is now. A refusal is explained above it,
 * except a step already taken (a double click), which simply shows the current state.
 */
async function afterStep(
  ctx: BotContext,
  client: WebClient,
  target: ModalAction,
  outcome: StepOutcome<unknown>,
): Promise<void> {
  const status = await ctx.gateway.status(target.applicant);
  if (!status) return;
  const profile = await ctx.profiles.get(client, target.applicant.userId);
  const locale = await personLocale(ctx, client, target.applicant, status);
  let banner: string | undefined;
  if (!outcome.ok && outcome.failure.type !== 'WrongStep') {
    banner = failureText(translator(locale), locale, outcome.failure, profile.timeZone);
  }
  await updateModal(ctx, client, target.view, await renderStatus(ctx, status, locale, banner));
  if (outcome.ok) await publishHome(ctx, client, target.applicant, status);
}

type ModalButtonWork = (target: ModalAction, action: ButtonAction, client: WebClient) => Promise<void>;

/** What each button of the registration modal does, by action id. */
const MODAL_BUTTONS: Record<string, (ctx: BotContext) => ModalButtonWork> = {
  [ActionId.StartAgain]: (ctx) => async (target, _action, client) => {
    await showRegistration(ctx, client, target.applicant, target.view);
  },

  [ActionId.SimulateSignIn]: (ctx) => async (target, action, client) => {
    const provider = CredentialProvider.safeParse(action.value);
    // Never for a provider that has real sign-in: only the OpenID flow links its credentials.
    if (!ctx.simulatedSignIn || !provider.success || ctx.providers.has(provider.data)) {
      // Only a forged payload gets here (the button is not offered, or its value was changed).
      ctx.log.warn('simulated sign-in refused', { enabled: ctx.simulatedSignIn, validProvider: provider.success });
      await afterStep(ctx, client, target, {
        ok: false,
        failure: { type: 'Refused', messageKey: 'bot.credential.unavailable' },
      });
      return;
    }
    // A stable anonymous subject per Slack user, like a provider's persistent anonymous identifier.
    const subject = `simulated-${ctx.updateIds.opaque(`${target.applicant.teamId}:${target.applicant.userId}:${provider.data}`)}`;
    const updateId = ctx.updateIds.forAction(action, target.applicant.userId);
    const outcome = await ctx.gateway.send(
      target.applicant,
      credentialVerified,
      { provider: provider.data, subject },
      updateId,
    );
    await afterStep(ctx, client, target, outcome);
  },

  [ActionId.SignIn]: (ctx) => async (target, action, client) => {
    if ((await issueSignInLink(ctx, client, target, action)) === 'refused') {
      // A provider not configured, or a registration past this step: show where it is.
      await afterStep(ctx, client, target, {
        ok: false,
        failure: { type: 'Refused', messageKey: 'bot.credential.unavailable' },
      });
    }
  },

  [ActionId.OpenSignInLink]: (ctx) => async (target, action) => {
    // Slack opens the URL in the browser itself; this click only tells us it was the applicant.
    await armLink(ctx, target.applicant, action);
  },

  [ActionId.AcceptTerms]: (ctx) => async (target, action, client) => {
    // The version on the button is the one the applicant read; the workflow refuses any other.
    const version = (action.value ?? '').slice(0, 40);
    const updateId = ctx.updateIds.forAction(action, target.applicant.userId);
    await afterStep(ctx, client, target, await ctx.gateway.send(target.applicant, acceptTerms, { version }, updateId));
  },

  [ActionId.DeclineTerms]: (ctx) => async (target, _action, client) => {
    // Only at the Terms step: a Decline left in an old window must not end a registration that moved on.
    if ((await ctx.gateway.status(target.applicant))?.step !== 'terms') {
      await afterStep(ctx, client, target, {
        ok: false,
        failure: { type: 'WrongStep', messageKey: 'failure.wrong_step' },
      });
      return;
    }
    await ctx.gateway.cancel(target.applicant);
    // The run ends asynchronously; what the applicant asked for is already certain.
    const status = await ctx.gateway.status(target.applicant);
    if (!status) return;
    const cancelled = { ...status, step: 'cancelled' as const, deadline: undefined };
    await updateModal(ctx, client, target.view, await renderStatus(ctx, cancelled, target.locale));
    await publishHome(ctx, client, target.applicant, cancelled);
  },

  [ActionId.OpenBusinessForm]: (ctx) => async (target, action, client) => {
    // The button says whose form it opens; anything else is the first registration's.
    const purpose = action.value === ONE_STEP_FORM ? ONE_STEP_FORM : undefined;
    await updateModal(ctx, client, target.view, businessAccountForm(target.locale, {}, purpose));
  },

  [ActionId.BackToBusinessChoice]: (ctx) => async (target, _action, client) => {
    await afterStep(ctx, client, target, { ok: true, value: undefined });
  },

  [ActionId.JoinExistingBusiness]: (ctx) => async (target, action, client) => {
    const updateId = ctx.updateIds.forAction(action, target.applicant.userId);
    await afterStep(ctx, client, target, await ctx.gateway.send(target.applicant, skipBusinessAccount, {}, updateId));
  },

  // "Not now" in a business-account run: the same update, which ends that run with nothing registered.
  [ActionId.CancelBusinessAccount]: (ctx) => async (target, action, client) => {
    const updateId = ctx.updateIds.forAction(action, target.applicant.userId);
    await afterStep(ctx, client, target, await ctx.gateway.send(target.applicant, skipBusinessAccount, {}, updateId));
  },
};
// Two buttons in one block need two action ids (Slack wants them unique per block): same work.
MODAL_BUTTONS[ActionId.SimulatePartnerSignIn] = MODAL_BUTTONS[ActionId.SimulateSignIn]!;
MODAL_BUTTONS[ActionId.SignInPartner] = MODAL_BUTTONS[ActionId.SignIn]!;

/** The registration modal's buttons (the router sends every other button elsewhere). */
export const REGISTRATION_ACTION_IDS: readonly string[] = Object.keys(MODAL_BUTTONS);

export async function handleRegistrationButton(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
): Promise<void> {
  const work = MODAL_BUTTONS[action.action_id];
  const target = modalAction(body);
  if (!work || !target) return;
  await withFallback(ctx, client, target.applicant, { id: target.view.id }, () => work(ctx)(target, action, client));
}
