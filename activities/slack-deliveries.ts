/**
 * Slack messages posted exactly once, by an idempotency key per message (a notice, a request to a
 * decider, an outcome). Slack's chat.postMessage has no idempotency key of its own, and an
 * activity can die after Slack posted and before it heard back, so:
 *
 * 1. a row per key (slack_deliveries) says whether the message was posted, and where; a retry of
 *    a delivered key returns its reference and posts nothing;
 * 2. one attempt at a time holds the key (a lease as long as the activity's attempt), so an attempt
 *    that timed out but still runs cannot post beside its retry;
 * 3. the message carries its key in Slack's event metadata; an attempt that follows one that may
 *    have posted (the row says a post was started) first looks for the key in the channel's recent
 *    history (conversations.history, scope im:history), and records what it finds instead of
 *    posting again.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { WebClient } from '@slack/web-api';
import type { Database } from '../prisma/database';
import type { MessageRef } from './notifications';
import type { SlackMessage } from '../slack/message';

/** Slack's event type for the metadata our messages carry. */
export const DELIVERY_EVENT_TYPE = 'cers_delivery';
/** How far back a retry looks for a message an earlier attempt may have posted. */
const HISTORY_LOOKBACK = 50;
const DEFAULT_LEASE_MS = 30_000;

/** The lease: as long as the current activity attempt may run (its start-to-close timeout). */
function leaseMs(): number {
  try {
    return Context.current().info.startToCloseTimeoutMs || DEFAULT_LEASE_MS;
  } catch {
    return DEFAULT_LEASE_MS; // outside an activity (tests, scripts)
  }
}

interface Claim {
  channel: string | null;
  tries: number;
}

/**
 * Takes the key for this attempt; undefined when delivered already or held by another attempt. One
 * statement: the first attempt creates the row holding the lease; a later one takes the lease only
 * while nothing is posted and no attempt holds it (two at once: the second waits on the first's row
 * and finds it held).
 */
async function claim(db: Database, key: string): Promise<Claim | undefined> {
  const lease = leaseMs();
  const rows = await db.$queryRaw<Claim[]>`
    INSERT INTO slack_deliveries (key, tries, leased_until)
    VALUES (${key}, 1, now() + make_interval(secs => ${lease / 1000}::float8))
    ON CONFLICT (key) DO UPDATE
    SET tries = slack_deliveries.tries + 1, leased_until = EXCLUDED.leased_until
    WHERE slack_deliveries.ts IS NULL
      AND (slack_deliveries.leased_until IS NULL OR slack_deliveries.leased_until < now())
    RETURNING channel, tries`;
  return rows[0];
}

async function postedEarlier(web: WebClient, channel: string, key: string): Promise<string | undefined> {
  const history = await web.conversations.history({ channel, limit: HISTORY_LOOKBACK, include_all_metadata: true });
  const found = history.messages?.find((m) => {
    const payload: Record<string, unknown> | undefined = m.metadata?.event_payload;
    return m.metadata?.event_type === DELIVERY_EVENT_TYPE && payload?.['key'] === key;
  });
  return found?.ts;
}

async function recordPosted(db: Database, key: string, ref: MessageRef): Promise<MessageRef> {
  await db.slackDelivery.update({
    where: { key },
    data: { channel: ref.channel, ts: ref.ts, deliveredAt: new Date(), leasedUntil: null },
  });
  return ref;
}

/**
 * Posts `message` to `slackUserId`'s DM once per `key`, and returns where it is. `toActivityFailure`
 * words Slack's errors for Temporal's retries (slack-notifier.ts).
 */
export async function postOnce(
  db: Database,
  web: WebClient,
  input: { key: string; slackUserId: string; message: SlackMessage },
  toActivityFailure: (error: unknown) => unknown,
): Promise<MessageRef> {
  const { key } = input;
  const claimed = await claim(db, key);
  if (!claimed) {
    const row = await db.slackDelivery.findUniqueOrThrow({ where: { key } });
    if (row.channel && row.ts) return { channel: row.channel, ts: row.ts };
    // Another attempt holds the key: it posts, or its lease lapses and a retry takes over.
    throw ApplicationFailure.create({ type: 'DeliveryInProgress', message: 'Another attempt is posting this message' });
  }
  try {
    // A person's DM channel never changes (conversations.open answers the same one every time), so
    // it is recorded with the post, not before it: a retry that follows a post opens it again.
    let channel = claimed.channel;
    if (!channel) {
      const dm = await web.conversations.open({ users: input.slackUserId });
      channel = dm.channel?.id ?? null;
      if (!channel)
        throw ApplicationFailure.create({ type: 'SlackApiError', message: 'conversations.open returned no channel' });
    }
    if (claimed.tries > 1) {
      const ts = await postedEarlier(web, channel, key);
      if (ts) return await recordPosted(db, key, { channel, ts });
    }
    const posted = await web.chat.postMessage({
      channel,
      text: input.message.text,
      blocks: input.message.blocks,
      metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key } },
    });
    return await recordPosted(db, key, { channel: posted.channel ?? channel, ts: posted.ts! });
  } catch (error) {
    // The next attempt may go at once; it checks Slack's history before posting (tries > 1).
    await db.slackDelivery.update({ where: { key }, data: { leasedUntil: null } }).catch(() => undefined);
    throw toActivityFailure(error);
  }
}
