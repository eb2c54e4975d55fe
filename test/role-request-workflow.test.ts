/**
 * Access requests and ownership transfers as workflows on the real server: who is asked, what a
 * decision does to memberships (exactly once, even with two deciders at once or a removal racing
 * an approval), what everyone is told, reminders and expiry on durable timers.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { changeMembership } from '../activities/memberships';
import { closeRequest, decideRequest, openRequest } from '../activities/role-requests';
import { failureDetails } from '../domain/failures';
import type { Role } from '../domain/roles';
import {
  decideRoleRequest,
  roleRequestStatus,
  startRoleRequest,
  withdrawOwnRoleRequest,
  withdrawRoleRequest,
  type RoleDecisionInput,
  type RoleRequestHandle,
} from '../client';
import { createBusinessAccount, createUserAccount, roleIn } from '../testkit/fixtures';
import { startTestStack, useTestStack, type TestStack } from './support/stack';

const unreachable = new Set<string>();
const stack = useTestStack(
  { CERS_ROLE_REQUEST_REMINDER_AFTER: '1h', CERS_ROLE_REQUEST_EXPIRE_AFTER: '2h' },
  { unreachable },
);

const slackUser = () => ({ teamId: 'TROLES', userId: `U${randomBytes(5).toString('hex').toUpperCase()}` });

/** A business account whose members all have Slack identities; returns their Slack ids too. */
async function business(s: TestStack, members: Partial<Record<Role, number>> = {}) {
  const ownerSlack = slackUser();
  const owner = await createUserAccount(s.db, { slack: ownerSlack, givenName: 'Olive', familyName: 'Owner' });
  const created = await createBusinessAccount(s.db, { owner: owner.id });
  const slackOf = new Map<string, string>([[owner.id, ownerSlack.userId]]);
  for (const [role, count] of Object.entries(members) as [Role, number][]) {
    for (let i = 0; i < count; i++) {
      const who = slackUser();
      const user = await createUserAccount(s.db, { slack: who, givenName: 'Pat', familyName: `Proxy${i}` });
      await s.db.membership.create({ data: { userAccountId: user.id, businessAccountId: created.id, role } });
      created.byRole[role].push(user.id);
      slackOf.set(user.id, who.userId);
    }
  }
  return { ...created, slackOf };
}

async function requester(s: TestStack, language: 'en' | 'fr' = 'en') {
  const who = slackUser();
  const user = await createUserAccount(s.db, {
    slack: who,
    givenName: 'Rémi',
    familyName: 'Requester',
    language,
    credential: true,
  });
  return { ...user, slackUserId: who.userId };
}

async function request(
  s: TestStack,
  businessAccountId: string,
  requesterId: string,
  role: Role,
  policy?: { reminderAfterMs: number; expireAfterMs: number },
) {
  const config = policy ? { ...s.config, roleRequests: policy } : s.config;
  const { businessNumber } = await s.db.businessAccount.findUniqueOrThrow({ where: { id: businessAccountId } });
  const { handle, started } = await startRoleRequest(
    s.client,
    config,
    {
      kind: 'access',
      businessAccountId,
      requesterUserAccountId: requesterId,
      subjectUserAccountId: requesterId,
      role,
    },
    { businessNumber: businessNumber },
  );
  assert.ok(started);
  return handle;
}

