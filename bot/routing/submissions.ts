/** Form submissions, routed by callback id to the feature whose form it is. */
import { ACCOUNT_FORM_CALLBACK_IDS, handleAccountSubmission } from '../accounts/forms';
import { REGISTRATION_FORM_CALLBACK_IDS, handleRegistrationSubmission } from '../registration/submissions';
import { PROFILE_FORM_CALLBACK_IDS, handleProfileSubmission } from '../profile/submissions';
import type { SubmissionHandler } from './answer';

/** Every form the bot answers (the listener registers only these). */
export const FORM_CALLBACK_IDS: readonly string[] = [
  ...REGISTRATION_FORM_CALLBACK_IDS,
  ...ACCOUNT_FORM_CALLBACK_IDS,
  ...PROFILE_FORM_CALLBACK_IDS,
];

export const handleSubmission: SubmissionHandler = async (ctx, client, body, ack, receivedAt) => {
  if (PROFILE_FORM_CALLBACK_IDS.includes(body.view.callback_id)) {
    await handleProfileSubmission(ctx, client, body, ack, receivedAt);
    return;
  }
  if (ACCOUNT_FORM_CALLBACK_IDS.includes(body.view.callback_id)) {
    await handleAccountSubmission(ctx, client, body, ack, receivedAt);
    return;
  }
  await handleRegistrationSubmission(ctx, client, body, ack, receivedAt);
};
