/**
 * Keyed digests for search attributes. Temporal stores search attribute values unencrypted and
 * outside the payload codec, so a URN or business number (a sole proprietor's is personal data)
 * goes there only as HMAC-SHA256 under a search key of its own (CERS_SEARCH_KEY): an operator who
 * types a URN gets the same digest from the support tool and finds the workflow, while someone who
 * reads the visibility store learns nothing without the key. The key is not the payload key, so it
 * can be given to the support tool without giving it the power to decrypt history.
 */
import { createHmac } from 'node:crypto';
import { parseExportBusinessNumber } from '../domain/business-number';
import { parseUrn } from '../domain/urn';

/** What a digest is of; part of the MAC input, so a URN digest never equals a business number's. */
export const SearchDigestKind = {
  Urn: 'urn',
  BusinessNumber: 'business-number',
} as const;
export type SearchDigestKind = (typeof SearchDigestKind)[keyof typeof SearchDigestKind];

/** 128 bits of the MAC, in hex: collision-free for any number of registrations, short in a query. */
const DIGEST_HEX_CHARS = 32;

/** The canonical form every writer and reader digests, so `1234 5678 9012` finds `1234-5678-9012`. */
function canonical(kind: SearchDigestKind, value: string): string {
  if (kind === SearchDigestKind.Urn) {
    const urn = parseUrn(value);
    if (!urn.ok) throw new RangeError('Not a URN (12 digits, NNNN-NNNN-NNNN)');
    return urn.value;
  }
  const bn = parseExportBusinessNumber(value);
  if (!bn.ok) throw new RangeError('Not an export business number (15 characters, e.g. 123456782RM0001)');
  return bn.value;
}

/** The search attribute value for a URN or business number. Throws RangeError on one that is not. */
export function searchDigest(searchKey: Buffer, kind: SearchDigestKind, value: string): string {
  return createHmac('sha256', searchKey)
    .update(`cers-search-v1\0${kind}\0${canonical(kind, value)}`)
    .digest('hex')
    .slice(0, DIGEST_HEX_CHARS);
}
