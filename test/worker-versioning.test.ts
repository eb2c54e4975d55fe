/**
 * A deploy of new workflow code while registrations wait (Worker Versioning, workflows/versioning.ts):
 * a registration started on build v1 completes after v2 became current and v1's workers stopped,
 * new registrations start on v2, and a short account change stays on the build that ran it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { decodeVersioningBehavior } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { connectCersClient, runAccountChange, startRegistration, submitBusinessAccount } from '../client';
import type { Config } from '../config';
import { createDatabase, type Database } from '../prisma/database';
import { createCersWorker } from '../service/worker';
import { currentBuild, promoteBuild, promoteIfFirstDeploy } from '../service/worker-deployment';
import { createBusinessAccount, createUserAccount, newApplicant } from '../testkit/fixtures';
import { advanceToBusinessAccount } from './support/registration-steps';
import { issueTestAuthorization, sampleBusinessAccount, testConfig } from './support/stack';
import { SHORT_ACTIVITY_TIMEOUTS, prebuiltBundle } from './support/workflow-bundles';

/** Both builds share the task queue and the deployment; only the build id differs. */
const v1 = testConfig({
  CERS_WORKER_BUILD_ID: 'v1',
  CERS_WORKER_DEPLOYMENT: `cers-test-${randomBytes(4).toString('hex')}`,
});
const v2: Config = { ...v1, worker: { ...v1.worker, deployment: { ...v1.worker.deployment!, buildId: 'v2' } } };

let client: Client;
let db: Database;
const running: { worker: Worker; done: Promise<void> }[] = [];

/** A worker of the service on one build: v1 runs the plain bundle, v2 the bundle with another interceptor (other code). */
async function startWorker(config: Config, bundle: string | undefined) {
  assert.ok(bundle, 'the global setup builds both bundles');
  const worker = await createCersWorker({
    config,
    db,
    notifier: { notify: async () => {} },
    workflowBundle: { codePath: bundle },
  });
  const entry = { worker, done: worker.run() };
  running.push(entry);
  return entry;
}

async function servedBy(handle: WorkflowHandle): Promise<{ buildId?: string | null; behavior?: string | null }> {
  const info = (await handle.describe()).raw.workflowExecutionInfo?.versioningInfo;
  return { buildId: info?.deploymentVersion?.buildId, behavior: decodeVersioningBehavior(info?.behavior) };
}

/** The builds whose workers completed the run's workflow tasks, in order, without repeats. */
async function buildsInHistory(handle: WorkflowHandle): Promise<string[]> {
  const builds = ((await handle.fetchHistory()).events ?? [])
    .map((e) => e.workflowTaskCompletedEventAttributes?.deploymentVersion?.buildId)
    .filter((b): b is string => Boolean(b));
  return builds.filter((b, i) => b !== builds[i - 1]);
}

beforeAll(async () => {
  db = createDatabase(v1.database.externalUrl!);
  client = await connectCersClient({ config: v1 });
});

afterAll(async () => {
  for (const { worker } of running) if (worker.getState() === 'RUNNING') worker.shutdown();
  await Promise.all(running.map((r) => r.done));
  await client.connection.close();
  await db.$disconnect();
});

describe('deploying new workflow code (Worker Versioning)', () => {
  it('a registration started on v1 completes on v2 after v1 is gone; new ones start on v2; short changes stay pinned', async () => {
    const first = await startWorker(v1, prebuiltBundle([]));
    await promoteBuild(client, v1, v1.worker.deployment!);

    // Started on v1 and waiting on the applicant at the business-account step.
    const waiting = await startRegistration(client, v1, { applicant: newApplicant(), locale: 'en' });
    await advanceToBusinessAccount(waiting);
    assert.deepEqual(await servedBy(waiting), { buildId: 'v1', behavior: 'AUTO_UPGRADE' });

    // An account change runs in seconds: pinned to the build that ran it.
    const owner = await createUserAccount(db, { credential: true });
    const business = await createBusinessAccount(db, { owner: owner.id });
    const key = randomBytes(6).toString('hex');
    await runAccountChange(
      client,
      v1,
      {
        businessAccountId: business.id,
        actorUserAccountId: owner.id,
        change: { kind: 'business.update', contact: sampleBusinessAccount(business.businessNumber, 'unused').owner },
      },
      key,
      { businessNumber: business.businessNumber },
    );
    const change = client.workflow.getHandle(`account-change:${business.id}:${key}`);
    assert.deepEqual(await servedBy(change), { buildId: 'v1', behavior: 'PINNED' });

    // The deploy: v2 starts, becomes current, v1's worker drains and stops.
    await startWorker(v2, prebuiltBundle([SHORT_ACTIVITY_TIMEOUTS]));
    await promoteBuild(client, v2, v2.worker.deployment!);
    first.worker.shutdown();
    await first.done;

    const fresh = await startRegistration(client, v2, { applicant: newApplicant(), locale: 'en' });
    await advanceToBusinessAccount(fresh);
    assert.equal((await servedBy(fresh)).buildId, 'v2');

    // The waiting registration goes on, on v2, to the end.
    const auth = await issueTestAuthorization(db);
    await waiting.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
    });
    assert.equal((await waiting.result()).step, 'completed');
    assert.deepEqual(await buildsInHistory(waiting), ['v1', 'v2']);
    assert.equal(await db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);
  });

  it('the first deploy of a deployment makes its build current; later builds wait for the operator', async () => {
    const first = testConfig({
      CERS_WORKER_BUILD_ID: 'a1',
      CERS_WORKER_DEPLOYMENT: `cers-first-${randomBytes(4).toString('hex')}`,
    });
    const later: Config = {
      ...first,
      worker: { ...first.worker, deployment: { ...first.worker.deployment!, buildId: 'a2' } },
    };
    assert.equal(await currentBuild(client, first, first.worker.deployment!), undefined);
    await startWorker(first, prebuiltBundle([]));
    assert.equal(await promoteIfFirstDeploy(client, first), 'promoted');
    assert.equal(await promoteIfFirstDeploy(client, first), 'unchanged');
    await startWorker(later, prebuiltBundle([]));
    assert.equal(await promoteIfFirstDeploy(client, later), 'unchanged');
    assert.equal(await currentBuild(client, later, later.worker.deployment!), 'a1');
  });
});
