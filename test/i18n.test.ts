/**
 * The message catalogues: complete in both languages, and covering every key the code can produce.
 * The validation keys are derived from the code itself, by running every input schema over a
 * corpus of broken inputs, not from a list kept beside the catalogue.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { z } from 'zod';
import { failureDetails, invalidInput, type FieldIssue } from '../domain/failures';
import * as membershipInputs from '../domain/membership-inputs';
import * as registrationInputs from '../domain/registration-inputs';
import { urnFromPayload } from '../domain/urn';
import { catalogues, translate } from '../i18n/catalogue';

const ROOT = path.resolve(__dirname, '..');
const en: Record<string, string> = catalogues.en;
const fr: Record<string, string> = catalogues.fr;

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

function source(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// What the validation code can produce.

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

const inputs = { ...registrationInputs, ...membershipInputs };
const CONTACT = {
  positionTitle: 'Export manager',
  address: { line1: '123 rue Wellington', line2: 'Suite 400', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1', country: 'CA' },
  phone: '+44 20 7946 0000',
  email: 'exports@exportco.ca',
};
const A_UUID = '0b7e6c2a-3f4d-4a5b-8c9d-0e1f2a3b4c5d';

/** A valid value for every schema domain/registration-inputs.ts and membership-inputs.ts export. */
const VALID_SAMPLES: Record<string, Json> = {
  Locale: 'en',
  CredentialProvider: 'gckey',
  EmailAddress: 'marie@exportco.ca',
  PhoneNumber: '613-555-0142 ext 12',
  CredentialVerifiedInput: { provider: 'gckey', subject: 'PAI-0a1b2c3d' },
  AcceptTermsInput: { version: '2026-01' },
  UserAccountInput: { givenName: 'Marie-Ève', familyName: "O'Connor", email: 'marie@exportco.ca', phone: '(613) 555-0142', language: 'fr' },
  BusinessNumber: '123026635RM0001',
  MailingAddress: { line1: '123 rue Wellington', line2: 'Suite 400', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1', country: 'CA' },
  SharedSecret: 'ABCD-EFGH-JKLM-NPQR',
  BusinessAccountInput: {
    businessNumber: '123026635RM0001',
    sharedSecret: 'ABCD-EFGH-JKLM-NPQR',
    owner: CONTACT,
  },
  SkipBusinessAccountInput: {},
  CancelRegistrationInput: { reason: 'Registered by a colleague' },
  Applicant: { channel: 'slack', teamId: 'T0123ABCD', userId: 'U0123ABCD' },
  AccessRequestInput: { businessNumber: '123026635RM0001', role: 'account_user' },
  AddMemberInput: { urn: urnFromPayload('12345678901'), familyName: "O'Connor", email: 'marie@exportco.ca', role: 'account_browser' },
  ChangeRoleInput: { subjectUserAccountId: A_UUID, role: 'proxy' },
  RoleDecisionInput: { deciderUserAccountId: A_UUID, deciderRole: 'owner', decision: 'reject', reason: 'Unknown to us' },
  GrantableRole: 'proxy',
  BusinessUpdateInput: { contact: CONTACT },
};

const JUNK: Json[] = [undefined, null, 0, 42, true, '', '   ', 'x', 'ZZ', 'x'.repeat(600), 'a\u0007b', 'a\u200Bb', [], {}, ['x'], { x: 1 }];

/** Broken variants of a valid string: each character replaced, and every truncation. */
function stringVariants(valid: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i < valid.length; i++) {
    for (const ch of ['0', '9', 'A', 'z', '/', ' ', '\u0007']) variants.add(valid.slice(0, i) + ch + valid.slice(i + 1));
    variants.add(valid.slice(0, i));
  }
  variants.add(valid + '0');
  variants.add(valid.repeat(20));
  return [...variants];
}

/** Every way to break `valid` in one place: at the top, at each field, or with an extra key. */
function brokenVariants(valid: Json): Json[] {
  const variants: Json[] = [...JUNK];
  if (typeof valid === 'string') variants.push(...stringVariants(valid));
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    variants.push({ ...valid, unexpectedField: 'x' });
    for (const [key, value] of Object.entries(valid)) {
      for (const broken of brokenVariants(value)) variants.push({ ...valid, [key]: broken });
      const without = { ...valid };
      delete without[key];
      variants.push(without);
    }
  }
  return variants;
}

function isSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';
}

/** Every issue the schemas produce over the corpus, as the workflow would report them. */
function producedIssues(): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, schema] of Object.entries(inputs)) {
    if (!isSchema(schema)) continue;
    assert.ok(name in VALID_SAMPLES, `add a valid sample for the new schema ${name} to this test`);
    const valid = VALID_SAMPLES[name];
    assert.equal(schema.safeParse(valid).success, true, `the sample for ${name} is valid`);
    for (const variant of brokenVariants(valid)) {
      const result = schema.safeParse(variant);
      if (!result.success) issues.push(...(failureDetails(invalidInput(result.error))?.issues ?? []));
    }
  }
  return issues;
}

/** The issue keys written as literals in the schema source (`{ error: 'x' }`, `message: 'x'`). */
function literalSchemaKeys(): string[] {
  const text = source('domain/registration-schemas.ts') + source('domain/membership-schemas.ts');
  return [...new Set([...text.matchAll(/\b(?:error|message):\s*'([a-z_.]+)'/g)].map((m) => `validation.${m[1]}`))].sort();
}

/** The problem codes declared by domain/business-number.ts's BusinessNumberProblem type. */
function businessNumberProblemKeys(): string[] {
  const text = source('domain/business-number.ts');
  const union = /export type BusinessNumberProblem =([\s\S]*?)\n\n/.exec(text)?.[1] ?? '';
  return [...union.matchAll(/code:\s*'([a-z_]+)'/g)].map((m) => `validation.business_number.${m[1]}`).sort();
}

/** The issue keys failures.ts has English for (what invalidInput can name from zod's own codes). */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return name.endsWith('.ts') ? [relative] : [];
  });
}

// ---------------------------------------------------------------------------------------------

describe('message catalogues', () => {
  test('en and fr have exactly the same keys', () => {
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
  });

  test('no message is empty or left untranslated as a bare key', () => {
    for (const [locale, catalogue] of Object.entries({ en, fr })) {
      for (const [key, message] of Object.entries(catalogue)) {
        assert.equal(typeof message, 'string', `${locale} ${key}`);
        assert.ok(message.trim().length > 0, `${locale} ${key} is empty`);
        assert.notEqual(message, key, `${locale} ${key} is the key itself`);
      }
    }
  });

  test('each key has the same {placeholders} in both languages', () => {
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(fr[key]!), placeholders(en[key]!), key);
    }
  });

  test('placeholders are well formed (no stray braces)', () => {
    for (const [locale, catalogue] of Object.entries({ en, fr })) {
      for (const [key, message] of Object.entries(catalogue)) {
        const stripped = message.replace(/\{\w+\}/g, '');
        assert.ok(!/[{}]/.test(stripped), `${locale} ${key} has a malformed placeholder`);
      }
    }
  });
});

