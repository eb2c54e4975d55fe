/**
 * Every step against a database that stalls for longer than the step's activity timeout (a table
 * lock held from a second connection, then released): the caller is told ServiceUnavailable in
 * time, nothing is half done, and once the database answers the step happens exactly once; the
 * same request sent again, with the same update id or any other, gets its result. The activity
 * timeouts are divided by 15 here (test/fixtures/short-activity-timeouts.ts: 30 s per attempt is
 * 2 s, 2 minutes is 8 s), so a 10-second lock outlasts all of them.
 *
 * Issue 11 (F3): a stall after the activation code was checked spent the code and left no business
 * account; the same form sent again got ServiceUnavailable (same update id) or
 * SharedSecretAlreadyUsed (a new one).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { localAuthorizationRegistry } from '../activities/cbsa/authorization-registry';
import { httpAuthorizationRegistry } from '../activities/cbsa/http-registry';
import { startRegistryServer, type RegistryServer } from '../dev/cbsa/registry-server';
import {
  credentialVerified,
  decideRoleRequest,
  registrationStatus,
  runAccountChange,
  skipBusinessAccount,
  startRoleRequest,
  submitBusinessAccount,
  submitUserAccount,
  acceptTerms,
  type RegistrationHandle,
} from '../client';
import { createDatabase, type Database } from '../prisma/database';
import {
  COMPLETED_REGISTRATION_AUDIT,
  auditActions,
  createBusinessAccount,
  createUserAccount,
  roleIn,
} from '../testkit/fixtures';
import { within, type Outcome } from './support/outcomes';
import { advanceToBusinessAccount } from './support/registration-steps';
import { stallWrites } from './support/stall';
import {
  SHORT_ACTIVITY_TIMEOUTS,
  issueTestAuthorization,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  startTestStack,
  type TestStack,
} from './support/stack';

/** Longer than every (scaled) activity timeout: 2 s per attempt, 8 s in all. */
const STALL_MS = 10_000;
/** How long a caller waits before it is told ServiceUnavailable. */
const WAIT_MS = 3_000;
/** How long the resends after the stall may take (the database answers again). */
const RESEND_MS = 30_000;

const REGISTRY_TOKEN = randomBytes(16).toString('hex');
let db: Database;
let local: TestStack;
let remote: TestStack;
let registryServer: RegistryServer;
/** While set, CBSA's registry does not answer confirmations until it resolves. */
let confirmationsHeld: Promise<void> | undefined;

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  const options = { workflowInterceptorModules: [SHORT_ACTIVITY_TIMEOUTS] };
  local = await startTestStack({}, options);
  // CBSA over HTTP (production's path), in front of the same local registry.
  const cbsa = localAuthorizationRegistry(db);
  registryServer = await startRegistryServer(
    {
      redeem: (request) => cbsa.redeem(request),
      liftLock: (request) => cbsa.liftLock(request),
      confirm: async (request) => {
        await confirmationsHeld;
        return cbsa.confirm(request);
      },
    },
    { token: REGISTRY_TOKEN },
  );
  remote = await startTestStack(
    {},
    { ...options, registry: httpAuthorizationRegistry({ baseUrl: registryServer.url, token: REGISTRY_TOKEN }) },
  );
});
afterAll(async () => {
  await local?.stop();
  await remote?.stop();
  await registryServer?.close();
  await db?.$disconnect();
});

function expectServiceUnavailable(outcome: Outcome<unknown>, what: string): void {
  assert.ok(!outcome.ok, `${what}: answered during the stall`);
  assert.equal(outcome.type, 'ServiceUnavailable', `${what}: ${outcome.message}`);
}

function valueOf<T>(outcome: Outcome<T>, what: string): T {
  assert.ok(outcome.ok, `${what}: ${outcome.ok ? '' : `${outcome.type}: ${outcome.message}`}`);
  return outcome.value;
}

async function atCredentialStep(stack: TestStack): Promise<RegistrationHandle> {
  return (await startTestRegistration(stack)).handle;
}

