/**
 * Property-based fuzzing (fast-check) of every boundary where outside data enters the domain:
 * the zod schemas of registration and membership inputs (what update validators and workflow
 * inputs parse), business numbers, URNs, the CBSA registry protocol, the worker's payload codec
 * and the client's failure mapping. Whatever arrives, nothing throws but a typed failure, every
 * message key is in the catalogue, and valid values round-trip (parsing what a parse returned
 * gives it back unchanged). CERS_FUZZ_RUNS sets the runs per property (default 200).
 *
 * zod is frozen first, as the worker shares it with every workflow (test/support/frozen-zod.ts):
 * a schema that writes to zod's shared state fails here, not in a workflow task.
 */
import '../support/frozen-zod';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { METADATA_ENCODING_KEY, defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { z } from 'zod';
import {
  ConfirmationBody,
  ConfirmationOutcomeSchema,
  RedemptionBody,
  RedemptionOutcomeSchema,
} from '../../activities/cbsa/registry-protocol';
import { CersFailure, cersFailureOf } from '../../client/failures';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA } from '../../client/encryption-codec';
import { luhnCheckDigit, parseExportBusinessNumber } from '../../domain/business-number';
import { FailureType, failureDetails, invalidInput } from '../../domain/failures';
import * as membershipInputs from '../../domain/membership-inputs';
import * as membershipSchemas from '../../domain/membership-schemas';
import { REFUSED_PAYLOAD_KEY, refusalOf } from '../../domain/payload-limits';
import * as registrationInputs from '../../domain/registration-inputs';
import * as registrationSchemas from '../../domain/registration-schemas';
import * as profileSchemas from '../../domain/profile-schemas';
import * as supportSchemas from '../../domain/support-schemas';
import * as termsSchemas from '../../domain/terms-schemas';
import { parseUrn, urnFromPayload } from '../../domain/urn';
import { hasMessage } from '../../i18n/catalogue';

const RUNS = Number(process.env.CERS_FUZZ_RUNS ?? 200);
const params = { numRuns: RUNS };

function isSchema(value: unknown): value is z.ZodType {
  return (
    typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}

/** Every ready-made schema, and every builder of domain/*-schemas.ts that takes no argument. */
const SCHEMAS: [string, z.ZodType][] = [];
for (const [name, value] of Object.entries({ ...registrationInputs, ...membershipInputs }) as [string, unknown][]) {
  if (isSchema(value)) SCHEMAS.push([name, value]);
}
const SCHEMA_MODULES = {
  ...registrationSchemas,
  ...membershipSchemas,
  ...profileSchemas,
  ...supportSchemas,
  ...termsSchemas,
};
for (const [name, build] of Object.entries(SCHEMA_MODULES) as [string, unknown][]) {
  if (typeof build !== 'function' || build.length !== 0) continue;
  const schema: unknown = (build as () => unknown)();
  if (isSchema(schema)) SCHEMAS.push([`${name}()`, schema]);
}

/** What an attacker can put in JSON, with the strings that break parsers most often. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u200B',
    '\uFEFF',
    '\uD800',
    '__proto__',
    'constructor',
    '<script>',
    '${x}',
    '%s%n',
    'x'.repeat(5000),
  ),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), {
      maxKeys: 6,
    }),
  ),
})).value;

/** Inputs shaped like ours with hostile values: the valid keys, anything in them. */
const shaped = (keys: string[]) => fc.record(Object.fromEntries(keys.map((k) => [k, json])), { requiredKeys: [] });

function assertTypedRefusal(error: z.ZodError, where: string): void {
  const failure = invalidInput(error);
  assert.equal(failure.type, FailureType.InvalidInput, where);
  const details = failureDetails(failure);
  assert.ok(details && hasMessage(details.messageKey), where);
  for (const issue of details.issues ?? []) {
    assert.ok(hasMessage(issue.messageKey), `${where}: ${issue.messageKey} is in the catalogue`);
    assert.equal(typeof issue.field, 'string');
  }
}

// ---------------------------------------------------------------------------------------------
// Valid values, generated.

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const validBusinessNumber = fc
  .tuple(digits(8), fc.integer({ min: 1, max: 9999 }))
  .map(([eight, ref]) => `${eight}${luhnCheckDigit(eight)}RM${String(ref).padStart(4, '0')}`);
const validUrn = fc
  .tuple(fc.integer({ min: 1, max: 9 }), digits(10))
  .map(([first, rest]) => urnFromPayload(`${first}${rest}`));
const letters = 'abcdefghijklmnopqrstuvwxyzéèàçôëïÉÈ';
const word = fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 12 });
const personName = fc.tuple(word, fc.option(word)).map(([a, b]) => (b ? `${a}-${b}` : a));
const ascii = fc.string({ unit: fc.constantFrom(...'abcdefxyz0189_+'), minLength: 1, maxLength: 8 });
const email = fc
  .tuple(
    fc.array(ascii, { minLength: 1, maxLength: 3 }),
    fc.string({ unit: fc.constantFrom(...'abcxyz'), minLength: 1, maxLength: 8 }),
    fc.boolean(),
  )
  .map(([local, domain, upper]) => `${local.join('.')}@${upper ? domain.toUpperCase() : domain}.ca`);
