import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { localAuthorizationRegistry } from '../../activities/cbsa/authorization-registry';
import { issueTestAuthorization, type TestStack } from './stack';

/** An authorization whose business number five wrong codes locked. */
export async function lockedAuthorization(s: Pick<TestStack, 'db'>) {
  const auth = await issueTestAuthorization(s.db);
  const registry = localAuthorizationRegistry(s.db);
  for (let i = 0; i < 5; i++)
    await registry.redeem({
      businessNumber: auth.businessNumber,
      sharedSecret: `WRONG-${i}`,
      attemptId: randomUUID(),
      reference: 'registration:TEST:GUESSER',
    });
  const row = await s.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
  assert.ok(row.lockedUntil && row.lockedUntil > new Date(), 'locked before the test');
  return auth;
}