/** Waits until the workflow sent its request DM to `count` deciders. */
async function deciderMessages(s: TestStack, handle: RoleRequestHandle, count: number) {
  const runId = (await handle.describe()).runId;
  for (;;) {
    const rows = await s.db.approvalMessage.findMany({ where: { requestId: runId } });
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const decision = (
  deciderUserAccountId: string,
  deciderRole: Role | null,
  choice: 'approve' | 'reject' = 'approve',
  reason?: string,
): RoleDecisionInput => ({
  deciderUserAccountId,
  deciderRole,
  decision: choice,
  ...(reason ? { reason } : {}),
});

async function refusal(
  promise: Promise<unknown>,
): Promise<{ type: string | undefined; messageKey: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return { type: error.cause.type ?? undefined, messageKey: failureDetails(error.cause)?.messageKey };
    }
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function eventTypes(handle: RoleRequestHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).map((e) =>
    temporal.api.enums.v1.EventType[e.eventType ?? 0]!.replace('EVENT_TYPE_', ''),
  );
}

/**
 * Waits until the workflow has nothing in flight (no activity, no workflow task, its last task
 * completed), so that its history only grows if someone sends it something.
 */
async function settled(handle: RoleRequestHandle): Promise<void> {
  for (;;) {
    const { raw } = await handle.describe();
    const events = await eventTypes(handle);
    if (!raw.pendingActivities?.length && !raw.pendingWorkflowTask && events.at(-1) === 'WORKFLOW_TASK_COMPLETED')
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('access requests', () => {
  it('go to the owner and every proxy for an account user; an approval adds the member once and everyone is told', async () => {
    const biz = await business(stack, { proxy: 2, account_user: 1 });
    const asker = await requester(stack);
    const handle = await request(stack, biz.id, asker.id, 'account_user');
    const runId = (await handle.describe()).runId;

    const sent = await deciderMessages(stack, handle, 3);
    assert.deepEqual(
      new Set(sent.map((m) => m.userAccountId)),
      new Set([...biz.byRole.owner, ...biz.byRole.proxy]),
      'owner and proxies, not the account user',
    );
    const toOwner = stack.dms.find((m) => m.to === biz.slackOf.get(biz.byRole.owner[0]!))!;
    for (const detail of ['Rémi Requester', asker.urn, asker.email, 'Account user', biz.businessNumber]) {
      assert.ok(JSON.stringify(toOwner.message).includes(detail), `the decider sees ${detail}`);
    }
    assert.ok(JSON.stringify(toOwner.message.blocks).includes('cers_request_approve'));

    const proxy = biz.byRole.proxy[0]!;
    const result = await handle.executeUpdate(decideRoleRequest, { args: [decision(proxy, 'proxy')] });
    assert.equal(result.status, 'approved');
    assert.equal(result.decidedByUserAccountId, proxy);
    assert.equal(await roleIn(stack.db, biz.id, asker.id), 'account_user');
    assert.equal((await handle.result()).status, 'approved');

    // Every decider's message lost its buttons and says who decided.
    for (const row of sent) {
      const dm = stack.dms.find((m) => m.ref.ts === row.ts && m.ref.channel === row.channel)!;
      const last = JSON.stringify(dm.replacedBy.at(-1));
      assert.ok(last.includes('Approved by Pat Proxy0'), 'the outcome and who decided');
      assert.ok(!last.includes('cers_request_approve'), 'no buttons left');
    }
    const told = stack.dms.filter((m) => m.to === asker.slackUserId);
    assert.equal(told.length, 1);
    assert.match(told[0]!.message.text, /approved by Pat Proxy0/);

    const audit = await stack.db.auditEvent.findMany({
      where: { OR: [{ subjectId: runId }, { subjectId: `${biz.id}:${asker.id}` }] },
      orderBy: { id: 'asc' },
    });
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor]),
      [
        ['role_request.opened', `user:${asker.id}`],
        ['membership.added', `user:${proxy}`],
        ['role_request.approved', `user:${proxy}`],
      ],
    );
    const messages = await stack.db.businessMessage.findMany({ where: { businessAccountId: biz.id } });
    assert.deepEqual(
      messages.map((m) => m.kind),
      ['access_approved'],
    );
  });

  it('decided by two deciders at once: one membership, one audit event, both told the same outcome', async () => {
    for (let round = 0; round < 3; round++) {
      const biz = await business(stack, { proxy: 1 });
      const asker = await requester(stack);
      const handle = await request(stack, biz.id, asker.id, 'account_browser');
      const [owner, proxy] = [biz.byRole.owner[0]!, biz.byRole.proxy[0]!];
      const answers = await Promise.allSettled([
        handle.executeUpdate(decideRoleRequest, { args: [decision(owner, 'owner')] }),
        handle.executeUpdate(decideRoleRequest, { args: [decision(proxy, 'proxy', 'reject', 'not needed')] }),
      ]);
      // The second decider either waited and got the first one's outcome, or arrived after it and
      // was told the request is closed: never a second change.
      const outcomes = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
      assert.ok(outcomes.length >= 1);
      for (const other of answers) {
        if (other.status === 'fulfilled') {
          assert.deepEqual(
            [other.value.status, other.value.decidedByUserAccountId],
            [outcomes[0]!.status, outcomes[0]!.decidedByUserAccountId],
          );
        } else {
          assert.deepEqual(await refusal(Promise.reject(other.reason as Error)), {
            type: 'RequestClosed',
            messageKey: 'request.closed',
          });
        }
      }
      const member = await roleIn(stack.db, biz.id, asker.id);
      assert.equal(member, outcomes[0]!.status === 'approved' ? 'account_browser' : null);
      assert.equal(await stack.db.auditEvent.count({ where: { subjectId: `${biz.id}:${asker.id}` } }), member ? 1 : 0);
      assert.equal((await handle.result()).status, outcomes[0]!.status);
    }
  });

  it('refuses, before anything enters history, a decider the policy does not allow', async () => {
    const biz = await business(stack, { proxy: 1, account_user: 1 });
    const asker = await requester(stack);
    const handle = await request(stack, biz.id, asker.id, 'proxy');
    // Only the owner is asked about a proxy.
    const sent = await deciderMessages(stack, handle, 1);
    assert.deepEqual(
      sent.map((m) => m.userAccountId),
      biz.byRole.owner,
    );

    assert.deepEqual(
      await refusal(handle.executeUpdate(decideRoleRequest, { args: [decision(biz.byRole.proxy[0]!, 'proxy')] })),
      {
        type: 'PolicyDenied',
        messageKey: 'policy.proxy_limits',
      },
    );
    assert.deepEqual(
      await refusal(
        handle.executeUpdate(decideRoleRequest, { args: [decision(biz.byRole.account_user[0]!, 'account_user')] }),
      ),
      {
        type: 'PolicyDenied',
        messageKey: 'policy.role_cannot',
      },
    );
    // The requester claiming to be the owner: nobody approves their own request.
    assert.deepEqual(await refusal(handle.executeUpdate(decideRoleRequest, { args: [decision(asker.id, 'owner')] })), {
      type: 'PolicyDenied',
      messageKey: 'policy.own_request',
    });
    assert.deepEqual(await refusal(handle.executeUpdate(decideRoleRequest, { args: [decision(asker.id, null)] })), {
      type: 'PolicyDenied',
      messageKey: 'policy.not_member',
    });
    // A tampered decision value is refused by the schema.
    assert.equal(
      (
        await refusal(
          handle.executeUpdate(decideRoleRequest, {
            args: [{ ...decision(biz.byRole.owner[0]!, 'owner'), decision: 'promote' } as never],
          }),
        )
      ).type,
      'InvalidInput',
    );
    assert.equal((await handle.query(roleRequestStatus)).status, 'pending');
    assert.equal(await roleIn(stack.db, biz.id, asker.id), null);
    const types = await eventTypes(handle);
    assert.equal(
      types.filter((t) => t.startsWith('WORKFLOW_EXECUTION_UPDATE')).length,
      0,
      'rejected updates leave no trace in history',
    );
    await handle.terminate('test done');
  });

  it('an approval racing the approver’s removal is refused by the transaction, and the request still waits', async () => {
    const biz = await business(stack, { proxy: 1 });
    const asker = await requester(stack);
    const handle = await request(stack, biz.id, asker.id, 'account_user');
    const [owner, proxy] = [biz.byRole.owner[0]!, biz.byRole.proxy[0]!];
    // The proxy clicked while still a proxy (the bot read that role); the owner removes them first.
    const removed = await changeMembership(stack.db, {
      changeId: `remove-${proxy}`,
      businessAccountId: biz.id,
      actorUserAccountId: owner,
      subjectUserAccountId: proxy,
      change: { kind: 'remove' },
    });
    assert.ok(removed.applied);
    assert.deepEqual(await refusal(handle.executeUpdate(decideRoleRequest, { args: [decision(proxy, 'proxy')] })), {
      type: 'PolicyDenied',
      messageKey: 'policy.not_member',
    });
    assert.equal((await handle.query(roleRequestStatus)).status, 'pending');
    assert.equal(await roleIn(stack.db, biz.id, asker.id), null);
    const approved = await handle.executeUpdate(decideRoleRequest, { args: [decision(owner, 'owner')] });
    assert.equal(approved.status, 'approved');
    assert.equal(await roleIn(stack.db, biz.id, asker.id), 'account_user');
  });

  it('a rejection with a reason: the requester gets the reason, the record keeps it, no membership', async () => {
    const biz = await business(stack);
    const asker = await requester(stack, 'fr');
    const handle = await request(stack, biz.id, asker.id, 'account_user');
    await deciderMessages(stack, handle, 1);
    const result = await handle.executeUpdate(decideRoleRequest, {
      args: [decision(biz.byRole.owner[0]!, 'owner', 'reject', 'Inconnu chez nous')],
    });
    assert.equal(result.status, 'rejected');
    await handle.result();
    const told = stack.dms.filter((m) => m.to === asker.slackUserId);
    assert.equal(told.length, 1);
    assert.match(told[0]!.message.text, /refusée par Olive Owner/);
    assert.ok(JSON.stringify(told[0]!.message.blocks).includes('Inconnu chez nous'));
    const row = await stack.db.roleRequest.findUniqueOrThrow({ where: { id: (await handle.describe()).runId } });
    assert.deepEqual(
      [row.status, row.reason, row.decidedByUserAccountId],
      ['rejected', 'Inconnu chez nous', biz.byRole.owner[0]!],
    );
    assert.equal(await roleIn(stack.db, biz.id, asker.id), null);
    // A decision after the end finds no running request.
    await assert.rejects(handle.executeUpdate(decideRoleRequest, { args: [decision(biz.byRole.owner[0]!, 'owner')] }));
  });

  it('one request waits at a time: asking again while it waits notifies nobody again', async () => {
    const biz = await business(stack);
    const asker = await requester(stack);
    const first = await request(stack, biz.id, asker.id, 'account_user');
    await deciderMessages(stack, first, 1);
    const again = await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'access',
        businessAccountId: biz.id,
        requesterUserAccountId: asker.id,
        subjectUserAccountId: asker.id,
        role: 'account_browser',
      },
      { businessNumber: biz.businessNumber },
    );
    assert.equal(again.started, false);
    assert.equal((await again.handle.query(roleRequestStatus)).role, 'account_user');
    await first.signal(withdrawRoleRequest, { because: 'withdrawn' });
    assert.equal((await first.result()).status, 'cancelled');
  });

  it('remind the deciders on a durable timer, then expire; the requester and the deciders are told', async () => {
    const biz = await business(stack);
    const asker = await requester(stack);
    const handle = await request(stack, biz.id, asker.id, 'account_browser', {
      reminderAfterMs: 1000,
      expireAfterMs: 3500,
    });
    const result = await handle.result();
    assert.equal(result.status, 'expired');
    const ownerSlack = biz.slackOf.get(biz.byRole.owner[0]!)!;
    const toOwner = stack.dms.filter((m) => m.to === ownerSlack);
    assert.equal(toOwner.length, 4, 'the request and 3 reminders');
    assert.deepEqual(
      toOwner.map((m) => m.message.text.startsWith('Reminder:')),
      [false, true, true, true],
    );
    // Each message but the last lost its buttons to the next reminder; the last to the outcome.
    for (const earlier of toOwner.slice(0, 3))
      assert.ok(!JSON.stringify(earlier.replacedBy.at(-1)).includes('cers_request_approve'));
    assert.match(JSON.stringify(toOwner[3]!.replacedBy.at(-1)), /Expired on/);
    const told = stack.dms.filter((m) => m.to === asker.slackUserId);
    assert.match(told[0]!.message.text, /expired/);
    const types = await eventTypes(handle);
    assert.equal(types.filter((t) => t === 'TIMER_FIRED').length, 4, '3 reminders and the deadline');
    const audit = await stack.db.auditEvent.findMany({ where: { subjectId: (await handle.describe()).runId } });
    assert.deepEqual(audit.map((a) => [a.action, a.actor]).sort(), [
      ['role_request.expired', 'system'],
      ['role_request.opened', `user:${asker.id}`],
    ]);
  });

  it('cannot be made by a user without a verified credential', async () => {
    const biz = await business(stack);
    const unverified = await createUserAccount(stack.db, { slack: slackUser() });
    const handle = await request(stack, biz.id, unverified.id, 'account_user');
    const result = await handle.result();
    assert.deepEqual([result.status, result.cancelledBecause], ['cancelled', 'not_registered']);
    assert.equal(stack.dms.filter((m) => m.to === biz.slackOf.get(biz.byRole.owner[0]!)).length, 0, 'nobody is asked');
  });
});