const phone = fc
  .tuple(fc.integer({ min: 2, max: 9 }), digits(2), fc.integer({ min: 2, max: 9 }), digits(6))
  .map(([a, b, c, d]) => `${a}${b}-${c}${d.slice(0, 2)}-${d.slice(2)}`);
const address = fc.record({
  line1: fc.constantFrom('123 rue Wellington', '1 Main St', '400-55 Metcalfe'),
  city: fc.constantFrom('Ottawa', 'Montréal', 'Halifax'),
  province: fc.constantFrom('ON', 'QC', 'NS', 'on'),
  postalCode: fc.constantFrom('K1A 0B1', 'k1a0b1', 'H2X 1Y4'),
  country: fc.constantFrom('CA', 'ca'),
});
const contact = fc.record({
  positionTitle: fc.constantFrom('Owner', 'Directrice des exportations'),
  address,
  phone,
  email,
});

const VALID: Record<string, fc.Arbitrary<unknown>> = {
  UserAccountInput: fc.record({
    givenName: personName,
    familyName: personName,
    email,
    phone,
    language: fc.constantFrom('en', 'fr'),
  }),
  BusinessAccountInput: fc.record({
    businessNumber: validBusinessNumber,
    sharedSecret: fc.string({
      unit: fc.constantFrom(...'ABCDEFGHJKMNPQRSTUVWXYZ23456789-'),
      minLength: 8,
      maxLength: 40,
    }),
    owner: contact,
  }),
  AddMemberInput: fc.record({
    urn: validUrn,
    familyName: personName,
    email,
    role: fc.constantFrom('proxy', 'account_user', 'account_browser'),
  }),
  AccessRequestInput: fc.record({
    businessNumber: validBusinessNumber,
    role: fc.constantFrom('proxy', 'account_user', 'account_browser'),
  }),
  BusinessUpdateInput: fc.record({ contact }),
  CredentialVerifiedInput: fc.record({
    provider: fc.constantFrom('gckey', 'sign-in-partner'),
    subject: fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 64,
    }),
  }),
};

