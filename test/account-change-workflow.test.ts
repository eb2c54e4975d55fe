/**
 * Changes owners and proxies make to a business account, on the real Temporal server: each is
 * decided by the roles policy when it happens, applied once per key, audited, reported in the
 * business account's messages, and told to the member concerned; refusals are typed failures
 * with catalogue keys and change nothing.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from '@jest/globals';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { runAccountChange, startRoleRequest, type AccountChange, type AccountChangeResult } from '../client';
import { messagesView } from '../bot/accounts/views';
import { failureDetails } from '../domain/failures';
import { urnFromPayload } from '../domain/urn';
import { translate } from '../i18n/catalogue';
import { listBusinessMessages } from '../records/business-messages';
import { createBusinessAccount, createUserAccount, newApplicant, roleIn } from '../testkit/fixtures';
import { useTestStack } from './support/stack';

const stack = useTestStack();

const change = async (
  businessAccountId: string,
  actorUserAccountId: string,
  body: AccountChange,
  key: string = randomUUID(),
) =>
  runAccountChange(stack.client, stack.config, { businessAccountId, actorUserAccountId, change: body }, key, {
    businessNumber: (await stack.db.businessAccount.findUnique({ where: { id: businessAccountId } }))?.businessNumber,
  });

interface Refusal {
  type: string;
  messageKey: string;
  message: string;
  /** For InvalidInput: the fields to correct. */
  fields: string[];
}

async function refusalOf(promise: Promise<AccountChangeResult>): Promise<Refusal> {
  const error = await promise.then(
    () => assert.fail('expected the change to be refused'),
    (e: unknown) => e,
  );
  assert.ok(
    error instanceof WorkflowFailedError && error.cause instanceof ApplicationFailure,
    `unexpected ${String(error)}`,
  );
  const details = failureDetails(error.cause);
  return {
    type: error.cause.type ?? '',
    messageKey: details?.messageKey ?? '',
    message: error.cause.message,
    fields: details?.issues?.map((issue) => issue.field) ?? [],
  };
}

/** A user with a Slack user behind them (so they can be told), in the language given. */
async function slackUser(
  options: { familyName?: string; email?: string; language?: 'en' | 'fr'; credential?: boolean } = {},
) {
  const slack = newApplicant();
  const user = await createUserAccount(stack.db, { slack: { teamId: slack.teamId, userId: slack.userId }, ...options });
  return { ...user, slackUserId: slack.userId };
}

const dmsTo = (slackUserId: string) => stack.dms.filter((m) => m.to === slackUserId).map((m) => m.message.text);
const messagesOf = (businessAccountId: string) =>
  stack.db.businessMessage.findMany({
    where: { businessAccountId },
    orderBy: { id: 'asc' },
    select: { kind: true, params: true },
  });
const membershipAudit = (businessAccountId: string, userAccountId: string) =>
  stack.db.auditEvent.findMany({
    where: { subjectType: 'membership', subjectId: `${businessAccountId}:${userAccountId}` },
    orderBy: { id: 'asc' },
  });

/** What a business account looks like now, to show that a refusal changed nothing. */
async function snapshot(businessAccountId: string) {
  const [business, memberships, audit, messages] = await Promise.all([
    stack.db.businessAccount.findUniqueOrThrow({ where: { id: businessAccountId } }),
    stack.db.membership.findMany({
      where: { businessAccountId },
      select: { userAccountId: true, role: true },
      orderBy: { userAccountId: 'asc' },
    }),
    stack.db.auditEvent.count({ where: { subjectId: { startsWith: businessAccountId } } }),
    stack.db.businessMessage.count({ where: { businessAccountId } }),
  ]);
  return { business, memberships, audit, messages };
}

/** Waits for a condition the system reaches on its own (not a fixed delay): checked every 20 ms, up to 10 s. */
async function eventually<T>(check: () => Promise<T | null | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(20)) {
    const value = await check();
    if (value) return value;
  }
  return assert.fail(`timed out waiting for ${what}`);
}

