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
import type { MemberMessage } from '../domain/notices';
import { createDatabase, type Database } from '../prisma/database';
import { startSlackStandIn, type SlackStandIn } from '../dev/slack';

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

/** A member notice as the activities send it: a meaning the adapter words. */
const notice = (actorName: string): MemberMessage => ({
  kind: 'member_notice',
  locale: 'en',
  notice: 'removed',
  details: { actorName, businessNumber: '123456782RM0001' },
});

const postsTo = (userId: string) =>
  [...slack.workspace.messages.values()].filter((m) => m.channel === slack.workspace.dmChannelFor(userId));

/** A new member, a new key, and one attempt of the activity's post under that key (call it for each attempt). */
function delivery() {
  const web = slackWebClientForActivities(TOKEN, slack.apiUrl);
  const to = member();
  const key = `test:${randomBytes(6).toString('hex')}`;
  const send = () =>
    postOnce(db, web, { key, slackUserId: to, message: { text: 'Registration complete.' } }, asActivityFailure);
  return { to, key, send };
}

describe('Slack messages posted once per key', () => {
  it('a post whose answer was lost is found in Slack, not posted again', async () => {
    const dm = slackDirectMessages({ botToken: TOKEN, apiUrl: slack.apiUrl, db });
    const to = member();
    const key = `test:${randomBytes(6).toString('hex')}`;
    const held = slack.api.holdNextReply('chat.postMessage');
    const first = dm.post(to, notice('Alice Owner'), key).catch((e: unknown) => e);
    await held.reached;
    held.release(); // Slack posted; the answer never arrives
    assert.ok((await first) instanceof Error, 'the first attempt failed');
    assert.equal(postsTo(to).length, 1);

    const ref = await dm.post(to, notice('Alice Owner'), key);
    assert.equal(postsTo(to).length, 1, 'still one message');
    assert.deepEqual(ref, { channel: postsTo(to)[0]!.channel, ts: postsTo(to)[0]!.ts });
    // Delivered: later retries return where it is without asking Slack anything.
    const calls = slack.calls().length;
    assert.deepEqual(await dm.post(to, notice('Alice Owner'), key), ref);
    assert.equal(slack.calls().length, calls);
  });

  it('two attempts at once: one posts, the other is told to retry, and its retry gets the same message', async () => {
    const { to, send } = delivery();
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

  it('an attempt that outlives its lease is taken over: the retry finds its post, and nothing is posted twice', async () => {
    const { to, key, send } = delivery();
    const held = slack.api.holdNextReply('chat.postMessage');
    const stalled = send().catch((e: unknown) => e);
    await held.reached; // Slack posted; the attempt waits for the answer past its lease
    await db.slackDelivery.update({ where: { key }, data: { leasedUntil: new Date(Date.now() - 1_000) } });

    const ref = await send();
    assert.equal(postsTo(to).length, 1, 'the retry found the post in Slack');
    assert.equal(ref.ts, postsTo(to)[0]!.ts);
    const row = await db.slackDelivery.findUniqueOrThrow({ where: { key } });
    assert.equal(row.tries, 2);
    assert.deepEqual({ channel: row.channel, ts: row.ts }, ref);

    held.release();
    await stalled;
    assert.equal(postsTo(to).length, 1);
    assert.deepEqual(await send(), ref, 'delivered: every later attempt returns where it is');
  });

  it('a delivered key is never taken again, however old its lease', async () => {
    const { key, send } = delivery();
    const ref = await send();
    await db.slackDelivery.update({ where: { key }, data: { leasedUntil: new Date(Date.now() - 60_000) } });
    const calls = slack.calls().length;
    assert.deepEqual(await send(), ref);
    assert.equal(slack.calls().length, calls, 'Slack was not asked anything');
    assert.equal((await db.slackDelivery.findUniqueOrThrow({ where: { key } })).tries, 1);
  });

  it('without a key, posts as before (every call is a message)', async () => {
    const dm = slackDirectMessages({ botToken: TOKEN, apiUrl: slack.apiUrl, db });
    const to = member();
    await dm.post(to, notice('Alice Owner'));
    await dm.post(to, notice('Bob Proxy'));
    assert.equal(postsTo(to).length, 2);
  });
});