describe('settling a request', () => {
  it('a decision racing the expiry (or a withdrawal) in the database: one outcome, the membership only if approved', async () => {
    for (let round = 0; round < 8; round++) {
      const biz = await business(stack);
      const asker = await requester(stack);
      const requestId = randomUUID();
      await openRequest(stack.db, {
        requestId,
        workflowId: `race-${requestId}`,
        kind: 'access',
        businessAccountId: biz.id,
        requesterUserAccountId: asker.id,
        subjectUserAccountId: asker.id,
        role: 'account_user',
      });
      const [decided, closed] = await Promise.all([
        decideRequest(stack.db, { requestId, deciderUserAccountId: biz.byRole.owner[0]!, decision: 'approve' }),
        closeRequest(stack.db, {
          requestId,
          status: round % 2 ? 'expired' : 'cancelled',
          closedBecause: round % 2 ? undefined : 'withdrawn',
        }),
      ]);
      assert.equal(decided.status, closed.status, 'both see the one outcome');
      const row = await stack.db.roleRequest.findUniqueOrThrow({ where: { id: requestId } });
      assert.equal(row.status, decided.status);
      assert.equal(await roleIn(stack.db, biz.id, asker.id), row.status === 'approved' ? 'account_user' : null);
      assert.equal(
        await stack.db.auditEvent.count({ where: { subjectId: requestId, action: { not: 'role_request.opened' } } }),
        1,
      );
    }
  });

  it('a decider who cannot be reached does not keep the others from being asked, nor the requester from being told', async () => {
    const biz = await business(stack, { proxy: 1 });
    const ownerSlack = biz.slackOf.get(biz.byRole.owner[0]!)!;
    unreachable.add(ownerSlack);
    const asker = await requester(stack);
    const handle = await request(stack, biz.id, asker.id, 'account_user');
    const [sent] = await deciderMessages(stack, handle, 1);
    assert.equal(sent!.userAccountId, biz.byRole.proxy[0], 'the proxy was asked though the owner left Slack');
    await handle.executeUpdate(decideRoleRequest, { args: [decision(biz.byRole.proxy[0]!, 'proxy')] });
    await handle.result();
    assert.match(stack.dms.find((m) => m.to === asker.slackUserId)!.message.text, /approved by Pat Proxy0/);
    unreachable.delete(ownerSlack);
  });
});