describe('adding a user by URN, family name and e-mail', () => {
  it('adds them when all three match (case, spacing and apostrophes aside), tells them in their language, and records it', async () => {
    const owner = await slackUser({ familyName: 'Bouchard' });
    const business = await createBusinessAccount(stack.db, { owner: owner.id });
    const newcomer = await slackUser({
      familyName: "O'Connor-Tremblay",
      email: 'marie@exportco.example.ca',
      language: 'fr',
    });

    const result = await change(business.id, owner.id, {
      kind: 'members.add',
      urn: newcomer.urn.replace(/-/g, ' '),
      familyName: '  o’connor-TREMBLAY ',
      email: 'Marie@ExportCo.example.CA',
      role: 'account_user',
    });

    assert.deepEqual(result, {
      outcome: 'applied',
      kind: 'members.add',
      businessAccountId: business.id,
      subjectUserAccountId: newcomer.id,
      before: null,
      after: 'account_user',
    });
    assert.equal(await roleIn(stack.db, business.id, newcomer.id), 'account_user');
    const audit = await membershipAudit(business.id, newcomer.id);
    assert.deepEqual(
      audit.map((e) => [e.actor, e.action, e.before, (e.after as { role: string }).role]),
      [[`user:${owner.id}`, 'membership.added', null, 'account_user']],
    );
    assert.deepEqual(await messagesOf(business.id), [
      {
        kind: 'member_added',
        params: { actorUserAccountId: owner.id, subjectUserAccountId: newcomer.id, role: 'account_user' },
      },
    ]);
    assert.deepEqual(dmsTo(newcomer.slackUserId), [
      translate('fr', 'members.you_were_added', {
        actor: 'Test Bouchard',
        bn: business.businessNumber,
        asRole: 'à titre d’utilisateur du compte',
      }),
    ]);
  });

  it('gives the same UserNotMatched failure for any one mismatch as for an unknown URN, and changes nothing', async () => {
    const business = await createBusinessAccount(stack.db);
    const [owner] = business.byRole.owner;
    const user = await slackUser({ familyName: 'Lavoie', email: 'lavoie@example.ca' });
    const other = await slackUser({ familyName: 'Gagnon', email: 'gagnon@example.ca' });
    const unknownUrn = urnFromPayload(`9${Array.from(randomBytes(10), (b) => String(b % 10)).join('')}`);
    const before = await snapshot(business.id);

    const attempts = [
      { urn: user.urn, familyName: 'Lavoi', email: 'lavoie@example.ca' },
      { urn: user.urn, familyName: 'Lavoie', email: 'lavoie@example.com' },
      { urn: other.urn, familyName: 'Lavoie', email: 'lavoie@example.ca' },
      { urn: unknownUrn, familyName: 'Lavoie', email: 'lavoie@example.ca' },
    ];
    const refusals = [];
    for (const attempt of attempts) {
      refusals.push(
        await refusalOf(change(business.id, owner!, { kind: 'members.add', role: 'account_browser', ...attempt })),
      );
    }
    for (const refusal of refusals) {
      assert.deepEqual(refusal, refusals[0], 'every mismatch, and an unknown URN, look the same');
    }
    assert.equal(refusals[0]!.type, 'UserNotMatched');
    assert.equal(refusals[0]!.messageKey, 'members.user_not_matched');
    assert.doesNotMatch(refusals[0]!.message, /Lavoie|Gagnon|example|\d{4}-\d{4}/);
    assert.deepEqual(await snapshot(business.id), before);
    assert.deepEqual([...dmsTo(user.slackUserId), ...dmsTo(other.slackUserId)], []);
  });

  it('lets a proxy add an account user but not a proxy, and the refusal changes nothing', async () => {
    const business = await createBusinessAccount(stack.db, { members: { proxy: 1 } });
    const [proxy] = business.byRole.proxy;
    const first = await slackUser();
    const second = await slackUser();
    const add = (user: { urn: string; email: string }, role: 'proxy' | 'account_user') =>
      change(business.id, proxy!, {
        kind: 'members.add',
        urn: user.urn,
        familyName: 'Member',
        email: user.email,
        role,
      });

    assert.equal((await add(first, 'account_user')).outcome, 'applied');
    assert.equal(await roleIn(stack.db, business.id, first.id), 'account_user');

    const before = await snapshot(business.id);
    const refusal = await refusalOf(add(second, 'proxy'));
    assert.deepEqual([refusal.type, refusal.messageKey], ['PolicyDenied', 'policy.proxy_limits']);
    assert.deepEqual(await snapshot(business.id), before);
    assert.deepEqual(dmsTo(second.slackUserId), []);

    const again = await refusalOf(add(first, 'account_user'));
    assert.deepEqual([again.type, again.messageKey], ['AlreadyMember', 'members.already_member']);
  });
});

