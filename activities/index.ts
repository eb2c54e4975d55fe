/**
 * Everything the workflows do to the outside world. Created with their dependencies so tests and
 * the worker wire real ones; workflows import only the *type* {@link CersActivities}.
 */
import type { Database } from '../prisma/database';
import { createBusinessAccount, type CreateBusinessAccountInput } from './business-accounts';
import type { AuthorizationRegistry } from './cbsa/authorization-registry';
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
  /** CBSA's authorization registry: local (same database) or remote (http-registry.ts). */
  registry: AuthorizationRegistry;
  notifier: ApplicantNotifier;
}

export function createActivities({ db, registry, notifier }: ActivityDependencies) {
  return {
    linkCredential: (input: LinkCredentialInput) => linkCredential(db, input),
    createUserAccount: (input: CreateUserAccountInput) => createUserAccount(db, input),
    createBusinessAccount: (input: CreateBusinessAccountInput) => createBusinessAccount(db, registry, input),
    recordRegistrationEvent: (event: RegistrationEvent) => recordRegistrationEvent(db, event),
    notifyApplicant: (input: NotifyApplicantInput) => notifier.notify(input),
  };
}

export type CersActivities = ReturnType<typeof createActivities>;
