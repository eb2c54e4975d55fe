/**
 * The search attributes operators filter on in the Web UI and `temporal workflow list --query`,
 * for every workflow. Temporal stores their values in clear, outside the payload codec, so none
 * holds personal data: a URN or business number goes there only as a keyed digest
 * (client/search-digests.ts), which operators compute from the value they type
 * (client/search-queries.ts). Workflow-safe: no Node built-ins, no key.
 *
 * The digests are computed where the key already is, so it never enters workflow code or history:
 * a registration's by its activities (the worker), which produce the URN and create the business
 * account, whatever client sent the update; a role request's and an account change's by the
 * client that starts it, which knows the business number and who asks.
 */
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

/** Registrations only: the step (`credential` … `completed`, `expired`, `cancelled`). */
export const CersStep = defineSearchAttributeKey('CersStep', SearchAttributeType.KEYWORD);
/**
 * Registrations once the user account (and its URN) exists; role requests: the requester's URN;
 * account changes: the actor's. A person's URN finds what they registered, asked for and changed.
 */
export const CersUrnDigest = defineSearchAttributeKey('CersUrnDigest', SearchAttributeType.KEYWORD);
/**
 * Registrations once a business account is created with it; role requests and account changes
 * from their start: the business account's number.
 */
export const CersBusinessNumberDigest = defineSearchAttributeKey(
  'CersBusinessNumberDigest',
  SearchAttributeType.KEYWORD,
);
/** Role requests and account changes: what is asked (`access`, `ownership_transfer`, `members.add`, …). */
export const CersRequestKind = defineSearchAttributeKey('CersRequestKind', SearchAttributeType.KEYWORD);
/** Role requests (RequestStatus) and account changes (AccountChangeStatus): where it stands. */
export const CersRequestStatus = defineSearchAttributeKey('CersRequestStatus', SearchAttributeType.KEYWORD);

export const CERS_SEARCH_ATTRIBUTES = [
  CersStep,
  CersUrnDigest,
  CersBusinessNumberDigest,
  CersRequestKind,
  CersRequestStatus,
] as const;

/** An account change's CersRequestStatus: running, then applied or refused (or failed: try again). */
export const AccountChangeStatus = {
  Running: 'running',
  Applied: 'applied',
  /** A refusal of fact (policy, not matched, already a member…): the same change would be refused again. */
  Refused: 'refused',
  /** The database did not answer in time: the change may or may not have been made. */
  Failed: 'failed',
} as const;
export type AccountChangeStatus = (typeof AccountChangeStatus)[keyof typeof AccountChangeStatus];
