/**
 * Failure helpers the three workflows share, with one logging policy: a log line names what failed
 * by its type (`ApplicationFailure.type`, else `Error.name`), never by its message, which can quote
 * a driver's values (an e-mail in a constraint error, a token in a URL).
 */
import { ActivityFailure, ApplicationFailure, log } from '@temporalio/workflow';
import type { z } from 'zod';
import { FailureType, invalidInput, registrationFailure, rejectRefusedPayload } from '../domain/failures';

/** What failed, as a log line may say it. */
export function failureName(error: unknown): string {
  const cause = error instanceof ActivityFailure && error.cause ? error.cause : error;
  if (cause instanceof ApplicationFailure) return cause.type ?? cause.name;
  return cause instanceof Error ? cause.name : 'unknown';
}

/** A message that must never hold the process up: a failure is logged (by its type) and the work goes on. */
export async function bestEffort(
  send: () => Promise<unknown>,
  what: string,
  fields: Record<string, string> = {},
): Promise<void> {
  try {
    await send();
  } catch (error) {
    log.warn(`${what} not delivered`, { ...fields, failure: failureName(error) });
  }
}

/**
 * A message's argument, parsed with its schema (built per call, see domain/registration-schemas.ts:
 * nothing stays cached per workflow); a payload the codec refused or a wrong shape is InvalidInput.
 */
export function parseOrReject<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  rejectRefusedPayload(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** The roles policy's denial: its reason is a catalogue key (`policy.*`). */
export function policyDenied(reason: string): ApplicationFailure {
  return registrationFailure(FailureType.PolicyDenied, `Refused by the roles policy: ${reason}`, {
    messageKey: reason,
    whatToDo: 'Ask the owner of the business account.',
  });
}

/** A dependency that did not answer in time; `whatToDo` says what the caller's state is now. */
export function serviceUnavailable(message: string, whatToDo: string): ApplicationFailure {
  return registrationFailure(FailureType.ServiceUnavailable, message, {
    messageKey: 'failure.service_unavailable',
    whatToDo,
  });
}
