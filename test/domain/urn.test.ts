import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, test } from '@jest/globals';
import { dammCheckDigit, formatUrn, parseUrn, urnFromPayload } from '../../domain/urn';

function randomPayload(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 10 }, () => String(randomInt(0, 10))).join('');
}

const SAMPLE = Array.from({ length: 200 }, () => urnFromPayload(randomPayload()).replace(/-/g, ''));

describe('URN', () => {
  test('urnFromPayload gives NNNN-NNNN-NNNN: the payload followed by its Damm check digit', () => {
    assert.equal(urnFromPayload('12345678901'), `1234-5678-901${dammCheckDigit('12345678901')}`);
    // Wikipedia's worked example: the Damm check digit of 572 is 4.
    assert.equal(dammCheckDigit('572'), 4);
    assert.equal(dammCheckDigit('5724'), 0);
    for (let i = 0; i < 50; i++) {
      const payload = randomPayload();
      const urn = urnFromPayload(payload);
      assert.match(urn, /^[1-9]\d{3}-\d{4}-\d{4}$/);
      assert.equal(urn.replace(/-/g, '').slice(0, 11), payload);
      assert.equal(dammCheckDigit(urn.replace(/-/g, '')), 0, 'a whole URN checks to 0');
    }
  });

  test('urnFromPayload refuses payloads that are not 11 digits with a non-zero first digit', () => {
    for (const bad of ['02345678901', '1234567890', '123456789012', '1234567890a', '']) {
      assert.throws(() => urnFromPayload(bad), /11 digits/, bad);
    }
  });

  test('parseUrn accepts the URN with or without dashes or spaces and returns the canonical form', () => {
    for (const digits of SAMPLE.slice(0, 20)) {
      const canonical = formatUrn(digits);
      for (const typed of [
        digits,
        canonical,
        canonical.replace(/-/g, ' '),
        ` ${digits.slice(0, 6)} ${digits.slice(6)} `,
        canonical.replace(/-/g, ' - '),
      ]) {
        assert.deepEqual(parseUrn(typed), { ok: true, value: canonical }, typed);
      }
    }
  });

  test('parseUrn rejects a wrong length, a leading zero and other characters as format errors', () => {
    const digits = SAMPLE[0]!;
    assert.deepEqual(parseUrn(digits.slice(0, 11)), { ok: false, problem: 'format' });
    assert.deepEqual(parseUrn(`${digits}0`), { ok: false, problem: 'format' });
    assert.deepEqual(parseUrn(''), { ok: false, problem: 'format' });
    assert.deepEqual(parseUrn(`${digits.slice(0, 4)}.${digits.slice(4)}`), { ok: false, problem: 'format' });
    assert.deepEqual(parseUrn(`${digits.slice(0, 11)}X`), { ok: false, problem: 'format' });
    // A leading zero is never issued, even when the check digit would fit.
    const zeroLed = `0${'12345678901'.slice(1)}`;
    assert.deepEqual(parseUrn(zeroLed + String(dammCheckDigit(zeroLed))), { ok: false, problem: 'format' });
  });

  test('the check digit catches every single-digit substitution of 200 random URNs', () => {
    let checked = 0;
    for (const digits of SAMPLE) {
      for (let position = 0; position < 12; position++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === digits[position]) continue;
          const typo = digits.slice(0, position) + String(d) + digits.slice(position + 1);
          const result = parseUrn(typo);
          assert.equal(result.ok, false, `${typo} (from ${digits}) was accepted`);
          // Only a zero typed first is a format error; every other typo is caught by the check digit.
          if (!(position === 0 && d === 0)) assert.deepEqual(result, { ok: false, problem: 'check_digit' }, typo);
          checked++;
        }
      }
    }
    assert.equal(checked, 200 * 12 * 9);
  });

  test('the check digit catches every adjacent transposition of 200 random URNs', () => {
    let checked = 0;
    for (const digits of SAMPLE) {
      for (let position = 0; position < 11; position++) {
        const [a, b] = [digits[position]!, digits[position + 1]!];
        if (a === b) continue; // swapping equal digits changes nothing
        const swapped = digits.slice(0, position) + b + a + digits.slice(position + 2);
        const result = parseUrn(swapped);
        assert.equal(result.ok, false, `${swapped} (from ${digits}) was accepted`);
        if (swapped[0] !== '0') assert.deepEqual(result, { ok: false, problem: 'check_digit' }, swapped);
        checked++;
      }
    }
    assert.ok(checked > 200 * 11 * 0.8, `checked ${checked} transpositions`);
  });
});
