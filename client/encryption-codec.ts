/**
 * AES-256-GCM payload codec. Every payload Temporal stores (workflow inputs, update arguments,
 * activity inputs and results, query results) is encrypted before it leaves the client or worker,
 * so history holds no names, e-mails, phones or shared secrets in clear text. The key id travels in
 * the payload metadata: add a new key, make it active, and old histories still decrypt.
 *
 * Sizes: a payload over MAX_PAYLOAD_BYTES (domain/payload-limits.ts) is refused when encoded, so
 * a client finds out before sending anything (PayloadTooLargeError).
 *
 * Decoding has two modes. A client (`refuse: 'throw'`) throws on a payload it cannot read. A
 * worker (`refuse: 'mark'`) must never fail a workflow task over a message someone sent: a
 * payload that is too large, not encrypted (the `temporal` CLI sends json/plain) or unreadable
 * (garbage, tampered, an unknown key id) is replaced by a small marker, which the workflows
 * refuse with a typed InvalidInput before anything enters history.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { MAX_PAYLOAD_BYTES, RefusalReason, refusedPayload } from '../domain/payload-limits';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What encryption adds to a serialised payload: IV, tag, and some room for the envelope. */
const ENCRYPTION_OVERHEAD = IV_BYTES + TAG_BYTES + 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface PayloadKeys {
  activeKeyId: string;
  /** key id → 32-byte key, base64 */
  keys: Record<string, string>;
}

export interface EncryptionCodecOptions {
  /** `throw` (clients, the default) or `mark` (workers): see the module comment. */
  refuse?: 'throw' | 'mark';
}

/** A value over the payload limit: refused before it is sent. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';

  constructor(readonly bytes: number) {
    super(`Payload of ${bytes} bytes is over the limit of ${MAX_PAYLOAD_BYTES} bytes`);
  }
}

export class EncryptionCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string;
  private readonly refuse: 'throw' | 'mark';

  constructor(config: PayloadKeys, options: EncryptionCodecOptions = {}) {
    this.keys = new Map(Object.entries(config.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new Error(`Payload key ${id} must be 32 bytes`);
    }
    if (!this.keys.has(config.activeKeyId))
      throw new Error(`Active payload key ${config.activeKeyId} is not configured`);
    this.activeKeyId = config.activeKeyId;
    this.refuse = options.refuse ?? 'throw';
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.activeKeyId)!;
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      if (plain.length > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(plain.length);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The key id is authenticated too, so a payload cannot be relabelled with another key.
      cipher.setAAD(Buffer.from(this.activeKeyId));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: encoder.encode(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: encoder.encode(this.activeKeyId),
        },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || decoder.decode(encoding) !== ENCRYPTED_ENCODING) {
        // Clients read what the server itself wrote as it is; workers accept only encrypted messages.
        return this.refuse === 'mark' ? marker(RefusalReason.NotEncrypted) : payload;
      }
      const size = payload.data?.length ?? 0;
      if (size > MAX_PAYLOAD_BYTES + ENCRYPTION_OVERHEAD) {
        if (this.refuse === 'mark') return marker(RefusalReason.TooLarge);
        throw new PayloadTooLargeError(size);
      }
      let plain: Uint8Array;
      try {
        plain = this.decrypt(payload);
      } catch (error) {
        if (this.refuse === 'mark') return marker(RefusalReason.Undecodable);
        throw error;
      }
      if (plain.length > MAX_PAYLOAD_BYTES) {
        if (this.refuse === 'mark') return marker(RefusalReason.TooLarge);
        throw new PayloadTooLargeError(plain.length);
      }
      try {
        return temporal.api.common.v1.Payload.decode(plain);
      } catch (error) {
        if (this.refuse === 'mark') return marker(RefusalReason.Undecodable);
        throw error;
      }
    });
  }

  /** The serialised payload inside an encrypted one. */
  private decrypt(payload: Payload): Uint8Array {
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!keyIdBytes) throw new Error('Encrypted payload without a key id');
    const keyId = decoder.decode(keyIdBytes);
    const key = this.keys.get(keyId);
    if (!key)
      throw new Error(`No payload key "${keyId}" is configured; add it to CERS_PAYLOAD_KEYS to read this payload`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error('Encrypted payload too short');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  }
}

/** The small payload a worker's workflow receives in place of one it refused. */
function marker(reason: RefusalReason): Payload {
  return defaultPayloadConverter.toPayload(refusedPayload(reason));
}
