/**
 * Payloads the worker must refuse before they reach history, each with a typed InvalidInput and
 * without failing a workflow task; the registration keeps working right after (issue 11: F4, F5,
 * and plaintext updates).
 *
 * - F4: an update over the payload limit (MAX_PAYLOAD_BYTES, 256 KiB), from a client with the
 *   key but without our size check, and from ours (refused before sending);
 * - F5: garbage labelled `binary/encrypted`, and a payload sealed with a key id the worker lacks;
 * - plaintext: an update sent without the payload codec (as the `temporal` CLI sends json/plain).
 */
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { Client, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  CersFailure,
  MAX_PAYLOAD_BYTES,
  cancelRegistration,
  credentialVerified,
  registrationStatus,
  runStep,
  submitBusinessAccount,
  type RegistrationHandle,
} from '../client';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA } from '../client/encryption-codec';
import { resolvePayloadKeys } from '../client/payload-keys';
import { failureDetails } from '../domain/failures';
import { within } from './support/outcomes';
import { advanceToBusinessAccount } from './support/registration-steps';
import { issueTestAuthorization, sampleBusinessAccount, startTestRegistration, useTestStack } from './support/stack';

const stack = useTestStack();

const TASK_FAILED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED;
const encode = (text: string) => new TextEncoder().encode(text);

/**
 * A client that encodes its own way and reads the worker's answers (encrypted) with our codec:
 * what the worker receives is the point, and the test still reads the failure it gets back.
 */
abstract class ForeignCodec implements PayloadCodec {
  private readonly reader = new EncryptionCodec(resolvePayloadKeys(stack.config));
  abstract encode(payloads: Payload[]): Promise<Payload[]>;
  decode(payloads: Payload[]): Promise<Payload[]> {
    return this.reader.decode(payloads);
  }
}

/** The codec's wire format, without its size check: another client, holding the key. */
class UnlimitedCodec extends ForeignCodec {
  constructor(
    private readonly keyId: string,
    private readonly key: Buffer,
  ) {
    super();
  }
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      cipher.setAAD(Buffer.from(this.keyId));
      const body = Buffer.concat([
        cipher.update(temporal.api.common.v1.Payload.encode(payload).finish()),
        cipher.final(),
      ]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encode(this.keyId) },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }
}

/** Random bytes labelled as our encrypted payloads, with the worker's own key id. */
class GarbageCodec extends ForeignCodec {
  constructor(private readonly keyId: string) {
    super();
  }
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map(() => ({
      metadata: { [METADATA_ENCODING_KEY]: encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encode(this.keyId) },
      data: randomBytes(200),
    }));
  }
}

/** Another key (id and bytes) than the worker's, in our format. */
class IntruderCodec extends ForeignCodec {
  private readonly writer = new EncryptionCodec({
    activeKeyId: 'intruder-1',
    keys: { 'intruder-1': randomBytes(32).toString('base64') },
  });
  encode(payloads: Payload[]): Promise<Payload[]> {
    return this.writer.encode(payloads);
  }
}

/** No encryption at all: json/plain, as the `temporal` CLI sends. */
class PlaintextCodec extends ForeignCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads;
  }
}

function clientWith(codec: PayloadCodec): Client {
  return new Client({
    connection: stack.client.connection,
    namespace: stack.config.temporal.namespace,
    dataConverter: { payloadCodecs: [codec] },
  });
}

interface Refusal {
  type: string;
  messageKey: string | undefined;
}

async function refusalOf(call: Promise<unknown>): Promise<Refusal> {
  const error = await stack.client
    .withDeadline(Date.now() + 15_000, () => call)
    .then(
      () => assert.fail('expected the update to be refused'),
      (e: unknown) => e,
    );
  if (error instanceof CersFailure) return { type: error.type, messageKey: error.details.messageKey };
  assert.ok(
    error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure,
    `not typed: ${String(error)}`,
  );
  return { type: error.cause.type ?? '', messageKey: failureDetails(error.cause)?.messageKey };
}

async function failedTasks(handle: RegistrationHandle): Promise<number> {
  return ((await handle.fetchHistory()).events ?? []).filter((e) => e.eventType === TASK_FAILED).length;
}

async function historyContains(handle: RegistrationHandle, text: string): Promise<boolean> {
  const history = temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish();
  return Buffer.from(history).includes(Buffer.from(text));
}

