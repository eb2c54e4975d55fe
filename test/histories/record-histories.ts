/**
 * Records the histories `test/workflow-replay.test.ts` replays: each workflow type through its
 * main paths, run by the current code on the test stack, written to test/histories/<name>.json
 * with the (test-only, generated) payload key that encrypted them.
 *
 *   npm run histories:record            # every scenario
 *   npm run histories:record -- -t role # scenarios whose name matches
 *
 * Record again only to ADD shapes (a new workflow, a new path): the files already here are the
 * runs in flight when a deploy happens, and the replay test exists to keep them replayable. When a
 * patch changes what a scenario records, keep the old file under a name that says what it shows
 * (e.g. `registration-completed-rearmed-timer.json`, before `idle-timer-until-due`) and record anew.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  acceptTermsVersion,
  accountChangeWorkflowId,
  cancelRegistration,
  decideRoleRequest,
  liftLockWorkflowId,
  liftSharedSecretLock,
  registrationReady,
  registrationStatus,
  resendReminder,
  runAccountChange,
  skipBusinessAccount,
  startBusinessAccountRegistration,
  startRoleRequest,
  submitBusinessAccount,
  termsAcceptanceWorkflowId,
  withdrawOwnRoleRequest,
  type RoleRequestHandle,
  ProfileGateway,
} from '../../client';
import { createBusinessAccount, createUserAccount } from '../../testkit/fixtures';
import { lockedAuthorization } from '../support/locks';
import { advanceToBusinessAccount } from '../support/registration-steps';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  startTestRegistration,
  useTestStack,
  type TestStack,
} from '../support/stack';

const stack = useTestStack();

/** Writes the closed workflow's history beside the payload keys that can read it. */
async function save(name: string, handle: WorkflowHandle): Promise<void> {
  await handle.result().catch(() => undefined);
  const history = await handle.fetchHistory();
  const file = path.join(__dirname, `${name}.json`);
  const recorded = {
    comment: 'Recorded by test/histories/record-histories.ts; replayed by test/workflow-replay.test.ts.',
    // A key generated for the recording run, never used anywhere else: it only opens these files.
    payloadKeys: process.env.CERS_PAYLOAD_KEYS,
    workflowId: handle.workflowId,
    // For the reader; the replay reads `history`, the protobuf bytes (base64) the server sent.
    events: (history.events ?? []).map((e) =>
      temporal.api.enums.v1.EventType[e.eventType ?? 0]!.replace('EVENT_TYPE_', ''),
    ),
    history: Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64'),
  };
  writeFileSync(file, `${JSON.stringify(recorded, null, 1)}\n`);
}

async function roleRequest(s: TestStack, kind: 'access' | 'ownership_transfer' = 'access') {
  const owner = await createUserAccount(s.db, { givenName: 'Olive', familyName: 'Owner', credential: true });
  const business = await createBusinessAccount(s.db, { owner: owner.id, members: { proxy: 1 } });
  const asker = await createUserAccount(s.db, { givenName: 'Rémi', familyName: 'Requester', credential: true });
  if (kind === 'ownership_transfer')
    await s.db.membership.create({ data: { userAccountId: asker.id, businessAccountId: business.id, role: 'proxy' } });
  const { handle } = await startRoleRequest(
    s.client,
    s.config,
    kind === 'access'
      ? {
          kind,
          businessAccountId: business.id,
          requesterUserAccountId: asker.id,
          subjectUserAccountId: asker.id,
          role: 'account_user',
        }
      : {
          kind,
          businessAccountId: business.id,
          requesterUserAccountId: owner.id,
          subjectUserAccountId: asker.id,
          role: 'owner',
        },
    { businessNumber: business.businessNumber },
  );
  return { handle, owner, asker, business };
}

