/**
 * Real worker processes killed (SIGKILL) at the worst moments, then replaced:
 *
 * - F6: a shared-secret guess counts toward the lockout only once the update carrying it is
 *   accepted in history, even when the worker dies right after the check;
 * - F8: the completion DM is posted once when the worker dies right after Slack posted it (before
 *   the answer came back), or right after the notice activity finished;
 * - rounds of a whole registration and an approval with the worker killed at random points (at
 *   random activities, before or after their work, and at a random moment), the database and
 *   Slack counted after each round: nothing lost, nothing twice. CERS_TEST_KILL_ROUNDS sets how
 *   many (default 3, run side by side; 20 or more for a deeper run).
 *
 * Activity timeouts are divided by 15 (test/fixtures/short-activity-timeouts.ts), so the
 * replacement worker retries what the dead one held within seconds.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  CersFailure,
  REQUEST_NOT_RUNNING,
  acceptTerms,
  connectCersClient,
  credentialVerified,
  decideRoleRequest,
  registrationStatus,
  runStep,
  startRegistration,
  startRoleRequest,
  submitBusinessAccount,
  submitUserAccount,
  type RegistrationHandle,
} from '../client';
import { DELIVERY_EVENT_TYPE } from '../activities/slack-deliveries';
import { createDatabase, type Database } from '../prisma/database';
import { startSlackStandIn, type SlackStandIn } from '../dev/slack';
import { COMPLETED_REGISTRATION_AUDIT, auditActions, createUserAccount } from '../testkit/fixtures';
import {
  SHORT_ACTIVITY_TIMEOUTS,
  issueTestAuthorization,
  newApplicant,
  sampleBusinessAccount,
  sampleUserAccount,
  testConfig,
} from './support/stack';
import { WorkerSupervisor, bundleToFile, killed, startWorkerProcess } from './support/worker-process';

const ROUNDS = Number(process.env.CERS_TEST_KILL_ROUNDS ?? 3);
const config = testConfig();
const SLACK_TOKEN = `xoxb-test-${randomBytes(8).toString('hex')}`;
const ACCEPTED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED;

let client: Client;
let db: Database;
let slack: SlackStandIn;
let bundle: { path: string; remove(): void };
let scratch: string;

beforeAll(async () => {
  client = await connectCersClient({ config });
  db = createDatabase(config.database.externalUrl!);
  slack = await startSlackStandIn({
    botToken: SLACK_TOKEN,
    signingSecret: randomBytes(16).toString('hex'),
    console: false,
  });
  bundle = await bundleToFile([SHORT_ACTIVITY_TIMEOUTS]);
  scratch = mkdtempSync(path.join(tmpdir(), 'cers-kills-'));
});
afterAll(async () => {
  await client.connection.close();
  await db.$disconnect();
  await slack.close();
  bundle.remove();
  rmSync(scratch, { recursive: true, force: true });
});

/** The worker's environment: Slack is the stand-in; `killPoints` (activity:before|after) each fire once. */
function workerEnv(killPoints: string[] = []): Record<string, string> {
  const killDir = mkdtempSync(path.join(scratch, 'round-'));
  return {
    CERS_TEST_SLACK_API_URL: slack.apiUrl,
    CERS_TEST_SLACK_TOKEN: SLACK_TOKEN,
    CERS_ACTIVITY_INTERCEPTOR_MODULES: 'test/fixtures/kill-at.ts',
    CERS_TEST_KILL_POINTS: killPoints.join(','),
    CERS_TEST_KILL_DIR: killDir,
  };
}

/** Sends a step until it is answered: a ServiceUnavailable (no answer in time) is sent again, same update id. */
async function step<Ret, Arg>(
  handle: Parameters<typeof runStep>[1],
  update: Parameters<typeof runStep<Ret, Arg>>[2],
  arg: Arg,
  updateId: string,
  options: { whenNotRunning?: typeof REQUEST_NOT_RUNNING } = {},
): Promise<Ret> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      return await runStep(client, handle, update, arg, { updateId, waitMs: 8_000, ...options });
    } catch (error) {
      if (!(error instanceof CersFailure) || error.type !== 'ServiceUnavailable' || Date.now() > deadline) throw error;
    }
  }
}

