/**
 * Every way a call to the workflows can fail, as one documented type (FailureType) with what to
 * do. The workflows' own failures already are; this maps what the Temporal SDK and the network
 * add around them (docs/workflow-api.md, "Failures a client can see"):
 *
 * | what the SDK gives                                              | type                 |
 * | --------------------------------------------------------------- | -------------------- |
 * | WorkflowUpdateFailedError / WorkflowFailedError, CERS failure    | its own type         |
 * | the server refused the update unprocessed (`UnprocessedUpdate`)  | ServiceUnavailable   |
 * | the caller's deadline passed, or it cancelled (the step goes on) | ServiceUnavailable   |
 * | Temporal unreachable, gRPC UNAVAILABLE / DEADLINE_EXCEEDED, ...  | ServiceUnavailable   |
 * | the workflow is not running (ended, or no such id)              | `whenNotRunning`     |
 * | the input is over the payload limit (refused before sending)     | InvalidInput         |
 * | anything else                                                    | ServiceUnavailable   |
 *
 * ServiceUnavailable always means: send the same input again later. The same update id returns
 * the first answer once there is one; nothing happens twice.
 */
import {
  ServiceError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, failureDetails, refusedInput, type FailureDetails } from '../domain/failures';
import { PayloadTooLargeError } from './encryption-codec';

/** A failure a client of the workflows can see: always one of {@link FailureType}. */
export class CersFailure extends Error {
  override readonly name = 'CersFailure';

  constructor(
    readonly type: FailureType,
    readonly details: FailureDetails,
    options: { message?: string; cause?: unknown } = {},
  ) {
    super(options.message ?? `${type}: ${details.whatToDo}`, { cause: options.cause });
  }
}

/** Why a call got ServiceUnavailable (details.params.cause), for logs and metrics. */
export const UnavailableCause = {
  /** No answer before the caller's deadline; the step may still complete by itself. */
  NoAnswer: 'no_answer',
  /** Temporal took the update but no worker processed it (the server's UnprocessedUpdate). */
  NotProcessed: 'not_processed',
  /** Temporal could not be reached. */
  Unreachable: 'unreachable',
  /** Something unexpected; logged by the caller. */
  Unexpected: 'unexpected',
} as const;
export type UnavailableCause = (typeof UnavailableCause)[keyof typeof UnavailableCause];

export function serviceUnavailable(cause: UnavailableCause, error?: unknown): CersFailure {
  return new CersFailure(
    FailureType.ServiceUnavailable,
    {
      messageKey: 'failure.service_unavailable',
      whatToDo:
        'Send the same input again in a few minutes. Nothing is lost or done twice: the same update id returns the first answer once there is one.',
      params: { cause },
    },
    { message: `Service unavailable (${cause})`, cause: error },
  );
}

const FAILURE_TYPES: ReadonlySet<string> = new Set(Object.values(FailureType));

/** What to answer when the workflow is not running: the registration's or the request's own words. */
export interface NotRunning {
  type: FailureType;
  details: FailureDetails;
}

export const REGISTRATION_NOT_RUNNING: NotRunning = {
  type: FailureType.WrongStep,
  details: {
    messageKey: 'failure.wrong_step',
    whatToDo: 'This registration has ended (or never started): read registrationStatus, or start a new one.',
    params: { step: 'ended', expected: 'running' },
  },
};

export const REQUEST_NOT_RUNNING: NotRunning = {
  type: FailureType.RequestClosed,
  details: {
    messageKey: 'request.closed',
    whatToDo: 'Nothing to do: the request was already settled.',
    params: { status: 'closed' },
  },
};

function grpcCode(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  const cause = error instanceof ServiceError ? error.cause : undefined;
  return isGrpcServiceError(cause) ? cause.code : undefined;
}

// gRPC status codes (@grpc/grpc-js `status`).
const GRPC = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 } as const;

/** The documented failure behind any error a call to the workflows can throw. */
export function cersFailureOf(error: unknown, whenNotRunning: NotRunning = REGISTRATION_NOT_RUNNING): CersFailure {
  if (error instanceof CersFailure) return error;
  if (error instanceof PayloadTooLargeError) {
    const failure = refusedInput('too_large');
    return new CersFailure(FailureType.InvalidInput, failureDetails(failure)!, {
      message: failure.message,
      cause: error,
    });
  }
  if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure) {
      const details = failureDetails(cause);
      if (cause.type && FAILURE_TYPES.has(cause.type) && details) {
        return new CersFailure(cause.type as FailureType, details, { message: cause.message, cause: error });
      }
      if (cause.type === 'UnprocessedUpdate') return serviceUnavailable(UnavailableCause.NotProcessed, error);
    }
    return serviceUnavailable(UnavailableCause.Unexpected, error);
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return serviceUnavailable(UnavailableCause.NoAnswer, error);
  if (error instanceof WorkflowNotFoundError) {
    return new CersFailure(whenNotRunning.type, whenNotRunning.details, { message: error.message, cause: error });
  }
  const code = grpcCode(error);
  if (code === GRPC.NOT_FOUND) return new CersFailure(whenNotRunning.type, whenNotRunning.details, { cause: error });
  if (code === GRPC.DEADLINE_EXCEEDED || code === GRPC.CANCELLED)
    return serviceUnavailable(UnavailableCause.NoAnswer, error);
  if (code !== undefined || error instanceof ServiceError)
    return serviceUnavailable(UnavailableCause.Unreachable, error);
  return serviceUnavailable(UnavailableCause.Unexpected, error);
}
