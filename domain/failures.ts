/**
 * Typed failures of a registration. Every failure a caller can receive has a `type` naming the
 * problem and one details object saying what to do, with a message-catalogue key so clients can
 * say it in the applicant's language. Messages and details never carry personal data or secrets.
 */
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type { z } from 'zod';
import { hasEnglishMessage, translateEnglish } from '../i18n/english';
import { MAX_PAYLOAD_BYTES, refusalOf, type RefusalReason } from './payload-limits';

export const FailureType = {
  InvalidInput: 'InvalidInput',
  WrongStep: 'WrongStep',
  TermsVersionMismatch: 'TermsVersionMismatch',
  CredentialAlreadyLinked: 'CredentialAlreadyLinked',
  AuthorizationNotFound: 'AuthorizationNotFound',
  SharedSecretIncorrect: 'SharedSecretIncorrect',
  BusinessNumberLocked: 'BusinessNumberLocked',
  SharedSecretExpired: 'SharedSecretExpired',
  SharedSecretAlreadyUsed: 'SharedSecretAlreadyUsed',
  BusinessNumberAlreadyRegistered: 'BusinessNumberAlreadyRegistered',
  /** The roles policy refuses this member this action (details.messageKey: `policy.*`). */
  PolicyDenied: 'PolicyDenied',
  /** A request was already decided, expired or withdrawn: a stale button. */
  RequestClosed: 'RequestClosed',
  /** The business account is deleted, or no active one has this business number. */
  BusinessAccountNotFound: 'BusinessAccountNotFound',
  /** Only a user with a completed user account (a verified credential) can do this. */
  NotRegistered: 'NotRegistered',
  AlreadyMember: 'AlreadyMember',
  NotMember: 'NotMember',
  /** URN, family name and e-mail do not all match one user account (which part is not said). */
  UserNotMatched: 'UserNotMatched',
  /** The database or CBSA's registry did not answer in time; nothing changed, send again later. */
  ServiceUnavailable: 'ServiceUnavailable',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

export interface FieldIssue {
  /** Dotted path of the field, e.g. `owner.address.postalCode`. */
  field: string;
  /** Catalogue key, e.g. `validation.postal_code`. */
  messageKey: string;
  /** English text, for logs and for clients without a catalogue. */
  message: string;
  /** Values for the catalogue message's {placeholders}, e.g. `{ length: 14 }`. */
  params?: Record<string, string | number>;
}

export interface FailureDetails {
  messageKey: string;
  /** What the applicant should do next, in English (clients localise through messageKey). */
  whatToDo: string;
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

/** A failure as a client receives it: its type and the catalogue key (and values) that say it. */
export interface FailureReport {
  type: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

export function registrationFailure(type: FailureType, message: string, details: FailureDetails): ApplicationFailure {
  // BENIGN: an applicant's mistake is not an incident; the SDK logs it at DEBUG, without a stack.
  return ApplicationFailure.create({
    type,
    message,
    details: [details],
    nonRetryable: true,
    category: ApplicationFailureCategory.BENIGN,
  });
}

/** Reads the details of a failure produced by {@link registrationFailure}. */
export function failureDetails(failure: ApplicationFailure): FailureDetails | undefined {
  const first = failure.details?.[0];
  return first && typeof first === 'object' && 'messageKey' in first ? (first as FailureDetails) : undefined;
}

function issueKey(issue: z.core.$ZodIssue): string {
  // A schema's own key for a wrong choice (e.g. `role_unknown`) says more than the generic one.
  if (issue.code === 'invalid_value' && hasEnglishMessage(`validation.${issue.message}`)) return issue.message;
  if (issue.code === 'unrecognized_keys' || issue.code === 'invalid_type' || issue.code === 'invalid_value') {
    return issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.code;
  }
  // No alternative of a union matched (e.g. `line2: null`); zod's own message is prose, not a key.
  if (issue.code === 'invalid_union') return 'invalid_type';
  return issue.message;
}

/** Placeholder values of a custom issue (e.g. a business-number problem's `length` or `program`). */
function issueParams(issue: z.core.$ZodIssue): Record<string, string | number> | undefined {
  const problem: unknown = issue.code === 'custom' ? issue.params?.['problem'] : undefined;
  if (!problem || typeof problem !== 'object') return undefined;
  const params = Object.fromEntries(
    Object.entries(problem).filter(
      (entry): entry is [string, string | number] =>
        entry[0] !== 'code' && (typeof entry[1] === 'string' || typeof entry[1] === 'number'),
    ),
  );
  return Object.keys(params).length > 0 ? params : undefined;
}

/** Turns a zod error into an `InvalidInput` failure listing every field that is wrong. */
export function invalidInput(error: z.ZodError, prefix?: string): ApplicationFailure {
  const issues: FieldIssue[] = error.issues.flatMap((issue) => {
    const key = issueKey(issue);
    const base = prefix ? [prefix] : [];
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    const params = issueParams(issue);
    // The English text comes from the same catalogue clients use, so the two cannot drift apart.
    const english = hasEnglishMessage(`validation.${key}`)
      ? translateEnglish(`validation.${key}`, params)
      : 'This value is not valid.';
    return paths.map((path) => ({
      field: [...base, ...path.map(String)].join('.'),
      messageKey: `validation.${key}`,
      message: english,
      ...(params ? { params } : {}),
    }));
  });
  // One message per field: the first problem zod found is the one to fix first.
  const seen = new Set<string>();
  issues.splice(0, issues.length, ...issues.filter((i) => !seen.has(i.field) && seen.add(i.field)));
  const fields = issues.map((i) => i.field || '(input)').join(', ');
  return registrationFailure(FailureType.InvalidInput, `Invalid input: ${fields}`, {
    messageKey: 'failure.invalid_input',
    whatToDo: 'Correct the fields listed in issues and send again.',
    issues,
  });
}

const REFUSALS: Record<RefusalReason, { message: string; details: FailureDetails }> = {
  too_large: {
    message: `Input larger than ${MAX_PAYLOAD_BYTES / 1024} KiB`,
    details: {
      messageKey: 'failure.input_too_large',
      whatToDo: `Send the fields the message defines, nothing more: at most ${MAX_PAYLOAD_BYTES / 1024} KiB in all.`,
    },
  },
  not_encrypted: {
    message: 'Input not encrypted with the payload codec',
    details: {
      messageKey: 'failure.input_not_encrypted',
      whatToDo: 'Send it through connectCersClient() (or any client configured with the CERS payload codec and key).',
    },
  },
  undecodable: {
    message: 'Input the worker cannot decrypt',
    details: {
      messageKey: 'failure.input_undecodable',
      whatToDo: 'Send it through connectCersClient() with a payload key the service has (CERS_PAYLOAD_KEYS).',
    },
  },
};

/** InvalidInput for a message whose payload the worker's codec refused (see domain/payload-limits.ts). */
export function refusedInput(reason: RefusalReason): ApplicationFailure {
  const { message, details } = REFUSALS[reason];
  return registrationFailure(FailureType.InvalidInput, message, {
    ...details,
    issues: [{ field: '(input)', messageKey: details.messageKey, message }],
  });
}

/** Refuses (InvalidInput) a message whose payload the worker's codec refused; otherwise does nothing. */
export function rejectRefusedPayload(value: unknown): void {
  const reason = refusalOf(value);
  if (reason) throw refusedInput(reason);
}
