/**
 * Slack messages posted once per idempotency key (activities/slack-deliveries.ts), against the
 * Slack stand-in and the real database: a post whose answer was lost is found in Slack's history
 * instead of posted again, and two attempts at once cannot both post.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { asActivityFailure, slackDirectMessages, slackWebClientForActivities } from '../activities/slack-notifier';
import { postOnce } from '../activities/slack-deliveries';
import { createDatabase, type Database } from '../prisma/database';
import { startSlackStandIn, type SlackStandIn } from '../slack/stand-in';

const TOKEN = `xoxb-test-${randomBytes(8).toString('hex')}`;
let db: Database;
let slack: SlackStandIn;

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  slack = await startSlackStandIn({ botToken: TOKEN, signingSecret: randomBytes(16).toString('hex'), console: false });
});
afterAll(async () => {
  await slack.close();
  await db.$disconnect();
});

function member(): string {
  const id = `U${randomBytes(5).toString('hex').toUpperCase()}`;
  slack.setUser({ id });
  return id;
}

const postsTo = (userId: string) =>
  [...slack.workspace.messages.values()].filter((m) => m.channel === slack.workspace.dmChannelFor(userId));

describe('Slack messages posted once per key', () => {
  it('a post whose answer was lost is found in Slack, not posted again', async () => {
    const dm = slackDirectMessages({ botToken: TOKEN, apiUrl: slack.apiUrl, db });
    const to = member();
    const key = `test:${randomBytes(6).toString('hex')}`;
    const held = slack.api.holdNextReply('chat.postMessage');
    const first = dm.post(to, { text: 'Your request was approved.' }, key).catch((e: unknown) => e);
    await held.reached;
    held.release(); // Slack posted; the answer never arrives
    assert.ok((await first) instanceof Error, 'the first attempt failed');
    assert.equal(postsTo(to).length, 1);

    const ref = await dm.post(to, { text: 'Your request was approved.' }, key);
    assert.equal(postsTo(to).length, 1, 'still one message');
    assert.deepEqual(ref, { channel: postsTo(to)[0]!.channel, ts: postsTo(to)[0]!.ts });
    // Delivered: later retries return where it is without asking Slack anything.
    const calls = slack.calls().length;
    assert.deepEqual(await dm.post(to, { text: 'Your request was approved.' }, key), ref);
    assert.equal(slack.calls().length, calls);
  });

  it('two attempts at once: one posts, the other is told to retry, and its retry gets the same message', async () => {
    const web = slackWebClientForActivities(TOKEN, slack.apiUrl);
    const to = member();
    const key = `test:${randomBytes(6).toString('hex')}`;
    const send = () => postOnce(db, web, { key, slackUserId: to, message: { text: 'Registration complete.' } }, asActivityFailure);
    const held = slack.api.holdNextReply('chat.postMessage');
    const first = send().catch((e: unknown) => e);
    await held.reached;
    const second = await send().catch((e: unknown) => e);
    assert.ok(second instanceof ApplicationFailure && second.type === 'DeliveryInProgress', String(second));
    held.release();
    await first;
    const ref = await send();
    assert.equal(postsTo(to).length, 1);
    assert.equal(ref.ts, postsTo(to)[0]!.ts);
  });

  it('without a key, posts as before (every call is a message)', async () => {
    const dm = slackDirectMessages({ botToken: TOKEN, apiUrl: slack.apiUrl, db });
    const to = member();
    await dm.post(to, { text: 'one' });
    await dm.post(to, { text: 'two' });
    assert.equal(postsTo(to).length, 2);
  });
});
