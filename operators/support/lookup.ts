/**
 * A support lookup, the same from the CLI and from Slack: find the person (by URN or e-mail) or
 * the business account (by business number), add what Temporal says of each registration, the
 * shared-secret locks involved and the Web UI query, and audit it before anything is shown.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import type { Database } from '../../records';
import { SearchDigestKind } from '../../client/search-digests';
import {
  businessNumbersTriedBy,
  findBusinessesByNumber,
  findPeopleByEmail,
  findPersonByUrn,
  locksOf,
  recordSupportLookup,
  type SupportBusiness,
  type SupportLock,
  type SupportPerson,
} from '../../records/support';
import { LookupKind, queryDigest, type SupportQuery } from './query';
import { registrationState, type RegistrationState } from './registration';
import { workflowSearch, type WorkflowSearch } from './web-ui';

export interface PersonFound extends SupportPerson {
  registration: RegistrationState;
  /** Locks and wrong-code counts on the business numbers of their memberships and registration. */
  locks: SupportLock[];
  /** Their workflows in the Web UI (by URN digest). */
  workflows: WorkflowSearch;
}

export type LookupResult =
  | { kind: 'people'; query: LookupKind; people: PersonFound[] }
  | {
      kind: 'business';
      query: LookupKind;
      businessNumber: string;
      /** The active account and any deleted before it, newest first. */
      businesses: SupportBusiness[];
      /** Wrong codes or a lock on this business number, with or without an account yet. */
      lock?: SupportLock;
      workflows: WorkflowSearch;
    };

export interface LookupDeps {
  config: Config;
  db: Database;
  temporal: Client;
  searchKey: Buffer;
}

/** Who asked, as the audit trail names them, and through what. */
export interface Agent {
  actor: string;
  via: 'cli' | 'slack';
}

export function foundNothing(result: LookupResult): boolean {
  return result.kind === 'people' ? result.people.length === 0 : result.businesses.length === 0 && !result.lock;
}

async function personFound(deps: LookupDeps, person: SupportPerson): Promise<PersonFound> {
  const [registration, tried] = await Promise.all([
    registrationState(deps.temporal, person.registrationId),
    businessNumbersTriedBy(deps.db, person.registrationId),
  ]);
  const locks = await locksOf(deps.db, [...person.memberships.map((m) => m.businessNumber), ...tried]);
  return {
    ...person,
    registration,
    locks,
    workflows: workflowSearch(deps.config, deps.searchKey, SearchDigestKind.Urn, person.urn),
  };
}

async function find(deps: LookupDeps, query: SupportQuery): Promise<LookupResult> {
  if (query.kind === LookupKind.BusinessNumber) {
    const [businesses, [lock]] = await Promise.all([
      findBusinessesByNumber(deps.db, query.value),
      locksOf(deps.db, [query.value]),
    ]);
    return {
      kind: 'business',
      query: query.kind,
      businessNumber: query.value,
      businesses,
      ...(lock ? { lock } : {}),
      workflows: workflowSearch(deps.config, deps.searchKey, SearchDigestKind.BusinessNumber, query.value),
    };
  }
  const people =
    query.kind === LookupKind.Urn
      ? [await findPersonByUrn(deps.db, query.value)].filter((p): p is SupportPerson => p !== undefined)
      : await findPeopleByEmail(deps.db, query.value);
  return { kind: 'people', query: query.kind, people: await Promise.all(people.map((p) => personFound(deps, p))) };
}

/** Looks up, records the audit event, and only then returns what may be shown. */
export async function supportLookup(deps: LookupDeps, agent: Agent, query: SupportQuery): Promise<LookupResult> {
  const result = await find(deps, query);
  await recordSupportLookup(deps.db, {
    actor: agent.actor,
    via: agent.via,
    kind: query.kind,
    digest: queryDigest(deps.searchKey, query),
    userAccountIds:
      result.kind === 'people'
        ? result.people.map((p) => p.userAccountId)
        : [
            ...new Set(
              result.businesses.flatMap((b) => [
                ...b.members.map((m) => m.userAccountId),
                ...b.roleRequests.map((r) => r.requesterUserAccountId),
              ]),
            ),
          ],
    businessAccountIds:
      result.kind === 'people'
        ? [...new Set(result.people.flatMap((p) => p.memberships.map((m) => m.businessAccountId)))]
        : result.businesses.map((b) => b.businessAccountId),
  });
  return result;
}
