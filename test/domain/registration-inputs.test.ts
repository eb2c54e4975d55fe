import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { z } from 'zod';
import { failureDetails, FailureType, invalidInput, type FieldIssue } from '../../domain/failures';
import {
  Applicant,
  BusinessAccountInput,
  BusinessNumber,
  CancelRegistrationInput,
  CredentialVerifiedInput,
  EmailAddress,
  MailingAddress,
  PhoneNumber,
  SharedSecret,
  UserAccountInput,
} from '../../domain/registration-inputs';

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  assert.ok(result.success, `expected ${JSON.stringify(value)} to be accepted: ${result.error?.message}`);
  return result.data;
}

function zodError(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  assert.equal(result.success, false, `expected ${JSON.stringify(value)} to be rejected`);
  return result.error;
}

/** The issues an applicant receives for `value`, as the workflow reports them. */
function issuesOf(schema: z.ZodType, value: unknown, prefix?: string): FieldIssue[] {
  const failure = invalidInput(zodError(schema, value), prefix);
  const issues = failureDetails(failure)?.issues;
  assert.ok(issues, 'the failure lists its issues');
  return issues;
}

/** [field, messageKey] pairs, for compact comparisons. */
function keysOf(schema: z.ZodType, value: unknown, prefix?: string): [string, string][] {
  return issuesOf(schema, value, prefix).map((i) => [i.field, i.messageKey]);
}

const address = { line1: '123 rue Wellington', city: 'Ottawa', province: 'on', postalCode: 'k1a0b1', country: 'ca' };
const userAccount = {
  givenName: 'Marie-Ève',
  familyName: "O'Connor-Tremblay",
  email: 'Marie@ExportCo.CA',
  phone: '613-555-0142',
  language: 'fr',
};
const businessAccount = {
  businessNumber: '123 026 635 RM 0001',
  sharedSecret: '  ABCD-EFGH-JKLM-NPQR  ',
  owner: {
    positionTitle: ' Directrice   des exportations ',
    address,
    phone: '+1 613 555 0199',
    email: 'exports@ExportCo.example.CA',
  },
};

describe('PhoneNumber', () => {
  test('normalises to E.164, North American numbers without +1 included', () => {
    const cases: [string, string][] = [
      ['613-555-0142', '+16135550142'],
      ['(613) 555-0142', '+16135550142'],
      ['613.555.0142', '+16135550142'],
      ['1 613 555 0142', '+16135550142'],
      ['+1 (613) 555-0142', '+16135550142'],
      ['(613) 555-0142 ext 12', '+16135550142 x12'],
      ['613-555-0142 x7', '+16135550142 x7'],
      ['613 555 0142 poste 345', '+16135550142 x345'],
      ['+44 20 7946 0000', '+442079460000'],
      ['  +33 1 23 45 67 89 ', '+33123456789'],
    ];
    for (const [typed, e164] of cases) assert.equal(parsed(PhoneNumber, typed), e164, typed);
  });

  test('rejects numbers that cannot be dialled, with phone_malformed', () => {
    for (const bad of [
      '555',
      '555-0142',
      'call me',
      '613-555-O142',
      '613-555-0142 ext',
      '+1 613 555 014',
      '+1 (013) 555-0142',
      '613-055-0142',
      '+1234567',
      '+1234567890123456',
      '23456789012',
    ]) {
      assert.deepEqual(keysOf(PhoneNumber, bad), [['', 'validation.phone_malformed']], bad);
    }
    assert.deepEqual(keysOf(PhoneNumber, '   '), [['', 'validation.required']]);
    assert.deepEqual(keysOf(PhoneNumber, undefined), [['', 'validation.required']]);
  });
});

