/**
 * The stand-in's Web API refuses Block Kit that breaks Slack's limits, as Slack does, through a
 * real WebClient: views with `invalid_arguments`, message blocks with `invalid_blocks`, text over
 * the limit with `msg_too_long`, a response_url with a bare 400; nothing refused is shown, and
 * every refusal is recorded for the tests to see.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import { startSlackStandIn, type SlackStandIn } from '../dev/slack';

const BOT_TOKEN = 'xoxb-block-kit-test-token';
const USER = 'U0LIMITS01';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });
const modal = (title: string, text = 'Hello') => ({
  type: 'modal' as const,
  title: plain(title),
  close: plain('Close'),
  blocks: [section(text)],
});
const TOO_LONG_TITLE = 'A title far over 24 characters';

/** The WebClient logs Slack's refusals at ERROR; these tests expect them. */
const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** What Slack answered a rejected WebClient call (`WebAPIPlatformError.data`). */
async function refusal(call: Promise<unknown>): Promise<Record<string, unknown>> {
  let data: Record<string, unknown> | undefined;
  await assert.rejects(call, (error: unknown) => {
    assert.ok(typeof error === 'object' && error !== null && 'data' in error);
    data = error.data as Record<string, unknown>;
    return true;
  });
  return data!;
}

describe('Slack stand-in: Block Kit limits on the Web API', () => {
  let standIn: SlackStandIn;
  let client: WebClient;

  beforeAll(async () => {
    standIn = await startSlackStandIn({
      botToken: BOT_TOKEN,
      signingSecret: randomBytes(16).toString('hex'),
      users: [{ id: USER }],
      console: false,
    });
    client = new WebClient(BOT_TOKEN, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
  });
  afterAll(() => standIn.close());

  test('a view over a limit: views.open answers invalid_arguments with each problem, and opens nothing', async () => {
    const viewsBefore = standIn.workspace.views.size;
    const data = await refusal(
      client.views.open({
        trigger_id: standIn.driver.mintTriggerId(USER),
        view: { ...modal(TOO_LONG_TITLE), callback_id: 'x'.repeat(256) },
      }),
    );
    assert.deepEqual(data, {
      ok: false,
      error: 'invalid_arguments',
      response_metadata: {
        messages: [
          '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
          '[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]',
        ],
      },
    });
    assert.equal(standIn.workspace.views.size, viewsBefore, 'no view was stored');
    assert.deepEqual(standIn.workspace.modalStacks.get(USER) ?? [], [], 'no modal is open');
    const [call] = standIn.calls('views.open');
    assert.equal(call?.response.error, 'invalid_arguments', 'the refused call is recorded with its answer');

    const opened = await client.views.open({
      trigger_id: standIn.driver.mintTriggerId(USER),
      view: modal('Registration'),
    });
    assert.equal(opened.ok, true, 'the same view within the limits opens');
  });

  test('views.push and views.update over a limit change nothing', async () => {
    const open = await client.views.open({ trigger_id: standIn.driver.mintTriggerId(USER), view: modal('Step 1') });
    const viewId = open.view!.id!;
    const stored = standIn.workspace.views.get(viewId)!;
    const hash = stored.hash;
    const stack = [...(standIn.workspace.modalStacks.get(USER) ?? [])];

    const pushed = await refusal(
      client.views.push({ trigger_id: standIn.driver.mintTriggerId(USER), view: modal('Step 2', '') }),
    );
    assert.deepEqual((pushed.response_metadata as { messages: string[] }).messages, [
      '[ERROR] must be more than 0 characters [json-pointer:/view/blocks/0/text/text]',
    ]);
    assert.deepEqual(standIn.workspace.modalStacks.get(USER), stack, 'nothing pushed');

    const updated = await refusal(client.views.update({ view_id: viewId, hash, view: modal(TOO_LONG_TITLE) }));
    assert.equal(updated.error, 'invalid_arguments');
    assert.equal(standIn.workspace.views.get(viewId)?.hash, hash, 'the view kept its hash');
    assert.deepEqual(standIn.workspace.views.get(viewId)?.definition.title, plain('Step 1'), 'and its content');
  });

  test('a Home tab over a limit: views.publish publishes nothing', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));
    const data = await refusal(client.views.publish({ user_id: USER, view: { type: 'home', blocks } }));
    assert.deepEqual((data.response_metadata as { messages: string[] }).messages, [
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    ]);
    assert.equal(standIn.workspace.homeViews.get(USER), undefined);
  });

  test('message blocks over a limit: chat.postMessage and chat.update answer invalid_blocks and show nothing', async () => {
    const messagesBefore = standIn.workspace.messages.size;
    const data = await refusal(
      client.chat.postMessage({ channel: USER, text: 'Hello', blocks: [section('x'.repeat(3001))] }),
    );
    assert.deepEqual(data, {
      ok: false,
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      response_metadata: { messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] },
    });
    assert.equal(standIn.workspace.messages.size, messagesBefore, 'no message was posted');

    const posted = await client.chat.postMessage({ channel: USER, text: 'Hello', blocks: [section('Hello')] });
    const updated = await refusal(
      client.chat.update({
        channel: posted.channel!,
        ts: posted.ts!,
        text: 'Hi',
        blocks: [section('Hi'), section('')],
      }),
    );
    assert.deepEqual(updated.errors, ['must be more than 0 characters [json-pointer:/blocks/1/text/text]']);
    const stored = standIn.workspace.messages.get(`${posted.channel}/${posted.ts}`);
    assert.equal(stored?.text, 'Hello', 'the message is unchanged');
    assert.equal(stored?.updates, 0);
  });

  test('message text over 40000 characters: msg_too_long', async () => {
    const data = await refusal(client.chat.postMessage({ channel: USER, text: 'x'.repeat(40_001) }));
    assert.equal(data.error, 'msg_too_long');
    assert.equal(standIn.calls('chat.postMessage').at(-1)?.response.error, 'msg_too_long');
  });

  test('a response_url post over a limit: a bare 400 invalid_blocks, recorded as refused', async () => {
    const post = (body: unknown) =>
      fetch(`${standIn.api.url}/response-url/T0/limits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const refused = await post({
      response_type: 'ephemeral',
      text: 'Hi',
      blocks: [{ type: 'header', text: plain('x'.repeat(151)) }],
    });
    assert.equal(refused.status, 400);
    assert.equal(await refused.text(), 'invalid_blocks');
    const accepted = await post({
      response_type: 'ephemeral',
      text: 'Hi',
      blocks: [{ type: 'header', text: plain('x'.repeat(150)) }],
    });
    assert.equal(accepted.status, 200);
    const [first, second] = standIn.responseUrlPosts('T0/limits');
    assert.deepEqual(first?.refused, ['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]']);
    assert.equal(second?.refused, undefined);
  });

  test('a view_submission ack with an invalid view leaves the modal as it was', async () => {
    const open = await client.views.open({ trigger_id: standIn.driver.mintTriggerId(USER), view: modal('Form') });
    const viewId = open.view!.id!;
    standIn.api.applySubmissionAck(viewId, { response_action: 'update', view: modal(TOO_LONG_TITLE) });
    assert.deepEqual(standIn.workspace.views.get(viewId)?.definition.title, plain('Form'));
    standIn.api.applySubmissionAck(viewId, { response_action: 'update', view: modal('Next step') });
    assert.deepEqual(
      standIn.workspace.views.get(viewId)?.definition.title,
      plain('Next step'),
      'a valid view replaces it',
    );
  });

  test('every refusal is listed, with where it happened and Slack’s messages', () => {
    const refusals = standIn.api.blockKitRefusals();
    assert.deepEqual(
      refusals.map((r) => r.where),
      [
        'views.open',
        'views.push',
        'views.update',
        'views.publish',
        'chat.postMessage',
        'chat.update',
        'chat.postMessage',
        'response_url',
        'view_submission ack',
      ],
    );
    assert.deepEqual(refusals.at(-1)?.messages, [
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    assert.deepEqual(refusals.at(-3)?.messages, ['msg_too_long']);
  });
});