describe('fuzzing the domain boundaries', () => {
  it(`covers every schema (${SCHEMAS.length})`, () => {
    assert.ok(SCHEMAS.length >= 30, SCHEMAS.map(([n]) => n).join(', '));
  });

  it('no input makes a schema throw: it parses, or it is refused as a typed InvalidInput with catalogued keys', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMAS),
        fc.oneof(json, shaped(['businessNumber', 'sharedSecret', 'owner', 'urn', 'role', 'email'])),
        ([name, schema], input) => {
          const result = schema.safeParse(input);
          if (!result.success) assertTypedRefusal(result.error, name);
        },
      ),
      params,
    );
  });

  for (const [name, arbitrary] of Object.entries(VALID)) {
    it(`valid ${name} values parse, and parse again to themselves`, () => {
      const schema =
        (registrationInputs as Record<string, unknown>)[name] ?? (membershipInputs as Record<string, unknown>)[name];
      assert.ok(isSchema(schema), name);
      fc.assert(
        fc.property(arbitrary, (value) => {
          const first = schema.safeParse(value);
          assert.ok(
            first.success,
            `${name} ${JSON.stringify(value)}: ${first.success ? '' : JSON.stringify(first.error.issues)}`,
          );
          const again = schema.safeParse(first.data);
          assert.ok(again.success);
          assert.deepEqual(again.data, first.data);
        }),
        params,
      );
    });
  }

  it('business numbers: any string is parsed or refused with a problem code, never thrown; valid ones in any spacing and case are found', () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        const result = parseExportBusinessNumber(text);
        if (!result.ok) assert.ok(hasMessage(`validation.business_number.${result.problem.code}`));
      }),
      params,
    );
    fc.assert(
      fc.property(validBusinessNumber, fc.constantFrom(' ', '-', '  '), fc.boolean(), (bn, separator, lower) => {
        const typed = `${bn.slice(0, 3)}${separator}${bn.slice(3, 9)}${separator}${lower ? bn.slice(9).toLowerCase() : bn.slice(9)}`;
        assert.deepEqual(parseExportBusinessNumber(typed), { ok: true, value: bn });
      }),
      params,
    );
  });

  it('URNs: any string is parsed or refused, never thrown; every single mistyped digit of a valid one is caught', () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        const result = parseUrn(text);
        if (result.ok) assert.match(result.value, /^[1-9]\d{3}-\d{4}-\d{4}$/);
      }),
      params,
    );
    fc.assert(
      fc.property(validUrn, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (urn, position, shift) => {
        assert.deepEqual(parseUrn(urn.replace(/-/g, ' ')), { ok: true, value: urn });
        const digitsOnly = urn.replace(/-/g, '');
        const mistyped =
          digitsOnly.slice(0, position) +
          String((Number(digitsOnly[position]) + shift) % 10) +
          digitsOnly.slice(position + 1);
        assert.equal(parseUrn(mistyped).ok, false, `${mistyped} (from ${digitsOnly})`);
      }),
      params,
    );
  });

  it('the CBSA registry protocol: any body or answer is parsed or refused, never thrown', () => {
    fc.assert(
      fc.property(
        fc.oneof(json, shaped(['attemptId', 'sharedSecret', 'reference', 'kind', 'attemptsRemaining', 'lockedUntil'])),
        (generated) => {
          // What the registry and its client parse is JSON.parse's output, as it crossed the wire: a
          // null-prototype object (which fast-check also generates, and on which zod's length checks
          // throw) cannot arrive that way.
          const body = (JSON.parse(JSON.stringify({ body: generated })) as { body?: unknown }).body;
          for (const schema of [RedemptionBody, ConfirmationBody, RedemptionOutcomeSchema, ConfirmationOutcomeSchema])
            schema.safeParse(body);
        },
      ),
      params,
    );
  });

  it('the worker’s codec: any payload is decoded or replaced by a refusal marker, never thrown', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const worker = new EncryptionCodec({ activeKeyId: 'k1', keys: { k1: key } }, { refuse: 'mark' });
    const bytes = fc.uint8Array({ maxLength: 512 });
    const payload = fc.record(
      {
        metadata: fc.dictionary(
          fc.oneof(fc.constantFrom(METADATA_ENCODING_KEY, KEY_ID_METADATA), fc.string({ maxLength: 10 })),
          fc.oneof(
            bytes,
            fc.constantFrom(ENCRYPTED_ENCODING, 'json/plain', 'k1', 'k2').map((s) => new TextEncoder().encode(s)),
          ),
          { maxKeys: 3 },
        ),
        data: bytes,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { maxLength: 4 }), async (payloads: Payload[]) => {
        const decoded = await worker.decode(payloads);
        assert.equal(decoded.length, payloads.length);
        for (const one of decoded) {
          const value = defaultPayloadConverter.fromPayload(one);
          if (refusalOf(value)) assert.ok(Object.keys(value as object).includes(REFUSED_PAYLOAD_KEY));
        }
      }),
      params,
    );
  });

  it('the client’s failure mapping: anything thrown becomes a documented failure type with catalogued words', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          json,
          fc.string().map((m) => new Error(m)),
          fc.integer().map((code) => Object.assign(new Error('grpc'), { code })),
        ),
        (error) => {
          const failure = cersFailureOf(error);
          assert.ok(failure instanceof CersFailure);
          assert.ok((Object.values(FailureType) as string[]).includes(failure.type));
          assert.ok(hasMessage(failure.details.messageKey));
        },
      ),
      params,
    );
  });
});
