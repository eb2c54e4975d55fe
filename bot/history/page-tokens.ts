/**
 * The value of a paging button (Older, Newer): which business account, and the row the next page
 * starts after, as `<business account id>:<time in ms>:<row id>`. It comes back from Slack as any
 * payload may, forged or cut: parsed with zod, and anything else is refused, never thrown.
 * It grants nothing: the clicker's role in that business account is checked on every click.
 */
import { z } from 'zod';
import type { PageCursor } from '../../records/paging';

const MAX_BIGINT = 2n ** 63n - 1n;

const PageTokenSchema = z
  .string()
  .max(100)
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:\d{1,15}:\d{1,19}$/)
  .transform((value) => {
    const [businessAccountId, ms, id] = value.split(':') as [string, string, string];
    return { businessAccountId, at: new Date(Number(ms)), id: BigInt(id) };
  })
  .pipe(
    z.object({
      businessAccountId: z.guid(),
      at: z.date().refine((at) => !Number.isNaN(at.getTime())),
      id: z.bigint().positive().max(MAX_BIGINT),
    }),
  );

export type PageToken = { businessAccountId: string } & PageCursor;

export function pageToken(businessAccountId: string, cursor: PageCursor): string {
  return `${businessAccountId}:${cursor.at.getTime()}:${cursor.id}`;
}

/** The token in a button's value, or undefined when it is not one. */
export function parsePageToken(value: string | undefined): PageToken | undefined {
  const parsed = PageTokenSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
