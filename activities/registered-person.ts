/**
 * A registered person, as a later business-account run of their registration needs them: the user
 * account their first registration created (found by the registration's workflow id), its URN and
 * language, and the credential link that stays theirs. Read-only.
 */
import type { Locale } from '../domain/registration-inputs';
import type { Database } from '../prisma/database';

export interface RegisteredPerson {
  userAccountId: string;
  urn: string;
  language: Locale;
  credentialLinkId?: string;
}

export async function registeredPerson(
  db: Database,
  input: { registrationId: string },
): Promise<RegisteredPerson | undefined> {
  const row = await db.userAccount.findUnique({
    where: { registrationId: input.registrationId },
    select: { id: true, urn: true, language: true, credential: { select: { id: true } } },
  });
  if (!row) return undefined;
  return {
    userAccountId: row.id,
    urn: row.urn,
    language: row.language,
    ...(row.credential ? { credentialLinkId: row.credential.id } : {}),
  };
}
