/**
 * Everything the workflows do to the outside world. Created with their dependencies so tests and
 * the worker wire real ones; workflows import only the *type* {@link CersActivities}.
 */
import type { Database } from '../prisma/database';
import { createBusinessAccount, type CreateBusinessAccountInput } from './business-accounts';
import type { ApplicantNotifier, NotifyApplicantInput } from './notifications';
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
  notifier: ApplicantNotifier;
}

export function createActivities({ db, notifier }: ActivityDependencies) {
  return {
    linkCredential: (input: LinkCredentialInput) => linkCredential(db, input),
    createUserAccount: (input: CreateUserAccountInput) => createUserAccount(db, input),
    createBusinessAccount: (input: CreateBusinessAccountInput) => createBusinessAccount(db, input),
    recordRegistrationEvent: (event: RegistrationEvent) => recordRegistrationEvent(db, event),
    notifyApplicant: (input: NotifyApplicantInput) => notifier.notify(input),
  };
}

export type CersActivities = ReturnType<typeof createActivities>;
