/** Ready-made membership schemas for code outside workflows (see membership-schemas.ts). */
import type { z } from 'zod';
import * as build from './membership-schemas';

export const AccessRequestInput = build.accessRequestInput();
export type AccessRequestInput = z.input<typeof AccessRequestInput>;
export const AddMemberInput = build.addMemberInput();
export type AddMemberInput = z.input<typeof AddMemberInput>;
export const ChangeRoleInput = build.changeRoleInput();
export const RoleDecisionInput = build.roleDecisionInput();
export const GrantableRole = build.grantableRole();
export const BusinessUpdateInput = build.businessUpdateInput();

/** The owner's contact details on a business account, as an owner updates them. */
export interface OwnerContact {
  positionTitle: string;
  address: { line1: string; line2?: string; city: string; province: string; postalCode: string; country: string };
  phone: string;
  email: string;
}
