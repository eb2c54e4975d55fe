/**
 * Records that a user account accepted a version of the Terms and Conditions, with its audit event,
 * in one transaction. Idempotent: the row is unique per account and version, so a retried activity
 * (or a second workflow run) finds it and writes nothing.
 */
import { Prisma, type Database } from '../prisma/database';

export interface RecordTermsAcceptanceInput {
  userAccountId: string;
  version: string;
  workflowId: string;
}

export interface RecordTermsAcceptanceResult {
  outcome: 'accepted' | 'already_accepted';
  version: string;
  acceptedAt: string;
}

export async function recordTermsAcceptance(
  db: Database,
  input: RecordTermsAcceptanceInput,
): Promise<RecordTermsAcceptanceResult> {
  const { userAccountId, version } = input;
  const existing = async () =>
    db.termsAcceptance.findUnique({ where: { userAccountId_version: { userAccountId, version } } });
  const found = await existing();
  if (found) return { outcome: 'already_accepted', version, acceptedAt: found.acceptedAt.toISOString() };
  try {
    const created = await db.$transaction(async (tx) => {
      const row = await tx.termsAcceptance.create({ data: { userAccountId, version, acceptedAt: new Date() } });
      await tx.auditEvent.create({
        data: {
          actor: `user:${userAccountId}`,
          action: 'terms.accepted',
          subjectType: 'user_account',
          subjectId: userAccountId,
          workflowId: input.workflowId,
          // The version only: who accepted is the subject; nothing personal.
          after: { version },
          dedupeKey: `terms-acceptance:${userAccountId}:${version}`,
        },
      });
      return row;
    });
    return { outcome: 'accepted', version, acceptedAt: created.acceptedAt.toISOString() };
  } catch (error) {
    // A concurrent attempt committed first: its acceptance is the one.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    const row = await existing();
    if (!row) throw error;
    return { outcome: 'already_accepted', version, acceptedAt: row.acceptedAt.toISOString() };
  }
}
