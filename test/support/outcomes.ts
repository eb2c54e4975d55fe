/**
 * What a caller of a workflow gets back, reduced to what the fault tests compare: the value, or
 * the failure's type. A call still waiting when its deadline passes counts as ServiceUnavailable
 * (the caller's "no answer in time"), however the SDK words it.
 */
import {
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

export type Outcome<T> = { ok: true; value: T } | { ok: false; type: string; message: string };

export function failureType(error: unknown): string {
  if (
    (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowFailedError) &&
    error.cause instanceof ApplicationFailure
  ) {
    return error.cause.type ?? 'ApplicationFailure';
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'ServiceUnavailable';
  if (error instanceof WorkflowNotFoundError) return 'WorkflowNotFound';
  // gRPC DEADLINE_EXCEEDED (4) or CANCELLED (1), bare or inside a ServiceError: the caller's own deadline.
  const code = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  if (code === 4 || code === 1) return 'ServiceUnavailable';
  return `Unexpected:${(error as Error)?.name ?? typeof error}`;
}

/** Runs `call` with a deadline `waitMs` from now and reports what came back. */
export async function within<T>(client: Client, waitMs: number, call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await client.withDeadline(Date.now() + waitMs, call) };
  } catch (error) {
    return { ok: false, type: failureType(error), message: (error as Error).message };
  }
}
