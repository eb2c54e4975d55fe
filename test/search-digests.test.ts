import { describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SearchDigestKind, searchDigest } from '../client/search-digests';

describe('search attribute digests', () => {
  const key = randomBytes(32);

  test('the same URN typed any way gives the same digest; another URN or key gives another', () => {
    const urn = '1234-5678-9018';
    expect(urn.replace(/-/g, '')).toHaveLength(12);
    const canonical = searchDigest(key, SearchDigestKind.Urn, urn);
    expect(canonical).toMatch(/^[0-9a-f]{32}$/);
    expect(searchDigest(key, SearchDigestKind.Urn, '1234 5678 9018')).toBe(canonical);
    expect(searchDigest(key, SearchDigestKind.Urn, '123456789018')).toBe(canonical);
    expect(searchDigest(randomBytes(32), SearchDigestKind.Urn, urn)).not.toBe(canonical);
    expect(canonical).not.toContain('12345678');
  });

  test('a business number typed with spaces or lower case finds the same digest, never the URN one', () => {
    const bn = '123456782RM0001';
    const digest = searchDigest(key, SearchDigestKind.BusinessNumber, bn);
    expect(searchDigest(key, SearchDigestKind.BusinessNumber, '123456782 rm 0001')).toBe(digest);
    expect(digest).not.toBe(searchDigest(key, SearchDigestKind.BusinessNumber, '123456782RM0002'));
  });

  test('a value that is not a URN or business number is refused, not digested as typed', () => {
    expect(() => searchDigest(key, SearchDigestKind.Urn, '1234-5678-9011')).toThrow(RangeError);
    expect(() => searchDigest(key, SearchDigestKind.BusinessNumber, '123456789RM0001')).toThrow(RangeError);
  });
});
