/**
 * The local Slack stand-in against a real Bolt app (HTTPReceiver): signed deliveries reach the
 * listeners, forged or stale ones do not, and the Web API enforces Slack's rules the bot relies on.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { FakeClock, type SlackStandIn, startSlackStandIn } from '../dev/slack';
import { freePort } from '../testkit/ports';

const BOT_TOKEN = 'xoxb-stand-in-test-token';
const SIGNING_SECRET = randomBytes(16).toString('hex');

const modal = (title: string) => ({
  type: 'modal' as const,
  callback_id: 'cers_step',
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: title } }],
});

/** The Slack error code of a rejected WebClient call (`WebAPIPlatformError.data.error`). */
function slackError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string'
    ? data.error
    : undefined;
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.equal(slackError(error), code);
    return true;
  });
}

describe('Slack stand-in driving a real Bolt app', () => {
  const clock = new FakeClock();
  let standIn: SlackStandIn;
  let app: App;
  /** What the listeners saw, to prove rejected deliveries reach none. */
  const commandsSeen: string[] = [];
  const retryNumsSeen: (number | undefined)[] = [];

  beforeAll(async () => {
    standIn = await startSlackStandIn({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      clock: clock.now,
      users: [
        { id: 'U0ALICE001', locale: 'fr-CA' },
        { id: 'U0BOB00001', locale: 'en-US' },
      ],
    });
    const port = await freePort();
    app = new App({
      token: BOT_TOKEN,
      receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR }),
      logLevel: LogLevel.ERROR,
      // No client retries: an error from the stand-in must surface at once, not after back-off.
      clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } },
    });

    app.command('/cers', async ({ ack, command, client, respond }) => {
      commandsSeen.push(command.text);
      await ack();
      if (command.text === 'later') return; // keeps the trigger id unused
      if (command.text === 'respond') {
        await respond({ text: 'Working on it', response_type: 'ephemeral' });
        return;
      }
      // The modal opens first: trigger ids live 3 s.
      await client.views.open({ trigger_id: command.trigger_id, view: modal('CERS registration') });
      await client.chat.postMessage({ channel: command.user_id, text: 'Welcome to CERS Onboard' });
    });

    app.action('push_more', async ({ ack, body, client }) => {
      await ack();
      if (body.type !== 'block_actions') return;
      // The stand-in records the outcome (including push_limit_reached); the test reads it there.
      await client.views.push({ trigger_id: body.trigger_id, view: modal('More') }).catch(() => undefined);
    });

    app.event('app_home_opened', async ({ event, context, client }) => {
      retryNumsSeen.push(context.retryNum);
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });

    await app.start(port);
    standIn.driver.target = `http://127.0.0.1:${port}/slack/events`;
  });

  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
  });

  test('a signed /cers is acked and its views.open and chat.postMessage reach the stand-in', async () => {
    const delivery = await standIn.driver.slashCommand({ userId: 'U0ALICE001', text: '' });
    assert.equal(delivery.status, 200);
    assert.ok(delivery.latencyMs < 3_000, `ack took ${delivery.latencyMs} ms`);

    const [open] = await standIn.waitForCalls('views.open', { where: (c) => c.args.trigger_id === delivery.triggerId });
    assert.ok(open?.response.ok, JSON.stringify(open?.response));
    assert.equal(open.token, BOT_TOKEN);
    const view = open.response.view as { id: string; hash: string; callback_id: string; root_view_id: string };
    assert.match(view.id, /^V[A-Z0-9]+$/);
    assert.equal(view.callback_id, 'cers_step');
    assert.equal(view.root_view_id, view.id);

    const [post] = await standIn.waitForCalls('chat.postMessage', { where: (c) => c.args.channel === 'U0ALICE001' });
    assert.ok(post?.response.ok);
    assert.match(String(post.response.channel), /^D/);
    assert.match(String(post.response.ts), /^\d+\.\d{6}$/);
    // Bolt verified its token with auth.test before dispatching.
    assert.ok(standIn.calls('auth.test').some((c) => c.response.ok));

    // views.update: the current hash wins, a stale one is refused.
    const updated = await app.client.views.update({ view_id: view.id, hash: view.hash, view: modal('Step 2') });
    assert.notEqual(updated.view?.hash, view.hash);
    await rejectsWith(
      app.client.views.update({ view_id: view.id, hash: view.hash, view: modal('Step 2 again') }),
      'hash_conflict',
    );
  });

  test('a forged signature and a stale timestamp get 401 and reach no listener', async () => {
    const before = { commands: commandsSeen.length, calls: standIn.calls().length };
    const forged = await standIn.driver.slashCommand(
      { userId: 'U0BOB00001', text: 'forged' },
      { forgeSignature: true },
    );
    assert.equal(forged.status, 401);
    const stale = await standIn.driver.slashCommand(
      { userId: 'U0BOB00001', text: 'stale' },
      { timestampAgeSeconds: 6 * 60 },
    );
    assert.equal(stale.status, 401);
    // Bolt answers 401 before dispatch, so nothing can still be in flight; a signed request after proves it.
    const signed = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'later' });
    assert.equal(signed.status, 200);
    assert.deepEqual(commandsSeen.slice(before.commands), ['later']);
    assert.equal(standIn.calls().length, before.calls);
  });

  test('trigger ids are single-use and expire after 3 s', async () => {
    const first = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: '' });
    await standIn.waitForCalls('views.open', { where: (c) => c.args.trigger_id === first.triggerId && c.response.ok });
    await rejectsWith(
      app.client.views.open({ trigger_id: String(first.triggerId), view: modal('Again') }),
      'exchanged_trigger_id',
    );

    const fresh = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'later' });
    clock.advance(2_999);
    const stillValid = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'later' });
    clock.advance(2);
    await rejectsWith(
      app.client.views.open({ trigger_id: String(fresh.triggerId), view: modal('Late') }),
      'expired_trigger_id',
    );
    const opened = await app.client.views.open({ trigger_id: String(stillValid.triggerId), view: modal('In time') });
    assert.equal(opened.ok, true);

    await rejectsWith(
      app.client.views.open({ trigger_id: '123.456.abc', view: modal('Unknown') }),
      'invalid_trigger_id',
    );
  });

  test('a modal stack holds 3 views: the 4th views.push gets push_limit_reached', async () => {
    const user = 'U0CAROL001';
    const command = await standIn.driver.slashCommand({ userId: user, text: '' });
    const [open] = await standIn.waitForCalls('views.open', { where: (c) => c.args.trigger_id === command.triggerId });
    const rootId = (open?.response.view as { id: string }).id;

    const outcomes: string[] = [];
    let topId = rootId;
    for (let i = 0; i < 3; i += 1) {
      const action = await standIn.driver.blockAction({ userId: user, actionId: 'push_more', viewId: topId });
      assert.equal(action.status, 200);
      const [push] = await standIn.waitForCalls('views.push', { where: (c) => c.args.trigger_id === action.triggerId });
      assert.ok(push);
      outcomes.push(push.response.ok ? 'ok' : push.response.error);
      if (push.response.ok) {
        const pushed = push.response.view as { id: string; root_view_id: string; previous_view_id: string };
        assert.equal(pushed.root_view_id, rootId);
        assert.equal(pushed.previous_view_id, topId);
        topId = pushed.id;
      }
    }
    assert.deepEqual(outcomes, ['ok', 'ok', 'push_limit_reached']);
  });

  test('users.info returns the configured locale when include_locale is set', async () => {
    const alice = await app.client.users.info({ user: 'U0ALICE001', include_locale: true });
    assert.equal(alice.user?.locale, 'fr-CA');
    const bob = await app.client.users.info({ user: 'U0BOB00001', include_locale: true });
    assert.equal(bob.user?.locale, 'en-US');
    const withoutLocale = await app.client.users.info({ user: 'U0ALICE001' });
    assert.equal(withoutLocale.user?.locale, undefined);
    await rejectsWith(app.client.users.info({ user: 'U0NOBODY01' }), 'user_not_found');
  });

  test('a wrong token gets invalid_auth (HTTP 200), a missing one not_authed', async () => {
    await rejectsWith(app.client.auth.test({ token: 'xoxb-wrong' }), 'invalid_auth');
    const form = await fetch(`${standIn.apiUrl}auth.test`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'xoxb-wrong' }),
    });
    assert.equal(form.status, 200);
    assert.deepEqual(await form.json(), { ok: false, error: 'invalid_auth' });
    const json = await fetch(`${standIn.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.deepEqual(await json.json(), { ok: false, error: 'not_authed' });
  });

  test('a redelivery with X-Slack-Retry-Num: 1 is seen by the listener as context.retryNum 1', async () => {
    const event = { type: 'app_home_opened', user: 'U0ALICE001', channel: 'D0HOME0001', tab: 'home' };
    const first = await standIn.driver.event({ event });
    const retry = await standIn.driver.event(
      { event, eventId: first.eventId },
      { retryNum: 1, retryReason: 'http_timeout' },
    );
    assert.equal(first.status, 200);
    assert.equal(retry.status, 200);
    await standIn.waitForCalls('views.publish', { count: 2, where: (c) => c.args.user_id === 'U0ALICE001' });
    // Listeners run after the ack, so the two may finish in either order.
    assert.deepEqual(
      retryNumsSeen
        .slice(-2)
        .map((n) => n ?? 0)
        .sort(),
      [0, 1],
    );
  });

  test('what the bot posts to response_url is recorded by the sink', async () => {
    const delivery = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'respond' });
    assert.equal(delivery.status, 200);
    const [post] = await standIn.waitForResponseUrlPosts(String(delivery.responseUrlId));
    assert.deepEqual(post?.body, { text: 'Working on it', response_type: 'ephemeral' });
  });
});
