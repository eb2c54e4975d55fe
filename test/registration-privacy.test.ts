/**
 * Operators see every registration, but never secrets or personal data: raw history holds only
 * encrypted payloads, and the visibility store (search attributes, for every workflow kind) holds
 * the step, statuses and keyed digests, never a URN, business number, name or e-mail; the query an
 * operator builds from a typed URN or business number still finds the workflows.
 */
import { collectPayloads } from './support/codec';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import {
  CersBusinessNumberDigest,
  CersRequestKind,
  CersRequestStatus,
  CersStep,
  CersUrnDigest,
  acceptTerms,
  credentialVerified,
  decideRoleRequest,
  registrationQuery,
  registrationStatus,
  runAccountChange,
  searchKeyOf,
  startRoleRequest,
  submitBusinessAccount,
  submitUserAccount,
} from '../client';
import { createUserAccount } from '../testkit/fixtures';
import { urnFromPayload } from '../domain/urn';
import { searchQueryLines } from '../operators/support/commands/query';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../client/encryption-codec';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  useTestStack,
} from './support/stack';

const stack = useTestStack();

/** A registration walked to completed, with a wrong shared secret on the way. */
async function completedRegistration() {
  const auth = await issueTestAuthorization(stack.db);
  const { handle } = await startTestRegistration(stack);
  const subject = `pai-private-${Math.random()}`;
  const business = sampleBusinessAccount(auth.businessNumber, auth.sharedSecret);
  await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] });
  await handle.executeUpdate(acceptTerms, {
    args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
  });
  const { urn } = await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
  // A wrong secret first, so failure details are in history too.
  await handle
    .executeUpdate(submitBusinessAccount, { args: [{ ...business, sharedSecret: 'WRONG-SECRET-1234' }] })
    .catch(() => undefined);
  const { businessAccountId } = await handle.executeUpdate(submitBusinessAccount, { args: [business] });
  await handle.result();
  return { auth, handle, subject, business, urn, businessAccountId };
}

/** The workflow ids `query` finds, once the visibility store has caught up with `expected` (10 s at most). */
async function workflowsFound(query: string, expected: string[]): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found: string[] = [];
    for await (const execution of stack.client.workflow.list({ query })) found.push(execution.workflowId);
    found.sort();
    if (found.join() === [...expected].sort().join() || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('history privacy', () => {
  it('stores no secret, URN, business number, name, e-mail, phone, address or credential subject in clear text', async () => {
    const { auth, handle, subject, business, urn } = await completedRegistration();

    const raw = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: stack.config.temporal.namespace,
      execution: { workflowId: handle.workflowId },
    });
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(raw.history!).finish());
    const secrets = [
      // Search attributes are in history too (upserts): digests only.
      urn,
      urn.replace(/-/g, ''),
      auth.businessNumber,
      auth.sharedSecret,
      'WRONG-SECRET-1234',
      subject,
      sampleUserAccount.givenName,
      'Marie',
      'Tremblay',
      sampleUserAccount.email,
      'oconnor',
      '6135550142',
      '555-0142',
      business.owner.email,
      '6135550199',
      business.owner.address.line1,
      'Wellington',
      business.owner.positionTitle,
      // Failure messages are encrypted too (only the failure type stays readable).
      'The shared secret is incorrect',
    ];
    for (const secret of secrets) {
      assert.equal(bytes.includes(Buffer.from(secret)), false, `history contains "${secret}" in clear text`);
    }

    const payloads = collectPayloads(raw.history);
    assert.ok(payloads.length >= 8, `expected the registration's payloads, found ${payloads.length}`);
    for (const { path, payload } of payloads) {
      // Local-activity markers carry the SDK's own bookkeeping (activity id, type, attempt, time)
      // in clear; the activity's result beside it is encrypted. Patch markers carry only the patch
      // id (`completion-notice`) and whether it is deprecated.
      if (/markerRecordedEventAttributes\.details\.(data|patch-data)\./.test(path)) continue;
      assert.equal(
        Buffer.from(payload.metadata?.['encoding'] ?? []).toString(),
        ENCRYPTED_ENCODING,
        `payload at ${path}`,
      );
      assert.equal(
        Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString(),
        stack.config.payloadKeys!.activeKeyId,
      );
    }

    assert.ok(bytes.includes(Buffer.from('SharedSecretIncorrect')), 'failure types stay readable for operators');

    // What operators need stays searchable, by the digests of the values they type.
    const key = searchKeyOf(stack.config);
    const byBoth = `${registrationQuery({ urn }, key)} AND ${registrationQuery({ businessNumber: auth.businessNumber }, key)} AND CersStep="completed"`;
    assert.deepEqual(await workflowsFound(byBoth, [handle.workflowId]), [handle.workflowId]);
  });
});

