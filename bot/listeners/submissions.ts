/**
 * Form submissions: their ack carries the answer (field errors, the next step, or "checking"),
 * which the work sends back within its budget (bot/registration/submissions.ts).
 */
import type { App } from '@slack/bolt';
import { FORM_CALLBACK_IDS } from '../routing/submissions';
import type { WorkRunner } from '../work/jobs';

export function registerSubmissions(app: App, work: WorkRunner): void {
  for (const callbackId of FORM_CALLBACK_IDS) {
    app.view({ callback_id: callbackId, type: 'view_submission' }, async ({ ack, body }) => {
      if (body.type !== 'view_submission') return;
      const receivedAt = Date.now();
      await ack(await work.submit({ kind: 'submission', body, receivedAt }));
    });
  }
}
