/**
 * What the payload codec lets through, shared by the codec (client/encryption-codec.ts), the
 * workflows and their clients. Workflow-safe: no Node built-ins.
 *
 * Every payload Temporal stores (an update's argument, a signal, a workflow's input, a result)
 * is at most {@link MAX_PAYLOAD_BYTES} once serialised, well under Temporal's own limit (2 MB,
 * where the server starts failing workflow tasks). Real inputs are a few kilobytes: the input
 * schemas bound every field.
 *
 * A worker never fails a workflow task over a payload it cannot read: its codec hands the
 * workflow a small marker in place of the payload ({@link RefusedPayload}), and the workflow
 * refuses the message with a typed InvalidInput before anything enters history.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export const RefusalReason = {
  /** Larger than MAX_PAYLOAD_BYTES. */
  TooLarge: 'too_large',
  /** Not encrypted with the payload codec (e.g. sent with the `temporal` CLI as json/plain). */
  NotEncrypted: 'not_encrypted',
  /** Encrypted, but not readable here: garbage, tampered, or a key id this worker does not have. */
  Undecodable: 'undecodable',
} as const;
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason];

export const REFUSED_PAYLOAD_KEY = 'cersRefusedPayload';

/** What a workflow receives instead of a payload the worker's codec refused. */
export interface RefusedPayload {
  [REFUSED_PAYLOAD_KEY]: RefusalReason;
}

export function refusedPayload(reason: RefusalReason): RefusedPayload {
  return { [REFUSED_PAYLOAD_KEY]: reason };
}

/** The reason, when `value` is the marker of a refused payload. */
export function refusalOf(value: unknown): RefusalReason | undefined {
  if (typeof value !== 'object' || value === null || !(REFUSED_PAYLOAD_KEY in value)) return undefined;
  const reason = (value as Record<string, unknown>)[REFUSED_PAYLOAD_KEY];
  return Object.values(RefusalReason).includes(reason as RefusalReason)
    ? (reason as RefusalReason)
    : RefusalReason.Undecodable;
}
