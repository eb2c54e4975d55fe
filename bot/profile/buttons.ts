/** The profile's buttons: open it (Home tab), and send a new e-mail code (the code modal). */
import type { ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ActionId } from '../../slack/ids';
import { applicantOf, type BotContext } from '../context';
import { updateModal } from '../ui/modal';
import { clickerOf, refusalText, viewOf, type ButtonBody } from '../accounts/common';
import { openProfile } from './open';
import { ownChange } from './submissions';
import { emailCodeForm, profileNoticeView } from './views';

export const PROFILE_ACTION_IDS: readonly string[] = [ActionId.OpenProfile, ActionId.ResendEmailCode];

export async function handleProfileAction(
  ctx: BotContext,
  client: WebClient,
  body: ButtonBody,
  action: ButtonAction,
): Promise<void> {
  if (action.action_id === ActionId.OpenProfile) {
    // The trigger id dies in 3 s: spent on the modal before anything else.
    const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
    if (applicant) await openProfile(ctx, client, body.trigger_id, applicant);
    return;
  }
  const who = await clickerOf(ctx, client, body);
  const view = viewOf(body);
  if (!who || !view) return;
  const workflowId = ownChange(who, action.value);
  if (!workflowId) {
    await updateModal(ctx, client, { id: view.id }, profileNoticeView(who.locale, who.t('policy.role_cannot')));
    return;
  }
  const outcome = await ctx.profile.resend(workflowId, ctx.updateIds.forAction(action, who.applicant.userId));
  if (!outcome.ok) {
    const text = refusalText(who.t, who.locale, outcome.failure);
    await updateModal(ctx, client, { id: view.id }, profileNoticeView(who.locale, text));
    return;
  }
  const status = outcome.value;
  if (status.emailStatus !== 'awaiting_code') {
    const key = status.emailStatus === 'attempts_exhausted' ? 'profile.code.exhausted' : 'profile.code.expired';
    await updateModal(ctx, client, { id: view.id }, profileNoticeView(who.locale, who.t(key)));
    return;
  }
  const banner = who.t('profile.code.resent');
  await updateModal(ctx, client, { id: view.id }, emailCodeForm(who.locale, { workflowId, status }, { banner }));
}
