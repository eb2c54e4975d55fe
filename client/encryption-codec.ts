/**
 * AES-256-GCM payload codec. Every payload Temporal stores (workflow inputs, update arguments,
 * activity inputs and results, query results) is encrypted before it leaves the client or worker,
 * so history holds no names, e-mails, phones or shared secrets in clear text. The key id travels in
 * the payload metadata: add a new key, make it active, and old histories still decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface PayloadKeys {
  activeKeyId: string;
  /** key id → 32-byte key, base64 */
  keys: Record<string, string>;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string;

  constructor(config: PayloadKeys) {
    this.keys = new Map(Object.entries(config.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new Error(`Payload key ${id} must be 32 bytes`);
    }
    if (!this.keys.has(config.activeKeyId)) throw new Error(`Active payload key ${config.activeKeyId} is not configured`);
    this.activeKeyId = config.activeKeyId;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.activeKeyId)!;
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
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
      if (!encoding || decoder.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      if (!keyIdBytes) throw new Error('Encrypted payload without a key id');
      const keyId = decoder.decode(keyIdBytes);
      const key = this.keys.get(keyId);
      if (!key) throw new Error(`No payload key "${keyId}" is configured; add it to CERS_PAYLOAD_KEYS to read this payload`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}
