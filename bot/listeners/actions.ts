/** Buttons: acknowledged at once, then handed to the work (bot/registration/buttons.ts). */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WorkRunner } from '../work/jobs';

export function registerActions(app: App, work: WorkRunner): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: /^cers_/ }, async ({ ack, body }) => {
    await ack();
    work.post({ kind: 'action', body });
  });
}