describe('changing and removing members', () => {
  it('the owner changes a role, then removes the member: effective at once, told, audited and reported', async () => {
    const owner = await slackUser({ familyName: 'Roy' });
    const business = await createBusinessAccount(stack.db, { owner: owner.id });
    const member = await slackUser();
    await stack.db.membership.create({
      data: { businessAccountId: business.id, userAccountId: member.id, role: 'account_user' },
    });

    const changed = await change(business.id, owner.id, {
      kind: 'members.changeRole',
      subjectUserAccountId: member.id,
      role: 'proxy',
    });
    assert.deepEqual(changed, {
      outcome: 'applied',
      kind: 'members.changeRole',
      businessAccountId: business.id,
      subjectUserAccountId: member.id,
      before: 'account_user',
      after: 'proxy',
    });
    assert.equal(await roleIn(stack.db, business.id, member.id), 'proxy');

    const removed = await change(business.id, owner.id, { kind: 'members.remove', subjectUserAccountId: member.id });
    assert.deepEqual([removed.before, removed.after], ['proxy', null]);
    // The result comes back once the row is gone: no later step makes the removal effective.
    assert.equal(await roleIn(stack.db, business.id, member.id), null);

    const audit = await membershipAudit(business.id, member.id);
    assert.deepEqual(
      audit.map((e) => [e.action, e.before, (e.after as { role: string | null }).role]),
      [
        ['membership.role_changed', { role: 'account_user' }, 'proxy'],
        ['membership.removed', { role: 'proxy' }, null],
      ],
    );
    const people = { actorUserAccountId: owner.id, subjectUserAccountId: member.id };
    assert.deepEqual(await messagesOf(business.id), [
      { kind: 'role_changed', params: { ...people, from: 'account_user', role: 'proxy' } },
      { kind: 'member_removed', params: { ...people, role: 'proxy' } },
    ]);
    assert.deepEqual(dmsTo(member.slackUserId), [
      translate('en', 'members.your_role_changed', { actor: 'Test Roy', bn: business.businessNumber, role: 'Proxy' }),
      translate('en', 'members.you_were_removed', { actor: 'Test Roy', bn: business.businessNumber }),
    ]);

    const gone = await refusalOf(
      change(business.id, owner.id, { kind: 'members.remove', subjectUserAccountId: member.id }),
    );
    assert.deepEqual([gone.type, gone.messageKey], ['NotMember', 'members.not_member']);
  });

  it('nobody removes or demotes the owner', async () => {
    const business = await createBusinessAccount(stack.db, { members: { proxy: 1 } });
    const [owner] = business.byRole.owner;
    const [proxy] = business.byRole.proxy;
    const before = await snapshot(business.id);
    const attempts: [string, AccountChange][] = [
      [proxy!, { kind: 'members.remove', subjectUserAccountId: owner! }],
      [proxy!, { kind: 'members.changeRole', subjectUserAccountId: owner!, role: 'account_browser' }],
      [owner!, { kind: 'members.changeRole', subjectUserAccountId: owner!, role: 'proxy' }],
      [owner!, { kind: 'members.remove', subjectUserAccountId: owner! }],
    ];
    for (const [actor, body] of attempts) {
      const refusal = await refusalOf(change(business.id, actor, body));
      assert.deepEqual([refusal.type, refusal.messageKey], ['PolicyDenied', 'policy.owner_protected'], body.kind);
    }
    assert.deepEqual(await snapshot(business.id), before);
    assert.equal(await roleIn(stack.db, business.id, owner!), 'owner');
  });

  it('runs a change once for one key: a double click or a retry gets the same result, with one audit event', async () => {
    const business = await createBusinessAccount(stack.db);
    const [owner] = business.byRole.owner;
    const user = await slackUser();
    const add: AccountChange = {
      kind: 'members.add',
      urn: user.urn,
      familyName: 'Member',
      email: user.email,
      role: 'account_browser',
    };
    const key = randomUUID();

    const [first, second] = await Promise.all([
      change(business.id, owner!, add, key),
      change(business.id, owner!, add, key),
    ]);
    const later = await change(business.id, owner!, add, key);
    assert.deepEqual(second, first);
    assert.deepEqual(later, first);
    assert.equal(first.outcome, 'applied');
    assert.equal((await membershipAudit(business.id, user.id)).length, 1);
    assert.equal((await messagesOf(business.id)).length, 1);
    assert.equal(dmsTo(user.slackUserId).length, 1);

    // A refusal is settled too: the same key answers with the same failure.
    const proxyKey = randomUUID();
    const promote: AccountChange = { kind: 'members.changeRole', subjectUserAccountId: owner!, role: 'proxy' };
    const refusals = [
      await refusalOf(change(business.id, owner!, promote, proxyKey)),
      await refusalOf(change(business.id, owner!, promote, proxyKey)),
    ];
    assert.deepEqual(refusals[1], refusals[0]);
  });

  it('refuses a non-member with policy.not_member, whatever they try', async () => {
    const business = await createBusinessAccount(stack.db, { members: { account_user: 1 } });
    const [member] = business.byRole.account_user;
    const stranger = await slackUser();
    const target = await slackUser();
    const before = await snapshot(business.id);
    const attempts: AccountChange[] = [
      { kind: 'members.add', urn: target.urn, familyName: 'Member', email: target.email, role: 'account_user' },
      { kind: 'members.changeRole', subjectUserAccountId: member!, role: 'account_browser' },
      { kind: 'members.remove', subjectUserAccountId: member! },
      { kind: 'business.delete' },
    ];
    for (const body of attempts) {
      const refusal = await refusalOf(change(business.id, stranger.id, body));
      assert.deepEqual([refusal.type, refusal.messageKey], ['PolicyDenied', 'policy.not_member'], body.kind);
    }
    assert.deepEqual(await snapshot(business.id), before);
  });
});

