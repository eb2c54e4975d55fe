/**
 * Every field a workflow message can carry is classified (domain/personal-data.ts), and masking
 * by role does what the classes say. The field names come from the input schemas themselves (a
 * new field in domain/*-schemas.ts fails here until it is classified) and, for the messages
 * typed without a schema (query and update results, activity inputs and results), from their
 * TypeScript types: `UnclassifiedFields` below fails `npm run typecheck` naming the field.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { z } from 'zod';
import type { CersActivities } from '../../activities';
import * as membershipSchemas from '../../domain/membership-schemas';
import type { FIELD_CLASSES } from '../../domain/personal-data';
import { MASKED, UNCLASSIFIED, classifyField, maskForRole, scrubFreeText } from '../../domain/personal-data';
import * as registrationSchemas from '../../domain/registration-schemas';
import * as supportSchemas from '../../domain/support-schemas';
import * as profileSchemas from '../../domain/profile-schemas';
import type { RequestDetails } from '../../domain/role-requests';
import type { AccountChangeInput, AccountChangeResult } from '../../workflows/account-change/definitions';
import type {
  RegistrationInput,
  RegistrationStatus,
  ResendReminderInput,
  ResendReminderResult,
} from '../../workflows/registration/definitions';
import type { RoleRequestInput, RoleRequestStatus } from '../../workflows/role-request/definitions';
import type { LiftLockInput, LiftLockResult } from '../../workflows/support/definitions';
import type {
  ConfirmEmailInput,
  ProfileChangeInput,
  ProfileChangeStatus,
} from '../../workflows/profile-change/definitions';

/** Every property name in T, at any depth. */
type Fields<T> = T extends readonly (infer E)[]
  ? Fields<E>
  : T extends Date | Uint8Array
    ? never
    : T extends object
      ? { [K in keyof T]-?: K | Fields<T[K]> }[keyof T]
      : never;

type Activity = CersActivities[keyof CersActivities];
type Carried =
  | RegistrationInput
  | RegistrationStatus
  | RoleRequestInput
  | RoleRequestStatus
  | AccountChangeInput
  | AccountChangeResult
  | RequestDetails
  | ResendReminderInput
  | ResendReminderResult
  | LiftLockInput
  | LiftLockResult
  | ProfileChangeInput
  | ProfileChangeStatus
  | ConfirmEmailInput
  | Parameters<Activity>[0]
  | Awaited<ReturnType<Activity>>;
type UnclassifiedFields = Exclude<Extract<Fields<Carried>, string>, keyof typeof FIELD_CLASSES>;
// `npm run typecheck` fails here, naming each field the workflows carry that domain/personal-data.ts does not classify.
const unclassifiedCarriedFields: Record<UnclassifiedFields, never> = {};

/** Property names of a zod schema, at any depth (objects, unions, pipes, optionals, arrays). */
function schemaFields(schema: z.ZodType, found = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const visit = (child: unknown) => child && schemaFields(child as z.ZodType, found);
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        found.add(key);
        visit(child);
      }
      break;
    case 'pipe':
      visit(def.in);
      visit(def.out);
      break;
    case 'union':
      (def.options as z.ZodType[]).forEach(visit);
      break;
    case 'array':
      visit(def.element);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      visit(def.innerType);
      break;
  }
  return found;
}

describe('personal data classification', () => {
  test('the typed messages have no unclassified field (checked when this file compiles)', () => {
    assert.deepEqual(Object.keys(unclassifiedCarriedFields), []);
  });

  test('every field of every input schema (domain/*-schemas.ts) is classified', () => {
    const fields = new Set<string>();
    for (const builder of [
      ...Object.values(registrationSchemas),
      ...Object.values(membershipSchemas),
      ...Object.values(supportSchemas),
      ...Object.values(profileSchemas),
    ]) {
      if (typeof builder === 'function') schemaFields((builder as (n?: number) => z.ZodType)(10), fields);
    }
    // The walk found the schemas' fields (not an empty set that would pass anything).
    for (const expected of ['givenName', 'sharedSecret', 'postalCode', 'subjectUserAccountId', 'kind'])
      assert.ok(fields.has(expected), `schema walk missed ${expected}`);
    const unclassified = [...fields].filter((field) => classifyField(field) === undefined);
    assert.deepEqual(unclassified, [], `classify these fields in domain/personal-data.ts: ${unclassified.join(', ')}`);
  });

  test('the person-identifying fields the issue names are personal, the shared secret is secret', () => {
    for (const field of ['givenName', 'familyName', 'email', 'phone', 'line1', 'city', 'postalCode', 'subject'])
      assert.equal(classifyField(field), 'personal', field);
    assert.equal(classifyField('sharedSecret'), 'secret');
    // Unlisted names that look like secrets are secrets too.
    assert.equal(classifyField('clientSecret'), 'secret');
    assert.equal(classifyField('apiToken'), 'secret');
  });
});

describe('masking by role', () => {
  const business = {
    businessNumber: '123456782RM0001',
    sharedSecret: 'ACTIVATION-CODE-123',
    owner: {
      positionTitle: 'Director',
      address: { line1: '1 Wellington St', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1', country: 'CA' },
      phone: '+16135550199',
      email: 'owner@example.ca',
    },
  };

  test('operators see identifiers and statuses, personal fields masked, no secret', () => {
    assert.deepEqual(maskForRole(business, 'operator'), {
      businessNumber: '123456782RM0001',
      owner: {
        positionTitle: MASKED,
        address: { line1: MASKED, city: MASKED, province: MASKED, postalCode: MASKED, country: MASKED },
        phone: MASKED,
        email: MASKED,
      },
    });
  });

  test('privacy officers see personal data, still no secret', () => {
    const { sharedSecret, ...rest } = business;
    assert.ok(sharedSecret);
    assert.deepEqual(maskForRole(business, 'privacy-officer'), rest);
  });

  test('an unclassified field is hidden from operators, shown to privacy officers', () => {
    assert.deepEqual(maskForRole({ step: 'terms', nickname: 'Bob' }, 'operator'), {
      step: 'terms',
      nickname: UNCLASSIFIED,
    });
    assert.deepEqual(maskForRole({ nickname: 'Bob' }, 'privacy-officer'), { nickname: 'Bob' });
  });

  test('failure attributes: operators get the message scrubbed and no stack trace', () => {
    const failure = {
      message: 'duplicate key for marie.tremblay@example.ca, call 613-555-0142',
      stack_trace: 'Error: at createUserAccount (marie.tremblay@example.ca)',
    };
    assert.deepEqual(maskForRole(failure, 'operator'), {
      message: 'duplicate key for [e-mail], call [phone]',
    });
    assert.deepEqual(maskForRole(failure, 'privacy-officer'), failure);
  });

  test('free text keeps what is not an e-mail or phone number', () => {
    assert.equal(scrubFreeText('Step 3 of 4, attempt 2 at 2026-01-05'), 'Step 3 of 4, attempt 2 at 2026-01-05');
    assert.equal(scrubFreeText('Reach +44 20 7946 0000'), 'Reach [phone]');
  });

  test('opaque structures are masked whole for operators', () => {
    assert.deepEqual(maskForRole({ messageKey: 'notice.reminder', params: { name: 'Marie' } }, 'operator'), {
      messageKey: 'notice.reminder',
      params: MASKED,
    });
  });
});