describe('EmailAddress', () => {
  test('trims and lower-cases the domain, keeping the local part as typed', () => {
    assert.equal(parsed(EmailAddress, '  Marie.Tremblay@ExportCo.Example.CA '), 'Marie.Tremblay@exportco.example.ca');
    assert.equal(parsed(EmailAddress, 'a+b@x.ca'), 'a+b@x.ca');
  });

  test('malformed addresses are rejected with email_malformed, empty ones with required', () => {
    for (const bad of [
      'marie',
      'marie@',
      '@exportco.ca',
      'marie@exportco',
      'marie tremblay@exportco.ca',
      'marie@@exportco.ca',
      'marie@exportco..ca',
    ]) {
      const issues = issuesOf(EmailAddress, bad);
      assert.equal(issues.length, 1, bad);
      assert.equal(issues[0]!.messageKey, 'validation.email_malformed', bad);
      assert.match(issues[0]!.message, /name@example\.ca/);
    }
    assert.deepEqual(keysOf(EmailAddress, '  '), [['', 'validation.required']]);
    assert.deepEqual(keysOf(EmailAddress, `${'a'.repeat(250)}@x.ca`), [['', 'validation.too_long']]);
  });
});

describe('MailingAddress', () => {
  test('normalises Canadian postal codes and provinces', () => {
    const result = parsed(MailingAddress, address);
    assert.equal(result.postalCode, 'K1A 0B1');
    assert.equal(result.province, 'ON');
    assert.equal(result.country, 'CA');
    assert.equal(parsed(MailingAddress, { ...address, postalCode: ' h2x   1y4 ' }).postalCode, 'H2X 1Y4');
    assert.equal(
      parsed(MailingAddress, { ...address, line2: '' }).line2,
      undefined,
      'an empty optional line is dropped',
    );
    assert.equal(parsed(MailingAddress, { ...address, line2: ' Suite  400 ' }).line2, 'Suite 400');
  });

  test('bad province and postal code are reported on their own fields', () => {
    assert.deepEqual(keysOf(MailingAddress, { ...address, province: 'ZZ' }), [
      ['province', 'validation.province_code'],
    ]);
    assert.deepEqual(keysOf(MailingAddress, { ...address, province: 'Ontario' }), [
      ['province', 'validation.province_code'],
    ]);
    // D, F, I, O, Q, U never appear in Canadian postal codes; W and Z never start one.
    for (const postalCode of ['D1A 0B1', 'K1A 0O1', 'W1A 0B1', 'K1A0B', '12345', 'K1A-0B1']) {
      assert.deepEqual(
        keysOf(MailingAddress, { ...address, postalCode }),
        [['postalCode', 'validation.postal_code']],
        postalCode,
      );
    }
    assert.deepEqual(keysOf(MailingAddress, { ...address, province: 'XX', postalCode: 'nope' }), [
      ['province', 'validation.province_code'],
      ['postalCode', 'validation.postal_code'],
    ]);
  });

  test('outside Canada, province and postal code are free text; the country must be a 2-letter code', () => {
    const uk = parsed(MailingAddress, {
      line1: '10 Downing St',
      city: 'London',
      province: 'Greater London',
      postalCode: 'SW1A 2AA',
      country: 'gb',
    });
    assert.deepEqual([uk.country, uk.province, uk.postalCode], ['GB', 'Greater London', 'SW1A 2AA']);
    assert.deepEqual(keysOf(MailingAddress, { ...address, country: 'Canada' }), [
      ['country', 'validation.country_code'],
    ]);
  });

  test('an optional line sent as null or a number is a type error with a catalogue key', () => {
    assert.deepEqual(keysOf(MailingAddress, { ...address, line2: null }), [['line2', 'validation.invalid_type']]);
    assert.deepEqual(keysOf(MailingAddress, { ...address, line2: 4 }), [['line2', 'validation.invalid_type']]);
  });
});

