/**
 * The message catalogues: complete in both languages, and covering every key the code can produce.
 * The validation keys are derived from the code itself, by running every input schema over a
 * corpus of broken inputs, not from a list kept beside the catalogue.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from '@jest/globals';
import type { z } from 'zod';
import { failureDetails, invalidInput, type FieldIssue } from '../domain/failures';
import * as membershipInputs from '../domain/membership-inputs';
import * as registrationInputs from '../domain/registration-inputs';
import * as supportInputs from '../domain/support-inputs';
import * as profileInputs from '../domain/profile-inputs';
import { urnFromPayload } from '../domain/urn';
import type { InputBlock } from '@slack/types';
import { accessRequestForm, addMemberForm, contactForm, rejectRequestForm } from '../bot/accounts/views';
import * as forms from '../bot/ui/forms';
import type { FormField } from '../bot/ui/forms';
import { businessAccountForm, userAccountForm } from '../bot/registration/views';
import { roleParams } from '../slack/messages/role-requests';
import { ROLES } from '../domain/roles';
import { catalogues, translate, translator } from '../i18n/catalogue';
import { MODIFIERS, PLACEHOLDER, templatesOf, type Message } from '../i18n/grammar';

const ROOT = path.resolve(__dirname, '..');
const en: Record<string, Message> = catalogues.en;
const fr: Record<string, Message> = catalogues.fr;

/** The placeholder names of a message, over all its plural forms (`{program|with_article}` is `program`). */
function placeholders(message: Message): string[] {
  return [
    ...new Set(templatesOf(message).flatMap((template) => [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))),
  ].sort();
}

