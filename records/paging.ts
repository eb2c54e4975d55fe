/**
 * Keyset paging for the lists people read newest first (a business account's history and its
 * messages): a page starts after a row's (time, id), never at an offset, so rows written while
 * someone pages neither shift the pages they move to nor appear twice; the newest come in at the
 * top, behind Newer.
 */

/** Where a page starts: a row's time and id (the id orders rows written in the same millisecond). */
export interface PageCursor {
  at: Date;
  id: bigint;
}

/** `older`: the rows just before the cursor (none: the newest page); `newer`: the rows just after it. */
export interface PageRequest {
  direction: 'older' | 'newer';
  from?: PageCursor;
}

/** Rows newest first; `older` / `newer`: where the neighbouring pages start, when there are rows there. */
export interface Page<T> {
  items: T[];
  older?: PageCursor;
  newer?: PageCursor;
}

export const PAGE_SIZE = 10;

/** A query for at most `limit` rows strictly beyond `from` in `direction`, nearest first. */
export type KeysetQuery<Row> = (
  direction: PageRequest['direction'],
  from: PageCursor | undefined,
  limit: number,
) => Promise<Row[]>;

const cursorOf = (row: PageCursor): PageCursor => ({ at: row.at, id: row.id });

/** One page of `size` rows, newest first, with where its neighbours start if they have rows. */
export async function keysetPage<Row extends PageCursor>(
  query: KeysetQuery<Row>,
  request: PageRequest,
  size = PAGE_SIZE,
): Promise<Page<Row>> {
  const rows = await query(request.direction, request.from, size + 1);
  const shown = rows.slice(0, size);
  if (request.direction === 'newer') shown.reverse();
  const beyond = rows.length > size;
  const newest = shown[0] ? cursorOf(shown[0]) : request.from;
  const oldest = shown.at(-1) ? cursorOf(shown.at(-1)!) : request.from;
  const any = async (direction: PageRequest['direction'], from: PageCursor | undefined) =>
    from !== undefined && (await query(direction, from, 1)).length > 0;
  const older = request.direction === 'older' ? beyond && oldest : (await any('older', oldest)) && oldest;
  const newer = request.direction === 'newer' ? beyond && newest : (await any('newer', newest)) && newest;
  return { items: shown, ...(older ? { older } : {}), ...(newer ? { newer } : {}) };
}