describe('names and free text', () => {
  test('accepts accented, hyphenated and apostrophised names, collapsing whitespace', () => {
    const user = parsed(UserAccountInput, { ...userAccount, givenName: '  Marie-Ève  Josée ' });
    assert.equal(user.givenName, 'Marie-Ève Josée');
    assert.equal(user.familyName, "O'Connor-Tremblay");
    assert.equal(user.email, 'Marie@exportco.ca');
    assert.equal(user.phone, '+16135550142');
  });

  test('a typographic apostrophe (as phones type it) is accepted and stored as the plain one', () => {
    assert.equal(parsed(UserAccountInput, { ...userAccount, familyName: 'D’Amours' }).familyName, "D'Amours");
  });

  test('rejects digits, control characters and over-long text with specific keys', () => {
    assert.deepEqual(keysOf(UserAccountInput, { ...userAccount, familyName: 'Tremblay2' }), [
      ['familyName', 'validation.name_characters'],
    ]);
    assert.deepEqual(keysOf(UserAccountInput, { ...userAccount, familyName: '-Tremblay' }), [
      ['familyName', 'validation.name_characters'],
    ]);
    assert.deepEqual(keysOf(UserAccountInput, { ...userAccount, givenName: 'Ma\u200Brie' }), [
      ['givenName', 'validation.invalid_characters'],
    ]);
    assert.deepEqual(keysOf(UserAccountInput, { ...userAccount, givenName: 'M'.repeat(101) }), [
      ['givenName', 'validation.too_long'],
    ]);
    assert.deepEqual(keysOf(UserAccountInput, { ...userAccount, givenName: '   ' }), [
      ['givenName', 'validation.required'],
    ]);
    assert.deepEqual(keysOf(UserAccountInput, { ...userAccount, language: 'de' }), [
      ['language', 'validation.invalid_value'],
    ]);
  });

  test('an opaque credential subject must be printable ASCII without spaces', () => {
    assert.deepEqual(parsed(CredentialVerifiedInput, { provider: 'gckey', subject: 'PAI-0a1b2c' }), {
      provider: 'gckey',
      subject: 'PAI-0a1b2c',
    });
    assert.deepEqual(keysOf(CredentialVerifiedInput, { provider: 'gckey', subject: 'a b' }), [
      ['subject', 'validation.invalid_characters'],
    ]);
    assert.deepEqual(keysOf(CredentialVerifiedInput, { provider: 'facebook', subject: 'x' }), [
      ['provider', 'validation.invalid_value'],
    ]);
  });

  test('Slack identifiers', () => {
    assert.deepEqual(keysOf(Applicant, { channel: 'slack', teamId: 't-1', userId: 'U123' }), [
      ['teamId', 'validation.slack_id'],
    ]);
  });
});

describe('BusinessNumber and SharedSecret', () => {
  test('a valid BN is normalised', () => {
    assert.equal(parsed(BusinessNumber, '123-026-635-rm-0001'), '123026635RM0001');
  });

  test('each business-number problem becomes validation.business_number.<code>, with its English explanation', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['123026635/RM0001', 'invalid_characters'],
      ['123026635RM001', 'wrong_length'],
      ['12302663XRM0001', 'root_not_digits'],
      ['123456789RM0001', 'check_digit'],
      ['12302663511M0001'.slice(0, 15), 'program_not_letters'],
      ['123026635RT0001', 'wrong_program'],
      ['123026635RM00X1', 'reference_not_digits'],
      ['123026635RM0000', 'reference_zero'],
    ];
    for (const [typed, code] of cases) {
      const error = zodError(BusinessNumber, typed);
      assert.equal(error.issues.length, 1);
      assert.equal(error.issues[0]!.message, `business_number.${code}`, typed);
      const issues = issuesOf(BusinessNumber, typed, 'businessNumber');
      assert.deepEqual(
        issues.map((i) => [i.field, i.messageKey]),
        [['businessNumber', `validation.business_number.${code}`]],
      );
      assert.notEqual(issues[0]!.message, 'This value is not valid.', `${code} has a specific English message`);
    }
    assert.match(issuesOf(BusinessNumber, '123456789RM0001')[0]!.message, /check digit/);
  });

  test('the values a business-number message needs travel with the issue', () => {
    assert.deepEqual(issuesOf(BusinessNumber, '123026635RM001')[0]!.params, { length: 14 });
    assert.deepEqual(issuesOf(BusinessNumber, '123026635RT0001')[0]!.params, { program: 'RT' });
    assert.equal(issuesOf(PhoneNumber, '555')[0]!.params, undefined);
  });

  test('the shared secret is trimmed and must look like an activation code', () => {
    assert.equal(parsed(SharedSecret, '  ABCD-EFGH-JKLM-NPQR \n'), 'ABCD-EFGH-JKLM-NPQR');
    assert.deepEqual(keysOf(SharedSecret, 'short'), [['', 'validation.shared_secret_format']]);
    assert.deepEqual(keysOf(SharedSecret, 'x'.repeat(129)), [['', 'validation.shared_secret_format']]);
  });
});

