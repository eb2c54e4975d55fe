/** Buttons, routed by action id to the feature that owns them (the listener acknowledged already). */
import type { WebClient } from '@slack/web-api';
import { applicantOf, type BotContext } from '../context';
import { ACCOUNT_ACTION_IDS, handleAccountAction } from '../accounts/buttons';
import { handleRegistrationButton, type ButtonBody } from '../registration/buttons';
import { openRegistration } from '../registration/modal';
import { registerBusinessAgain } from '../business-again/register';
import { PROFILE_ACTION_IDS, handleProfileAction } from '../profile/buttons';
import { ActionId } from '../../slack/ids';
import { handleAcceptNewTerms, termsAcceptedForButton } from '../terms/gate';

export async function handleAction(ctx: BotContext, client: WebClient, body: ButtonBody): Promise<void> {
  const action = body.actions[0];
  if (!action || action.type !== 'button') return;
  // New Terms and Conditions come first: accepting them, or being asked to (nothing else happens until then).
  if (action.action_id === ActionId.AcceptNewTerms) return handleAcceptNewTerms(ctx, client, body, action);
  if (!(await termsAcceptedForButton(ctx, client, body))) return;
  if (action.action_id === ActionId.OpenRegistration) {
    // From a message or the Home tab: the trigger id is spent on the modal before anything else.
    const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
    if (applicant) await openRegistration(ctx, client, body.trigger_id, applicant);
    return;
  }
  if (action.action_id === ActionId.RegisterBusinessAccount) {
    await registerBusinessAgain(ctx, client, body);
    return;
  }
  if (PROFILE_ACTION_IDS.includes(action.action_id)) {
    await handleProfileAction(ctx, client, body, action);
    return;
  }
  if (ACCOUNT_ACTION_IDS.includes(action.action_id)) {
    await handleAccountAction(ctx, client, body, action);
    return;
  }
  await handleRegistrationButton(ctx, client, body, action);
}
