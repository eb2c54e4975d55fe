/**
 * Operators see every registration, but never secrets or personal data: raw history holds only
 * encrypted payloads, while the search attributes (step, URN, BN) stay readable.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import {
  acceptTerms,
  credentialVerified,
  registrationStatus,
  submitBusinessAccount,
  submitUserAccount,
} from '../client';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../client/encryption-codec';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  useTestStack,
} from './support/stack';

const stack = useTestStack();

type FoundPayload = { path: string; payload: temporal.api.common.v1.IPayload };

/** Every payload in a history message except search attributes (clear by design), with its path. */
function collectPayloads(node: unknown, path = '', found: FoundPayload[] = []): FoundPayload[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return found;
  if ('metadata' in node && 'data' in node) {
    found.push({ path, payload: node as temporal.api.common.v1.IPayload });
    return found;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'searchAttributes') collectPayloads(value, `${path}.${key}`, found);
  }
  return found;
}

describe('history privacy', () => {
  it('stores no secret, name, e-mail, phone, address or credential subject in clear text', async () => {
    const auth = await issueTestAuthorization(stack.db);
    const { handle } = await startTestRegistration(stack);
    const subject = `pai-private-${Math.random()}`;
    const business = sampleBusinessAccount(auth.businessNumber, auth.sharedSecret);
    await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] });
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
    });
    const { urn } = await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
    // A wrong secret first, so failure details are in history too.
    await handle
      .executeUpdate(submitBusinessAccount, { args: [{ ...business, sharedSecret: 'WRONG-SECRET-1234' }] })
      .catch(() => undefined);
    await handle.executeUpdate(submitBusinessAccount, { args: [business] });
    await handle.result();

    const raw = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: stack.config.temporal.namespace,
      execution: { workflowId: handle.workflowId },
    });
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(raw.history!).finish());
    const secrets = [
      auth.sharedSecret,
      'WRONG-SECRET-1234',
      subject,
      sampleUserAccount.givenName,
      'Marie',
      'Tremblay',
      sampleUserAccount.email,
      'oconnor',
      '6135550142',
      '555-0142',
      business.owner.email,
      '6135550199',
      business.owner.address.line1,
      'Wellington',
      business.owner.positionTitle,
      // Failure messages are encrypted too (only the failure type stays readable).
      'The shared secret is incorrect',
    ];
    for (const secret of secrets) {
      assert.equal(bytes.includes(Buffer.from(secret)), false, `history contains "${secret}" in clear text`);
    }

    const payloads = collectPayloads(raw.history);
    assert.ok(payloads.length >= 8, `expected the registration's payloads, found ${payloads.length}`);
    for (const { path, payload } of payloads) {
      // Local-activity markers carry the SDK's own bookkeeping (activity id, type, attempt, time)
      // in clear; the activity's result beside it is encrypted. Patch markers carry only the patch
      // id (`completion-notice`) and whether it is deprecated.
      if (/markerRecordedEventAttributes\.details\.(data|patch-data)\./.test(path)) continue;
      assert.equal(
        Buffer.from(payload.metadata?.['encoding'] ?? []).toString(),
        ENCRYPTED_ENCODING,
        `payload at ${path}`,
      );
      assert.equal(
        Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString(),
        stack.config.payloadKeys!.activeKeyId,
      );
    }

    assert.ok(bytes.includes(Buffer.from('SharedSecretIncorrect')), 'failure types stay readable for operators');

    // What operators need stays searchable.
    const found = [];
    for await (const execution of stack.client.workflow.list({
      query: `CersUrn="${urn}" AND CersBusinessNumber="${auth.businessNumber}" AND CersStep="completed"`,
    })) {
      found.push(execution.workflowId);
    }
    assert.deepEqual(found, [handle.workflowId]);
  });
});