describe('durability', () => {
  it('a request survives its worker: a new worker replays it from history and the decision lands once', async () => {
    const biz = await business(stack);
    const asker = await requester(stack);
    // A second worker on its own task queue, stopped mid-request, as a deploy or a crash would.
    const first = await startTestStack({
      CERS_ROLE_REQUEST_REMINDER_AFTER: '1h',
      CERS_ROLE_REQUEST_EXPIRE_AFTER: '2h',
    });
    const { handle } = await startRoleRequest(
      first.client,
      first.config,
      {
        kind: 'access',
        businessAccountId: biz.id,
        requesterUserAccountId: asker.id,
        subjectUserAccountId: asker.id,
        role: 'account_user',
      },
      { businessNumber: biz.businessNumber },
    );
    const runId = (await handle.describe()).runId;
    for (;;) {
      if ((await first.db.approvalMessage.count({ where: { requestId: runId } })) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await first.stop();

    const second = await startTestStack({ TEMPORAL_TASK_QUEUE: first.config.temporal.taskQueue });
    try {
      const again: RoleRequestHandle = second.client.workflow.getHandle(handle.workflowId, runId);
      const approved = await again.executeUpdate(decideRoleRequest, {
        args: [decision(biz.byRole.owner[0]!, 'owner')],
      });
      assert.equal(approved.status, 'approved');
      assert.equal((await again.result()).status, 'approved');
      assert.equal(await roleIn(second.db, biz.id, asker.id), 'account_user');
      const ownerSlack = biz.slackOf.get(biz.byRole.owner[0]!)!;
      assert.equal(first.dms.filter((m) => m.to === ownerSlack).length, 1, 'the owner was asked by the first worker');
      assert.equal(second.dms.filter((m) => m.to === ownerSlack).length, 0, 'and not again on replay');
      assert.equal(second.dms.filter((m) => m.to === asker.slackUserId).length, 1, 'the requester told once');
    } finally {
      await second.stop();
    }
  });
});

describe('ownership transfers', () => {
  it('need the new owner’s acceptance; the old owner stays on as a proxy; nobody else can accept', async () => {
    const biz = await business(stack, { proxy: 1, account_user: 1 });
    const [owner, proxy, user] = [biz.byRole.owner[0]!, biz.byRole.proxy[0]!, biz.byRole.account_user[0]!];
    const { handle } = await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'ownership_transfer',
        businessAccountId: biz.id,
        requesterUserAccountId: owner,
        subjectUserAccountId: user,
        role: 'owner',
      },
      { businessNumber: biz.businessNumber },
    );
    const sent = await deciderMessages(stack, handle, 1);
    assert.deepEqual(
      sent.map((m) => m.userAccountId),
      [user],
      'only the member who would become owner is asked',
    );
    assert.deepEqual(await refusal(handle.executeUpdate(decideRoleRequest, { args: [decision(proxy, 'proxy')] })), {
      type: 'PolicyDenied',
      messageKey: 'policy.role_cannot',
    });
    const accepted = await handle.executeUpdate(decideRoleRequest, { args: [decision(user, 'account_user')] });
    assert.equal(accepted.status, 'approved');
    assert.equal(await roleIn(stack.db, biz.id, user), 'owner');
    assert.equal(await roleIn(stack.db, biz.id, owner), 'proxy');
    await handle.result();
    const toOldOwner = stack.dms.filter((m) => m.to === biz.slackOf.get(owner));
    assert.match(toOldOwner.at(-1)!.message.text, /now the owner/);
    const messages = await stack.db.businessMessage.findMany({ where: { businessAccountId: biz.id } });
    assert.deepEqual(
      messages.map((m) => m.kind),
      ['ownership_transfer_approved'],
    );
  });

  it('cannot be proposed to a non-member', async () => {
    const biz = await business(stack);
    const outsider = await requester(stack);
    const { handle } = await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'ownership_transfer',
        businessAccountId: biz.id,
        requesterUserAccountId: biz.byRole.owner[0]!,
        subjectUserAccountId: outsider.id,
        role: 'owner',
      },
      { businessNumber: biz.businessNumber },
    );
    const result = await handle.result();
    assert.deepEqual([result.status, result.cancelledBecause], ['cancelled', 'not_member']);
  });
});

