/**
 * Who a Slack user is in the system of record, and what they belong to: their user account (by the
 * registration their Slack identity started), their memberships and roles, a business account's
 * members. Read-only: every change goes through a workflow.
 */
import type { Applicant, Locale } from '../domain/registration-inputs';
import type { Role } from '../domain/roles';
import type { Database } from '../prisma/database';
import { registrationWorkflowId } from '../domain/registration-steps';

export interface UserAccountRef {
  id: string;
  name: string;
  urn: string;
  language: Locale;
  /** Signed in with a credential (GCKey or a Sign-In Partner) that is linked to this account. */
  credentialVerified: boolean;
}

export interface MembershipRef {
  businessAccountId: string;
  businessNumber: string;
  role: Role;
}

export interface MemberRef {
  userAccountId: string;
  name: string;
  urn: string;
  role: Role;
}

export async function userAccountOf(db: Database, applicant: Applicant): Promise<UserAccountRef | undefined> {
  const row = await db.userAccount.findUnique({
    where: { registrationId: registrationWorkflowId(applicant) },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      urn: true,
      language: true,
      credential: { select: { id: true } },
    },
  });
  return row
    ? {
        id: row.id,
        name: `${row.givenName} ${row.familyName}`,
        urn: row.urn,
        language: row.language,
        credentialVerified: !!row.credential,
      }
    : undefined;
}

/** The user's memberships in active business accounts, by business number. */
export async function membershipsOf(db: Database, userAccountId: string): Promise<MembershipRef[]> {
  const rows = await db.membership.findMany({
    where: { userAccountId, businessAccount: { status: 'active' } },
    select: { role: true, businessAccount: { select: { id: true, businessNumber: true } } },
    orderBy: { businessAccount: { businessNumber: 'asc' } },
  });
  return rows.map((r) => ({
    businessAccountId: r.businessAccount.id,
    businessNumber: r.businessAccount.businessNumber,
    role: r.role,
  }));
}

/** The user's role in an active business account (null: not a member, or the account is deleted). */
export async function roleOf(db: Database, businessAccountId: string, userAccountId: string): Promise<Role | null> {
  const row = await db.membership.findFirst({
    where: { businessAccountId, userAccountId, businessAccount: { status: 'active' } },
    select: { role: true },
  });
  return row?.role ?? null;
}

const ROLE_ORDER: Record<Role, number> = { owner: 0, proxy: 1, account_user: 2, account_browser: 3 };

export async function membersOf(db: Database, businessAccountId: string): Promise<MemberRef[]> {
  const rows = await db.membership.findMany({
    where: { businessAccountId },
    select: { role: true, userAccount: { select: { id: true, givenName: true, familyName: true, urn: true } } },
  });
  return rows
    .map((r) => ({
      userAccountId: r.userAccount.id,
      name: `${r.userAccount.givenName} ${r.userAccount.familyName}`,
      urn: r.userAccount.urn,
      role: r.role,
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name));
}

export async function activeBusinessByNumber(
  db: Database,
  businessNumber: string,
): Promise<{ id: string; businessNumber: string } | undefined> {
  const row = await db.businessAccount.findFirst({
    where: { businessNumber, status: 'active' },
    select: { id: true, businessNumber: true },
  });
  return row ?? undefined;
}

export async function businessNumberOf(db: Database, businessAccountId: string): Promise<string | undefined> {
  return (await db.businessAccount.findUnique({ where: { id: businessAccountId }, select: { businessNumber: true } }))
    ?.businessNumber;
}

export async function nameOf(db: Database, userAccountId: string): Promise<string | undefined> {
  const row = await db.userAccount.findUnique({
    where: { id: userAccountId },
    select: { givenName: true, familyName: true },
  });
  return row ? `${row.givenName} ${row.familyName}` : undefined;
}

/** The owner's contact information as the contact form shows it (field path → text). */
export async function contactValuesOf(db: Database, businessAccountId: string): Promise<Record<string, string>> {
  const row = await db.businessAccount.findUnique({ where: { id: businessAccountId } });
  if (!row) return {};
  return {
    'contact.positionTitle': row.ownerPositionTitle,
    'contact.address.line1': row.ownerAddressLine1,
    ...(row.ownerAddressLine2 ? { 'contact.address.line2': row.ownerAddressLine2 } : {}),
    'contact.address.city': row.ownerCity,
    'contact.address.province': row.ownerProvince,
    'contact.address.postalCode': row.ownerPostalCode,
    'contact.address.country': row.ownerCountry,
    'contact.phone': row.ownerPhone,
    'contact.email': row.ownerEmail,
  };
}
