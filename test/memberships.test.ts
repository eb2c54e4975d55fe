/**
 * Membership changes follow the roles policy at the moment they happen, and changes to one
 * business account are serialised: racing approvers, and an approval racing a removal, end in one
 * consistent outcome with one audit event per applied change.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, test } from '@jest/globals';
import { changeMembership, type MembershipChange } from '../activities/memberships';
import type { Role } from '../domain/roles';
import { createDatabase, type Database } from '../prisma/database';
import { createBusinessAccount, createUserAccount, roleIn } from '../testkit/fixtures';

const db: Database = createDatabase(process.env.DATABASE_URL!, { maxConnections: 8 });
afterAll(() => db.$disconnect());

const newUser = async () => (await createUserAccount(db)).id;
const newBusiness = (members: Partial<Record<Role, number>> = {}) => createBusinessAccount(db, { members });

const change = (
  input: Omit<MembershipChange, 'changeId'> & { changeId?: string },
): Promise<ReturnType<typeof changeMembership> extends Promise<infer R> ? R : never> =>
  changeMembership(db, { changeId: randomUUID(), ...input });

const roleOf = (businessAccountId: string, userAccountId: string) => roleIn(db, businessAccountId, userAccountId);

const auditCount = (businessAccountId: string, userAccountId: string) =>
  db.auditEvent.count({ where: { subjectType: 'membership', subjectId: `${businessAccountId}:${userAccountId}` } });

describe('membership changes', () => {
  test('an owner adds a proxy; a proxy adds an account user but not a proxy; an account user adds nobody', async () => {
    const business = await newBusiness({ proxy: 1, account_user: 1 });
    const [owner] = business.byRole.owner;
    const [proxy] = business.byRole.proxy;
    const [user] = business.byRole.account_user;
    const a = await newUser();
    const b = await newUser();
    const c = await newUser();
    assert.deepEqual(
      await change({
        businessAccountId: business.id,
        actorUserAccountId: owner!,
        subjectUserAccountId: a,
        change: { kind: 'add', role: 'proxy' },
      }),
      {
        applied: true,
        before: null,
        after: 'proxy',
      },
    );
    assert.deepEqual(
      await change({
        businessAccountId: business.id,
        actorUserAccountId: proxy!,
        subjectUserAccountId: b,
        change: { kind: 'add', role: 'proxy' },
      }),
      { applied: false, reason: 'policy.proxy_limits', current: null },
    );
    assert.equal(
      (
        await change({
          businessAccountId: business.id,
          actorUserAccountId: proxy!,
          subjectUserAccountId: b,
          change: { kind: 'add', role: 'account_user' },
        })
      ).applied,
      true,
    );
    assert.deepEqual(
      await change({
        businessAccountId: business.id,
        actorUserAccountId: user!,
        subjectUserAccountId: c,
        change: { kind: 'add', role: 'account_browser' },
      }),
      { applied: false, reason: 'policy.role_cannot', current: null },
    );
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: `${business.id}:${a}` } });
    assert.deepEqual(
      [audit.actor, audit.action, audit.before, (audit.after as { role: string }).role],
      [`user:${owner}`, 'membership.added', null, 'proxy'],
    );
  });

  test('nobody removes or demotes the owner; a member cannot re-add themselves; a stranger changes nothing', async () => {
    const business = await newBusiness({ proxy: 1 });
    const [owner] = business.byRole.owner;
    const [proxy] = business.byRole.proxy;
    const stranger = await newUser();
    const remove = await change({
      businessAccountId: business.id,
      actorUserAccountId: proxy!,
      subjectUserAccountId: owner!,
      change: { kind: 'remove' },
    });
    assert.deepEqual(remove, { applied: false, reason: 'policy.owner_protected', current: 'owner' });
    const demote = await change({
      businessAccountId: business.id,
      actorUserAccountId: owner!,
      subjectUserAccountId: owner!,
      change: { kind: 'changeRole', role: 'proxy' },
    });
    assert.equal(demote.applied ? 'applied' : demote.reason, 'policy.owner_protected');
    // Approving one's own request is refused by the policy (test/domain/roles.test.ts); a member
    // re-adding themselves meets "already a member" first.
    const own = await change({
      businessAccountId: business.id,
      actorUserAccountId: proxy!,
      subjectUserAccountId: proxy!,
      requesterUserAccountId: proxy!,
      change: { kind: 'add', role: 'account_user' },
    });
    assert.equal(own.applied ? 'applied' : own.reason, 'membership.already_member');
    const outsider = await change({
      businessAccountId: business.id,
      actorUserAccountId: stranger,
      subjectUserAccountId: stranger,
      change: { kind: 'add', role: 'account_user' },
    });
    assert.equal(outsider.applied ? 'applied' : outsider.reason, 'policy.not_member');
    assert.equal(await roleOf(business.id, owner!), 'owner');
  });

  test('a retried change (same change id) is applied once', async () => {
    const business = await newBusiness();
    const [owner] = business.byRole.owner;
    const subject = await newUser();
    const input = {
      changeId: randomUUID(),
      businessAccountId: business.id,
      actorUserAccountId: owner!,
      subjectUserAccountId: subject,
      change: { kind: 'add' as const, role: 'account_user' as const },
    };
    const results = await Promise.all([1, 2, 3].map(() => changeMembership(db, input)));
    for (const result of results) assert.deepEqual(result, { applied: true, before: null, after: 'account_user' });
    assert.equal(await auditCount(business.id, subject), 1);
  });

  test('two approvers at once: one adds the user, the other is told the user is already a member', async () => {
    for (let round = 0; round < 5; round++) {
      const business = await newBusiness({ proxy: 1 });
      const requester = await newUser();
      const approvals = await Promise.all(
        [business.byRole.owner[0]!, business.byRole.proxy[0]!].map((approver) =>
          change({
            businessAccountId: business.id,
            actorUserAccountId: approver,
            subjectUserAccountId: requester,
            requesterUserAccountId: requester,
            change: { kind: 'add', role: 'account_user' },
          }),
        ),
      );
      assert.equal(approvals.filter((a) => a.applied).length, 1);
      assert.deepEqual(
        approvals.filter((a) => !a.applied),
        [{ applied: false, reason: 'membership.already_member', current: 'account_user' }],
      );
      assert.equal(await auditCount(business.id, requester), 1);
    }
  });

  test('an approval racing the approver’s removal: either the approval came first, or it is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const business = await newBusiness({ proxy: 1 });
      const [owner] = business.byRole.owner;
      const [proxy] = business.byRole.proxy;
      const requester = await newUser();
      const [approval, removal] = await Promise.all([
        change({
          businessAccountId: business.id,
          actorUserAccountId: proxy!,
          subjectUserAccountId: requester,
          requesterUserAccountId: requester,
          change: { kind: 'add', role: 'account_browser' },
        }),
        change({
          businessAccountId: business.id,
          actorUserAccountId: owner!,
          subjectUserAccountId: proxy!,
          change: { kind: 'remove' },
        }),
      ]);
      assert.equal(removal.applied, true, 'the owner may always remove a proxy');
      assert.equal(await roleOf(business.id, proxy!), null, 'removal takes effect at once');
      if (approval.applied) assert.equal(await roleOf(business.id, requester), 'account_browser');
      else {
        assert.equal(approval.reason, 'policy.not_member', 'refused because the approver was removed first');
        assert.equal(await roleOf(business.id, requester), null);
      }
    }
  });
});