/** Waits until the request's DMs went out (the workflow is then waiting on people). */
async function waitingOnDeciders(s: TestStack, handle: RoleRequestHandle): Promise<void> {
  const runId = (await handle.describe()).runId;
  while ((await s.db.approvalMessage.count({ where: { requestId: runId } })) === 0)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('registration', () => {
  it('completed, after one wrong shared secret', async () => {
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    const auth = await issueTestAuthorization(stack.db);
    await assert.rejects(
      handle.executeUpdate(submitBusinessAccount, {
        args: [sampleBusinessAccount(auth.businessNumber, 'WRONG-SECRET-1')],
      }),
    );
    await handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
    });
    await save('registration-completed', handle);
  });

  it('joining a business (the business step skipped)', async () => {
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    await handle.executeUpdate(skipBusinessAccount, { args: [{}] });
    await save('registration-joining', handle);
  });

  it('cancelled after a support reminder', async () => {
    const { handle } = await startTestRegistration(stack);
    await handle.executeUpdate(resendReminder, { args: [{ agent: 'replay', requestId: randomUUID() }] });
    await handle.signal(cancelRegistration, { reason: 'recorded for the replay test' });
    await save('registration-cancelled', handle);
  });

  it('expired after a reminder', async () => {
    const { handle } = await startTestRegistration(stack, undefined, {
      reminderAfterMs: 500,
      maxReminders: 1,
      expireAfterMs: 1500,
    });
    assert.equal((await handle.query(registrationStatus)).step, 'credential');
    await save('registration-expired', handle);
  });

  it('a business-account run: a business registered after joining', async () => {
    const { handle: first, applicant } = await startTestRegistration(stack);
    await advanceToBusinessAccount(first);
    await first.executeUpdate(skipBusinessAccount, { args: [{}] });
    await first.result();
    const handle = await startBusinessAccountRegistration(stack.client, stack.config, { applicant, locale: 'en' });
    assert.equal((await handle.executeUpdate(registrationReady, { args: [{}] })).purpose, 'businessAccount');
    const auth = await issueTestAuthorization(stack.db);
    await handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
    });
    await save('registration-business-account-run', handle);
  });

  it('a business-account run ended by "not now"', async () => {
    const { handle: first, applicant } = await startTestRegistration(stack);
    await advanceToBusinessAccount(first);
    await first.executeUpdate(skipBusinessAccount, { args: [{}] });
    await first.result();
    const handle = await startBusinessAccountRegistration(stack.client, stack.config, { applicant, locale: 'en' });
    await handle.executeUpdate(registrationReady, { args: [{}] });
    await handle.executeUpdate(skipBusinessAccount, { args: [{}] });
    await save('registration-business-account-not-now', handle);
  });
});

describe('role request', () => {
  it('approved by the owner', async () => {
    const { handle, owner } = await roleRequest(stack);
    await waitingOnDeciders(stack, handle);
    await handle.executeUpdate(decideRoleRequest, {
      args: [{ deciderUserAccountId: owner.id, deciderRole: 'owner', decision: 'approve' }],
    });
    await save('role-request-approved', handle);
  });

  it('rejected with a reason', async () => {
    const { handle, owner } = await roleRequest(stack);
    await waitingOnDeciders(stack, handle);
    await handle.executeUpdate(decideRoleRequest, {
      args: [{ deciderUserAccountId: owner.id, deciderRole: 'owner', decision: 'reject', reason: 'Unknown to us' }],
    });
    await save('role-request-rejected', handle);
  });

  it('withdrawn by the requester', async () => {
    const { handle, asker } = await roleRequest(stack);
    await waitingOnDeciders(stack, handle);
    await handle.executeUpdate(withdrawOwnRoleRequest, { args: [{ requesterUserAccountId: asker.id }] });
    await save('role-request-withdrawn', handle);
  });

  it('an ownership transfer confirmed', async () => {
    const { handle, asker } = await roleRequest(stack, 'ownership_transfer');
    await waitingOnDeciders(stack, handle);
    await handle.executeUpdate(decideRoleRequest, {
      args: [{ deciderUserAccountId: asker.id, deciderRole: 'proxy', decision: 'approve' }],
    });
    await save('role-request-transfer', handle);
  });
});

