/**
 * "Register a business account", for a person already registered: on the completed registration
 * modal, the Home tab and `/cers accounts`. The click starts a business-account run of their
 * registration (client/registrations.ts), which waits at the business step, and shows it: in the
 * modal clicked, or in a new one (Home). A double click or a Slack retry finds the run the first
 * click started (the workflow id is the person's; a start while one runs returns it), so one run,
 * and one business account, comes of it. Someone not registered yet is shown their registration.
 */
import type { WebClient } from '@slack/web-api';
import { userAccountOf } from '../../records/directory';
import { applicantOf, type BotContext } from '../context';
import { publishHome } from '../home/publish';
import { applicantLocale } from '../locales';
import type { OpenView } from '../ui/modal';
import { slackErrorCode, updateModal } from '../ui/modal';
import type { ButtonBody } from '../registration/buttons';
import { renderStatus, showRegistration, withFallback } from '../registration/modal';
import { loadingView } from '../registration/views';

export async function registerBusinessAgain(ctx: BotContext, client: WebClient, body: ButtonBody): Promise<void> {
  const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
  if (!applicant) return;
  let target: OpenView;
  if (body.view?.type === 'modal') {
    target = { id: body.view.id, hash: body.view.hash };
  } else {
    // From the Home tab: the trigger id dies 3 s after the click, so the modal opens first.
    const opened = await client.views
      .open({ trigger_id: body.trigger_id, view: loadingView() })
      .catch((error: unknown) => {
        // Slack resending a click whose trigger the first delivery spent: that one shows the run.
        if (slackErrorCode(error) !== 'exchanged_trigger_id') throw error;
        ctx.log.info('business-account click resent; its modal is open already');
        return undefined;
      });
    if (!opened?.view?.id) return;
    target = { id: opened.view.id, hash: opened.view.hash };
  }
  await withFallback(ctx, client, applicant, { id: target.id }, async () => {
    const user = await userAccountOf(ctx.db, applicant);
    if (!user) {
      await showRegistration(ctx, client, applicant, target);
      return;
    }
    const status = await ctx.gateway.startBusinessAccount(applicant, user.language);
    const profile = await ctx.profiles.get(client, applicant.userId);
    await updateModal(ctx, client, target, await renderStatus(ctx, status, applicantLocale(status, profile)));
    await publishHome(ctx, client, applicant, status);
  });
}