describe('the business account itself', () => {
  const contact = {
    positionTitle: ' Export   manager ',
    address: { line1: '400 Bay St', city: 'Toronto', province: 'on', postalCode: 'm5h2y4', country: 'ca' },
    phone: '416-555-0100',
    email: 'Exports@ExportCo.CA',
  };

  it('only the owner updates its contact information; it is validated, audited by the fields it changed, and reported', async () => {
    const business = await createBusinessAccount(stack.db, { members: { proxy: 1 } });
    const [owner] = business.byRole.owner;
    const [proxy] = business.byRole.proxy;
    const before = await snapshot(business.id);

    const refusal = await refusalOf(change(business.id, proxy!, { kind: 'business.update', contact }));
    assert.deepEqual([refusal.type, refusal.messageKey], ['PolicyDenied', 'policy.role_cannot']);
    const invalid = await refusalOf(
      change(business.id, owner!, {
        kind: 'business.update',
        contact: { ...contact, address: { ...contact.address, postalCode: '12345' } },
      }),
    );
    assert.deepEqual([invalid.type, invalid.fields], ['InvalidInput', ['change.contact.address.postalCode']]);
    assert.deepEqual(await snapshot(business.id), before);

    const result = await change(business.id, owner!, { kind: 'business.update', contact });
    assert.deepEqual(result, {
      outcome: 'applied',
      kind: 'business.update',
      businessAccountId: business.id,
      before: 'active',
      after: 'active',
    });
    const row = await stack.db.businessAccount.findUniqueOrThrow({ where: { id: business.id } });
    assert.deepEqual(
      [
        row.ownerPositionTitle,
        row.ownerAddressLine1,
        row.ownerAddressLine2,
        row.ownerCity,
        row.ownerProvince,
        row.ownerPostalCode,
      ],
      ['Export manager', '400 Bay St', null, 'Toronto', 'ON', 'M5H 2Y4'],
    );
    assert.deepEqual([row.ownerCountry, row.ownerPhone, row.ownerEmail], ['CA', '+14165550100', 'Exports@exportco.ca']);

    const audit = await stack.db.auditEvent.findMany({
      where: { subjectType: 'business_account', subjectId: business.id },
    });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'business_account.contact_updated');
    assert.equal(audit[0]!.actor, `user:${owner}`);
    // The fields that changed, never their values (province, country and line 2 stay as they were).
    assert.equal(audit[0]!.before, null);
    assert.deepEqual(audit[0]!.after, {
      changed: ['ownerPositionTitle', 'ownerAddressLine1', 'ownerCity', 'ownerPostalCode', 'ownerPhone', 'ownerEmail'],
    });
    const changed = 'ownerPositionTitle,ownerAddressLine1,ownerCity,ownerPostalCode,ownerPhone,ownerEmail';
    assert.deepEqual(await messagesOf(business.id), [
      { kind: 'contact_fields_updated', params: { actorUserAccountId: owner, changed } },
    ]);
    // Members read which fields changed, in their language; the same contact again changes none.
    const shown = async (locale: 'en' | 'fr') =>
      JSON.stringify(
        messagesView({
          locale,
          businessNumber: business.businessNumber,
          messages: await listBusinessMessages(stack.db, business.id),
        }).blocks,
      );
    assert.match(
      await shown('en'),
      /updated the business account’s contact information: position title, mailing address, city, postal code, telephone and e-mail\./,
    );
    assert.match(
      await shown('fr'),
      /a mis à jour les coordonnées du compte d’entreprise : titre de poste, adresse postale, ville, code postal, téléphone et courriel\./,
    );
    await change(business.id, owner!, { kind: 'business.update', contact });
    assert.deepEqual(
      (await stack.db.auditEvent.findMany({ where: { subjectId: business.id }, orderBy: { id: 'asc' } })).map(
        (e) => e.after,
      ),
      [{ changed: changed.split(',') }, { changed: [] }],
    );
    assert.deepEqual((await messagesOf(business.id)).at(-1), {
      kind: 'contact_updated',
      params: { actorUserAccountId: owner },
    });
  });

  it('the owner deletes it: memberships end, the audit trail stays, pending requests are cancelled, members are told', async () => {
    const owner = await slackUser({ familyName: 'Côté' });
    const business = await createBusinessAccount(stack.db, { owner: owner.id, members: { account_user: 1 } });
    const proxy = await slackUser();
    await stack.db.membership.create({
      data: { businessAccountId: business.id, userAccountId: proxy.id, role: 'proxy' },
    });
    const [accountUser] = business.byRole.account_user;
    const requester = await slackUser({ credential: true });
    const { handle: request } = await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'access',
        businessAccountId: business.id,
        requesterUserAccountId: requester.id,
        subjectUserAccountId: requester.id,
        role: 'account_user',
      },
      { businessNumber: business.businessNumber },
    );
    await eventually(
      () => stack.db.roleRequest.findFirst({ where: { workflowId: request.workflowId, status: 'pending' } }),
      'the request to be opened',
    );

    const refusal = await refusalOf(change(business.id, proxy.id, { kind: 'business.delete' }));
    assert.deepEqual([refusal.type, refusal.messageKey], ['PolicyDenied', 'policy.role_cannot']);
    const auditBefore = await stack.db.auditEvent.findMany({
      where: { subjectId: { startsWith: business.id } },
      select: { id: true },
    });

    const result = await change(business.id, owner.id, { kind: 'business.delete' });
    assert.deepEqual(result, {
      outcome: 'applied',
      kind: 'business.delete',
      businessAccountId: business.id,
      before: 'active',
      after: 'deleted',
      membershipsEnded: 3,
      requestsWithdrawn: 1,
    });

    const row = await stack.db.businessAccount.findUniqueOrThrow({ where: { id: business.id } });
    assert.equal(row.status, 'deleted');
    assert.ok(row.deletedAt);
    assert.equal(await stack.db.membership.count({ where: { businessAccountId: business.id } }), 0);

    // History kept: every earlier event is still there, and each membership's end is recorded.
    const auditAfter = await stack.db.auditEvent.findMany({
      where: { subjectId: { startsWith: business.id } },
      orderBy: { id: 'asc' },
    });
    assert.ok(auditBefore.every(({ id }) => auditAfter.some((e) => e.id === id)));
    const ended = auditAfter.filter((e) => e.action === 'membership.removed');
    assert.deepEqual(ended.map((e) => e.subjectId.split(':')[1]).sort(), [owner.id, proxy.id, accountUser!].sort());
    for (const event of ended) assert.equal((event.after as { because: string }).because, 'business_deleted');
    assert.equal(auditAfter.filter((e) => e.action === 'business_account.deleted').length, 1);
    assert.deepEqual((await messagesOf(business.id)).at(-1), {
      kind: 'business_deleted',
      params: { actorUserAccountId: owner.id },
    });

    const requestResult = await request.result();
    assert.deepEqual([requestResult.status, requestResult.cancelledBecause], ['cancelled', 'business_deleted']);
    const requestRow = await stack.db.roleRequest.findFirstOrThrow({ where: { workflowId: request.workflowId } });
    assert.equal(requestRow.status, 'cancelled');

    // The proxy, a decider, had the request: its buttons gave way to the outcome; then the deletion notice.
    const toProxy = stack.dms.filter((m) => m.to === proxy.slackUserId);
    assert.equal(toProxy.length, 2);
    assert.equal(toProxy[0]!.replacedBy.length, 1);
    assert.equal(
      toProxy[1]!.message.text,
      translate('en', 'members.business_deleted', { actor: 'Test Côté', bn: business.businessNumber }),
    );
    assert.deepEqual(dmsTo(owner.slackUserId).slice(1), [], 'the owner, who deleted it, is not told');

    const afterwards = await refusalOf(change(business.id, owner.id, { kind: 'business.update', contact }));
    assert.deepEqual([afterwards.type, afterwards.messageKey], ['BusinessAccountNotFound', 'members.business_closed']);
  });
});

