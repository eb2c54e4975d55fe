/**
 * Key rotation, as docs/operations.md tells it: a registration begun under key `old-1`, then the
 * worker restarted with `new-2` added and made active. The worker carries on (it replays and reads
 * the old payloads), new payloads carry `new-2`, and the codec server with both keys decodes the
 * whole history.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, test } from '@jest/globals';
import { acceptTerms, credentialVerified, registrationStatus, submitUserAccount } from '../client';
import { resolvePayloadKeys } from '../client/payload-keys';
import type { JsonPayload } from '../operators/codec-server/protocol';
import { asJson, historyPayloads, jsonValue, keyIdOf, newOperatorToken, startTestCodecServer } from './support/codec';
import { sampleUserAccount, startTestRegistration, startTestStack, type TestStack } from './support/stack';

const oldKey = `old-1=${randomBytes(32).toString('base64')}`;
const newKey = `new-2=${randomBytes(32).toString('base64')}`;
const taskQueue = `cers-test-rotation-${randomBytes(4).toString('hex')}`;
const stacks: TestStack[] = [];
afterAll(() => Promise.all(stacks.map((stack) => stack.stop())));

describe('payload key rotation', () => {
  test('a registration begun under the old key finishes under the new one; the codec server reads both', async () => {
    const before = await startTestStack({ CERS_PAYLOAD_KEYS: oldKey, TEMPORAL_TASK_QUEUE: taskQueue });
    const { handle } = await startTestRegistration(before);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: 'pai-rotation' }] });
    await before.stop();

    // Rotation: the new key added and made active; the old one stays configured to read history.
    const after = await startTestStack({
      CERS_PAYLOAD_KEYS: `${oldKey},${newKey}`,
      CERS_PAYLOAD_KEY_ID: 'new-2',
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    stacks.push(after);
    const { termsVersion } = await after.client.workflow.getHandle(handle.workflowId).query(registrationStatus);
    const resumed = after.client.workflow.getHandle(handle.workflowId);
    await resumed.executeUpdate(acceptTerms, { args: [{ version: termsVersion }] });
    const { urn } = await resumed.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
    assert.match(urn, /^\d/);

    const history = await historyPayloads(after.client, after.config.temporal.namespace, handle.workflowId);
    const keyIds = history.map((found) => keyIdOf(found.payload)).filter(Boolean);
    assert.equal(keyIds[0], 'old-1', 'the workflow input was written under the old key');
    assert.equal(keyIds.at(-1), 'new-2', 'the newest payloads are written under the new key');
    assert.ok(keyIds.every((id) => id === 'old-1' || id === 'new-2'));

    const desk = newOperatorToken();
    const codec = await startTestCodecServer({
      db: after.db,
      keys: resolvePayloadKeys(after.config),
      codec: { operatorTokens: [{ name: 'rotation', role: 'privacy-officer', sha256: desk.sha256 }] },
    });
    try {
      const decode = await fetch(`${codec.url}/decode`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${desk.token}` },
        body: JSON.stringify({ payloads: history.map((found) => asJson(found.payload)) }),
      });
      const decoded = ((await decode.json()) as { payloads: JsonPayload[] }).payloads.map(jsonValue);
      const text = JSON.stringify(decoded);
      assert.doesNotMatch(text, /cannot decrypt/);
      assert.ok(text.includes('pai-rotation'), 'a payload of the old key decoded');
      assert.ok(text.includes(sampleUserAccount.email), 'a payload of the new key decoded');

      const encode = await fetch(`${codec.url}/encode`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${desk.token}` },
        body: JSON.stringify({
          payloads: [asJson({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"x"') })],
        }),
      });
      const [encoded] = ((await encode.json()) as { payloads: JsonPayload[] }).payloads;
      assert.equal(Buffer.from(encoded!.metadata!['encryption-key-id']!, 'base64').toString(), 'new-2');
    } finally {
      await codec.close();
    }
  });
});
