/**
 * README's privacy statement, checked: the audit trail holds identifiers and what happened, never
 * personal data. People register, an owner updates the business contact, approves a role request
 * and deletes the business, all through the workflows; then every audit_events row, read as JSON
 * text, holds none of the names, e-mails, phones, address parts, credential subjects, shared
 * secrets or free text they typed.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from '@jest/globals';
import {
  acceptTerms,
  acceptTermsVersion,
  cancelRegistration,
  credentialVerified,
  decideRoleRequest,
  registrationStatus,
  runAccountChange,
  skipBusinessAccount,
  startRoleRequest,
  submitBusinessAccount,
  submitUserAccount,
  termsAcceptanceWorkflowId,
  type RegistrationHandle,
} from '../client';
import { issueTestAuthorization, startTestRegistration, useTestStack } from './support/stack';

const stack = useTestStack();

/** Letters no other test types, so a match can only be this test's data. */
const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
const unique = letters(8);
const capitalised = unique[0]!.toUpperCase() + unique.slice(1);

const owner = {
  person: {
    givenName: `Gwenaëlle${capitalised}`,
    familyName: `Desrosiers${capitalised}`,
    email: `gwen.${unique}@exportco.example.ca`,
    phone: '(514) 555-0187',
    language: 'fr' as const,
  },
  subject: `pai-owner-${unique}`,
};
const joiner = {
  person: {
    givenName: `Théodore${capitalised}`,
    familyName: `Lachapelle${capitalised}`,
    email: `theo.${unique}@exportco.example.ca`,
    phone: '+1 902 555 0163',
    language: 'en' as const,
  },
  subject: `pai-joiner-${unique}`,
};
const firstContact = {
  positionTitle: `Directrice ${capitalised}`,
  address: {
    line1: `77 rue Sherbrooke ${capitalised}`,
    line2: `Bureau ${capitalised}`,
    city: `Montréal ${capitalised}`,
    province: 'QC',
    postalCode: 'h2x 1y4',
    country: 'CA',
  },
  phone: '514-555-0142',
  email: `ventes.${unique}@exportco.example.ca`,
};
const newContact = {
  positionTitle: `Gérante ${capitalised}`,
  address: {
    line1: `12 quai Vauban ${capitalised}`,
    city: `Marseille ${capitalised}`,
    province: `Provence ${capitalised}`,
    postalCode: `F-13002-${unique}`,
    country: 'FR',
  },
  phone: '+33 4 91 55 01 77',
  email: `export.${unique}@exportco.example.fr`,
};
const approvalReason = `Bienvenue ${capitalised}, tu gères les envois`;
const cancellationReason = `Je me suis trompé ${capitalised}`;
const wrongSecret = `WRONG-${unique}`;

/** Substrings that must not appear anywhere in the audit trail (long enough never to occur by chance). */
const personalText = (sharedSecret: string) => [
  sharedSecret,
  wrongSecret,
  owner.subject,
  joiner.subject,
  ...[owner.person, joiner.person].flatMap((p) => [p.givenName, p.familyName, p.email]),
  // Phones as typed and as stored (E.164).
  ...['555-0187', '5145550187', '555 0163', '9025550163', '555-0142', '5145550142', '4 91 55 01 77', '491550177'],
  firstContact.positionTitle,
  firstContact.address.line1,
  firstContact.address.line2,
  firstContact.address.city,
  'H2X 1Y4',
  firstContact.email,
  newContact.positionTitle,
  newContact.address.line1,
  newContact.address.city,
  newContact.address.province,
  newContact.address.postalCode,
  newContact.email,
  approvalReason,
  cancellationReason,
  // Each distinctive part alone, in case a value is split or re-cased.
  unique,
];
/** Address codes are too short to look for as substrings: no JSON value in the trail may be one. */
const ADDRESS_CODES = ['QC', 'CA', 'FR'];

async function registerUser(handle: RegistrationHandle, person: typeof owner | typeof joiner): Promise<string> {
  await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: person.subject }] });
  await handle.executeUpdate(acceptTerms, {
    args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
  });
  return (await handle.executeUpdate(submitUserAccount, { args: [person.person] })).urn;
}

/** Every string value in a JSON document, however deep. */
function stringValues(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringValues);
  return [];
}

async function eventually<T>(check: () => Promise<T | null | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(20)) {
    const value = await check();
    if (value) return value;
  }
  return assert.fail(`timed out waiting for ${what}`);
}