describe('leaving a business account (members.leave)', () => {
  it('a member leaves once for one key; audited as membership.left; the owner and proxies are told, not the leaver', async () => {
    const owner = await slackUser();
    const proxy = await slackUser({ language: 'fr' });
    const leaver = await slackUser({ familyName: 'Leaver' });
    const business = await createBusinessAccount(stack.db, { owner: owner.id });
    await stack.db.membership.createMany({
      data: [
        { businessAccountId: business.id, userAccountId: proxy.id, role: 'proxy' },
        { businessAccountId: business.id, userAccountId: leaver.id, role: 'account_user' },
      ],
    });

    const key = randomUUID();
    const [first, second] = await Promise.all([
      change(business.id, leaver.id, { kind: 'members.leave' }, key),
      change(business.id, leaver.id, { kind: 'members.leave' }, key),
    ]);
    assert.deepEqual(first, second);
    assert.deepEqual(
      [first.kind, (first as { before: string }).before, (first as { after: null }).after],
      ['members.leave', 'account_user', null],
    );
    assert.equal(await roleIn(stack.db, business.id, leaver.id), null);
    const audit = await membershipAudit(business.id, leaver.id);
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor]),
      [['membership.left', `user:${leaver.id}`]],
    );
    assert.deepEqual(
      (await messagesOf(business.id)).map((m) => m.kind),
      ['member_left'],
    );
    await eventually(
      async () => dmsTo(owner.slackUserId).some((t) => /left business account .*Account user/.test(t)),
      'the owner told',
    );
    await eventually(
      async () => dmsTo(proxy.slackUserId).some((t) => /a quitté le compte d’entreprise/.test(t)),
      'the proxy told in French',
    );
    assert.equal(dmsTo(leaver.slackUserId).length, 0, 'the leaver is not told what they did');
  });

  it('refuses the owner with policy.owner_must_transfer, and a non-member with policy.not_member; nothing changes', async () => {
    const owner = await slackUser();
    const outsider = await slackUser();
    const business = await createBusinessAccount(stack.db, { owner: owner.id });
    const before = await snapshot(business.id);

    const ownerRefusal = await refusalOf(change(business.id, owner.id, { kind: 'members.leave' }));
    assert.deepEqual([ownerRefusal.type, ownerRefusal.messageKey], ['PolicyDenied', 'policy.owner_must_transfer']);
    assert.match(translate('en', 'policy.owner_must_transfer'), /transfer ownership to a member first/);
    const outsiderRefusal = await refusalOf(change(business.id, outsider.id, { kind: 'members.leave' }));
    assert.equal(outsiderRefusal.messageKey, 'members.not_member');
    assert.deepEqual(await snapshot(business.id), before);
  });
});