function source(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// What the validation code can produce.

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

const inputs = { ...registrationInputs, ...membershipInputs, ...supportInputs, ...profileInputs };
const CONTACT = {
  positionTitle: 'Export manager',
  address: {
    line1: '123 rue Wellington',
    line2: 'Suite 400',
    city: 'Ottawa',
    province: 'ON',
    postalCode: 'K1A 0B1',
    country: 'CA',
  },
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
  UserAccountInput: {
    givenName: 'Marie-Ève',
    familyName: "O'Connor",
    email: 'marie@exportco.ca',
    phone: '(613) 555-0142',
    language: 'fr',
  },
  BusinessNumber: '123026635RM0001',
  MailingAddress: {
    line1: '123 rue Wellington',
    line2: 'Suite 400',
    city: 'Ottawa',
    province: 'ON',
    postalCode: 'K1A 0B1',
    country: 'CA',
  },
  SharedSecret: 'ABCD-EFGH-JKLM-NPQR',
  BusinessAccountInput: {
    businessNumber: '123026635RM0001',
    sharedSecret: 'ABCD-EFGH-JKLM-NPQR',
    owner: CONTACT,
  },
  SkipBusinessAccountInput: {},
  ConfirmEmailInput: { code: '123 456' },
  CancelRegistrationInput: { reason: 'Registered by a colleague' },
  Applicant: { channel: 'slack', teamId: 'T0123ABCD', userId: 'U0123ABCD' },
  AccessRequestInput: { businessNumber: '123026635RM0001', role: 'account_user' },
  AddMemberInput: {
    urn: urnFromPayload('12345678901'),
    familyName: "O'Connor",
    email: 'marie@exportco.ca',
    role: 'account_browser',
  },
  ChangeRoleInput: { subjectUserAccountId: A_UUID, role: 'proxy' },
  RoleDecisionInput: {
    deciderUserAccountId: A_UUID,
    deciderRole: 'owner',
    decision: 'reject',
    reason: 'Unknown to us',
  },
  GrantableRole: 'proxy',
  BusinessUpdateInput: { contact: CONTACT },
  LiftLockInput: {
    businessNumber: '123026635RM0001',
    reason: 'Caller verified by the help desk',
    agent: 'jdoe@cbsa-asfc.gc.ca',
    requestId: A_UUID,
  },
  ResendReminderInput: { agent: 'jdoe', requestId: A_UUID },
  RegistrationTarget: { workflowId: 'registration:T0123ABCD:U0123ABCD' },
};

const JUNK: Json[] = [
  undefined,
  null,
  0,
  42,
  true,
  '',
  '   ',
  'x',
  'ZZ',
  'x'.repeat(600),
  'a\u0007b',
  'a\u200Bb',
  [],
  {},
  ['x'],
  { x: 1 },
];

/** Broken variants of a valid string: each character replaced, and every truncation. */
function stringVariants(valid: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i < valid.length; i++) {
    for (const ch of ['0', '9', 'A', 'z', '/', ' ', '\u0007'])
      variants.add(valid.slice(0, i) + ch + valid.slice(i + 1));
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
  return (
    typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
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
  const text = ['registration', 'membership', 'support', 'profile']
    .map((name) => source(`domain/${name}-schemas.ts`))
    .join('');
  return [
    ...new Set([...text.matchAll(/\b(?:error|message):\s*'([a-z_.]+)'/g)].map((m) => `validation.${m[1]}`)),
  ].sort();
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
        for (const template of templatesOf(message)) {
          assert.equal(typeof template, 'string', `${locale} ${key}`);
          assert.ok(template.trim().length > 0, `${locale} ${key} is empty`);
          assert.notEqual(template, key, `${locale} ${key} is the key itself`);
        }
      }
    }
  });

  test('each key has the same {placeholders} in both languages', () => {
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(fr[key]!), placeholders(en[key]!), key);
    }
  });

  test('placeholders are well formed (no stray braces, known modifiers only)', () => {
    for (const [locale, catalogue] of Object.entries({ en, fr })) {
      for (const [key, message] of Object.entries(catalogue)) {
        for (const template of templatesOf(message)) {
          const stripped = template.replace(PLACEHOLDER, '');
          assert.ok(!/[{}]/.test(stripped), `${locale} ${key} has a malformed placeholder`);
          for (const [, , modifier] of template.matchAll(PLACEHOLDER)) {
            if (modifier !== undefined)
              assert.ok(Object.hasOwn(MODIFIERS, modifier), `${locale} ${key}: unknown modifier ${modifier}`);
          }
        }
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
    assert.deepEqual(
      missing,
      [],
      `keys produced by domain/*-inputs.ts + failures.ts but missing from i18n: ${missing.join(', ')}`,
    );
    for (const key of produced) assert.match(key, /^validation\.[a-z_.]+$/);
  });

  test('every issue key written in the schemas, and every business-number problem, is produced and catalogued', () => {
    const declared = [...new Set([...literalSchemaKeys(), ...businessNumberProblemKeys()])].sort();
    assert.ok(
      declared.includes('validation.postal_code') && declared.includes('validation.business_number.empty'),
      'source extraction works',
    );
    assert.ok(
      declared.includes('validation.business_number.reference_zero'),
      'the whole BusinessNumberProblem union was read',
    );
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
      'Un numéro d’entreprise pour l’exportation compte 15 caractères (9 chiffres, RM, 4 chiffres); vous avez entré 14 caractères.',
    );
    assert.equal(translate('fr', 'validation.postal_code'), fr['validation.postal_code']);
  });

  test('fills a field issue with its own params', () => {
    const result = inputs.BusinessNumber.safeParse('123026635RT0001');
    assert.equal(result.success, false);
    const issue = failureDetails(invalidInput(result.error))!.issues![0]!;
    assert.equal(
      translate('en', issue.messageKey, issue.params),
      'Exports use the RM (import-export) program account; you entered an RT account. Use the number that ends in RM followed by 4 digits.',
    );
    assert.match(translate('fr', issue.messageKey, issue.params), /vous avez entré un compte RT\./);
  });

  test('leaves a placeholder without a value visible rather than inventing one', () => {
    assert.equal(
      translate('en', 'failure.wrong_step', {}),
      'Your registration is at the {step} step; this belongs to another step.',
    );
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

// ---------------------------------------------------------------------------------------------
// Grammar: plurals, English articles, French role phrases, labels Slack completes itself.

/** Placeholders that hold a count: a message using one must have plural forms over it. */
const COUNT_PARAMS = ['count', 'attemptsRemaining', 'length'];

/** Every placeholder filled with a neutral word (a consonant first, so it cannot hide an elision). */
function neutralParams(message: Message, extra: Record<string, string | number> = {}): Record<string, string | number> {
  return { ...Object.fromEntries(placeholders(message).map((name) => [name, 'Dupont'])), ...extra };
}

describe('plural forms', () => {
  test('a message with a count placeholder has plural forms over it, in both languages', () => {
    const counted = Object.keys(en).filter((key) => placeholders(en[key]!).some((name) => COUNT_PARAMS.includes(name)));
    assert.ok(counted.length >= 3, `found only ${counted.join(', ')}`);
    for (const key of counted) {
      for (const [locale, message] of [
        ['en', en[key]!],
        ['fr', fr[key]!],
      ] as const) {
        assert.equal(typeof message, 'object', `${locale} ${key} needs plural forms`);
        if (typeof message === 'object')
          assert.ok(COUNT_PARAMS.includes(message.param), `${locale} ${key} is plural over ${message.param}`);
      }
    }
  });

  test('plural entries agree between languages and use only categories the language has', () => {
    for (const key of Object.keys(en)) {
      const [english, french] = [en[key]!, fr[key]!];
      assert.equal(typeof english, typeof french, `${key}: plural in one language only`);
      if (typeof english !== 'object' || typeof french !== 'object') continue;
      assert.equal(french.param, english.param, key);
      for (const [locale, message] of [
        ['en-CA', english],
        ['fr-CA', french],
      ] as const) {
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        assert.ok(message.forms.other, `${locale} ${key} has no "other" form`);
        for (const category of Object.keys(message.forms)) {
          assert.ok(
            (categories as string[]).includes(category),
            `${locale} ${key}: ${category} is not a ${locale} plural category`,
          );
        }
      }
    }
  });

  test('every count message reads right for 1 and for 2, in both languages', () => {
    const counted = Object.keys(en).filter((key) => typeof en[key] === 'object');
    const rendered = (locale: 'en' | 'fr', key: string, n: number) => {
      const message = catalogues[locale][key as keyof typeof catalogues.en];
      assert.ok(typeof message === 'object');
      return translate(locale, key, neutralParams(message, { [message.param]: n }));
    };
    for (const key of counted) {
      for (const locale of ['en', 'fr'] as const) {
        const one = rendered(locale, key, 1);
        const two = rendered(locale, key, 2);
        assert.notEqual(one.replace(/\b1\b/, '2'), two, `${locale} ${key}: 1 and 2 take different words`);
        assert.doesNotMatch(one + two, /\{\w+\}|\(s\)/, `${locale} ${key}`);
      }
    }
    const incorrect = (locale: 'en' | 'fr', n: number) =>
      translate(locale, 'failure.shared_secret_incorrect', { attemptsRemaining: n });
    assert.match(incorrect('en', 1), /\b1 attempt remains\b/);
    assert.match(incorrect('en', 2), /\b2 attempts remain\b/);
    assert.match(incorrect('en', 0), /\b0 attempts remain\b/);
    assert.match(incorrect('fr', 1), /Il reste 1 essai avant/);
    assert.match(incorrect('fr', 2), /Il reste 2 essais avant/);
    assert.match(incorrect('fr', 0), /Il reste 0 essai avant/, 'French counts 0 in the singular');
    assert.equal(translate('en', 'accounts.pending_requests', { count: 1 }), '1 request waiting for a decision.');
    assert.equal(translate('en', 'accounts.pending_requests', { count: 2 }), '2 requests waiting for a decision.');
    assert.equal(translate('fr', 'accounts.pending_requests', { count: 1 }), '1 demande en attente de décision.');
    assert.equal(
      translate('fr', 'accounts.pending_requests', { count: 1500 }),
      '1\u00a0500 demandes en attente de décision.',
    );
    assert.match(
      translate('en', 'validation.business_number.wrong_length', { length: 1 }),
      /you entered 1 character\.$/,
    );
    assert.match(
      translate('fr', 'validation.business_number.wrong_length', { length: 16 }),
      /vous avez entré 16 caractères\.$/,
    );
  });

  test('no message writes a plural as "(s)"', () => {
    for (const [locale, catalogue] of Object.entries({ en, fr })) {
      for (const [key, message] of Object.entries(catalogue)) {
        for (const template of templatesOf(message)) assert.doesNotMatch(template, /\w\(s\)/, `${locale} ${key}`);
      }
    }
  });
});

describe('English articles before codes', () => {
  // The program identifiers CRA gives business numbers (RM is the one exports use).
  const CRA_PROGRAMS = ['RC', 'RD', 'RE', 'RG', 'RM', 'RN', 'RP', 'RR', 'RT', 'RZ', 'SL'];
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const wrongProgram = (program: string) => {
    const result = inputs.BusinessNumber.safeParse(`123026635${program}0001`);
    assert.equal(result.success, false);
    const issue = failureDetails(invalidInput(result.error))!.issues![0]!;
    assert.equal(issue.messageKey, 'validation.business_number.wrong_program');
    return { bot: translate('en', issue.messageKey, issue.params), english: issue.message };
  };

  test('"an" before a code whose first letter is said with a vowel sound, "a" before the others', () => {
    for (const program of CRA_PROGRAMS.filter((p) => p !== 'RM')) {
      assert.match(wrongProgram(program).bot, new RegExp(`you entered an ${program} account`));
    }
    assert.match(wrongProgram('BN').bot, /you entered a BN account/);
    assert.match(wrongProgram('UV').bot, /you entered a UV account/, 'U is said "you"');
    assert.match(wrongProgram('HX').bot, /you entered an HX account/, 'H is said "aitch"');
    assert.match(wrongProgram('FA').bot, /you entered an FA account/, 'F is said "eff"');
  });

  test('every two-letter program gets its article, in the catalogue and in the domain’s own English', () => {
    for (const first of LETTERS) {
      for (const second of LETTERS) {
        const program = first + second;
        if (program === 'RM') continue;
        const { bot, english } = wrongProgram(program);
        for (const text of [bot, english]) {
          assert.doesNotMatch(text, /\ba [AEFHILMNORSX][A-Z]\b/, text);
          assert.doesNotMatch(text, /\ban [BCDGJKPQTUVWYZ][A-Z]\b/, text);
        }
      }
    }
  });

  test('no English message hard-codes an article before a placeholder', () => {
    for (const [key, message] of Object.entries(en)) {
      for (const template of templatesOf(message)) assert.doesNotMatch(template, /\b(a|an|A|An) \*?\{/, key);
    }
  });
});

describe('roles inside sentences', () => {
  const sentencesWithRoles = (catalogue: Record<string, Message>) =>
    Object.entries(catalogue).filter(([, message]) =>
      placeholders(message).some((name) => name === 'role' || name === 'asRole'),
    );

  test('every role has its phrase with a preposition in both languages', () => {
    for (const role of ROLES) {
      assert.ok(Object.hasOwn(en, `role.as.${role}`), role);
      assert.ok(Object.hasOwn(fr, `role.as.${role}`), role);
    }
    assert.equal(translate('fr', 'role.as.account_user'), 'à titre d’utilisateur du compte');
    assert.equal(translate('en', 'role.as.account_user'), 'as an account user');
  });

  test('no French message puts a preposition or article of its own before a role', () => {
    for (const [key, message] of sentencesWithRoles(fr)) {
      for (const template of templatesOf(message)) {
        assert.doesNotMatch(template, /(?<!\p{L})(de|d’|à titre de|en tant que|le|la|un|une)\s*\*?\{role\}/u, key);
      }
    }
  });

  test('French role sentences read right with every role: elided "d’", role in lower case', () => {
    const checked: string[] = [];
    for (const [key, message] of sentencesWithRoles(fr)) {
      const t = translator('fr');
      for (const role of ROLES) {
        const text = translate('fr', key, neutralParams(message, roleParams(t, role)));
        checked.push(text);
        // "de" before a vowel or a mute h is elided: "d’utilisateur", never "de utilisateur".
        assert.doesNotMatch(
          text,
          /(?<!\p{L})(de|que|le|la|je|me|ne|se|te|ce) \*?[aeiouyhàâäéèêëîïôöûü]/iu,
          `${key}: ${text}`,
        );
        assert.doesNotMatch(text, /à titre d[e’] ?\*?[A-ZÀ-Ý]/, `${key}: ${text}`);
      }
    }
    assert.ok(
      checked.some((text) => text.includes('à titre d’utilisateur du compte')),
      'the elided phrase is used',
    );
    assert.ok(checked.length >= 4 * 10, `only ${checked.length} sentences checked`);
  });

  test('English role sentences read right with every role', () => {
    for (const [key, message] of sentencesWithRoles(en)) {
      for (const role of ROLES) {
        const text = translate('en', key, neutralParams(message, roleParams(translator('en'), role)));
        assert.doesNotMatch(text, /\ba [aeiou]/i, `${key}: ${text}`);
        assert.doesNotMatch(text, /\bas \*?(Owner|Proxy|Account)\b/, `${key}: ${text}`);
      }
    }
  });
});

describe('labels of optional inputs', () => {
  const OPTIONAL_WORDS = /\b(optional|facultati(f|ve))\b/i;

  test('no optional field’s label says "optional": Slack adds it', () => {
    const tables = Object.entries(forms).filter((entry): entry is [string, readonly FormField[]] =>
      /_FIELDS$/.test(entry[0]),
    );
    assert.ok(tables.length >= 8, `found ${tables.map(([name]) => name).join(', ')}`);
    const optional = tables.flatMap(([, fields]) => fields.filter((f) => f.optional));
    assert.ok(optional.length >= 2, 'address line 2 and the rejection reason are optional');
    for (const field of optional) {
      for (const locale of ['en', 'fr'] as const)
        assert.doesNotMatch(translate(locale, field.label), OPTIONAL_WORDS, field.path);
    }
  });

  test('the views the bot builds never label an optional input "optional"', () => {
    for (const locale of ['en', 'fr'] as const) {
      const business = { id: A_UUID, businessNumber: '123026635RM0001' };
      const views = [
        businessAccountForm(locale),
        businessAccountForm(locale, {
          values: { 'owner.address.line2': 'Suite 4' },
          errors: { sharedSecret: 'x' },
          actionIds: {},
        }),
        userAccountForm(locale),
        contactForm(locale, business, {}),
        rejectRequestForm({
          locale,
          requestValue: 'x',
          requester: 'Dupont',
          businessNumber: business.businessNumber,
          role: 'proxy',
        }),
        accessRequestForm(locale),
        addMemberForm(locale, A_UUID),
      ];
      const inputsSeen = views.flatMap((view) => view.blocks.filter((b): b is InputBlock => b.type === 'input'));
      const optional = inputsSeen.filter((b) => b.optional);
      assert.ok(optional.length >= 3, `${locale}: ${optional.length} optional inputs`);
      for (const block of optional)
        assert.doesNotMatch(block.label.text, OPTIONAL_WORDS, `${locale} ${block.block_id}`);
    }
  });
});
