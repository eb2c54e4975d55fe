/** What a role request asks for, and where it stands. */

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
