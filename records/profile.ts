/** A person's profile as the profile form shows it: their own contact details, for them alone. */
import type { Applicant, Locale } from '../domain/registration-inputs';
import type { Database } from '../prisma/database';
import { registrationWorkflowId } from '../domain/registration-steps';

export interface ProfileRef {
  userAccountId: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  language: Locale;
  credentialVerified: boolean;
}

export async function profileOf(db: Database, applicant: Applicant): Promise<ProfileRef | undefined> {
  const row = await db.userAccount.findUnique({
    where: { registrationId: registrationWorkflowId(applicant) },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      email: true,
      phone: true,
      language: true,
      credential: { select: { id: true } },
    },
  });
  if (!row) return undefined;
  const { id, credential, ...profile } = row;
  return { userAccountId: id, ...profile, credentialVerified: !!credential };
}

/** The language of the user account a registration created, if it has one yet (notices read it when sent). */
export async function accountLanguageOf(db: Database, registrationId: string): Promise<Locale | undefined> {
  const row = await db.userAccount.findUnique({ where: { registrationId }, select: { language: true } });
  return row?.language;
}
