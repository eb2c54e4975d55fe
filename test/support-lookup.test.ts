/**
 * Support lookups (operators/support/lookup.ts) after real registrations on the test stack: by URN,
 * by e-mail in any case, by business number; unknown values; a locked business number; Temporal
 * unreachable; and the audit event each lookup leaves, with a digest of what was typed and nothing
 * that was shown.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { connectCersClient, startRoleRequest } from '../client';
import { SearchDigestKind, searchDigest } from '../client/search-digests';
import { resolveSearchKey } from '../client/payload-keys';
import { urnFromPayload } from '../domain/urn';
import { foundNothing, supportLookup, type LookupDeps, type LookupResult } from '../operators/support/lookup';
import { parseSupportQuery, queryDigest, type LookupKind, type SupportQuery } from '../operators/support/query';
import { useTestStack, newBusinessNumber } from './support/stack';
import { completedRegistration, lockedOutRegistration } from './support/support-people';
import { freePort } from '../testkit/ports';
import { createUserAccount } from '../testkit/fixtures';

const stack = useTestStack();
const AGENT = { actor: `operator:agent-${randomBytes(3).toString('hex')}`, via: 'cli' as const };

function deps(): LookupDeps {
  return { config: stack.config, db: stack.db, temporal: stack.client, searchKey: resolveSearchKey(stack.config) };
}

function query(kind: LookupKind, typed: string): SupportQuery {
  const parsed = parseSupportQuery(kind, typed);
  assert.ok(parsed.ok, `${kind} ${typed} parses`);
  return parsed.query;
}

function people(result: LookupResult) {
  assert.equal(result.kind, 'people');
  return result.kind === 'people' ? result.people : [];
}

/** Waits (bounded) until `count` finds a row the workflow's activity writes. */
async function recorded(count: () => Promise<number>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await count()) === 0) {
    assert.ok(Date.now() < deadline, 'the workflow recorded it in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The audit events of this file's agent, newest first. */
async function auditEvents() {
  return stack.db.auditEvent.findMany({ where: { actor: AGENT.actor }, orderBy: { id: 'desc' } });
}

describe('support lookup', () => {
  it('finds a person by URN after a real registration: account, membership, how it ended, Web UI query', async () => {
    const person = await completedRegistration(stack);
    // As a caller reads it out: spaces instead of dashes.
    const result = await supportLookup(deps(), AGENT, query('urn', person.urn.replaceAll('-', ' ')));
    const [found, ...others] = people(result);
    assert.deepEqual(others, []);
    assert.ok(found);
    assert.equal(found.urn, person.urn);
    assert.equal(found.name, "Marie-Ève O'Connor-Tremblay");
    assert.equal(found.email, person.email);
    assert.equal(found.language, 'fr');
    assert.equal(found.credentialProvider, 'gckey');
    assert.equal(found.registrationId, person.registrationId);
    assert.deepEqual(
      found.memberships.map((m) => [m.businessNumber, m.role, m.status]),
      [[person.businessNumber, 'owner', 'active']],
    );
    assert.equal(found.registration.state, 'closed');
    assert.ok(found.registration.state === 'closed');
    assert.equal(found.registration.status, 'COMPLETED');
    assert.equal(found.registration.step, 'completed');
    assert.deepEqual(found.locks, [], 'a right code the first time leaves nothing to say');
    const digest = searchDigest(resolveSearchKey(stack.config), SearchDigestKind.Urn, person.urn);
    assert.equal(found.workflows.query, `CersUrnDigest="${digest}"`);
    assert.equal(
      found.workflows.url,
      `${stack.config.temporal.uiUrl}/namespaces/default/workflows?query=${encodeURIComponent(found.workflows.query)}`,
    );
  });

  it('finds a person by e-mail in any case, with their running registration, its deadline and the lock', async () => {
    const person = await lockedOutRegistration(stack);
    for (const typed of [person.email.toLowerCase(), ` ${person.email.toUpperCase()} `]) {
      const [found, ...others] = people(await supportLookup(deps(), AGENT, query('email', typed)));
      assert.deepEqual(others, []);
      assert.ok(found);
      assert.equal(found.urn, person.urn);
      assert.equal(found.email, person.email, 'shown as it was typed at registration');
      assert.deepEqual(found.memberships, []);
      assert.ok(found.registration.state === 'running', `running, not ${found.registration.state}`);
      assert.equal(found.registration.step, 'businessAccount');
      assert.ok(found.registration.deadline && Date.parse(found.registration.deadline) > Date.now());
      assert.ok(found.registration.lockedUntil);
      // The business number they tried is found through their attempts, though they belong to none.
      const [lock, ...otherLocks] = found.locks;
      assert.deepEqual(otherLocks, []);
      assert.equal(lock?.businessNumber, person.businessNumber);
      assert.equal(lock.locked, true);
      assert.equal(lock.failedAttempts, 5);
      assert.equal(lock.lockedUntil, found.registration.lockedUntil);
    }
  });

  it('finds a business account by business number: members, role requests, lock, Web UI query', async () => {
    const owner = await completedRegistration(stack);
    const businessAccountId = (
      await stack.db.businessAccount.findFirstOrThrow({
        where: { businessNumber: owner.businessNumber },
      })
    ).id;
    const requester = await createUserAccount(stack.db, {
      givenName: 'Rémi',
      familyName: 'Requester',
      credential: true,
    });
    await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'access',
        businessAccountId,
        requesterUserAccountId: requester.id,
        subjectUserAccountId: requester.id,
        role: 'account_user',
      },
      { businessNumber: owner.businessNumber, urn: requester.urn },
    );
    await recorded(() => stack.db.roleRequest.count({ where: { businessAccountId } }));

    const result = await supportLookup(deps(), AGENT, query('bn', owner.businessNumber.toLowerCase()));
    assert.ok(result.kind === 'business');
    assert.equal(result.businessNumber, owner.businessNumber);
    const [business, ...older] = result.businesses;
    assert.deepEqual(older, []);
    assert.equal(business?.status, 'active');
    assert.deepEqual(
      business.members.map((m) => [m.urn, m.role]),
      [[owner.urn, 'owner']],
    );
    assert.deepEqual(
      business.roleRequests.map((r) => [r.kind, r.status, r.role, r.requesterName, r.requesterUrn]),
      [['access', 'pending', 'account_user', 'Rémi Requester', requester.urn]],
    );
    assert.equal(result.lock, undefined);
    const [audit] = await auditEvents();
    assert.deepEqual(
      (audit?.after as { userAccountIds?: string[] }).userAccountIds?.sort(),
      [business.members[0]!.userAccountId, requester.id].sort(),
      'who was looked at: the owner and the requester shown',
    );
    const digest = searchDigest(resolveSearchKey(stack.config), SearchDigestKind.BusinessNumber, owner.businessNumber);
    assert.equal(result.workflows.query, `CersBusinessNumberDigest="${digest}"`);

    // A locked business number with no account yet: the lock is what support needs to see.
    const lockedOut = await lockedOutRegistration(stack);
    const locked = await supportLookup(deps(), AGENT, query('bn', lockedOut.businessNumber));
    assert.ok(locked.kind === 'business');
    assert.deepEqual(locked.businesses, []);
    assert.equal(locked.lock?.locked, true);
    assert.equal(foundNothing(locked), false);
  });

  it('finds nobody for unknown values, and says so', async () => {
    const unknownUrn = urnFromPayload(`9${String(Date.now()).slice(-10)}`);
    for (const [kind, typed] of [
      ['urn', unknownUrn],
      ['email', `nobody-${randomBytes(4).toString('hex')}@example.ca`],
      ['bn', newBusinessNumber()],
    ] as const) {
      const result = await supportLookup(deps(), AGENT, query(kind, typed));
      assert.ok(foundNothing(result), `${kind}: nothing found`);
    }
  });

  it('takes an e-mail literally: `_` is not a wildcard', async () => {
    const person = await completedRegistration(stack);
    const pattern = person.email.replace('.', '_');
    assert.notEqual(pattern, person.email);
    assert.ok(foundNothing(await supportLookup(deps(), AGENT, query('email', pattern))));
    assert.equal(people(await supportLookup(deps(), AGENT, query('email', person.email))).length, 1);
  });

  it('refuses what is not a URN, a business number or an e-mail, saying why', () => {
    const problem = (kind: LookupKind, typed: string) => {
      const parsed = parseSupportQuery(kind, typed);
      assert.ok(!parsed.ok, `${kind} ${typed} is refused`);
      return parsed.problem.messageKey;
    };
    const urn = urnFromPayload('12345678901');
    const wrongCheckDigit = `${urn.slice(0, -1)}${(Number(urn.at(-1)) + 1) % 10}`;
    assert.equal(problem('urn', wrongCheckDigit), 'support.invalid.urn_check_digit');
    assert.equal(problem('urn', '1234-5678'), 'support.invalid.urn_format');
    assert.equal(problem('urn', '  '), 'support.invalid.urn_empty');
    assert.equal(problem('bn', '123456789RM0001'), 'validation.business_number.check_digit');
    assert.equal(problem('email', 'marie at example.ca'), 'support.invalid.email');
  });

  it('audits every lookup: the agent, the kind, a keyed digest; never the value typed nor what was shown', async () => {
    const person = await completedRegistration(stack);
    const searchKey = resolveSearchKey(stack.config);
    const before = (await auditEvents()).length;
    const urnQuery = query('urn', person.urn);
    const emailQuery = query('email', person.email);
    const result = await supportLookup(deps(), AGENT, urnQuery);
    await supportLookup(deps(), AGENT, emailQuery);
    const events = await auditEvents();
    assert.equal(events.length, before + 2);
    const [byEmail, byUrn] = events;
    assert.equal(byUrn?.action, 'support.lookup');
    assert.equal(byUrn.subjectType, 'support_query');
    assert.equal(byUrn.subjectId, `urn:${queryDigest(searchKey, urnQuery)}`);
    assert.equal(byEmail?.subjectId, `email:${queryDigest(searchKey, emailQuery)}`);
    const [found] = people(result);
    assert.deepEqual(byUrn.after, {
      via: 'cli',
      kind: 'urn',
      userAccountIds: [found!.userAccountId],
      businessAccountIds: [found!.memberships[0]!.businessAccountId],
    });
    const stored = JSON.stringify(events.slice(0, 2), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    for (const shown of [
      person.urn,
      person.urn.replaceAll('-', ''),
      person.email,
      person.email.toLowerCase(),
      person.businessNumber,
      'Marie-Ève',
      "O'Connor",
    ]) {
      assert.ok(!stored.includes(shown), `the audit events do not hold ${shown}`);
    }
  });

  it('answers from the database when Temporal is unreachable, and says so', async () => {
    const person = await completedRegistration(stack);
    const nowhere = {
      ...stack.config,
      temporal: { ...stack.config.temporal, address: `127.0.0.1:${await freePort()}` },
    };
    const temporal = await connectCersClient({ config: nowhere, lazy: true });
    try {
      const started = Date.now();
      const [found] = people(await supportLookup({ ...deps(), temporal }, AGENT, query('urn', person.urn)));
      assert.equal(found?.registration.state, 'unreachable');
      assert.equal(found.urn, person.urn);
      assert.ok(Date.now() - started < 10_000, 'bounded by the Temporal wait, not a gRPC retry loop');
    } finally {
      await temporal.connection.close();
    }
  });
});
