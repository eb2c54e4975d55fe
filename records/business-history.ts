/**
 * A business account's history, as its owner and proxies read it: the audit trail's events about
 * the business account (registered, contact updated, deleted), its memberships (added, role
 * changed, removed, left, ownership handed over) and its requests (access requests and ownership
 * transfers: opened, decided, expired, withdrawn). Newest first, a page at a time (records/paging.ts).
 *
 * The audit trail holds ids, never names: the names of who acted and whom it concerned are read
 * here from the user accounts, for the people the bot shows them to (the owner and proxies, who
 * see the members anyway). A contact change names the fields that changed, never their values.
 */
import type { Role } from '../domain/roles';
import { Prisma, type Database } from '../prisma/database';
import { keysetPage, type Page, type PageCursor, type PageRequest } from './paging';

/** The events a history shows, by audit action; any other event (an operator's, a lock lifted) is not the business's story. */
export const HISTORY_ACTIONS = [
  'business_account.created',
  'business_account.contact_updated',
  'business_account.deleted',
  'membership.added',
  'membership.role_changed',
  'membership.removed',
  'membership.left',
  'membership.ownership_received',
  'membership.ownership_handed_over',
  'role_request.opened',
  'role_request.approved',
  'role_request.rejected',
  'role_request.expired',
  'role_request.cancelled',
  'ownership_transfer.proposed',
  'ownership_transfer.approved',
  'ownership_transfer.rejected',
  'ownership_transfer.expired',
  'ownership_transfer.cancelled',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export interface HistoryEntry extends PageCursor {
  action: HistoryAction;
  /** Who acted: a person (by name; null: their user account is gone), or the system (a timer). */
  actor: { kind: 'person'; name: string | null } | { kind: 'system' };
  /** Whom it concerned (a member, a requester, a new owner), by name; null: unknown. */
  subject: string | null;
  /** The role it gave or ended (the new role of a change). */
  role?: Role;
  /** A role change's or an ownership transfer's previous role. */
  from?: Role;
  /** A contact change: the contact columns that changed (ownerEmail, ...), never their values. */
  changed?: string[];
  /** Why a membership or request closed, as the audit trail says it (`business_deleted`, `withdrawn`...). */
  because?: string;
}

interface HistoryRow {
  id: bigint;
  occurred_at: Date;
  actor: string;
  action: HistoryAction;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  request_subject: string | null;
  request_role: Role | null;
}

/** The audit subject's business account id; the same expression as audit_events_business_history_idx. */
const BUSINESS_OF_SUBJECT = Prisma.sql`(CASE WHEN e.subject_type = 'membership' THEN split_part(e.subject_id, ':', 1) ELSE e.subject_id END)`;

/**
 * At most `limit` events of the business account strictly beyond `from` in `direction`, nearest
 * first: two index scans already in page order, the business account's and its memberships'
 * events (audit_events_business_history_idx) and its requests' events (by request id).
 */
export function businessHistorySql(
  businessAccountId: string,
  direction: PageRequest['direction'],
  from: PageCursor | undefined,
  limit: number,
): Prisma.Sql {
  const actions = [...HISTORY_ACTIONS];
  const older = direction === 'older';
  const beyond = from
    ? older
      ? Prisma.sql`AND (e.occurred_at, e.id) < (${from.at}, ${from.id})`
      : Prisma.sql`AND (e.occurred_at, e.id) > (${from.at}, ${from.id})`
    : Prisma.empty;
  const order = Prisma.raw(older ? 'DESC' : 'ASC');
  return Prisma.sql`
    SELECT * FROM (
      (SELECT e.id, e.occurred_at, e.actor, e.action, e.subject_type, e.subject_id, e.before, e.after,
              NULL::text AS request_subject, NULL::text AS request_role
       FROM audit_events e
       WHERE e.subject_type IN ('business_account', 'membership')
         AND ${BUSINESS_OF_SUBJECT} = ${businessAccountId}
         AND e.action = ANY(${actions}) ${beyond}
       ORDER BY e.occurred_at ${order}, e.id ${order}
       LIMIT ${limit})
      UNION ALL
      (SELECT e.id, e.occurred_at, e.actor, e.action, e.subject_type, e.subject_id, e.before, e.after,
              r.subject_user_account_id::text AS request_subject, r.role::text AS request_role
       FROM role_requests r
       JOIN audit_events e ON e.subject_type = 'role_request' AND e.subject_id = r.id
       WHERE r.business_account_id = ${businessAccountId}::uuid
         AND e.action = ANY(${actions}) ${beyond}
       ORDER BY e.occurred_at ${order}, e.id ${order}
       LIMIT ${limit})
    ) AS h
    ORDER BY h.occurred_at ${order}, h.id ${order}
    LIMIT ${limit}`;
}

const historyQuery =
  (db: Database, businessAccountId: string) =>
  async (direction: PageRequest['direction'], from: PageCursor | undefined, limit: number) =>
    (await db.$queryRaw<HistoryRow[]>(businessHistorySql(businessAccountId, direction, from, limit))).map((row) => ({
      ...row,
      at: row.occurred_at,
    }));

const roleIn = (value: unknown, key: 'role'): Role | undefined => {
  const role = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof role === 'string' ? (role as Role) : undefined;
};
const textIn = (value: unknown, key: string): string | undefined => {
  const text = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof text === 'string' ? text : undefined;
};

/** The user account ids an event names: who acted, and whom it concerned. */
function peopleOf(row: HistoryRow): { actorId?: string; subjectId?: string } {
  const actorId = row.actor.startsWith('user:') ? row.actor.slice('user:'.length) : undefined;
  const subjectId =
    row.subject_type === 'membership'
      ? row.subject_id.split(':')[1]
      : row.subject_type === 'role_request'
        ? (row.request_subject ?? undefined)
        : undefined;
  return { actorId, subjectId };
}

function entryOf(row: HistoryRow, names: Map<string, string>): HistoryEntry {
  const { actorId, subjectId } = peopleOf(row);
  const before = roleIn(row.before, 'role');
  const after = roleIn(row.after, 'role');
  const role =
    row.subject_type === 'role_request'
      ? (row.request_role ?? undefined)
      : row.action === 'membership.removed' || row.action === 'membership.left'
        ? before
        : after;
  const changed = (row.after as { changed?: unknown } | null)?.changed;
  const because = textIn(row.after, 'because');
  return {
    id: row.id,
    at: row.occurred_at,
    action: row.action,
    actor: actorId ? { kind: 'person', name: names.get(actorId) ?? null } : { kind: 'system' },
    subject: subjectId ? (names.get(subjectId) ?? null) : null,
    ...(role ? { role } : {}),
    ...((row.action === 'membership.role_changed' || row.action === 'membership.ownership_received') && before
      ? { from: before }
      : {}),
    ...(row.action === 'business_account.contact_updated' && Array.isArray(changed)
      ? { changed: changed.filter((c): c is string => typeof c === 'string') }
      : {}),
    ...(because ? { because } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One page of the business account's history, newest first, with the people in it named. */
export async function businessHistoryPage(
  db: Database,
  businessAccountId: string,
  request: PageRequest,
  size?: number,
): Promise<Page<HistoryEntry>> {
  const page = await keysetPage(historyQuery(db, businessAccountId), request, size);
  const ids = new Set<string>();
  for (const row of page.items) {
    const { actorId, subjectId } = peopleOf(row);
    for (const id of [actorId, subjectId]) if (id && UUID.test(id)) ids.add(id);
  }
  const names = new Map(
    (
      await db.userAccount.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, givenName: true, familyName: true },
      })
    ).map((u) => [u.id, `${u.givenName} ${u.familyName}`] as const),
  );
  return { ...page, items: page.items.map((row) => entryOf(row, names)) };
}
