/** Events (Bolt acknowledges them itself): the Home tab and direct messages (bot/home/events.ts). */
import type { App } from '@slack/bolt';
import type { WorkRunner } from '../work/jobs';

export function registerEvents(app: App, work: WorkRunner): void {
  app.event('app_home_opened', async ({ body }) => {
    work.post({ kind: 'event', body });
  });
  app.message(async ({ body }) => {
    work.post({ kind: 'event', body });
  });
}
