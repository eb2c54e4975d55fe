/**
 * Everything the workflows do to the outside world. Created with their dependencies so tests and
 * the worker wire real ones; workflows import only the *type* {@link CersActivities}.
 */
import type { Database } from '../prisma/database';
import { createBusinessAccount, type CreateBusinessAccountInput } from './business-accounts';
import type { AuthorizationRegistry } from './cbsa/authorization-registry';
import type { ApplicantNotifier, DirectMessages, NotifyApplicantInput } from './notifications';
import { accountChangeActivities } from './account-changes';
import {
  liftLockAndRecord,
  recordReminderResent,
  type LiftLockAndRecordInput,
  type SupportReminderEvent,
} from './support';
import {
  announceOutcome,
  openRequest,
  closeRequest,
  decideRequest,
  sendRequestToDeciders,
  type OpenRequestInput,
  type ClosedBecause,
  type DecideRequestInput,
} from './role-requests';
import {
  createUserAccount,
  linkCredential,
  recordRegistrationEvent,
  type CreateUserAccountInput,
  type LinkCredentialInput,
  type RegistrationEvent,
} from './registration-store';

export interface ActivityDependencies {
  db: Database;
  /** CBSA's authorization registry: local (same database) or remote (http-registry.ts). */
  registry: AuthorizationRegistry;
  notifier: ApplicantNotifier;
  /** Members' direct messages (requests to deciders, outcomes): Slack, or logged. */
  dm: DirectMessages;
}

export function createActivities({ db, registry, notifier, dm }: ActivityDependencies) {
  return {
    linkCredential: (input: LinkCredentialInput) => linkCredential(db, input),
    createUserAccount: (input: CreateUserAccountInput) => createUserAccount(db, input),
    createBusinessAccount: (input: CreateBusinessAccountInput) => createBusinessAccount(db, registry, input),
    recordRegistrationEvent: (event: RegistrationEvent) => recordRegistrationEvent(db, event),
    notifyApplicant: (input: NotifyApplicantInput) => notifier.notify(input),

    openRequest: (input: OpenRequestInput) => openRequest(db, input),
    decideRequest: (input: DecideRequestInput) => decideRequest(db, input),
    closeRequest: (input: { requestId: string; status: 'expired' | 'cancelled'; closedBecause?: ClosedBecause }) =>
      closeRequest(db, input),
    sendRequestToDeciders: (input: Parameters<typeof sendRequestToDeciders>[2]) => sendRequestToDeciders(db, dm, input),
    announceRequestOutcome: (input: { requestId: string }) => announceOutcome(db, dm, input),
    ...accountChangeActivities({ db, dm }),

    liftLockAndRecord: (input: LiftLockAndRecordInput) => liftLockAndRecord(db, registry, input),
    recordReminderResent: (event: SupportReminderEvent) => recordReminderResent(db, event),
  };
}

export type CersActivities = ReturnType<typeof createActivities>;
