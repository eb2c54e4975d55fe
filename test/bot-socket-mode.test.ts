/**
 * The whole bot in Socket Mode against the stand-in (Bolt's SocketModeReceiver with its default
 * timings): a connection recycled by Slack mid-registration loses nothing and repeats nothing,
 * malformed frames do not reach Bolt, and the bot's own pages (health, sign-in) are still served on
 * PORT, where Slack's endpoint is not.
 * The registration and access-request flows themselves run over both transports in
 * bot-registration.test.ts and bot-roles.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { ActionId } from '../slack/ids';
import { envelopeProblem } from '../bot/edge/socket-frames';
import { buttonValue, click, hasAction, newSlackUser, openCers, useBotStack, waitForView } from './support/bot-stack';

const stack = useBotStack({}, { transport: 'socket', signIn: true });

describe('the bot in Socket Mode', () => {
  test('a well-framed envelope whose payload breaks Slack’s schema is refused as over HTTP', () => {
    const frame = (type: string, payload: unknown) => ({ envelope_id: 'e1', type, payload });
    assert.equal(
      envelopeProblem(frame('interactive', { type: 'block_actions', user: null, actions: 'x' })),
      'invalid_envelope',
    );
    assert.equal(
      envelopeProblem(frame('slash_commands', { command: '/cers', user_id: 'toString', team_id: 7 })),
      'invalid_envelope',
    );
    assert.equal(
      envelopeProblem(frame('events_api', { type: 'event_callback', event: { type: 'app_home_opened' } })),
      'invalid_envelope',
    );
    assert.equal(envelopeProblem({ type: 'hello' }), undefined);
  });

  test('Slack recycles the connection mid-registration: the click sent meanwhile reaches the bot once, on the new one', async () => {
    const userId = newSlackUser(stack);
    const viewId = await openCers(stack, userId, hasAction(ActionId.SignIn));
    const before = stack.slack.socketMode.connections().length;

    stack.slack.socketMode.disconnect('refresh_requested');
    // Sent while Bolt reconnects (it waits 5 s): held by Slack, not lost.
    const clicked = await click(stack, userId, viewId, ActionId.SignIn, 'gckey');
    assert.equal(clicked.status, 200);
    await waitForView(stack, viewId, hasAction(ActionId.OpenSignInLink));

    const connections = stack.slack.socketMode.connections();
    assert.equal(connections.length, before + 1, 'Bolt opened one new connection');
    assert.equal(connections[0]!.state, 'closed');
    const envelopes = stack.slack.socketMode.envelopes();
    const click1 = envelopes.filter(
      (e) => e.type === 'interactive' && JSON.stringify(e.payload).includes(ActionId.SignIn),
    );
    assert.deepEqual(
      click1.map((e) => [e.connectionId, e.retryAttempt, e.outcome]),
      [[connections.at(-1)!.id, 0, 'acked']],
      'the click went once, to the new connection',
    );
    const commands = envelopes.filter((e) => e.type === 'slash_commands' && e.payload['user_id'] === userId);
    assert.deepEqual(
      commands.map((e) => e.outcome),
      ['acked'],
      'the /cers acked before the refresh was not sent again',
    );
  });

  test('malformed frames are dropped before Bolt (envelopes acked so Slack stops), and the bot keeps serving', async () => {
    const malformed = ['bad-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5', 'bad-6'];
    for (const frame of [
      'null',
      '[1]',
      JSON.stringify({ envelope_id: 'bad-1', type: 'events_api', payload: null }),
      JSON.stringify({ envelope_id: 'bad-2', type: 'events_api', payload: { type: 'event_callback', event: null } }),
      JSON.stringify({ envelope_id: 'bad-3', type: 'interactive' }),
      JSON.stringify({ envelope_id: 'bad-4', type: 'no_such_type', payload: {} }),
      // Well framed, but payloads that Slack's schema refuses (bot/edge/slack-envelope.ts), as over HTTP.
      JSON.stringify({
        envelope_id: 'bad-5',
        type: 'interactive',
        payload: { type: 'block_actions', user: null, actions: 'x' },
      }),
      JSON.stringify({
        envelope_id: 'bad-6',
        type: 'slash_commands',
        payload: { command: '/cers', user_id: 'toString', team_id: 7 },
      }),
    ]) {
      stack.slack.socketMode.sendRaw(frame);
    }
    const socket = stack.slack.socketMode;
    const acked = () => malformed.filter((id) => socket.acks().some((a) => a.envelopeId === id));
    await socket.waitFor(
      () => (acked().length === malformed.length ? true : undefined),
      'the malformed envelopes to be acked',
    );
    const userId = newSlackUser(stack);
    await openCers(stack, userId, hasAction(ActionId.SignIn));
  });

  test('its own pages are served on PORT: health and the sign-in link; Slack’s HTTP endpoint is not', async () => {
    assert.equal(stack.transport, 'socket');
    const health = await fetch(`${stack.botUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const events = await fetch(`${stack.botUrl}/slack/events`, { method: 'POST', body: 'command=%2Fcers' });
    assert.equal(events.status, 404, 'in Socket Mode Slack posts nothing to the bot');

    const userId = newSlackUser(stack);
    const viewId = await openCers(stack, userId, hasAction(ActionId.SignIn));
    await click(stack, userId, viewId, ActionId.SignIn, 'gckey');
    const view = await waitForView(stack, viewId, hasAction(ActionId.OpenSignInLink));
    const url = /"url":"([^"]+\/auth\/start\/[^"]+)"/.exec(JSON.stringify(view.blocks))?.[1];
    assert.ok(url, 'the modal shows a sign-in link');
    assert.equal(new URL(url).origin, stack.botUrl);
    // The applicant opens it from Slack (which tells the bot), then the page answers.
    await click(stack, userId, viewId, ActionId.OpenSignInLink, buttonValue(view.blocks, ActionId.OpenSignInLink));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  });
});