describe('strict objects', () => {
  test('reject unknown keys, each reported at its own path', () => {
    assert.deepEqual(keysOf(UserAccountInput, { ...userAccount, isAdmin: true, role: 'owner' }), [
      ['isAdmin', 'validation.unrecognized_keys'],
      ['role', 'validation.unrecognized_keys'],
    ]);
    assert.deepEqual(
      keysOf(BusinessAccountInput, {
        ...businessAccount,
        owner: { ...businessAccount.owner, address: { ...address, unit: '4' } },
      }),
      [['owner.address.unit', 'validation.unrecognized_keys']],
    );
    assert.deepEqual(keysOf(CancelRegistrationInput, { reason: 'changed my mind', force: true }), [
      ['force', 'validation.unrecognized_keys'],
    ]);
  });

  test('missing fields are required (a missing choice asks for one of the allowed values)', () => {
    assert.deepEqual(keysOf(UserAccountInput, {}).sort(), [
      ['email', 'validation.required'],
      ['familyName', 'validation.required'],
      ['givenName', 'validation.required'],
      ['language', 'validation.invalid_value'],
      ['phone', 'validation.required'],
    ]);
  });
});

describe('BusinessAccountInput and invalidInput()', () => {
  test('a valid submission is normalised throughout', () => {
    const result = parsed(BusinessAccountInput, businessAccount);
    assert.equal(result.businessNumber, '123026635RM0001');
    assert.equal(result.sharedSecret, 'ABCD-EFGH-JKLM-NPQR');
    assert.equal(result.owner.positionTitle, 'Directrice des exportations');
    assert.equal(result.owner.address.postalCode, 'K1A 0B1');
    assert.equal(result.owner.phone, '+16135550199');
    assert.equal(result.owner.email, 'exports@exportco.example.ca');
  });

  test('one issue per field, with dotted field paths and catalogue keys', () => {
    const submission = {
      businessNumber: '123456789RM0001',
      sharedSecret: 'abc',
      owner: {
        positionTitle: '',
        address: { line1: 'x', city: 'Ottawa', province: 'ZZ', postalCode: 'D0D 0D0', country: 'CA' },
        phone: '555',
        email: 'exports',
      },
    };
    const failure = invalidInput(zodError(BusinessAccountInput, submission));
    assert.equal(failure.type, FailureType.InvalidInput);
    assert.equal(failure.nonRetryable, true);
    const details = failureDetails(failure);
    assert.equal(details?.messageKey, 'failure.invalid_input');
    assert.deepEqual(
      details?.issues?.map((i) => [i.field, i.messageKey]),
      [
        ['businessNumber', 'validation.business_number.check_digit'],
        ['sharedSecret', 'validation.shared_secret_format'],
        ['owner.positionTitle', 'validation.required'],
        ['owner.address.province', 'validation.province_code'],
        ['owner.address.postalCode', 'validation.postal_code'],
        ['owner.phone', 'validation.phone_malformed'],
        ['owner.email', 'validation.email_malformed'],
      ],
    );
    const postal = details?.issues?.find((i) => i.field === 'owner.address.postalCode');
    assert.equal(postal?.message, 'Enter a Canadian postal code like K1A 0B1.');
    assert.match(
      failure.message,
      /^Invalid input: businessNumber, sharedSecret, owner\.positionTitle, .*owner\.email$/,
    );
    // The failure names fields, never the values typed into them.
    assert.ok(!JSON.stringify(details).includes('123456789RM0001'));
    assert.ok(!failure.message.includes('exports'.concat('@')) && !failure.message.includes('555'));
  });

  test('a field with several problems is reported once, with the first problem', () => {
    const issues = issuesOf(UserAccountInput, {
      ...userAccount,
      givenName: `1${'\u0007'.repeat(3)}${'x'.repeat(200)}`,
    });
    assert.equal(issues.length, 1);
    assert.deepEqual([issues[0]!.field, issues[0]!.messageKey], ['givenName', 'validation.too_long']);
  });

  test('a prefix places the fields under the update they belong to', () => {
    assert.deepEqual(keysOf(MailingAddress, { ...address, postalCode: '123' }, 'owner.address'), [
      ['owner.address.postalCode', 'validation.postal_code'],
    ]);
  });
});