const SUITE_TIMEOUT_MS = 120_000;
describe('payloads the worker refuses', () => {
  it(
    'refuses an update over the payload limit, typed, with no failed workflow task, and takes a valid one right after',
    async () => {
      const keys = resolvePayloadKeys(stack.config);
      const unlimited = clientWith(
        new UnlimitedCodec(keys.activeKeyId, Buffer.from(keys.keys[keys.activeKeyId]!, 'base64')),
      );
      const auth = await issueTestAuthorization(stack.db);
      const { handle } = await startTestRegistration(stack);
      await advanceToBusinessAccount(handle);
      const valid = sampleBusinessAccount(auth.businessNumber, auth.sharedSecret);

      const huge = (bytes: number) => ({ ...valid, owner: { ...valid.owner, positionTitle: 'x'.repeat(bytes) } });
      const theirs = unlimited.workflow.getHandle(handle.workflowId);
      for (const bytes of [1_900_000, MAX_PAYLOAD_BYTES + 1]) {
        assert.deepEqual(
          await refusalOf(
            theirs.executeUpdate(submitBusinessAccount, { args: [huge(bytes)], updateId: `huge-${bytes}` }),
          ),
          { type: 'InvalidInput', messageKey: 'failure.input_too_large' },
          `${bytes} bytes from another client`,
        );
      }
      // Over Temporal's own limit (2 MB), Temporal refuses it itself; the worker fails no task over it.
      const overTemporal = await within(stack.client, 15_000, () =>
        theirs.executeUpdate(submitBusinessAccount, { args: [huge(2_500_000)], updateId: 'huge-2500000' }),
      );
      assert.ok(!overTemporal.ok, 'refused');
      // Ours refuses all of them before sending anything.
      for (const bytes of [2_500_000, 1_900_000, MAX_PAYLOAD_BYTES + 1]) {
        assert.deepEqual(
          await refusalOf(
            runStep(stack.client, handle, submitBusinessAccount, huge(bytes), {
              updateId: `ours-${bytes}`,
              waitMs: 15_000,
            }),
          ),
          { type: 'InvalidInput', messageKey: 'failure.input_too_large' },
          `${bytes} bytes from our client`,
        );
      }
      assert.equal(await failedTasks(handle), 0, 'no workflow task failed');

      const started = Date.now();
      const { businessAccountId } = await runStep(stack.client, handle, submitBusinessAccount, valid, {
        waitMs: 15_000,
      });
      assert.ok(Date.now() - started < 5_000, 'the next valid update is answered at once');
      assert.equal((await handle.result()).businessAccountId, businessAccountId);
      assert.equal(await failedTasks(handle), 0);
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    'refuses garbage labelled encrypted, and a payload sealed with a key id the worker does not have',
    async () => {
      const keys = resolvePayloadKeys(stack.config);
      const { handle } = await startTestRegistration(stack);
      const credential = { provider: 'gckey' as const, subject: `pai-${randomBytes(6).toString('hex')}` };
      for (const [what, codec] of [
        ['garbage', new GarbageCodec(keys.activeKeyId)],
        ['unknown key id', new IntruderCodec()],
      ] as const) {
        const theirs = clientWith(codec).workflow.getHandle(handle.workflowId);
        assert.deepEqual(
          await refusalOf(theirs.executeUpdate(credentialVerified, { args: [credential], updateId: `bad-${what}` })),
          { type: 'InvalidInput', messageKey: 'failure.input_undecodable' },
          what,
        );
        // A signal cannot be refused: an unreadable one is ignored, and cancels nothing.
        await theirs.signal(cancelRegistration, {});
      }
      assert.equal((await handle.query(registrationStatus)).step, 'credential');
      assert.equal(await failedTasks(handle), 0, 'no workflow task failed');
      assert.deepEqual(await handle.executeUpdate(credentialVerified, { args: [credential], updateId: 'good' }), {
        step: 'terms',
      });
      await handle.terminate('test done');
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    'refuses an update sent without the payload codec, so nothing lands in history in clear',
    async () => {
      const plain = clientWith(new PlaintextCodec());
      const { handle } = await startTestRegistration(stack);
      const subject = `pai-plaintext-${randomBytes(6).toString('hex')}`;
      const theirs = plain.workflow.getHandle(handle.workflowId);
      assert.deepEqual(
        await refusalOf(
          theirs.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }], updateId: 'plain-1' }),
        ),
        { type: 'InvalidInput', messageKey: 'failure.input_not_encrypted' },
      );
      // A signal is written to history by the server as it arrives (it cannot be refused): the
      // worker ignores one it cannot read, and the registration goes on.
      await theirs.signal(cancelRegistration, {});
      assert.equal(
        (await handle.query(registrationStatus)).step,
        'credential',
        'the plaintext cancellation was ignored',
      );
      assert.equal(await historyContains(handle, subject), false, 'the refused update left nothing in history');
      assert.equal(await failedTasks(handle), 0);
      assert.deepEqual(
        await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }], updateId: 'ours-1' }),
        {
          step: 'terms',
        },
      );
      assert.equal(await historyContains(handle, subject), false, 'sent through the codec, it is encrypted');
      await handle.terminate('test done');
    },
    SUITE_TIMEOUT_MS,
  );

  it(
    'fails a workflow started with a payload it refuses, typed, instead of failing its task again and again',
    async () => {
      const plain = clientWith(new PlaintextCodec());
      const applicant = {
        channel: 'slack',
        teamId: 'TPLAIN',
        userId: `U${randomBytes(5).toString('hex').toUpperCase()}`,
      } as const;
      const handle = await plain.workflow.start('registrationWorkflow', {
        workflowId: `registration:${applicant.teamId}:${applicant.userId}`,
        taskQueue: stack.config.temporal.taskQueue,
        args: [{ applicant, locale: 'en' }],
      });
      const error = await stack.client.workflow
        .getHandle(handle.workflowId)
        .result()
        .then(
          () => assert.fail('expected the start to be refused'),
          (e: unknown) => e,
        );
      assert.ok(error instanceof WorkflowFailedError && error.cause instanceof ApplicationFailure, String(error));
      assert.deepEqual(
        [error.cause.type, failureDetails(error.cause)?.messageKey],
        ['InvalidInput', 'failure.input_not_encrypted'],
      );
      const events = (await stack.client.workflow.getHandle(handle.workflowId).fetchHistory()).events ?? [];
      assert.equal(events.filter((e) => e.eventType === TASK_FAILED).length, 0);
    },
    SUITE_TIMEOUT_MS,
  );
});