describe('catalogue coverage of what the code produces', () => {
  const issues = producedIssues();
  const produced = [...new Set(issues.map((i) => i.messageKey))].sort();

  test('the corpus exercises the validation code (sanity)', () => {
    assert.ok(issues.length > 1000, `only ${issues.length} issues`);
    assert.ok(produced.length >= 20, `only ${produced.length} distinct keys: ${produced.join(', ')}`);
  });

  test('every validation messageKey the schemas produce exists in the catalogue', () => {
    const missing = produced.filter((key) => !(key in en));
    assert.deepEqual(missing, [], `keys produced by domain/*-inputs.ts + failures.ts but missing from i18n: ${missing.join(', ')}`);
    for (const key of produced) assert.match(key, /^validation\.[a-z_.]+$/);
  });

  test('every issue key written in the schemas, and every business-number problem, is produced and catalogued', () => {
    const declared = [...new Set([...literalSchemaKeys(), ...businessNumberProblemKeys()])].sort();
    assert.ok(
      declared.includes('validation.postal_code') && declared.includes('validation.business_number.empty'),
      'source extraction works',
    );
    assert.ok(declared.includes('validation.business_number.reference_zero'), 'the whole BusinessNumberProblem union was read');
    assert.deepEqual(
      declared.filter((key) => !produced.includes(key)),
      [],
      'declared in the code but never produced by the corpus: extend the corpus',
    );
    assert.deepEqual(
      declared.filter((key) => !(key in en)),
      [],
    );
  });

  test('the English of every issue is the catalogue text, placeholders filled', () => {
    assert.ok(issues.length > 0);
    for (const issue of issues) {
      assert.ok(issue.messageKey in en, `${issue.messageKey} missing from the catalogue`);
      assert.equal(issue.message, translate('en', issue.messageKey, issue.params), `English of ${issue.messageKey}`);
      assert.doesNotMatch(issue.message, /\{\w+\}/, `unfilled placeholder in ${issue.messageKey}`);
    }
  });

  test('the catalogue has no validation message the code cannot produce', () => {
    const catalogued = Object.keys(en).filter((key) => key.startsWith('validation.'));
    assert.deepEqual(
      catalogued.filter((key) => !produced.includes(key)),
      [],
    );
  });

  test('every {placeholder} of a produced validation message is supplied by the issue', () => {
    for (const issue of issues) {
      for (const name of placeholders(en[issue.messageKey] ?? '')) {
        assert.ok(
          issue.params && name in issue.params,
          `${issue.messageKey} needs {${name}} but the issue has params ${JSON.stringify(issue.params)}`,
        );
      }
    }
  });

  test('every failure messageKey written in the code exists in the catalogue', () => {
    const files = ['domain', 'activities', 'workflows', 'client', 'service'].flatMap((dir) => sourceFiles(dir));
    const keys = new Set<string>();
    for (const file of files) {
      for (const match of source(file).matchAll(/messageKey:\s*'([\w.]+)'/g)) keys.add(match[1]!);
    }
    assert.ok(keys.has('failure.invalid_input'), 'source extraction works');
    assert.deepEqual([...keys].filter((key) => !(key in en)).sort(), []);
  });
});

describe('translate', () => {
  test('fills placeholders in the requested language', () => {
    assert.equal(
      translate('en', 'failure.shared_secret_incorrect', { attemptsRemaining: 3 }),
      'The activation code (shared secret) is not correct. 3 attempts remain before this business number is locked for 24 hours.',
    );
    assert.equal(
      translate('fr', 'validation.business_number.wrong_length', { length: 14 }),
      'Un numéro d’entreprise pour l’exportation compte 15 caractères (9 chiffres, RM, 4 chiffres); vous en avez entré 14.',
    );
    assert.equal(translate('fr', 'validation.postal_code'), fr['validation.postal_code']);
  });

  test('fills a field issue with its own params', () => {
    const result = inputs.BusinessNumber.safeParse('123026635RT0001');
    assert.equal(result.success, false);
    const issue = failureDetails(invalidInput(result.error))!.issues![0]!;
    assert.equal(
      translate('en', issue.messageKey, issue.params),
      'Exports use the RM (import-export) program account; you entered a RT account. Use the number that ends in RM followed by 4 digits.',
    );
    assert.match(translate('fr', issue.messageKey, issue.params), /vous avez entré un compte RT\./);
  });

  test('leaves a placeholder without a value visible rather than inventing one', () => {
    assert.equal(translate('en', 'failure.wrong_step', {}), 'Your registration is at the {step} step; this belongs to another step.');
  });

  test('falls back to English when the French message is missing, and to the key when both are', () => {
    const key = 'failure.terms_version';
    const french = fr[key]!;
    try {
      Reflect.deleteProperty(fr, key);
      assert.equal(
        translate('fr', key, { version: '2026-01' }),
        'The Terms and Conditions changed; please read and accept version 2026-01.',
      );
    } finally {
      fr[key] = french;
    }
    assert.equal(
      translate('fr', key, { version: '2026-01' }),
      'Les conditions d’utilisation ont changé; veuillez lire et accepter la version 2026-01.',
    );
    assert.equal(translate('fr', 'no.such.key'), 'no.such.key');
  });
});
