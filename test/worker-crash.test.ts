/**
 * A real worker process is killed (SIGKILL) right after an activity committed its effect and
 * before Temporal recorded the result. A fresh worker finishes the registration: one user
 * account, one URN, one business account, one membership, whatever the timing.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Client } from '@temporalio/client';
import {
  acceptTerms,
  connectCersClient,
  credentialVerified,
  registrationStatus,
  startRegistration,
  submitBusinessAccount,
  submitUserAccount,
} from '../client';
import { createDatabase, type Database } from '../prisma/database';
import {
  issueTestAuthorization,
  newApplicant,
  sampleBusinessAccount,
  sampleUserAccount,
  testConfig,
} from './support/stack';
import { COMPLETED_REGISTRATION_AUDIT, auditActions } from '../testkit/fixtures';

const ROOT = path.join(__dirname, '..');
const config = testConfig();
let client: Client;
let db: Database;
let scratch: string;
const workers = new Set<ChildProcess>();

beforeAll(async () => {
  client = await connectCersClient({ config });
  db = createDatabase(config.database.externalUrl!);
  scratch = mkdtempSync(path.join(tmpdir(), 'cers-crash-'));
});
afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await client.connection.close();
  await db.$disconnect();
  rmSync(scratch, { recursive: true, force: true });
});

/** Starts `npm start`'s entry point as a worker-only process (external Temporal and database). */
async function startWorkerProcess(extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  // The worker alone (no Slack bot): what is killed is the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
      CERS_COMPONENTS: 'worker',
      // Activity timeouts divided by 15: the step the killed worker held is retried within seconds.
      CERS_WORKFLOW_INTERCEPTOR_MODULES: 'test/fixtures/short-activity-timeouts.ts',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  workers.add(child);
  child.on('exit', () => workers.delete(child));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"Worker running"')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before running:\n${output}`)));
  });
  return child;
}

/** A worker that hangs (and writes `marker`) once `activityType` has committed its work. */
function startHangingWorker(activityType: string, marker: string): Promise<ChildProcess> {
  return startWorkerProcess({
    CERS_ACTIVITY_INTERCEPTOR_MODULES: 'test/fixtures/hang-after-activity.ts',
    CERS_TEST_HANG_AFTER: activityType,
    CERS_TEST_HANG_MARKER: marker,
  });
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Resolves when the fault-injection interceptor says the activity committed and hung. */
async function markerWritten(file: string, worker: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!existsSync(file)) {
    if (worker.exitCode !== null) throw new Error('worker exited before the activity ran');
    if (Date.now() > deadline) throw new Error(`no marker ${file} within 60 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SUITE_TIMEOUT_MS = 180_000;
describe('worker killed mid-registration', () => {
  it(
    'never produces a second user account, URN, business account or membership',
    async () => {
      const auth = await issueTestAuthorization(db);
      const applicant = newApplicant();
      let worker = await startWorkerProcess();
      // Short workflow task timeout: the killed worker's task is retried sooner.
      const handle = await startRegistration(
        client,
        config,
        { applicant, locale: 'en' },
        { workflowTaskTimeout: '2s' },
      );
      await handle.executeUpdate(credentialVerified, {
        args: [{ provider: 'gckey', subject: `pai-${Math.random()}` }],
      });
      await handle.executeUpdate(acceptTerms, {
        args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
      });
      await killed(worker);

      // 1. Killed after the user account committed, before the result was recorded.
      const userMarker = path.join(scratch, 'user');
      worker = await startHangingWorker('createUserAccount', userMarker);
      const firstDelivery = handle.executeUpdate(submitUserAccount, {
        args: [sampleUserAccount],
        updateId: 'user-account-1',
      });
      firstDelivery.catch(() => undefined);
      await markerWritten(userMarker, worker);
      assert.equal(
        await db.userAccount.count({ where: { registrationId: handle.workflowId } }),
        1,
        'the account was committed before the kill',
      );
      await killed(worker);
      worker = await startWorkerProcess();
      // The caller retries with the same update id, as the bot does on a Slack retry.
      const { urn } = await handle.executeUpdate(submitUserAccount, {
        args: [sampleUserAccount],
        updateId: 'user-account-1',
      });
      assert.equal((await firstDelivery).urn, urn);
      await killed(worker);

      // 2. Killed after the business account committed.
      const businessMarker = path.join(scratch, 'business');
      worker = await startHangingWorker('createBusinessAccount', businessMarker);
      const submission = sampleBusinessAccount(auth.businessNumber, auth.sharedSecret);
      const businessDelivery = handle.executeUpdate(submitBusinessAccount, {
        args: [submission],
        updateId: 'business-account-1',
      });
      businessDelivery.catch(() => undefined);
      await markerWritten(businessMarker, worker);
      await killed(worker);
      worker = await startWorkerProcess();
      const { businessAccountId } = await handle.executeUpdate(submitBusinessAccount, {
        args: [submission],
        updateId: 'business-account-1',
      });
      assert.equal((await businessDelivery).businessAccountId, businessAccountId);

      const result = await handle.result();
      assert.deepEqual([result.step, result.urn, result.businessAccountId], ['completed', urn, businessAccountId]);
      await killed(worker);

      const user = await db.userAccount.findUniqueOrThrow({ where: { registrationId: handle.workflowId } });
      assert.equal(user.urn, urn);
      assert.equal(await db.userAccount.count({ where: { registrationId: handle.workflowId } }), 1);
      assert.equal(await db.termsAcceptance.count({ where: { userAccountId: user.id } }), 1);
      assert.equal(await db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);
      assert.equal(await db.membership.count({ where: { userAccountId: user.id } }), 1);
      assert.deepEqual(await auditActions(db, handle.workflowId), COMPLETED_REGISTRATION_AUDIT);
    },
    SUITE_TIMEOUT_MS,
  );
});
