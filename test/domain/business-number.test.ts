import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import {
  describeBusinessNumberProblem,
  isValidBusinessNumberRoot,
  luhnCheckDigit,
  normaliseBusinessNumberInput,
  parseExportBusinessNumber,
  type BusinessNumberProblem,
} from '../../domain/business-number';

/** Independent Luhn check over a whole number (python-stdnum's algorithm), to compare against. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}

function problemOf(input: string): BusinessNumberProblem {
  const result = parseExportBusinessNumber(input);
  assert.equal(result.ok, false, `${JSON.stringify(input)} should be rejected`);
  if (result.ok) throw new Error('unreachable');
  return result.problem;
}

describe('business number root check digit (Luhn mod 10)', () => {
  test('the reference examples', () => {
    assert.equal(luhnCheckDigit('12302663'), 5);
    assert.equal(luhnCheckDigit('12345678'), 2);
    assert.equal(isValidBusinessNumberRoot('123026635'), true);
    assert.equal(isValidBusinessNumberRoot('123456782'), true);
    assert.equal(isValidBusinessNumberRoot('123456789'), false);
  });

  test('agrees with an independent Luhn implementation, and exactly one check digit fits each root', () => {
    for (let n = 0; n < 2000; n++) {
      const eight = String((n * 7_919_113 + 10_000_019) % 100_000_000).padStart(8, '0');
      const valid = [...'0123456789'].filter((d) => isValidBusinessNumberRoot(eight + d));
      assert.deepEqual(valid, [String(luhnCheckDigit(eight))], eight);
      assert.equal(luhnValid(eight + valid[0]), true, eight);
    }
  });

  test('rejects roots that are not 9 digits', () => {
    assert.equal(isValidBusinessNumberRoot('12302663'), false);
    assert.equal(isValidBusinessNumberRoot('1230266350'), false);
    assert.equal(isValidBusinessNumberRoot('12302663A'), false);
  });
});

describe('parseExportBusinessNumber', () => {
  test('accepts a BN15 typed with spaces, dashes and a lower-case program id, in canonical form', () => {
    for (const typed of [
      '123026635RM0001',
      '123 026 635 RM 0001',
      '123-026-635-rm-0001',
      ' 123026635 rm0001 ',
      '123026635\tRm-0001',
      '123\u00a0026\u00a0635 RM0001',
    ]) {
      assert.deepEqual(parseExportBusinessNumber(typed), { ok: true, value: '123026635RM0001' }, typed);
    }
    assert.deepEqual(parseExportBusinessNumber('123456782RM0042'), { ok: true, value: '123456782RM0042' });
    assert.equal(normaliseBusinessNumberInput('123 026-635 rm 0001'), '123026635RM0001');
  });

  test('empty input', () => {
    assert.deepEqual(problemOf(''), { code: 'empty' });
    assert.deepEqual(problemOf('  - - '), { code: 'empty' });
  });

  test('invalid characters, each named once', () => {
    assert.deepEqual(problemOf('123026635/RM/0001'), { code: 'invalid_characters', characters: '/' });
    assert.deepEqual(problemOf('123.026.635_RM#0001.'), { code: 'invalid_characters', characters: '._#' });
  });

  test('wrong length, with the length entered after normalisation', () => {
    assert.deepEqual(problemOf('123026635'), { code: 'wrong_length', length: 9 });
    assert.deepEqual(problemOf('123 026 635 RM 001'), { code: 'wrong_length', length: 14 });
    assert.deepEqual(problemOf('123026635RM00011'), { code: 'wrong_length', length: 16 });
  });

  test('letters in the root', () => {
    assert.deepEqual(problemOf('12302663ORM0001'), { code: 'root_not_digits' });
    assert.deepEqual(problemOf('RM1234567890001'), { code: 'root_not_digits' });
  });

  test('check digit', () => {
    assert.deepEqual(problemOf('123456789RM0001'), { code: 'check_digit', expected: 2, actual: 9 });
    // A single mistyped digit anywhere in the root is caught.
    assert.equal(problemOf('123026636RM0001').code, 'check_digit');
    assert.equal(problemOf('123027635RM0001').code, 'check_digit');
  });

  test('program identifier not letters', () => {
    assert.deepEqual(problemOf('1230266351M0001'), { code: 'program_not_letters' });
  });

  test('wrong program account (RT, RP, RC are not the export account)', () => {
    assert.deepEqual(problemOf('123026635RT0001'), { code: 'wrong_program', program: 'RT' });
    assert.deepEqual(problemOf('123026635 rp 0001'), { code: 'wrong_program', program: 'RP' });
    assert.deepEqual(problemOf('123026635RC0001'), { code: 'wrong_program', program: 'RC' });
  });

  test('reference not digits', () => {
    assert.deepEqual(problemOf('123026635RM000A'), { code: 'reference_not_digits' });
  });

  test('reference 0000', () => {
    assert.deepEqual(problemOf('123026635RM0000'), { code: 'reference_zero' });
  });
});

describe('describeBusinessNumberProblem', () => {
  const cases: [BusinessNumberProblem, RegExp][] = [
    [{ code: 'empty' }, /Enter your 15-character business number/],
    [{ code: 'invalid_characters', characters: '/#' }, /only digits and letters.*remove "\/#"/],
    [{ code: 'wrong_length', length: 14 }, /15 characters.*you entered 14\./],
    [{ code: 'root_not_digits' }, /first 9 characters .* must be digits/],
    [{ code: 'check_digit', expected: 2, actual: 9 }, /check digit/],
    [{ code: 'program_not_letters' }, /Characters 10 and 11 .* letters/],
    [{ code: 'wrong_program', program: 'RT' }, /RM \(import-export\).*you entered an RT account/],
    [{ code: 'reference_not_digits' }, /last 4 characters .* must be digits/],
    [{ code: 'reference_zero' }, /cannot be 0000/],
  ];

  test('each problem gets its own specific explanation', () => {
    const messages = cases.map(([problem, expected]) => {
      const message = describeBusinessNumberProblem(problem);
      assert.match(message, expected, problem.code);
      return message;
    });
    assert.equal(new Set(messages).size, cases.length, 'no two problems share a message');
  });

  test('the explanation of what a user typed matches the problem found', () => {
    const result = parseExportBusinessNumber('123 456 789 RM 0001');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(describeBusinessNumberProblem(result.problem), /check digit/);
  });
});
