/**
 * The workflow's notices reach applicants as Slack DMs, in their language, exactly once each, and a
 * rate-limited Slack is retried by Temporal (after Slack's Retry-After), not by hand. The Home tab
 * and a DM to the bot show where the registration is.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { asActivityFailure } from '../activities/slack-notifier';
import type { RegistrationHandle } from '../client';
import { ActionId } from '../slack/ids';
import { registrationWorkflowId } from '../workflows/registration/definitions';
import {
  hasAction,
  newSlackUser,
  openCers,
  registerUpToBusiness,
  textOf,
  useBotStack,
  waitForView,
  USER_ACCOUNT_FORM,
} from './support/bot-stack';

// Reminders after 1 s idle (2 of them), expiry after 4 s: real durable timers, kept short.
const stack = useBotStack({ CERS_REMINDER_AFTER: '1s', CERS_MAX_REMINDERS: '2', CERS_EXPIRE_AFTER: '4s' });

const dmTexts = (userId: string) =>
  stack.slack
    .calls('chat.postMessage')
    .filter((c) => c.response.ok && c.args['channel'] === stack.slack.workspace.dmChannelFor(userId))
    .map((c) => String(c.args['text']));

describe('notices as direct messages', () => {
  test('reminders and expiry arrive once each, in the language chosen in the user account, through a rate limit', async () => {
    const userId = newSlackUser(stack, 'en-US');
    const viewId = await registerUpToBusiness(stack, userId, { ...USER_ACCOUNT_FORM, language: 'fr' });
    await waitForView(stack, viewId, hasAction(ActionId.OpenBusinessForm));
    // Slack refuses the first post with 429: Temporal retries it after Retry-After (1 s).
    stack.slack.api.rateLimitNext('chat.postMessage', { times: 1, retryAfterSeconds: 1 });

    const handle: RegistrationHandle = stack.client.workflow.getHandle(
      registrationWorkflowId({ teamId: stack.teamId, userId }),
    );
    assert.equal((await handle.result()).step, 'expired');
    const channel = stack.slack.workspace.dmChannelFor(userId);
    await stack.slack.waitForCalls('chat.postMessage', {
      count: 3,
      timeoutMs: 10_000,
      where: (c) => c.response.ok && c.args['channel'] === channel,
    });
    const texts = dmTexts(userId);
    assert.equal(
      texts.filter((t) => t.includes('vous attend à l’étape *Compte d’entreprise*')).length,
      2,
      texts.join('\n'),
    );
    assert.equal(
      texts.filter((t) => t.includes('a expiré à l’étape *Compte d’entreprise*')).length,
      1,
      texts.join('\n'),
    );
    const refused = stack.slack.calls('chat.postMessage').filter((c) => c.response.error === 'ratelimited');
    assert.equal(refused.length, 1, 'one post was rate limited, and retried');
  });

  test('a DM to the bot starts a registration and answers with the step and a Continue button', async () => {
    const userId = newSlackUser(stack, 'fr-FR');
    const channel = stack.slack.workspace.dmChannelFor(userId);
    await stack.slack.driver.event({
      event: { type: 'message', channel_type: 'im', channel, user: userId, text: 'bonjour' },
    });
    const [reply] = await stack.slack.waitForCalls('chat.postMessage', { where: (c) => c.args['channel'] === channel });
    assert.match(textOf(reply!.args['blocks']), /Où vous en êtes\s:\* Étape 1 sur 4 · Connexion/);
    assert.match(JSON.stringify(reply!.args['blocks']), new RegExp(ActionId.OpenRegistration));
    // The bot's own messages, edits and messages outside its DM are not answered.
    await stack.slack.driver.event({
      event: { type: 'message', channel_type: 'im', channel, user: userId, subtype: 'message_changed' },
    });
    await stack.slack.driver.event({
      event: { type: 'message', channel_type: 'channel', channel: 'C123', user: userId, text: 'hi' },
    });
    // A third, real message proves the two above were processed (events are handled in order here).
    await stack.slack.driver.event({
      event: { type: 'message', channel_type: 'im', channel, user: userId, text: 'encore' },
    });
    await stack.slack.waitForCalls('chat.postMessage', { count: 2, where: (c) => c.args['channel'] === channel });
    assert.equal(
      stack.slack.calls('chat.postMessage').filter((c) => c.args['channel'] === channel || c.args['channel'] === 'C123')
        .length,
      2,
    );
  });

  test('opening the Home tab shows the current step, the URN and the next action', async () => {
    const userId = newSlackUser(stack);
    const fresh = await stack.slack.driver.event({
      event: { type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' },
    });
    assert.equal(fresh.status, 200);
    const [empty] = await stack.slack.waitForCalls('views.publish', { where: (c) => c.args['user_id'] === userId });
    assert.match(
      textOf((empty!.args['view'] as { blocks: unknown }).blocks),
      /You have not started a registration yet/,
    );

    const viewId = await openCers(stack, userId, hasAction(ActionId.SimulateSignIn));
    assert.ok(viewId);
    await stack.slack.driver.event({ event: { type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' } });
    const published = await stack.slack.waitForCalls('views.publish', {
      where: (c) =>
        c.args['user_id'] === userId &&
        textOf((c.args['view'] as { blocks: unknown }).blocks).includes('Where you are:* Step 1 of 4 · Sign in'),
    });
    const home = textOf((published.at(-1)!.args['view'] as { blocks: unknown }).blocks);
    assert.match(home, /Next:\* sign in with your GCKey/);
    assert.match(home, /expires on \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[ap]\.m\.\sE[SD]T/);
  });
});

describe('Slack errors as activity failures', () => {
  test('a rate limit is retryable after Retry-After; a user who left is not retried', () => {
    const limited = asActivityFailure(new WebAPIRateLimitedError(7));
    assert.ok(limited instanceof ApplicationFailure);
    assert.equal(limited.nonRetryable, false);
    assert.equal(limited.nextRetryDelay, '7s');
    const gone = asActivityFailure(new WebAPIPlatformError({ ok: false, error: 'user_not_found' }));
    assert.ok(gone instanceof ApplicationFailure && gone.nonRetryable);
    const auth = asActivityFailure(new WebAPIPlatformError({ ok: false, error: 'invalid_auth' }));
    assert.ok(auth instanceof ApplicationFailure && !auth.nonRetryable, 'a token being fixed is worth retrying');
  });
});