describe('visibility privacy', () => {
  it('holds no clear URN, business number, name or e-mail for any workflow, and the typed URN or BN finds them all', async () => {
    const { auth, handle, business, urn, businessAccountId } = await completedRegistration();
    const owner = await stack.db.userAccount.findUniqueOrThrow({ where: { urn } });

    // A role request, approved by the owner: its status follows it in CersRequestStatus.
    const asker = await createUserAccount(stack.db, { credential: true, familyName: 'Lefebvre-Visible' });
    const { handle: request } = await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'access',
        businessAccountId,
        requesterUserAccountId: asker.id,
        subjectUserAccountId: asker.id,
        role: 'account_user',
      },
      { businessNumber: auth.businessNumber, urn: asker.urn },
    );
    const approved = await request.executeUpdate(decideRoleRequest, {
      args: [{ deciderUserAccountId: owner.id, deciderRole: 'owner', decision: 'approve' }],
    });
    assert.equal(approved.status, 'approved');
    await request.result();

    // Two account changes: one applied (new contact details), one refused (nobody matches).
    const newContact = { ...business.owner, email: 'nouvelle.adresse@exportco.example.ca' };
    const change = (kind: string, body: Parameters<typeof runAccountChange>[2]['change']) =>
      runAccountChange(
        stack.client,
        stack.config,
        { businessAccountId, actorUserAccountId: owner.id, change: body },
        `${kind}-${handle.workflowId}`,
        { businessNumber: auth.businessNumber, urn },
      );
    await change('contact', { kind: 'business.update', contact: newContact });
    const stranger = { urn: urnFromPayload('99998888777'), familyName: 'Inconnu-Visible', email: 'inconnu@example.ca' };
    await assert.rejects(
      change('add', { kind: 'members.add', role: 'account_browser', ...stranger }),
      (error: { cause?: { type?: string } }) => error.cause?.type === 'UserNotMatched',
    );

    // Typed as a person would: URN with spaces, business number with spaces and in lower case.
    const key = searchKeyOf(stack.config);
    const typedUrn = urn.replace(/-/g, ' ');
    const typedBn = auth.businessNumber.replace(/^(\d{9})(RM)(\d{4})$/, '$1 rm $3');
    const changeIds = [`contact-${handle.workflowId}`, `add-${handle.workflowId}`].map(
      (k) => `account-change:${businessAccountId}:${k}`,
    );
    const byBn = [handle.workflowId, request.workflowId, ...changeIds];
    // The owner's URN: their registration and the changes they made; the asker's: their request.
    const byOwnerUrn = [handle.workflowId, ...changeIds];
    // As the operator's command prints it (npm run support -- query urn 1234 5678 9012).
    const printed = searchQueryLines(['urn', ...typedUrn.split(' ')], stack.config)[0]!.replace(/^query:\s+/, '');
    assert.equal(printed, registrationQuery({ urn }, key));
    assert.deepEqual(await workflowsFound(printed, byOwnerUrn), [...byOwnerUrn].sort());
    const askerQuery = registrationQuery({ urn: asker.urn.replace(/-/g, ' ') }, key);
    assert.deepEqual(await workflowsFound(askerQuery, [request.workflowId]), [request.workflowId]);
    assert.deepEqual(await workflowsFound(registrationQuery({ businessNumber: typedBn }, key), byBn), [...byBn].sort());

    // Each kind with its own attributes: CersStep for registrations only, statuses for the others.
    const attributes = async (workflowId: string) => {
      const { typedSearchAttributes: sa } = await stack.client.workflow.getHandle(workflowId).describe();
      return {
        step: sa.get(CersStep),
        urn: sa.get(CersUrnDigest),
        bn: sa.get(CersBusinessNumberDigest),
        kind: sa.get(CersRequestKind),
        status: sa.get(CersRequestStatus),
      };
    };
    const digestIn = (query: string) => /"([0-9a-f]{32})"$/.exec(query)![1];
    const [ownerDigest, askerDigest, bnDigest] = [
      printed,
      askerQuery,
      registrationQuery({ businessNumber: typedBn }, key),
    ].map(digestIn);
    assert.deepEqual(await attributes(handle.workflowId), {
      step: 'completed',
      urn: ownerDigest,
      bn: bnDigest,
      kind: undefined,
      status: undefined,
    });
    assert.deepEqual(await attributes(request.workflowId), {
      step: undefined,
      urn: askerDigest,
      bn: bnDigest,
      kind: 'access',
      status: 'approved',
    });
    assert.deepEqual(await attributes(changeIds[0]!), {
      step: undefined,
      urn: ownerDigest,
      bn: bnDigest,
      kind: 'business.update',
      status: 'applied',
    });
    assert.deepEqual(await attributes(changeIds[1]!), {
      step: undefined,
      urn: ownerDigest,
      bn: bnDigest,
      kind: 'members.add',
      status: 'refused',
    });

    // The visibility store as the Web UI and the CLI read it: list and describe, in raw bytes.
    const namespace = stack.config.temporal.namespace;
    const listed = await stack.client.workflowService.listWorkflowExecutions({
      namespace,
      query: registrationQuery({ businessNumber: auth.businessNumber }, key),
    });
    const raw = [temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse.encode(listed).finish()];
    for (const workflowId of byBn) {
      const described = await stack.client.workflowService.describeWorkflowExecution({
        namespace,
        execution: { workflowId },
      });
      raw.push(temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(described).finish());
    }
    const visible = Buffer.concat(raw);
    assert.ok(visible.includes(Buffer.from(CersBusinessNumberDigest.name)), 'the search attributes are there');
    const personal = [
      urn,
      urn.replace(/-/g, ''),
      auth.businessNumber,
      auth.businessNumber.slice(0, 9),
      sampleUserAccount.givenName,
      sampleUserAccount.familyName,
      sampleUserAccount.email,
      business.owner.email,
      newContact.email,
      asker.urn,
      asker.email,
      'Lefebvre-Visible',
      stranger.urn,
      stranger.familyName,
      stranger.email,
    ];
    for (const value of personal) {
      assert.equal(visible.includes(Buffer.from(value)), false, `the visibility store holds "${value}" in clear`);
    }
  });
});
