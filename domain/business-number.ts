/**
 * Canada Revenue Agency Business Numbers.
 *
 * A BN root is 9 digits whose last digit is a Luhn mod-10 check digit. A program account (BN15)
 * appends a 2-letter program identifier and a 4-digit reference number; exporters use the RM
 * (import-export) program account, e.g. `123026635RM0001`.
 */

import { englishArticleForLetters } from '../i18n/grammar';

export const EXPORT_PROGRAM_ID = 'RM';

export type BusinessNumberProblem =
  | { code: 'empty' }
  | { code: 'invalid_characters'; characters: string }
  | { code: 'wrong_length'; length: number }
  | { code: 'root_not_digits' }
  | { code: 'check_digit'; expected: number; actual: number }
  | { code: 'program_not_letters' }
  | { code: 'wrong_program'; program: string }
  | { code: 'reference_not_digits' }
  | { code: 'reference_zero' };

export type BusinessNumberResult = { ok: true; value: string } | { ok: false; problem: BusinessNumberProblem };

/** Luhn mod-10 check digit over the first 8 digits of a BN root. */
export function luhnCheckDigit(eightDigits: string): number {
  let sum = 0;
  for (let i = 0; i < eightDigits.length; i++) {
    let d = Number(eightDigits[i]);
    // Counting from the right of the full 9-digit number, every second digit is doubled.
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidBusinessNumberRoot(root: string): boolean {
  return /^\d{9}$/.test(root) && luhnCheckDigit(root.slice(0, 8)) === Number(root[8]);
}

/** Strip the spaces and dashes people type, and upper-case the program identifier. */
export function normaliseBusinessNumberInput(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * A business number as every message, view and script shows it: the 15 characters together, as
 * typed in the forms, printed by `cbsa:issue` and counted by the messages ("15 characters").
 */
export function formatBusinessNumber(businessNumber: string): string {
  return normaliseBusinessNumberInput(businessNumber);
}

/** Parses a BN15 for the RM program account, saying precisely what is wrong when it is not one. */
export function parseExportBusinessNumber(input: string): BusinessNumberResult {
  const value = normaliseBusinessNumberInput(input);
  if (value.length === 0) return { ok: false, problem: { code: 'empty' } };
  const bad = value.replace(/[0-9A-Z]/g, '');
  if (bad.length > 0) {
    return { ok: false, problem: { code: 'invalid_characters', characters: [...new Set(bad)].join('') } };
  }
  if (value.length !== 15) return { ok: false, problem: { code: 'wrong_length', length: value.length } };
  const root = value.slice(0, 9);
  const program = value.slice(9, 11);
  const reference = value.slice(11);
  if (!/^\d{9}$/.test(root)) return { ok: false, problem: { code: 'root_not_digits' } };
  const expected = luhnCheckDigit(root.slice(0, 8));
  if (expected !== Number(root[8])) {
    return { ok: false, problem: { code: 'check_digit', expected, actual: Number(root[8]) } };
  }
  if (!/^[A-Z]{2}$/.test(program)) return { ok: false, problem: { code: 'program_not_letters' } };
  if (program !== EXPORT_PROGRAM_ID) return { ok: false, problem: { code: 'wrong_program', program } };
  if (!/^\d{4}$/.test(reference)) return { ok: false, problem: { code: 'reference_not_digits' } };
  if (reference === '0000') return { ok: false, problem: { code: 'reference_zero' } };
  return { ok: true, value };
}

/** English explanation, used in failure messages and logs (the bot renders its own catalogue). */
export function describeBusinessNumberProblem(problem: BusinessNumberProblem): string {
  switch (problem.code) {
    case 'empty':
      return 'Enter your 15-character business number, for example 123456782RM0001.';
    case 'invalid_characters':
      return `The business number may contain only digits and letters (spaces and dashes are ignored); remove "${problem.characters}".`;
    case 'wrong_length':
      return `A business number for exports has 15 characters (9 digits, RM, 4 digits); you entered ${problem.length}.`;
    case 'root_not_digits':
      return 'The first 9 characters of the business number must be digits.';
    case 'check_digit':
      return 'The 9-digit business number root fails its check digit: one of the digits is probably mistyped. Compare it with your CRA documents.';
    case 'program_not_letters':
      return 'Characters 10 and 11 of the business number must be the letters of the program account, RM for exports.';
    case 'wrong_program':
      return `Exports use the RM (import-export) program account; you entered ${englishArticleForLetters(problem.program)} ${problem.program} account. Use the number that ends in RM followed by 4 digits.`;
    case 'reference_not_digits':
      return 'The last 4 characters of the business number must be digits, for example RM0001.';
    case 'reference_zero':
      return 'The program account reference cannot be 0000; CRA numbers them from 0001.';
  }
}
