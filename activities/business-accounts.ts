/**
 * Creating a business account: CBSA's authorization registry checks the shared secret and holds
 * the code for this registration; the account and the creator's owner membership are written in
 * one transaction, and only then is the code spent (confirmed). With the local registry the code
 * is spent inside that same transaction; a remote one is told right after it commits. Whatever
 * stops the step in between (a stalled database, a crash), the code stays this registration's,
 * and the step run again, with any attempt id, goes on from where it stopped.
 *
 * Idempotent twice over: on the creation reference (a retry after a crash returns the account,
 * and confirms the code if that was still to do) and on the attempt id (the registry answers a
 * retried redemption as it did the first time, so a wrong guess counts once).
 */
import { log } from '@temporalio/activity';
import { FailureType, registrationFailure } from '../domain/failures';
import type { BusinessAccountSubmission } from '../domain/registration-inputs';
import { Prisma, type Database } from '../prisma/database';
import type {
  AuthorizationRegistry,
  ConfirmationOutcome,
  ConfirmationRequest,
  RedemptionOutcome,
} from './cbsa/authorization-registry';

export interface CreateBusinessAccountInput {
  registrationId: string;
  /** Unique per submission, chosen by the workflow (replays choose the same). */
  attemptId: string;
  userAccountId: string;
  submission: BusinessAccountSubmission;
  /**
   * What makes this creation happen once, and our reference in CBSA's registry: absent (the
   * registration id) for a first registration's business; `<registration id>:<run id>` for a
   * business account registered later, so a person's second business (or a business registered
   * again after deleting one) is a new creation, and a code spent earlier is not theirs again.
   */
  reference?: string;
}

export interface CreateBusinessAccountResult {
  businessAccountId: string;
}

function alreadyRegistered() {
  return registrationFailure(
    FailureType.BusinessNumberAlreadyRegistered,
    'This business number already has an active business account',
    {
      messageKey: 'failure.business_number_registered',
      whatToDo: 'Ask the owner of the existing business account to add you with your URN, family name and e-mail.',
    },
  );
}

/** Spends the code after our account committed (a remote registry). Our account stands either way. */
async function confirmAfterCommit(registry: AuthorizationRegistry, request: ConfirmationRequest): Promise<void> {
  if (registry.confirmWithin) return; // spent in the account's own transaction
  const outcome = await registry.confirm(request);
  // The account is committed and is the system of record; a registry that disagrees is for an operator.
  if (outcome.kind !== 'confirmed') log.warn('The registry did not confirm the redemption', { kind: outcome.kind });
}

function confirmedOrThrow(outcome: ConfirmationOutcome): void {
  if (outcome.kind === 'confirmed') return;
  throw failureFor({ kind: 'used' });
}

