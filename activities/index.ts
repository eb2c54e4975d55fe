/**
 * Everything the workflows do to the outside world. Created with their dependencies so tests and
 * the worker wire real ones; workflows import only the *type* {@link CersActivities}.
 */
import type { Database } from '../prisma/database';
import { createBusinessAccount, type CreateBusinessAccountInput } from './business-accounts';
import type { AuthorizationRegistry } from './cbsa/authorization-registry';
import type { ApplicantNotifier, DirectMessages, NotifyApplicantInput } from './notifications';
import { accountChangeActivities } from './account-changes';
import { recordTermsAcceptance, type RecordTermsAcceptanceInput } from './terms-acceptances';
import { profileChangeActivities } from './profile-changes';
import { noMailer, type EmailCodeMailer } from './mail/email-codes';
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
import { registeredPerson } from './registered-person';

/**
 * Keyed digests of a URN or business number for the search attributes (client/search-digests.ts,
 * bound to the search key by the worker). The activity that produces a URN or creates a business
 * account returns its digest with it: the workflow upserts it without ever holding the key, and
 * every caller of the workflow (the bot, a test, a script) gets the same attributes for free.
 */
export interface SearchDigests {
  urn(urn: string): string;
  businessNumber(businessNumber: string): string;
}

export interface ActivityDependencies {
  db: Database;
  /** CBSA's authorization registry: local (same database) or remote (http-registry.ts). */
  registry: AuthorizationRegistry;
  notifier: ApplicantNotifier;
  /** Members' direct messages (requests to deciders, outcomes): Slack, or logged. */
  dm: DirectMessages;
  digests: SearchDigests;
  /** Codes to new e-mail addresses (profile changes): GC Notify or its stand-in; none configured: they wait. */
  mailer?: EmailCodeMailer;
}

export function createActivities({ db, registry, notifier, dm, digests, mailer }: ActivityDependencies) {
  return {
    linkCredential: async (input: LinkCredentialInput) => {
      const linked = await linkCredential(db, input);
      const existing = linked.existingAccount;
      return { ...linked, existingAccount: existing && { ...existing, urnDigest: digests.urn(existing.urn) } };
    },
    createUserAccount: async (input: CreateUserAccountInput) => {
      const account = await createUserAccount(db, input);
      return { ...account, urnDigest: digests.urn(account.urn) };
    },
    /** A business-account run's person: their user account, URN (with its digest) and language. */
    registeredPerson: async (input: { registrationId: string }) => {
      const person = await registeredPerson(db, input);
      return person && { ...person, urnDigest: digests.urn(person.urn) };
    },
    createBusinessAccount: async (input: CreateBusinessAccountInput) => ({
      ...(await createBusinessAccount(db, registry, input)),
      businessNumberDigest: digests.businessNumber(input.submission.businessNumber),
    }),
    recordRegistrationEvent: (event: RegistrationEvent) => recordRegistrationEvent(db, event),
    notifyApplicant: (input: NotifyApplicantInput) => notifier.notify(input),

    openRequest: (input: OpenRequestInput) => openRequest(db, input),
    decideRequest: (input: DecideRequestInput) => decideRequest(db, input),
    closeRequest: (input: { requestId: string; status: 'expired' | 'cancelled'; closedBecause?: ClosedBecause }) =>
      closeRequest(db, input),
    sendRequestToDeciders: (input: Parameters<typeof sendRequestToDeciders>[2]) => sendRequestToDeciders(db, dm, input),
    announceRequestOutcome: (input: { requestId: string }) => announceOutcome(db, dm, input),
    ...accountChangeActivities({ db, dm }),
    ...profileChangeActivities({ db, mailer: mailer ?? noMailer }),

    liftLockAndRecord: (input: LiftLockAndRecordInput) => liftLockAndRecord(db, registry, input),
    recordReminderResent: (event: SupportReminderEvent) => recordReminderResent(db, event),

    recordTermsAcceptance: (input: RecordTermsAcceptanceInput) => recordTermsAcceptance(db, input),
  };
}

export type CersActivities = ReturnType<typeof createActivities>;
