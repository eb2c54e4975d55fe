/**
 * Temporal's remote codec protocol, as the Web UI and `temporal --codec-endpoint` speak it: a POST
 * of `{"payloads": [...]}` to `<endpoint>/decode` or `/encode`, each payload in protobuf JSON
 * (metadata values and data in base64), answered in the same shape. The UI names the namespace in
 * `X-Namespace`; it sends no workflow id.
 */
import type { Payload } from '@temporalio/common';
import { z } from 'zod';

/** Larger bodies get 413 before they are read whole: a history page is far smaller. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, { message: 'expected base64' });

const JsonPayload = z.object({
  metadata: z.record(z.string(), base64).optional(),
  data: base64.optional(),
});

export const PayloadsBody = z.object({
  payloads: z.array(JsonPayload, { error: 'expected an array of payloads' }).max(10_000),
});
export type JsonPayload = z.infer<typeof JsonPayload>;

export function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

export function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/** The path's operation: `/decode`, `/encode`, or the CLI's templated `/<namespace>/decode`. */
export function operationOf(pathname: string): { operation: 'decode' | 'encode'; namespace?: string } | undefined {
  const match = /^(?:\/([^/]+))?\/(decode|encode)\/?$/.exec(pathname);
  if (!match) return undefined;
  return { operation: match[2] as 'decode' | 'encode', namespace: match[1] && decodeURIComponent(match[1]) };
}
