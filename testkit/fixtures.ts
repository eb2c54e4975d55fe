/** Test and benchmark data: unique applicants and business numbers, realistic sample inputs. */
import { randomBytes } from 'node:crypto';
import { luhnCheckDigit } from '../domain/business-number';
import type { Applicant } from '../domain/registration-inputs';
import { randomUUID } from 'node:crypto';
import type { Role } from '../domain/roles';
import { urnFromPayload } from '../domain/urn';
import type { Database } from '../prisma/database';
import { CURRENT_TERMS_VERSION } from '../workflows/registration/definitions';

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

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

export interface MemberOptions {
  /** The Slack user behind the account (its registration id is `registration:<team>:<user>`). */
  slack?: { teamId: string; userId: string };
  givenName?: string;
  familyName?: string;
  email?: string;
  language?: 'en' | 'fr';
  /** Link a (simulated) sign-in credential, as a credential-verified registration does. */
  credential?: boolean;
  /** The Terms and Conditions version accepted at registration (default: the current one). */
  termsVersion?: string;
}

/** A user account, as a completed user-account step leaves it (valid URN, unique e-mail). */
export async function createUserAccount(
  db: Database,
  options: MemberOptions = {},
): Promise<{ id: string; urn: string; email: string }> {
  const user = await db.userAccount.create({
    data: {
      urn: urnFromPayload(`${1 + (randomBytes(1)[0]! % 9)}${digits(10)}`),
      givenName: options.givenName ?? 'Test',
      familyName: options.familyName ?? 'Member',
      email: options.email ?? `member-${digits(8)}@example.ca`,
      phone: '+16135550100',
      language: options.language ?? 'en',
      registrationId: options.slack
        ? `registration:${options.slack.teamId}:${options.slack.userId}`
        : `registration:test:${randomUUID()}`,
      // As registration leaves it: the terms it showed were accepted with the account.
      termsAcceptances: { create: { version: options.termsVersion ?? CURRENT_TERMS_VERSION, acceptedAt: new Date() } },
    },
  });
  if (options.credential) {
    await db.credentialLink.create({
      data: {
        provider: 'gckey',
        subject: `pai-${randomUUID()}`,
        registrationId: user.registrationId,
        userAccountId: user.id,
      },
    });
  }
  return { id: user.id, urn: user.urn, email: user.email };
}

/** A business account with an owner (given, or new) and new members of the roles counted. */
export async function createBusinessAccount(
  db: Database,
  options: { owner?: string; members?: Partial<Record<Role, number>> } = {},
): Promise<{ id: string; businessNumber: string; byRole: Record<Role, string[]> }> {
  const owner = options.owner ?? (await createUserAccount(db)).id;
  const registration = `registration:test:${randomUUID()}`;
  const business = await db.businessAccount.create({
    data: {
      businessNumber: newBusinessNumber(),
      ownerPositionTitle: 'Owner',
      ownerAddressLine1: '1 Main St',
      ownerCity: 'Ottawa',
      ownerProvince: 'ON',
      ownerPostalCode: 'K1A 0B1',
      ownerCountry: 'CA',
      ownerPhone: '+16135550100',
      ownerEmail: 'owner@example.ca',
      createdByRegistration: registration,
      creationReference: registration,
      memberships: { create: { userAccountId: owner, role: 'owner' } },
    },
  });
  const byRole: Record<Role, string[]> = { owner: [owner], proxy: [], account_user: [], account_browser: [] };
  for (const [role, count] of Object.entries(options.members ?? {}) as [Role, number][]) {
    for (let i = 0; i < count; i++) {
      const user = (await createUserAccount(db)).id;
      await db.membership.create({ data: { userAccountId: user, businessAccountId: business.id, role } });
      byRole[role].push(user);
    }
  }
  return { id: business.id, businessNumber: business.businessNumber, byRole };
}

/** A member's role in a business account now (null: not a member). */
export async function roleIn(db: Database, businessAccountId: string, userAccountId: string): Promise<Role | null> {
  const row = await db.membership.findUnique({
    where: { userAccountId_businessAccountId: { userAccountId, businessAccountId } },
  });
  return row?.role ?? null;
}
