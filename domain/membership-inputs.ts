/** Ready-made membership schemas for code outside workflows (see membership-schemas.ts). */
import type { z } from 'zod';
import * as build from './membership-schemas';

export const AccessRequestInput = build.accessRequestInput();
export type AccessRequestInput = z.input<typeof AccessRequestInput>;
export const AddMemberInput = build.addMemberInput();
export type AddMemberInput = z.input<typeof AddMemberInput>;
export type AddMemberSubmission = z.output<typeof AddMemberInput>;
export const ChangeRoleInput = build.changeRoleInput();
export const RoleDecisionInput = build.roleDecisionInput();
export const GrantableRole = build.grantableRole();
export const BusinessUpdateInput = build.businessUpdateInput();