describe('audit trail privacy', () => {
  it('holds no name, e-mail, phone, address part, credential subject, shared secret or typed reason', async () => {
    const auth = await issueTestAuthorization(stack.db);
    const ownerRegistration = (await startTestRegistration(stack)).handle;
    const ownerUrn = await registerUser(ownerRegistration, owner);
    await ownerRegistration
      .executeUpdate(submitBusinessAccount, {
        args: [{ businessNumber: auth.businessNumber, sharedSecret: wrongSecret, owner: firstContact }],
      })
      .then(
        () => assert.fail('the wrong activation code was accepted'),
        () => undefined,
      );
    const { businessAccountId } = await ownerRegistration.executeUpdate(submitBusinessAccount, {
      args: [{ businessNumber: auth.businessNumber, sharedSecret: auth.sharedSecret, owner: firstContact }],
    });
    assert.equal((await ownerRegistration.result()).step, 'completed');

    const joinerRegistration = (await startTestRegistration(stack)).handle;
    const joinerUrn = await registerUser(joinerRegistration, joiner);
    await joinerRegistration.executeUpdate(skipBusinessAccount, { args: [{}] });
    assert.equal((await joinerRegistration.result()).step, 'completed');

    const abandoned = (await startTestRegistration(stack)).handle;
    await abandoned.signal(cancelRegistration, { reason: cancellationReason });
    assert.equal((await abandoned.result()).step, 'cancelled');

    const [ownerId, joinerId] = await Promise.all(
      [ownerUrn, joinerUrn].map(
        async (urn) => (await stack.db.userAccount.findUniqueOrThrow({ where: { urn }, select: { id: true } })).id,
      ),
    );
    const { handle: request } = await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'access',
        businessAccountId,
        requesterUserAccountId: joinerId!,
        subjectUserAccountId: joinerId!,
        role: 'account_user',
      },
      { businessNumber: auth.businessNumber },
    );
    await eventually(
      () => stack.db.roleRequest.findFirst({ where: { workflowId: request.workflowId, status: 'pending' } }),
      'the role request to be opened',
    );
    const decided = await request.executeUpdate(decideRoleRequest, {
      args: [{ deciderUserAccountId: ownerId!, deciderRole: 'owner', decision: 'approve', reason: approvalReason }],
    });
    assert.equal(decided.status, 'approved');

    const change = (body: Parameters<typeof runAccountChange>[2]['change']) =>
      runAccountChange(
        stack.client,
        stack.config,
        { businessAccountId, actorUserAccountId: ownerId!, change: body },
        randomUUID(),
        { businessNumber: auth.businessNumber },
      );
    assert.equal((await change({ kind: 'business.update', contact: newContact })).outcome, 'applied');
    assert.equal((await change({ kind: 'business.delete' })).outcome, 'applied');
    // A new Terms and Conditions version accepted (twice: recorded once).
    const terms = { userAccountId: ownerId!, version: `2099.${Date.now()}` };
    assert.equal((await acceptTermsVersion(stack.client, stack.config, terms)).outcome, 'accepted');
    assert.equal((await acceptTermsVersion(stack.client, stack.config, terms)).outcome, 'accepted');

    // What happened is all there: the test is not passing on an empty trail.
    const ours = await stack.db.auditEvent.findMany({
      where: {
        OR: [
          { subjectId: { startsWith: businessAccountId } },
          { subjectId: auth.businessNumber },
          { workflowId: { in: [ownerRegistration.workflowId, joinerRegistration.workflowId, abandoned.workflowId] } },
          { workflowId: request.workflowId },
          { workflowId: termsAcceptanceWorkflowId(terms.userAccountId, terms.version) },
        ],
      },
      orderBy: { id: 'asc' },
    });
    const actions = new Set(ours.map((e) => e.action));
    for (const action of [
      'user_account.created',
      'cbsa_authorization.secret_incorrect',
      'cbsa_authorization.used',
      'business_account.created',
      'registration.completed',
      'registration.cancelled',
      'role_request.opened',
      'membership.added',
      'role_request.approved',
      'business_account.contact_updated',
      'membership.removed',
      'business_account.deleted',
      'terms.accepted',
    ]) {
      assert.ok(actions.has(action), `no ${action} event among ${[...actions].join(', ')}`);
    }
    assert.deepEqual(
      ours.filter((e) => e.action === 'terms.accepted').map((e) => [e.subjectId, e.after]),
      [[ownerId, { version: terms.version }]],
    );
    const contactEvent = ours.find((e) => e.action === 'business_account.contact_updated')!;
    assert.deepEqual(
      [contactEvent.before, contactEvent.after],
      [
        null,
        {
          changed: [
            'ownerPositionTitle',
            'ownerAddressLine1',
            'ownerAddressLine2',
            'ownerCity',
            'ownerProvince',
            'ownerPostalCode',
            'ownerCountry',
            'ownerPhone',
            'ownerEmail',
          ],
        },
      ],
    );

    // Every row of the trail, as the database hands it to anyone allowed to read it.
    const rows = await stack.db.$queryRaw<{ text: string }[]>`SELECT row_to_json(a)::text AS text FROM audit_events a`;
    assert.ok(rows.length >= ours.length);
    for (const value of personalText(auth.sharedSecret)) {
      const holding = rows.filter((row) => row.text.toLowerCase().includes(value.toLowerCase()));
      assert.deepEqual(holding, [], `the audit trail holds "${value}"`);
    }
    for (const row of rows) {
      const codes = stringValues(JSON.parse(row.text)).filter((value) => ADDRESS_CODES.includes(value));
      assert.deepEqual(codes, [], `an address code in ${row.text}`);
    }
  });
});
