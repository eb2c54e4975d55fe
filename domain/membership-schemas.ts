/**
 * Builders of the zod schemas for what members send about a business account: access requests,
 * decisions, adding a user, changing a role. Functions for the same reason as
 * registration-schemas.ts (workflow memory); ready-made constants are in membership-inputs.ts.
 * Issue messages are catalogue keys.
 */
import { z } from 'zod';
import { GRANTABLE_ROLES, ROLES, type Role } from './roles';
import { parseUrn } from './urn';
import { businessNumber, emailAddress, ownerContact, personName, text } from './registration-schemas';

export const role = () => z.enum(ROLES as [Role, ...Role[]], { error: 'role_unknown' });

/** Roles one can ask for or be given: the owner role moves only by a transfer. */
export const grantableRole = () => z.enum(GRANTABLE_ROLES, { error: 'role_unknown' });

export const urn = () =>
  z.string({ error: 'required' }).transform((s, ctx) => {
    const parsed = parseUrn(s);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `urn_${parsed.problem}` });
      return z.NEVER;
    }
    return parsed.value;
  });

const userAccountId = () => z.uuid({ error: 'invalid_value' });

export const accessRequestInput = () => z.strictObject({ businessNumber: businessNumber(), role: grantableRole() });

export const roleDecisionInput = () =>
  z.strictObject({
    deciderUserAccountId: userAccountId(),
    deciderRole: role().nullable(),
    decision: z.enum(['approve', 'reject']),
    reason: text(500)
      .optional()
      .or(z.literal('').transform(() => undefined)),
  });

/** The requester takes their own request back: who clicks (the workflow compares them with its requester). */
export const withdrawalInput = () => z.strictObject({ requesterUserAccountId: userAccountId() });

/** Adding a user: all three must match one user account. */
export const addMemberInput = () =>
  z.strictObject({ urn: urn(), familyName: personName(), email: emailAddress(), role: grantableRole() });

export const changeRoleInput = () => z.strictObject({ subjectUserAccountId: userAccountId(), role: grantableRole() });

export const removeMemberInput = () => z.strictObject({ subjectUserAccountId: userAccountId() });

/** The owner updates the business account's contact information (the same fields as at registration). */
export const businessUpdateInput = () => z.strictObject({ contact: ownerContact() });

/** One change an owner or proxy makes to a business account (workflows/account-change). */
export const accountChange = () =>
  z.discriminatedUnion('kind', [
    addMemberInput().extend({ kind: z.literal('members.add') }),
    changeRoleInput().extend({ kind: z.literal('members.changeRole') }),
    removeMemberInput().extend({ kind: z.literal('members.remove') }),
    businessUpdateInput().extend({ kind: z.literal('business.update') }),
    z.strictObject({ kind: z.literal('business.delete') }),
    z.strictObject({ kind: z.literal('members.leave') }),
  ]);

export const accountChangeInput = () =>
  z.strictObject({
    businessAccountId: z.uuid({ error: 'invalid_value' }),
    actorUserAccountId: userAccountId(),
    change: accountChange(),
  });
