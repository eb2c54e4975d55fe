/**
 * The search attributes a role request, account change or support lift starts with. They are set here, by the
 * client that starts it, because the client holds the search key and knows the business number
 * and who asks: the workflow never sees the key, and only moves CersRequestStatus on.
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { Config } from '../config';
import {
  CersBusinessNumberDigest,
  CersRequestKind,
  CersRequestStatus,
  CersUrnDigest,
} from '../workflows/search-attributes';
import { SearchDigestKind, searchDigest } from './search-digests';
import { searchKeyOf } from './search-queries';

/** What operators find a request or change by. */
export interface SearchableBy {
  /** The business account's number; undefined when the caller found no such account (the change is then refused). */
  businessNumber: string | undefined;
  /** The URN of who asks (a role request's requester) or acts (an account change's actor). */
  urn?: string;
}

export function requestSearchAttributes(
  config: Config,
  kind: string,
  /** Undefined for a short action whose execution status says it all (a support lift). */
  status: string | undefined,
  { businessNumber, urn }: SearchableBy,
): SearchAttributePair[] {
  const key = searchKeyOf(config);
  return [
    { key: CersRequestKind, value: kind },
    ...(status ? [{ key: CersRequestStatus, value: status }] : []),
    ...(businessNumber
      ? [{ key: CersBusinessNumberDigest, value: searchDigest(key, SearchDigestKind.BusinessNumber, businessNumber) }]
      : []),
    ...(urn ? [{ key: CersUrnDigest, value: searchDigest(key, SearchDigestKind.Urn, urn) }] : []),
  ];
}
