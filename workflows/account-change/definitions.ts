/**
 * The account change workflow's public contract: one change an owner or proxy makes to a business
 * account (add a user, change a role, remove a member, update the contact information, delete
 * the business account). Callers import these names.
 */
import type { Role } from '../../domain/roles';

export const ACCOUNT_CHANGE_WORKFLOW_TYPE = 'accountChangeWorkflow';

/**
 * One workflow per change, keyed by the caller's idempotency key (a Slack view submission, a
 * request id): the same key twice runs the change once and both callers get its result.
 */
export function accountChangeWorkflowId(businessAccountId: string, key: string): string {
  return `account-change:${businessAccountId}:${key}`;
}

/** A role one can be given: the owner role moves only by a transfer both confirm. */
export type GrantableRole = Exclude<Role, 'owner'>;

export type { OwnerContact } from '../../domain/membership-inputs';
import type { OwnerContact } from '../../domain/membership-inputs';

export type AccountChange =
  /** Add a user: URN, family name and e-mail must all match their user account. */
  | { kind: 'members.add'; urn: string; familyName: string; email: string; role: GrantableRole }
  | { kind: 'members.changeRole'; subjectUserAccountId: string; role: GrantableRole }
  /** Takes effect at once. */
  | { kind: 'members.remove'; subjectUserAccountId: string }
  /** The actor ends their own membership (any role but owner); owners and proxies are told. */
  | { kind: 'members.leave' }
  /** Owner only. */
  | { kind: 'business.update'; contact: OwnerContact }
  /** Owner only: every membership ends, pending requests are withdrawn, the audit trail stays. */
  | { kind: 'business.delete' };

export interface AccountChangeInput {
  businessAccountId: string;
  /** Who acts: their role in the business account, at the moment of the change, decides. */
  actorUserAccountId: string;
  change: AccountChange;
}

/** A membership changed: the subject's role before and after (null: not a member). */
export interface MemberChangeResult {
  outcome: 'applied';
  kind: 'members.add' | 'members.changeRole' | 'members.remove' | 'members.leave';
  businessAccountId: string;
  subjectUserAccountId: string;
  before: Role | null;
  after: Role | null;
}

/** The business account itself changed: its status before and after. */
export interface BusinessChangeResult {
  outcome: 'applied';
  kind: 'business.update' | 'business.delete';
  businessAccountId: string;
  before: 'active';
  after: 'active' | 'deleted';
  /** business.delete: memberships that ended, and pending role requests told to withdraw. */
  membershipsEnded?: number;
  requestsWithdrawn?: number;
}

/**
 * What an applied change returns. Refusals are failures instead (WorkflowFailedError whose cause
 * is an ApplicationFailure of a FailureType, with a catalogue messageKey in its details).
 */
export type AccountChangeResult = MemberChangeResult | BusinessChangeResult;
