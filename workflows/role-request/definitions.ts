/**
 * The role request workflow's public contract: one request, by a registered user, for a role in a
 * business account, decided by an owner or proxy (an access request), or one ownership transfer,
 * confirmed by the member who would become owner. Callers import these names.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Role } from '../../domain/roles';

export const ROLE_REQUEST_WORKFLOW_TYPE = 'roleRequestWorkflow';

export { RequestKind, RequestStatus } from '../../domain/role-requests';
import type { RequestKind, RequestStatus } from '../../domain/role-requests';

/**
 * One request per business account and requester at a time: a second request while one waits
 * finds it (and is told so) instead of notifying every approver again.
 */
export function roleRequestWorkflowId(
  kind: RequestKind,
  businessAccountId: string,
  requesterUserAccountId: string,
): string {
  return kind === 'access'
    ? `role-request:${businessAccountId}:${requesterUserAccountId}`
    : `ownership-transfer:${businessAccountId}:${requesterUserAccountId}`;
}

/** Fixed at start (pinned in the input) so replays and configuration changes never move a deadline. */
export interface RoleRequestPolicy {
  /** Time without a decision before each reminder to the deciders. Default 48 h. */
  reminderAfterMs: number;
  /** Time without a decision after which the request expires. Default 7 days. */
  expireAfterMs: number;
}

export const DEFAULT_ROLE_REQUEST_POLICY: RoleRequestPolicy = {
  reminderAfterMs: 48 * 60 * 60 * 1000,
  expireAfterMs: 7 * 24 * 60 * 60 * 1000,
};

export interface RoleRequestInput {
  kind: RequestKind;
  businessAccountId: string;
  /** Who asked: the would-be member (access), or the owner (transfer). */
  requesterUserAccountId: string;
  /** Who gets `role`: the requester (access), or the member who would become owner (transfer). */
  subjectUserAccountId: string;
  role: Role;
  policy?: Partial<RoleRequestPolicy>;
}

export interface RoleRequestStatus {
  kind: RequestKind;
  status: RequestStatus;
  role: Role;
  businessAccountId: string;
  /** Who decided (approved, rejected, confirmed or declined). */
  decidedByUserAccountId?: string;
  /** Why it was cancelled: a catalogue key (`request.cancelled.*`). */
  cancelledBecause?: string;
  /** ISO time at which the request expires if nobody decides. */
  deadline?: string;
}

export interface RoleDecisionInput {
  /** The member deciding. */
  deciderUserAccountId: string;
  /**
   * The decider's role in the business account as the system of record says at the moment they
   * clicked (read by the caller: validators cannot do I/O). The validator decides with it; the
   * membership transaction decides again under the business account's lock.
   */
  deciderRole: Role | null;
  decision: 'approve' | 'reject';
  /** Optional, for a rejection: told to the requester. */
  reason?: string;
}

export const decideRoleRequest = defineUpdate<RoleRequestStatus, [RoleDecisionInput]>('decideRoleRequest');
export interface RoleWithdrawalInput {
  /** Who clicked Withdraw: only the request's requester may. */
  requesterUserAccountId: string;
}

/**
 * The requester takes their request back from Slack: refused before history unless it still waits
 * and the clicker is its requester; returns once the request is closed (or was decided first).
 */
export const withdrawOwnRoleRequest = defineUpdate<RoleRequestStatus, [RoleWithdrawalInput]>('withdrawOwnRoleRequest');
/** The requester changes their mind (or a business account deletion makes the request moot). */
export const withdrawRoleRequest = defineSignal<[{ because: 'withdrawn' | 'business_deleted' }]>('withdrawRoleRequest');
export const roleRequestStatus = defineQuery<RoleRequestStatus>('roleRequestStatus');
