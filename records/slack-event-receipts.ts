/**
 * Exactly-once handling of Slack events. Slack redelivers an event it thinks was not acknowledged
 * (`X-Slack-Retry-Num`), possibly to another replica, possibly after a restart: the first delivery
 * to claim the event id in the database acts, every later one finds the claim and does nothing.
 */
import type { Database } from '../prisma/database';

/** Slack retries for about an hour at most; a day of receipts is plenty. */
const KEEP_RECEIPTS_MS = 24 * 60 * 60 * 1000;

/** True for the first claim of `eventId`, false for every redelivery. */
export async function claimEvent(db: Database, eventId: string): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO slack_event_receipts (event_id) VALUES (${eventId}) ON CONFLICT (event_id) DO NOTHING`;
  return inserted === 1;
}

/** Gives the claim back when acting failed, so Slack's next retry can act. */
export async function releaseEvent(db: Database, eventId: string): Promise<void> {
  await db.slackEventReceipt.deleteMany({ where: { eventId } });
}

export async function pruneEventReceipts(db: Database, now = Date.now()): Promise<number> {
  const { count } = await db.slackEventReceipt.deleteMany({
    where: { receivedAt: { lt: new Date(now - KEEP_RECEIPTS_MS) } },
  });
  return count;
}
