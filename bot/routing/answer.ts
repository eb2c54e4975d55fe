/** What a view_submission ack carries (the next view, errors on fields, or close), and who answers one. */
import type { ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';

export type Answer =
  | { response_action: 'update'; view: ModalView }
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'clear' };

/** Answers one form submission: `ack` once (within Slack's 3 s, counted from `receivedAt`), then maybe update the modal. */
export type SubmissionHandler = (
  ctx: BotContext,
  client: WebClient,
  body: ViewSubmitAction,
  ack: (answer?: Answer) => void,
  receivedAt: number,
) => Promise<void>;
