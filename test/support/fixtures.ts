/** Test and benchmark data: unique applicants and business numbers, realistic sample inputs. */
import { randomBytes } from 'node:crypto';
import { luhnCheckDigit } from '../../domain/business-number';
import type { Applicant } from '../../domain/registration-inputs';
import type { Database } from '../../prisma/database';

/** A Slack applicant no other test uses. */
export function newApplicant(): Applicant {
  const id = () => randomBytes(5).toString('hex').toUpperCase();
  return { channel: 'slack', teamId: `T${id()}`, userId: `U${id()}` };
}

/** A valid, unused export business number (BN15, RM program account). */
export function newBusinessNumber(): string {
  const eight = String(10_000_000 + (randomBytes(4).readUInt32BE() % 89_999_999));
  return `${eight}${luhnCheckDigit(eight)}RM${String(1 + (randomBytes(2).readUInt16BE() % 9998)).padStart(4, '0')}`;
}

export const sampleUserAccount = {
  givenName: 'Marie-Ève',
  familyName: "O'Connor-Tremblay",
  email: 'marie-eve.oconnor@exportco.example.ca',
  phone: '(613) 555-0142',
  language: 'fr',
} as const;

export function sampleBusinessAccount(businessNumber: string, sharedSecret: string) {
  return {
    businessNumber,
    sharedSecret,
    owner: {
      positionTitle: 'Directrice des exportations',
      address: { line1: '123 rue Wellington', city: 'Ottawa', province: 'ON', postalCode: 'k1a0b1', country: 'CA' },
      phone: '+1 613 555 0199',
      email: 'exports@exportco.example.ca',
    },
  };
}

/** The audit trail of a registration that created a user account and a business account. */
export const COMPLETED_REGISTRATION_AUDIT = [
  'user_account.created',
  'cbsa_authorization.used',
  'business_account.created',
  'membership.created',
  'registration.completed',
];

/** A registration's audit actions, oldest first. */
export async function auditActions(db: Database, workflowId: string): Promise<string[]> {
  const events = await db.auditEvent.findMany({ where: { workflowId }, orderBy: { id: 'asc' } });
  return events.map((e) => e.action);
}