describe('account change', () => {
  it('a member added, the contact updated, one refused, the business deleted', async () => {
    const owner = await createUserAccount(stack.db, { credential: true });
    const business = await createBusinessAccount(stack.db, { owner: owner.id });
    const joiner = await createUserAccount(stack.db, { familyName: 'Joiner', credential: true });
    const searchableBy = { businessNumber: business.businessNumber, urn: owner.urn };
    const run = (key: string, change: Parameters<typeof runAccountChange>[2]['change']) =>
      runAccountChange(
        stack.client,
        stack.config,
        { businessAccountId: business.id, actorUserAccountId: owner.id, change },
        key,
        searchableBy,
      );
    const keys = { added: randomUUID(), updated: randomUUID(), refused: randomUUID(), deleted: randomUUID() };
    await run(keys.added, {
      kind: 'members.add',
      urn: joiner.urn,
      familyName: 'Joiner',
      email: joiner.email,
      role: 'account_user',
    });
    await run(keys.updated, {
      kind: 'business.update',
      contact: { ...sampleBusinessAccount(business.businessNumber, 'unused').owner },
    });
    await assert.rejects(run(keys.refused, { kind: 'members.leave' }));
    await run(keys.deleted, { kind: 'business.delete' });
    const handleOf = (key: string) => stack.client.workflow.getHandle(accountChangeWorkflowId(business.id, key));
    await save('account-change-member-added', handleOf(keys.added));
    await save('account-change-contact-updated', handleOf(keys.updated));
    await save('account-change-refused', handleOf(keys.refused));
    await save('account-change-business-deleted', handleOf(keys.deleted));
  });
});

describe('support', () => {
  it('a shared-secret lock lifted', async () => {
    const auth = await lockedAuthorization(stack);
    const requestId = randomUUID();
    const lifted = await liftSharedSecretLock(
      stack.client,
      stack.config,
      { agent: 'replay', roles: ['support'] },
      { businessNumber: auth.businessNumber, reason: 'recorded for the replay test', requestId },
    );
    assert.equal(lifted.outcome, 'lifted');
    await save('support-lift-lock', stack.client.workflow.getHandle(liftLockWorkflowId(requestId)));
  });
});

describe('terms', () => {
  it('a new Terms and Conditions version accepted', async () => {
    const user = await createUserAccount(stack.db);
    const request = { userAccountId: user.id, version: '2099-01' };
    assert.equal((await acceptTermsVersion(stack.client, stack.config, request)).outcome, 'accepted');
    await save(
      'terms-acceptance',
      stack.client.workflow.getHandle(termsAcceptanceWorkflowId(request.userAccountId, request.version)),
    );
  });
});

describe('profile change', () => {
  /** A registered person's change of name, language and e-mail; returns its workflow and where the code went. */
  async function emailChange(ttlMs: number) {
    const person = await createUserAccount(stack.db, { givenName: 'Paula', familyName: 'Profile', credential: true });
    const gateway = new ProfileGateway(stack.client, { ...stack.config, profile: { emailCodeTtlMs: ttlMs } });
    const email = `paula.${randomUUID().slice(0, 8)}@new.example.ca`;
    const submitted = await gateway.submit(
      {
        userAccountId: person.id,
        profile: { givenName: 'Paule', familyName: 'Profile', email, phone: '613 555 0142', language: 'fr' },
      },
      randomUUID(),
    );
    assert.ok(submitted.ok && submitted.value.status.emailStatus === 'awaiting_code');
    return { gateway, email, workflowId: submitted.value.workflowId };
  }

  it('an e-mail confirmed after a wrong code and a resend', async () => {
    const { gateway, email, workflowId } = await emailChange(30 * 60_000);
    const code = () => stack.mail.latestTo(email)!.personalisation['code']!;
    const wrong = String((Number(code()) + 1) % 1_000_000).padStart(6, '0');
    assert.ok((await gateway.confirm(workflowId, wrong, randomUUID())).ok);
    assert.ok((await gateway.resend(workflowId, randomUUID())).ok);
    const confirmed = await gateway.confirm(workflowId, code(), randomUUID());
    assert.ok(confirmed.ok && confirmed.value.emailStatus === 'confirmed');
    await save('profile-change-email-confirmed', stack.client.workflow.getHandle(workflowId));
  });

  it('an e-mail code that expired', async () => {
    const { workflowId } = await emailChange(1500);
    const handle = stack.client.workflow.getHandle(workflowId);
    assert.equal(((await handle.result()) as { emailStatus: string }).emailStatus, 'expired');
    await save('profile-change-expired', handle);
  });
});
