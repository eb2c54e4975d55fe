/** The business accounts a registered person belongs to, found by their URN (what a registration's status carries). */
import type { Database } from '../prisma/database';
import { membershipsOf, type MembershipRef } from './directory';

export async function membershipsByUrn(db: Database, urn: string): Promise<MembershipRef[]> {
  const user = await db.userAccount.findUnique({ where: { urn }, select: { id: true } });
  return user ? membershipsOf(db, user.id) : [];
}