/** A new applicant, known to Slack (the notices go to their DMs). */
function slackApplicant() {
  const applicant = newApplicant();
  slack.setUser({ id: applicant.userId });
  return applicant;
}

async function toBusinessStep(handle: RegistrationHandle, id: string): Promise<void> {
  await step(handle, credentialVerified, { provider: 'gckey', subject: `pai-${id}` }, `${id}-credential`);
  await step(handle, acceptTerms, { version: (await handle.query(registrationStatus)).termsVersion }, `${id}-terms`);
  await step(handle, submitUserAccount, sampleUserAccount, `${id}-user`);
}

async function acceptedUpdates(handle: RegistrationHandle, name: string): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  return events.filter(
    (e) =>
      e.eventType === ACCEPTED &&
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name,
  ).length;
}

/** Messages in the user's DM carrying a delivery key that starts with `prefix`. */
function deliveredTo(slackUserId: string, prefix: string): number {
  const channel = slack.workspace.dmChannelFor(slackUserId);
  return [...slack.workspace.messages.values()].filter(
    (m) =>
      m.channel === channel &&
      m.metadata?.event_type === DELIVERY_EVENT_TYPE &&
      typeof m.metadata.event_payload['key'] === 'string' &&
      m.metadata.event_payload['key'].startsWith(prefix),
  ).length;
}

/** Every message in the user's DM channel (keyed or not). */
function messagesTo(slackUserId: string): number {
  const channel = slack.workspace.dmChannelFor(slackUserId);
  return [...slack.workspace.messages.values()].filter((m) => m.channel === channel).length;
}

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const F6_TIMEOUT_MS = 120_000;
describe('a worker killed right after checking a shared secret (F6)', () => {
  it(
    'counts the guess only as part of an update accepted in history',
    async () => {
      const auth = await issueTestAuthorization(db);
      const id = randomBytes(4).toString('hex');
      const handle = await startRegistration(
        client,
        config,
        { applicant: slackApplicant(), locale: 'en' },
        { workflowTaskTimeout: '2s' },
      );
      let worker: ChildProcess = await startWorkerProcess(
        config,
        bundle.path,
        workerEnv(['createBusinessAccount:after']),
      );
      await toBusinessStep(handle, id);
      const wrong = sampleBusinessAccount(auth.businessNumber, 'WRONG-CODE-0001');
      const counted = () =>
        db.authorizationAttempt.count({
          where: { businessNumber: auth.businessNumber, outcome: { in: ['incorrect', 'locked'] } },
        });

      // The guess is checked, then the worker dies before Temporal hears back; the caller gives up.
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      const first = runStep(client, handle, submitBusinessAccount, wrong, { updateId: 'guess-1', waitMs: 3_000 }).catch(
        (e: unknown) => e,
      );
      await exited;
      assert.equal(await counted(), 1, 'the guess was checked and counted');
      assert.equal(
        await acceptedUpdates(handle, 'submitBusinessAccount'),
        1,
        'a counted guess belongs to an accepted update',
      );
      assert.ok((await first) instanceof CersFailure);

      // A fresh worker; the applicant tries again with a new update id (a reopened form).
      worker = await startWorkerProcess(config, bundle.path, workerEnv());
      const second = await step(handle, submitBusinessAccount, wrong, 'guess-2').catch((e: unknown) => e);
      assert.ok(second instanceof CersFailure && second.type === 'SharedSecretIncorrect', String(second));
      assert.equal(
        await counted(),
        await acceptedUpdates(handle, 'submitBusinessAccount'),
        'every counted guess was accepted',
      );
      await killed(worker);
      await handle.terminate('test done');
    },
    F6_TIMEOUT_MS,
  );
});

