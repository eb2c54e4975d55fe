/**
 * User Reference Numbers.
 *
 * Format: 12 digits shown as `NNNN-NNNN-NNNN`. The first digit is 1-9, the next 10 are random
 * (about 9 x 10^10 possibilities, so URNs are neither sequential nor guessable), and the last is a
 * Damm check digit. The Damm algorithm detects every single-digit error and every transposition of
 * adjacent digits, the two mistakes people make when reading a number over the phone.
 */

const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM_TABLE[interim]![Number(ch)]!;
  return interim;
}

export function formatUrn(twelveDigits: string): string {
  return `${twelveDigits.slice(0, 4)}-${twelveDigits.slice(4, 8)}-${twelveDigits.slice(8)}`;
}

/**
 * Builds a URN from 11 payload digits (the caller supplies cryptographic randomness; the first
 * digit must not be 0).
 */
export function urnFromPayload(elevenDigits: string): string {
  if (!/^[1-9]\d{10}$/.test(elevenDigits)) throw new Error('URN payload must be 11 digits, the first non-zero');
  return formatUrn(elevenDigits + String(dammCheckDigit(elevenDigits)));
}

export type UrnResult = { ok: true; value: string } | { ok: false; problem: 'format' | 'check_digit' };

/** Accepts a URN typed with or without dashes or spaces; returns it in canonical form. */
export function parseUrn(input: string): UrnResult {
  const digits = input.replace(/[\s-]+/g, '');
  if (!/^[1-9]\d{11}$/.test(digits)) return { ok: false, problem: 'format' };
  if (dammCheckDigit(digits) !== 0) return { ok: false, problem: 'check_digit' };
  return { ok: true, value: formatUrn(digits) };
}
