/** What a role request asks for, where it stands, and who is in it (as its messages show them). */
import type { Locale } from './registration-inputs';
import type { Role } from './roles';

export const RequestKind = { Access: 'access', OwnershipTransfer: 'ownership_transfer' } as const;
export type RequestKind = (typeof RequestKind)[keyof typeof RequestKind];

export const RequestStatus = {
  Pending: 'pending',
  Approved: 'approved',
  Rejected: 'rejected',
  Expired: 'expired',
  /** Withdrawn by whoever asked, or made moot (already a member, business account deleted). */
  Cancelled: 'cancelled',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

/** A person as a request's messages show them. */
export interface PersonDetails {
  userAccountId: string;
  name: string;
  urn: string;
  email: string;
  language: Locale;
  slackUserId?: string;
}

export interface RequestDetails {
  requestId: string;
  workflowId: string;
  kind: RequestKind;
  status: RequestStatus;
  role: Role;
  businessAccountId: string;
  businessNumber: string;
  requester: PersonDetails;
  subject: PersonDetails;
  decidedBy?: PersonDetails;
  decidedAt?: string;
  reason?: string;
  /** Why it closed without a decision (`request.refused.<closedBecause>`). */
  closedBecause?: string;
}