const F8_TIMEOUT_MS = 120_000;
describe('a worker killed while sending the completion DM (F8)', () => {
  /**
   * Registers one applicant up to the business account with a worker under `supervisor`, then submits
   * it; `whileCompleting` runs between the submission and the registration's result (the kill).
   */
  async function completeWithAKill(
    killPoints: string[],
    whileCompleting: (supervisor: WorkerSupervisor) => Promise<void>,
  ): Promise<{ step: string; deaths: number; completionDms: number }> {
    const auth = await issueTestAuthorization(db);
    const applicant = slackApplicant();
    const supervisor = new WorkerSupervisor(config, bundle.path, workerEnv(killPoints));
    await supervisor.start();
    try {
      const handle = await startRegistration(
        client,
        config,
        { applicant, locale: 'en' },
        { workflowTaskTimeout: '2s' },
      );
      const id = randomBytes(4).toString('hex');
      await toBusinessStep(handle, id);
      // Settled into a value at once, so a refusal waits here for its turn instead of going unhandled.
      const submitted = step(
        handle,
        submitBusinessAccount,
        sampleBusinessAccount(auth.businessNumber, auth.sharedSecret),
        `${id}-business`,
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      await whileCompleting(supervisor);
      const refused = await submitted;
      assert.equal(refused, undefined, `the business account was refused: ${String(refused)}`);
      const { step: reached } = await handle.result();
      return { step: reached, deaths: supervisor.deaths, completionDms: messagesTo(applicant.userId) };
    } finally {
      await supervisor.stop();
    }
  }

  it(
    'posts it once when the worker dies after Slack posted it, before the answer came back',
    async () => {
      const outcome = await completeWithAKill([], async (supervisor) => {
        const held = slack.api.holdNextReply('chat.postMessage');
        await held.reached; // Slack has posted the completion DM
        await supervisor.kill(); // ... and the worker dies before it hears back
        held.release();
      });
      assert.equal(outcome.step, 'completed');
      assert.equal(outcome.completionDms, 1, 'one completion DM');
      assert.equal(outcome.deaths, 1);
    },
    F8_TIMEOUT_MS,
  );

  it(
    'posts it once when the worker dies after the notice activity finished, before Temporal heard',
    async () => {
      const outcome = await completeWithAKill(['notifyApplicant:after'], async () => undefined);
      assert.equal(outcome.step, 'completed');
      assert.equal(outcome.deaths, 1, 'the worker died at the kill point');
      assert.equal(outcome.completionDms, 1, 'one completion DM');
    },
    F8_TIMEOUT_MS,
  );
});

/** Where a worker may die: every activity of a registration and of an approval, before or after its work. */
const KILL_POINTS = [
  'linkCredential',
  'createUserAccount',
  'createBusinessAccount',
  'recordRegistrationEvent',
  'notifyApplicant',
  'openRequest',
  'sendRequestToDeciders',
  'decideRequest',
  'announceRequestOutcome',
].flatMap((activity) => [`${activity}:before`, `${activity}:after`]);

// Rounds run side by side (test.concurrent, up to Jest's maxConcurrency of 5 at once), each on its own
// task queue with its own worker process.
const RANDOM_ROUNDS_TIMEOUT_MS = 60_000 + ROUNDS * 60_000;
describe(`the worker killed at random points, ${ROUNDS} rounds`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it.concurrent(
      `round ${round}: a registration and an approval, each exactly once`,
      async () => {
        const points = [
          ...new Set([KILL_POINTS[randomInt(KILL_POINTS.length)]!, KILL_POINTS[randomInt(KILL_POINTS.length)]!]),
        ];
        const queue = testConfig();
        const supervisor = new WorkerSupervisor(queue, bundle.path, workerEnv(points));
        await supervisor.start();
        // And once at a random moment, whatever the worker is doing then.
        const killAt = randomInt(200, 4_000);
        const randomKill = setTimeout(() => void supervisor.kill(), killAt);
        try {
          const auth = await issueTestAuthorization(db);
          const applicant = slackApplicant();
          const id = randomBytes(4).toString('hex');
          const handle = await startRegistration(
            client,
            queue,
            { applicant, locale: 'en' },
            { workflowTaskTimeout: '2s' },
          );
          await toBusinessStep(handle, id);
          const { businessAccountId } = await step(
            handle,
            submitBusinessAccount,
            sampleBusinessAccount(auth.businessNumber, auth.sharedSecret),
            `${id}-business`,
          );
          const registration = await handle.result();
          assert.deepEqual([registration.step, registration.businessAccountId], ['completed', businessAccountId]);

          // The approval: a registered user asks to join; the owner (the applicant) approves.
          const owner = await db.userAccount.findUniqueOrThrow({ where: { registrationId: handle.workflowId } });
          const requesterSlack = slackApplicant();
          const requester = await createUserAccount(db, { slack: requesterSlack, credential: true });
          const { handle: request } = await startRoleRequest(
            client,
            queue,
            {
              kind: 'access',
              businessAccountId,
              requesterUserAccountId: requester.id,
              subjectUserAccountId: requester.id,
              role: 'account_user',
            },
            { businessNumber: auth.businessNumber },
            { workflowTaskTimeout: '2s' },
          );
          const requestId = (await request.describe()).runId;
          // The owner decides from the request's DM.
          await waitFor('the request DM', () => deliveredTo(applicant.userId, `request:${requestId}`) > 0);
          const decided = await step(
            request,
            decideRoleRequest,
            { deciderUserAccountId: owner.id, deciderRole: 'owner', decision: 'approve' },
            `${id}-decision`,
            { whenNotRunning: REQUEST_NOT_RUNNING },
          );
          assert.equal(decided.status, 'approved');
          assert.equal((await request.result()).status, 'approved');
          await waitFor('the outcome DM', () => deliveredTo(requesterSlack.userId, `outcome:${requestId}`) > 0);

          // Counted: nothing lost, nothing twice.
          assert.deepEqual(
            {
              userAccounts: await db.userAccount.count({ where: { registrationId: handle.workflowId } }),
              credentialLinks: await db.credentialLink.count({ where: { subject: `pai-${id}` } }),
              termsAcceptances: await db.termsAcceptance.count({ where: { userAccountId: owner.id } }),
              businessAccounts: await db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }),
              owners: await db.membership.count({ where: { businessAccountId, role: 'owner' } }),
              members: await db.membership.count({ where: { businessAccountId, userAccountId: requester.id } }),
              codeSpent:
                (await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } }))
                  .usedAt !== null,
              registrationAudit: await auditActions(db, handle.workflowId),
              requests: await db.roleRequest.count({ where: { workflowId: request.workflowId } }),
              memberAddedAudit: await db.auditEvent.count({
                where: { action: 'membership.added', subjectId: `${businessAccountId}:${requester.id}` },
              }),
              approvedMessages: await db.businessMessage.count({
                where: { businessAccountId, kind: 'access_approved' },
              }),
              completionDms: deliveredTo(applicant.userId, `notice:${handle.workflowId}`),
              requestDms: deliveredTo(applicant.userId, `request:${requestId}`),
              outcomeDms: deliveredTo(requesterSlack.userId, `outcome:${requestId}`),
            },
            {
              userAccounts: 1,
              credentialLinks: 1,
              termsAcceptances: 1,
              businessAccounts: 1,
              owners: 1,
              members: 1,
              codeSpent: true,
              registrationAudit: COMPLETED_REGISTRATION_AUDIT,
              requests: 1,
              memberAddedAudit: 1,
              approvedMessages: 1,
              completionDms: 1,
              requestDms: 1,
              outcomeDms: 1,
            },
            `kill points ${points.join(', ')} and a kill at ${killAt} ms; ${supervisor.deaths} workers died`,
          );
          // What node:test's t.diagnostic showed: the round's kill points and deaths, beside the test.
          console.log(
            `kill points ${points.join(', ')}, a kill at ${killAt} ms: ${supervisor.deaths} worker processes died`,
          );
        } finally {
          clearTimeout(randomKill);
          await supervisor.stop();
        }
      },
      RANDOM_ROUNDS_TIMEOUT_MS,
    );
  }
});
