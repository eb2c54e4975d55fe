/**
 * Decrypts payloads with the payload keys, then shows each as the caller's role may see it
 * (domain/personal-data.ts): JSON payloads come back as plain JSON (encoding json/plain) so the
 * Web UI renders them, with secrets removed and, for operators, personal data masked.
 */
import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { ENCRYPTED_ENCODING, type EncryptionCodec } from '../../client/encryption-codec';
import { maskForRole, type ViewerRole } from '../../domain/personal-data';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface DecodeOutcome {
  payloads: Payload[];
  /** Payloads that could not be decrypted (unknown key id, tampered): replaced by a note. */
  undecodable: number;
}

export async function decodeForRole(
  codec: EncryptionCodec,
  payloads: Payload[],
  role: ViewerRole,
): Promise<DecodeOutcome> {
  let undecodable = 0;
  const shown = await Promise.all(
    payloads.map(async (payload) => {
      let plain: Payload;
      try {
        [plain] = (await codec.decode([payload])) as [Payload];
      } catch (error) {
        undecodable += 1;
        // The codec's message names a key id at most, never a value.
        return jsonPayload(`[cannot decrypt: ${(error as Error).message}]`);
      }
      return showPayload(plain, role);
    }),
  );
  return { payloads: shown, undecodable };
}

function showPayload(payload: Payload, role: ViewerRole): Payload {
  const encoding = encodingOf(payload);
  if (encoding === 'binary/null') return payload;
  if (encoding === 'json/plain') {
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(payload.data ?? new Uint8Array()));
    } catch {
      return jsonPayload('[not valid JSON]');
    }
    return jsonPayload(maskForRole(value, role));
  }
  if (encoding === ENCRYPTED_ENCODING) return jsonPayload('[still encrypted: nested encryption is not expected]');
  // Bytes or protobuf this project never writes: nothing here can tell what they hold.
  return role === 'privacy-officer' ? payload : jsonPayload(`[withheld: ${encoding ?? 'no encoding'} payload]`);
}

function encodingOf(payload: Payload): string | undefined {
  const bytes = payload.metadata?.[METADATA_ENCODING_KEY];
  return bytes ? decoder.decode(bytes) : undefined;
}

export function jsonPayload(value: unknown): Payload {
  return {
    metadata: { [METADATA_ENCODING_KEY]: encoder.encode('json/plain') },
    data: encoder.encode(JSON.stringify(value ?? null)),
  };
}
