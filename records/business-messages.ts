/** A business account's messages as members read them (written by activities/business-messages.ts). */
import type { Database } from '../prisma/database';
import { keysetPage, type Page, type PageCursor, type PageRequest } from './paging';

export interface BusinessMessageView {
  id: string;
  kind: string;
  at: string;
  /** Parameters with user account ids resolved to names. */
  params: Record<string, string>;
}

type MessageRow = { id: bigint; kind: string; createdAt: Date; params: unknown };

/** The rows as members read them, with the people in them named. */
async function viewsOf(db: Database, rows: readonly MessageRow[]): Promise<BusinessMessageView[]> {
  const ids = new Set<string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.params as Record<string, string>))
      if (name.endsWith('UserAccountId')) ids.add(value);
  }
  const names = new Map(
    (
      await db.userAccount.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, givenName: true, familyName: true },
      })
    ).map((u) => [u.id, `${u.givenName} ${u.familyName}`] as const),
  );
  return rows.map((row) => ({
    id: row.id.toString(),
    kind: row.kind,
    at: row.createdAt.toISOString(),
    params: Object.fromEntries(
      Object.entries(row.params as Record<string, string>).map(([name, value]) =>
        name.endsWith('UserAccountId') ? [name.replace(/UserAccountId$/, ''), names.get(value) ?? '—'] : [name, value],
      ),
    ),
  }));
}

/** The newest messages first, with the people in them named. */
export async function listBusinessMessages(
  db: Database,
  businessAccountId: string,
  limit = 20,
): Promise<BusinessMessageView[]> {
  const rows = await db.businessMessage.findMany({
    where: { businessAccountId },
    orderBy: { id: 'desc' },
    take: limit,
  });
  return viewsOf(db, rows);
}

/** One page of the messages, newest first (by time, then id), with where the pages beside it start. */
export async function businessMessagesPage(
  db: Database,
  businessAccountId: string,
  request: PageRequest,
  size?: number,
): Promise<Page<BusinessMessageView>> {
  const query = async (direction: PageRequest['direction'], from: PageCursor | undefined, limit: number) => {
    const order = direction === 'older' ? 'desc' : 'asc';
    const beyond = direction === 'older' ? 'lt' : 'gt';
    const rows = await db.businessMessage.findMany({
      where: {
        businessAccountId,
        ...(from
          ? { OR: [{ createdAt: { [beyond]: from.at } }, { createdAt: from.at, id: { [beyond]: from.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: order }, { id: order }],
      take: limit,
    });
    return rows.map((row) => ({ ...row, at: row.createdAt }));
  };
  const page = await keysetPage(query, request, size);
  return { ...page, items: await viewsOf(db, page.items) };
}
