/**
 * Production reaches CBSA's authorization registry over HTTPS (CBSA_REGISTRY_URL). Here the
 * worker talks to the local stand-in server that speaks the same protocol.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { liftLockWorkflowId, liftSharedSecretLock, submitBusinessAccount } from '../client';
import { localAuthorizationRegistry } from '../activities/cbsa/authorization-registry';
import { httpAuthorizationRegistry } from '../activities/cbsa/http-registry';
import { startRegistryServer, type RegistryServer } from '../dev/cbsa/registry-server';
import { createDatabase, type Database } from '../prisma/database';
import { lockedAuthorization } from './support/locks';
import { advanceToBusinessAccount } from './support/registration-steps';
import { freePort } from '../testkit/ports';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  startTestRegistration,
  startTestStack,
  type TestStack,
} from './support/stack';

const token = randomBytes(24).toString('base64url');
let db: Database;
let registryPort: number;
let server: RegistryServer | undefined;
let stack: TestStack;

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  registryPort = await freePort();
  server = await startRegistryServer(localAuthorizationRegistry(db), { token, port: registryPort });
  stack = await startTestStack({ CBSA_REGISTRY_URL: server.url, CBSA_REGISTRY_TOKEN: token });
});
afterAll(async () => {
  await stack.stop();
  await server?.close();
  await db.$disconnect();
});

describe('remote authorization registry over HTTP', () => {
  it('creates the business account through the registry protocol, and reports wrong secrets', async () => {
    const auth = await issueTestAuthorization(db);
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    const wrong = await handle
      .executeUpdate(submitBusinessAccount, { args: [sampleBusinessAccount(auth.businessNumber, 'NOT-THE-SECRET')] })
      .then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
    assert.ok(wrong instanceof WorkflowUpdateFailedError && wrong.cause instanceof ApplicationFailure);
    assert.equal(wrong.cause.type, 'SharedSecretIncorrect');
    const { businessAccountId } = await handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
    });
    assert.equal((await handle.result()).businessAccountId, businessAccountId);
  });

  it('waits out a registry outage without losing the submission', async () => {
    const auth = await issueTestAuthorization(db);
    const { handle } = await startTestRegistration(stack);
    await advanceToBusinessAccount(handle);
    // The registry answers 503 until the worker has hit the outage once, then recovers.
    let signalOutage!: () => void;
    const outageHit = new Promise<void>((resolve) => (signalOutage = resolve));
    let down = true;
    const local = localAuthorizationRegistry(db);
    await server!.close();
    server = await startRegistryServer(
      {
        ...local,
        redeem: (request) => {
          if (!down) return local.redeem(request);
          signalOutage();
          return Promise.reject(new Error('registry down'));
        },
      },
      { token, port: registryPort },
    );
    const pending = handle.executeUpdate(submitBusinessAccount, {
      args: [sampleBusinessAccount(auth.businessNumber, auth.sharedSecret)],
      updateId: 'during-outage',
    });
    await outageHit;
    down = false;
    const { businessAccountId } = await pending;
    assert.equal((await handle.result()).businessAccountId, businessAccountId);
    assert.equal(await db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);
  });

  it('refuses a wrong token and malformed requests at the protocol level', async () => {
    const auth = await issueTestAuthorization(db);
    const badToken = httpAuthorizationRegistry({ baseUrl: server!.url, token: 'x'.repeat(32) });
    await assert.rejects(
      badToken.redeem({
        businessNumber: auth.businessNumber,
        sharedSecret: auth.sharedSecret,
        attemptId: 'a1',
        reference: 'r',
      }),
      /HTTP 401/,
    );
    const response = await fetch(`${server!.url}/v1/authorizations/${auth.businessNumber}/redemptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sharedSecret: auth.sharedSecret }),
    });
    assert.equal(response.status, 400);
    const row = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    assert.equal(row.usedAt, null, 'refused requests consume nothing');
    assert.equal(row.failedAttempts, 0);
  });

  it('lifts a lock at CBSA’s registry (lock-lifts), once per lift id, and records it in our audit trail', async () => {
    const auth = await lockedAuthorization({ db });
    const request = { businessNumber: auth.businessNumber, reason: 'verified caller', requestId: randomUUID() };
    const caller = { agent: 'jdoe', roles: ['support'] };
    const lifted = await liftSharedSecretLock(stack.client, stack.config, caller, request);
    assert.equal(lifted.outcome, 'lifted');
    const row = await db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    assert.equal(row.lockedUntil, null);
    const events = await db.auditEvent.findMany({
      where: { action: 'cbsa_authorization.lock_lifted', subjectId: auth.businessNumber },
    });
    assert.deepEqual(
      events.map((e) => [e.actor, e.workflowId]),
      [['support:jdoe', liftLockWorkflowId(request.requestId)]],
    );
    // The protocol itself: the same lift id answers the same; the body has no reason field.
    const registry = httpAuthorizationRegistry({ baseUrl: server!.url, token });
    const again = {
      businessNumber: auth.businessNumber,
      liftId: liftLockWorkflowId(request.requestId),
      liftedBy: 'jdoe',
    };
    assert.deepEqual(await registry.liftLock(again), {
      kind: 'lifted',
      liftedAt: (lifted as { liftedAt: string }).liftedAt,
    });
    const withReason = await fetch(`${server!.url}/v1/authorizations/${auth.businessNumber}/lock-lifts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...again, reason: 'free text' }),
    });
    assert.equal(withReason.status, 400);
  });
});
