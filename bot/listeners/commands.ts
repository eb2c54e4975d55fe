/** Slash commands: acknowledged at once, then handed to the work (bot/routing/commands.ts). */
import type { App } from '@slack/bolt';
import type { WorkRunner } from '../work/jobs';

export function registerCommands(app: App, work: WorkRunner): void {
  app.command('/cers', async ({ ack, command }) => {
    // Slack shows an error if the ack takes more than 3 s: nothing runs before it.
    await ack();
    work.post({ kind: 'command', command });
  });
}