describe('the requester withdraws (withdrawOwnRoleRequest)', () => {
  it('only the requester, before history; once for one update id; closed as withdrawn and audited as the requester', async () => {
    const biz = await business(stack);
    const asker = await requester(stack);
    const handle = await request(stack, biz.id, asker.id, 'account_user');
    await deciderMessages(stack, handle, 1);
    await settled(handle);

    // Someone else (here the owner) cannot withdraw it: refused before anything enters history.
    const historyBefore = (await eventTypes(handle)).length;
    assert.deepEqual(
      await refusal(
        handle.executeUpdate(withdrawOwnRoleRequest, { args: [{ requesterUserAccountId: biz.byRole.owner[0]! }] }),
      ),
      { type: 'PolicyDenied', messageKey: 'policy.role_cannot' },
    );
    assert.equal((await eventTypes(handle)).length, historyBefore);

    // The same click delivered twice (one update id): one withdrawal.
    const updateId = randomUUID();
    const [first, again] = await Promise.all([
      handle.executeUpdate(withdrawOwnRoleRequest, { args: [{ requesterUserAccountId: asker.id }], updateId }),
      handle.executeUpdate(withdrawOwnRoleRequest, { args: [{ requesterUserAccountId: asker.id }], updateId }),
    ]);
    assert.deepEqual(first, again);
    assert.deepEqual([first.status, first.cancelledBecause], ['cancelled', 'withdrawn']);
    await handle.result();
    const runId = (await handle.describe()).runId;
    const audit = await stack.db.auditEvent.findMany({ where: { subjectId: runId, action: 'role_request.cancelled' } });
    assert.deepEqual(
      audit.map((a) => [a.actor, a.after]),
      [[`user:${asker.id}`, { status: 'cancelled', because: 'withdrawn' }]],
    );
    assert.equal(await roleIn(stack.db, biz.id, asker.id), null);
  });
});
