/** Form submissions, routed by callback id to the feature whose form it is. */
import type { ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';
import { ACCOUNT_FORM_CALLBACK_IDS, handleAccountSubmission } from '../accounts/forms';
import { REGISTRATION_FORM_CALLBACK_IDS, handleRegistrationSubmission } from '../registration/submissions';
import type { Answer } from './answer';

/** Every form the bot answers (the listener registers only these). */
export const FORM_CALLBACK_IDS: readonly string[] = [...REGISTRATION_FORM_CALLBACK_IDS, ...ACCOUNT_FORM_CALLBACK_IDS];

export async function handleSubmission(
  ctx: BotContext,
  client: WebClient,
  body: ViewSubmitAction,
  ack: (answer?: Answer) => void,
  receivedAt = Date.now(),
): Promise<void> {
  if (ACCOUNT_FORM_CALLBACK_IDS.includes(body.view.callback_id)) {
    await handleAccountSubmission(ctx, client, body, ack, receivedAt);
    return;
  }
  await handleRegistrationSubmission(ctx, client, body, ack, receivedAt);
}
