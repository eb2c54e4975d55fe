/** What every Slack wording function returns. */
import type { KnownBlock } from '@slack/types';

/** A message as Slack takes it: text first (notifications, screen readers), blocks to show. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}