export async function createBusinessAccount(
  db: Database,
  registry: AuthorizationRegistry,
  input: CreateBusinessAccountInput,
): Promise<CreateBusinessAccountResult> {
  const reference = input.reference ?? input.registrationId;
  const bn = input.submission.businessNumber;
  const confirmation = { businessNumber: bn, reference };
  // One read for both checks: this creation's account (a retry after a crash), or the business
  // number's active account (checked before redeeming, so a secret is not spent on a business
  // that cannot be created).
  const found = await db.businessAccount.findMany({
    where: { OR: [{ creationReference: reference }, { businessNumber: bn, status: 'active' }] },
    select: { id: true, businessNumber: true, creationReference: true },
  });
  const existing = found.find((account) => account.creationReference === reference);
  if (existing) {
    await confirmAfterCommit(registry, { businessNumber: existing.businessNumber, reference });
    return { businessAccountId: existing.id };
  }
  if (found.length > 0) throw alreadyRegistered();

  const outcome = await registry.redeem({
    businessNumber: bn,
    sharedSecret: input.submission.sharedSecret,
    attemptId: input.attemptId,
    reference,
  });
  if (outcome.kind !== 'accepted') throw failureFor(outcome);

  const { owner } = input.submission;
  let account: { id: string };
  try {
    account = await db.$transaction(async (tx) => {
      if (registry.confirmWithin) confirmedOrThrow(await registry.confirmWithin(tx, confirmation));
      const created = await tx.businessAccount.create({
        data: {
          businessNumber: bn,
          ownerPositionTitle: owner.positionTitle,
          ownerAddressLine1: owner.address.line1,
          ownerAddressLine2: owner.address.line2 ?? null,
          ownerCity: owner.address.city,
          ownerProvince: owner.address.province,
          ownerPostalCode: owner.address.postalCode,
          ownerCountry: owner.address.country,
          ownerPhone: owner.phone,
          ownerEmail: owner.email,
          createdByRegistration: input.registrationId,
          creationReference: reference,
        },
      });
      const membership = await tx.membership.create({
        data: { userAccountId: input.userAccountId, businessAccountId: created.id, role: 'owner' },
      });
      const audit = (action: string, subjectType: string, subjectId: string, after: Record<string, string>) =>
        tx.auditEvent.create({
          data: {
            actor: `user:${input.userAccountId}`,
            action,
            subjectType,
            subjectId,
            workflowId: input.registrationId,
            after,
          },
        });
      await audit('business_account.created', 'business_account', created.id, {
        businessNumber: bn,
        authorizationId: outcome.authorizationId,
        status: 'active',
      });
      await audit('membership.created', 'membership', membership.id, {
        userAccountId: input.userAccountId,
        businessAccountId: created.id,
        role: 'owner',
      });
      return created;
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    // A concurrent retry of this registration won the race: its account is ours.
    const mine = await db.businessAccount.findUnique({ where: { creationReference: reference } });
    if (!mine) throw alreadyRegistered(); // another registration holds the BN's active account (partial unique index)
    account = mine;
  }
  await confirmAfterCommit(registry, confirmation);
  return { businessAccountId: account.id };
}

function failureFor(outcome: Exclude<RedemptionOutcome, { kind: 'accepted' }>) {
  switch (outcome.kind) {
    case 'not_found':
      return registrationFailure(
        FailureType.AuthorizationNotFound,
        'CBSA has no export authorization for this business number',
        {
          messageKey: 'failure.authorization_not_found',
          whatToDo:
            'Check the business number. If it is right, apply to CBSA with form BSF831; CBSA e-mails the activation code once approved.',
        },
      );
    case 'incorrect':
      return registrationFailure(
        FailureType.SharedSecretIncorrect,
        `The shared secret is incorrect; ${outcome.attemptsRemaining} attempts remain`,
        {
          messageKey: 'failure.shared_secret_incorrect',
          whatToDo:
            'Copy the activation code exactly as CBSA e-mailed it. After 5 wrong codes in 24 hours the business number is locked for 24 hours.',
          params: { attemptsRemaining: outcome.attemptsRemaining },
        },
      );
    case 'locked':
      return registrationFailure(
        FailureType.BusinessNumberLocked,
        `Business number locked until ${outcome.lockedUntil}`,
        {
          messageKey: 'failure.business_number_locked',
          whatToDo:
            'Wait until the lock ends, then try again with the exact activation code. If you lost the code, ask the CBSA Commercial Registration Unit for a new one.',
          params: { lockedUntil: outcome.lockedUntil },
        },
      );
    case 'expired':
      return registrationFailure(FailureType.SharedSecretExpired, `The shared secret expired at ${outcome.expiredAt}`, {
        messageKey: 'failure.shared_secret_expired',
        whatToDo:
          'Activation codes are valid 90 days. Ask the CBSA Commercial Registration Unit to issue a new one, then submit it here.',
        params: { expiredAt: outcome.expiredAt },
      });
    case 'used':
      return registrationFailure(FailureType.SharedSecretAlreadyUsed, 'The shared secret has already been used', {
        messageKey: 'failure.shared_secret_used',
        whatToDo:
          'Each activation code works once. If your business already has an account, ask its owner to add you; otherwise contact the CBSA Commercial Registration Unit.',
      });
  }
}

export type { BusinessAccountSummary } from '../domain/notices';