async function atUserAccountStep(stack: TestStack): Promise<RegistrationHandle> {
  const { handle } = await startTestRegistration(stack);
  await handle.executeUpdate(credentialVerified, {
    args: [{ provider: 'gckey', subject: `pai-${randomBytes(6).toString('hex')}` }],
  });
  await handle.executeUpdate(acceptTerms, {
    args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
  });
  return handle;
}

async function atBusinessAccountStep(stack: TestStack) {
  const auth = await issueTestAuthorization(stack.db);
  const { handle } = await startTestRegistration(stack);
  await advanceToBusinessAccount(handle);
  return { handle, auth, submission: sampleBusinessAccount(auth.businessNumber, auth.sharedSecret) };
}

/** A pending access request to a business account whose owner decides. */
async function pendingRequest(stack: TestStack) {
  const owner = await createUserAccount(stack.db, {
    slack: { teamId: 'TSTALL', userId: `U${randomBytes(5).toString('hex').toUpperCase()}` },
  });
  const business = await createBusinessAccount(stack.db, { owner: owner.id });
  const requester = await createUserAccount(stack.db, {
    slack: { teamId: 'TSTALL', userId: `U${randomBytes(5).toString('hex').toUpperCase()}` },
    credential: true,
  });
  const { handle } = await startRoleRequest(stack.client, stack.config, {
    kind: 'access',
    businessAccountId: business.id,
    requesterUserAccountId: requester.id,
    subjectUserAccountId: requester.id,
    role: 'account_user',
  });
  const deadline = Date.now() + 20_000;
  while ((await stack.db.roleRequest.count({ where: { workflowId: handle.workflowId } })) === 0) {
    assert.ok(Date.now() < deadline, 'the request is recorded');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { handle, business, owner, requester };
}

const SUITE_TIMEOUT_MS = 180_000;
describe('a database stalled longer than every activity timeout', () => {
  it(
    'each step is told ServiceUnavailable, then happens exactly once, and sending it again gets its result',
    async () => {
      // Every step, ready to run, each on its own records.
      const link = await atCredentialStep(local);
      const linkSubject = `pai-${randomBytes(6).toString('hex')}`;
      const user = await atUserAccountStep(local);
      const business = await atBusinessAccountStep(local);
      const businessOverHttp = await atBusinessAccountStep(remote);
      const request = await pendingRequest(local);
      const addTo = await createBusinessAccount(local.db);
      const toAdd = await createUserAccount(local.db, { familyName: 'Ajout' });
      const addChange = {
        businessAccountId: addTo.id,
        actorUserAccountId: addTo.byRole.owner[0]!,
        change: {
          kind: 'members.add' as const,
          urn: toAdd.urn,
          familyName: 'Ajout',
          email: toAdd.email,
          role: 'account_user' as const,
        },
      };

      // The stall: writes to memberships (business accounts' owners, decisions, added members),
      // terms acceptances (user accounts) and credential links wait; what runs before them commits.
      const stall = stallWrites(
        process.env.DATABASE_URL!,
        ['memberships', 'terms_acceptances', 'credential_links'],
        STALL_MS,
      );
      await stall.held;
      const send = {
        link: (wait: number) =>
          within(local.client, wait, () =>
            link.executeUpdate(credentialVerified, {
              args: [{ provider: 'gckey', subject: linkSubject }],
              updateId: 'link-1',
            }),
          ),
        user: (wait: number) =>
          within(local.client, wait, () =>
            user.executeUpdate(submitUserAccount, { args: [sampleUserAccount], updateId: 'user-1' }),
          ),
        business: (wait: number, updateId: string) =>
          within(local.client, wait, () =>
            business.handle.executeUpdate(submitBusinessAccount, { args: [business.submission], updateId }),
          ),
        businessOverHttp: (wait: number, updateId: string) =>
          within(remote.client, wait, () =>
            businessOverHttp.handle.executeUpdate(submitBusinessAccount, {
              args: [businessOverHttp.submission],
              updateId,
            }),
          ),
        decision: (wait: number) =>
          within(local.client, wait, () =>
            request.handle.executeUpdate(decideRoleRequest, {
              args: [{ deciderUserAccountId: request.owner.id, deciderRole: 'owner', decision: 'approve' }],
              updateId: 'decide-1',
            }),
          ),
        add: (wait: number) =>
          within(local.client, wait, () => runAccountChange(local.client, local.config, addChange, 'add-1')),
      };
      const during = await Promise.all([
        send.link(WAIT_MS),
        send.user(WAIT_MS),
        send.business(WAIT_MS, 'business-1'),
        send.businessOverHttp(WAIT_MS, 'business-1'),
        send.decision(WAIT_MS),
        send.add(WAIT_MS),
      ]);
      for (const [i, what] of [
        'link',
        'user account',
        'business account',
        'business account (HTTP registry)',
        'decision',
        'member added',
      ].entries()) {
        expectServiceUnavailable(during[i]!, what);
      }
      // The same business account form again, with a new update id, while the database still stalls.
      const [again, againOverHttp] = await Promise.all([
        send.business(WAIT_MS, 'business-2'),
        send.businessOverHttp(WAIT_MS, 'business-2'),
      ]);
      expectServiceUnavailable(again, 'business account, new update id');
      expectServiceUnavailable(againOverHttp, 'business account (HTTP registry), new update id');
      await stall.released;

      // The database answers again: the same requests, sent again, get their results.
      const [linked, created, ...businessResults] = await Promise.all([
        send.link(RESEND_MS),
        send.user(RESEND_MS),
        send.business(RESEND_MS, 'business-1'),
        send.business(RESEND_MS, 'business-2'),
        send.businessOverHttp(RESEND_MS, 'business-1'),
        send.businessOverHttp(RESEND_MS, 'business-2'),
      ]);
      const decision = await send.decision(RESEND_MS);
      const addition = await send.add(RESEND_MS);
      const kind = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.type);
      const codes = await db.cbsaAuthorization.findMany({
        where: { businessNumber: { in: [business.auth.businessNumber, businessOverHttp.auth.businessNumber] } },
        orderBy: { businessNumber: 'asc' },
      });
      // Everything at once, so a failure shows the whole picture.
      assert.deepEqual(
        {
          link: kind(linked),
          userAccount: kind(created),
          businessAccount: businessResults.map(kind),
          decision: kind(decision),
          memberAdded: kind(addition),
          businessAccounts: await db.businessAccount.count({
            where: { businessNumber: { in: [business.auth.businessNumber, businessOverHttp.auth.businessNumber] } },
          }),
          codesSpent: codes.filter((c) => c.usedAt).length,
        },
        {
          link: 'ok',
          userAccount: 'ok',
          businessAccount: ['ok', 'ok', 'ok', 'ok'],
          decision: 'ok',
          memberAdded: 'ok',
          businessAccounts: 2,
          codesSpent: 2,
        },
      );
      assert.equal(valueOf(linked, 'link sent again').step, 'terms');
      const { urn } = valueOf(created, 'user account sent again');
      const [first, second, firstOverHttp, secondOverHttp] = businessResults.map((r, i) =>
        valueOf(r, `business account sent again (${i})`),
      );
      assert.equal(
        second!.businessAccountId,
        first!.businessAccountId,
        'a new update id gets the same business account',
      );
      assert.equal(secondOverHttp!.businessAccountId, firstOverHttp!.businessAccountId);
      const decided = valueOf(decision, 'decision sent again');
      assert.equal(decided.status, 'approved');
      const added = valueOf(addition, 'member change sent again');
      assert.equal(added.kind, 'members.add');

      // Exactly once, whole.
      assert.equal(await db.credentialLink.count({ where: { subject: linkSubject } }), 1);
      const account = await db.userAccount.findUniqueOrThrow({ where: { registrationId: user.workflowId } });
      assert.equal(account.urn, urn);
      assert.equal(await db.termsAcceptance.count({ where: { userAccountId: account.id } }), 1);
      assert.deepEqual(await auditActions(db, user.workflowId), ['user_account.created']);
      // The local registry spends the code inside the account's transaction; CBSA over HTTP right after it commits.
      const overHttp = [
        'user_account.created',
        'business_account.created',
        'membership.created',
        'cbsa_authorization.used',
        'registration.completed',
      ];
      for (const [audit, { handle, auth }, result] of [
        [COMPLETED_REGISTRATION_AUDIT, business, first!],
        [overHttp, businessOverHttp, firstOverHttp!],
      ] as const) {
        const final = await handle.result();
        assert.deepEqual([final.step, final.businessAccountId], ['completed', result.businessAccountId]);
        assert.equal(await db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);
        assert.equal(await db.membership.count({ where: { businessAccountId: result.businessAccountId } }), 1);
        const code = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
        assert.ok(code.usedAt, 'the activation code is spent once the account exists');
        assert.deepEqual(await auditActions(db, handle.workflowId), audit);
      }
      assert.equal(await roleIn(db, request.business.id, request.requester.id), 'account_user');
      assert.equal(
        await db.auditEvent.count({
          where: { action: 'membership.added', subjectId: `${request.business.id}:${request.requester.id}` },
        }),
        1,
      );
      assert.equal(
        await db.businessMessage.count({ where: { businessAccountId: request.business.id, kind: 'access_approved' } }),
        1,
      );
      assert.equal(await roleIn(db, addTo.id, toAdd.id), 'account_user');
      assert.equal(
        await db.auditEvent.count({ where: { action: 'membership.added', subjectId: `${addTo.id}:${toAdd.id}` } }),
        1,
      );
      assert.equal(await db.businessMessage.count({ where: { businessAccountId: addTo.id, kind: 'member_added' } }), 1);
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    'skipping the business account: told ServiceUnavailable, then recorded once, and completed',
    async () => {
      const { handle } = await startTestRegistration(local);
      await advanceToBusinessAccount(handle);
      const skip = (wait: number) =>
        within(local.client, wait, () => handle.executeUpdate(skipBusinessAccount, { args: [{}], updateId: 'skip-1' }));

      // The audit trail stalls: the skip's record waits.
      const stall = stallWrites(process.env.DATABASE_URL!, ['audit_events'], STALL_MS);
      await stall.held;
      expectServiceUnavailable(await skip(WAIT_MS), 'skip');
      await stall.released;

      assert.equal(valueOf(await skip(RESEND_MS), 'skip sent again').step, 'completed');
      assert.equal((await handle.result()).step, 'completed');
      assert.deepEqual(await auditActions(db, handle.workflowId), [
        'user_account.created',
        'registration.business_account_skipped',
        'registration.completed',
      ]);
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    'CBSA’s registry stalls after the business account committed: told ServiceUnavailable, then the code is spent and the registration completed',
    async () => {
      const { handle, auth, submission } = await atBusinessAccountStep(remote);
      let release!: () => void;
      confirmationsHeld = new Promise<void>((resolve) => (release = resolve));
      try {
        const send = (wait: number) =>
          within(remote.client, wait, () =>
            handle.executeUpdate(submitBusinessAccount, { args: [submission], updateId: 'business-1' }),
          );
        expectServiceUnavailable(await send(WAIT_MS), 'business account, confirmation pending');
        const pending = await db.cbsaAuthorization.findUniqueOrThrow({
          where: { businessNumber: auth.businessNumber },
        });
        assert.deepEqual(
          [pending.usedAt, pending.heldBy],
          [null, handle.workflowId],
          'held for this registration, not yet spent',
        );
        release();
        const { businessAccountId } = valueOf(await send(RESEND_MS), 'business account sent again');
        assert.equal((await handle.result()).businessAccountId, businessAccountId);
        assert.equal(await db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);
        const spent = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
        assert.equal(spent.usedBy, handle.workflowId);
      } finally {
        release();
        confirmationsHeld = undefined;
      }
    },
    SUITE_TIMEOUT_MS,
  );
});
