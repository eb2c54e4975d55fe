/**
 * A business account's history as records/business-history.ts reads it from the audit trail, the
 * events written by the activities themselves: access requests decided, withdrawn and expired, an
 * ownership transfer, the deletion; worded for the owner and proxies (bot/history/view.ts).
 * Only that business account's events; no free text and no contact value; the index serves it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, test } from '@jest/globals';
import { applyMemberChange, deleteBusinessAccount, updateBusinessContact } from '../activities/account-changes';
import { closeRequest, decideRequest, openRequest, type OpenRequestInput } from '../activities/role-requests';
import { historyView } from '../bot/history/view';
import type { Role } from '../domain/roles';
import { createDatabase, Prisma, type Database } from '../prisma/database';
import { businessHistoryPage, businessHistorySql } from '../records/business-history';
import { createBusinessAccount, createUserAccount } from '../testkit/fixtures';

const db: Database = createDatabase(process.env.DATABASE_URL!, { maxConnections: 4 });
afterAll(() => db.$disconnect());

const person = (givenName: string, familyName: string) =>
  createUserAccount(db, { givenName, familyName, credential: true });

async function request(
  businessAccountId: string,
  requester: string,
  role: Role,
  kind: OpenRequestInput['kind'] = 'access',
  subject = requester,
) {
  const requestId = randomUUID();
  const settlement = await openRequest(db, {
    requestId,
    workflowId: `${kind === 'access' ? 'role-request' : 'ownership-transfer'}:${businessAccountId}:${subject}`,
    kind,
    businessAccountId,
    requesterUserAccountId: requester,
    subjectUserAccountId: subject,
    role,
  });
  assert.equal(settlement.status, 'pending');
  return requestId;
}

/** The history's lines as the reader sees them, without their dates. */
async function linesOf(businessAccountId: string, locale: 'en' | 'fr' = 'en') {
  const page = await businessHistoryPage(db, businessAccountId, { direction: 'older' }, 50);
  const view = historyView({ locale, business: { id: businessAccountId, businessNumber: '123456782RM0001' }, page });
  return (view.blocks as { type: string; text?: { text: string } }[])
    .filter((b) => b.type === 'section')
    .map((b) => b.text!.text.replace(/^.* · /, ''));
}

describe('a business account’s history from the audit trail', () => {
  test('requests, an ownership transfer and the deletion, newest first, worded; nothing from elsewhere', async () => {
    const olive = await person('Olive', 'Owner');
    const pat = await person('Pat', 'Proxy');
    const [rémi, rita, raj, rex] = await Promise.all([
      person('Rémi', 'Requester'),
      person('Rita', 'Rejected'),
      person('Raj', 'Withdrawn'),
      person('Rex', 'Expired'),
    ]);
    const business = await createBusinessAccount(db, { owner: olive.id });
    const other = await createBusinessAccount(db, { owner: olive.id });
    await applyMemberChange(db, {
      changeId: randomUUID(),
      businessAccountId: business.id,
      actorUserAccountId: olive.id,
      subjectUserAccountId: pat.id,
      change: { kind: 'add', role: 'proxy' },
    });
    // Elsewhere: never in this history.
    await applyMemberChange(db, {
      changeId: randomUUID(),
      businessAccountId: other.id,
      actorUserAccountId: olive.id,
      subjectUserAccountId: rex.id,
      change: { kind: 'add', role: 'account_user' },
    });

    const approved = await request(business.id, rémi.id, 'account_user');
    await decideRequest(db, { requestId: approved, deciderUserAccountId: pat.id, decision: 'approve' });
    const rejected = await request(business.id, rita.id, 'account_browser');
    await decideRequest(db, {
      requestId: rejected,
      deciderUserAccountId: olive.id,
      decision: 'reject',
      reason: 'Free text only the requester reads',
    });
    const withdrawn = await request(business.id, raj.id, 'account_user');
    await closeRequest(db, { requestId: withdrawn, status: 'cancelled', closedBecause: 'withdrawn' });
    const expired = await request(business.id, rex.id, 'proxy');
    await closeRequest(db, { requestId: expired, status: 'expired' });
    await updateBusinessContact(db, {
      changeId: randomUUID(),
      businessAccountId: business.id,
      actorUserAccountId: olive.id,
      contact: {
        positionTitle: 'Owner',
        address: { line1: '99 Secret Rd', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1', country: 'CA' },
        phone: '+16135550100',
        email: 'owner@example.ca',
      },
    });
    const transfer = await request(business.id, olive.id, 'owner', 'ownership_transfer', pat.id);
    await decideRequest(db, { requestId: transfer, deciderUserAccountId: pat.id, decision: 'approve' });
    await deleteBusinessAccount(db, {
      changeId: randomUUID(),
      businessAccountId: business.id,
      actorUserAccountId: pat.id,
    });

    const lines = await linesOf(business.id);
    assert.deepEqual(lines, [
      'Pat Proxy deleted the business account.',
      'Rémi Requester’s role (Account user) ended when the business account was deleted.',
      'Pat Proxy’s role (Owner) ended when the business account was deleted.',
      'Olive Owner’s role (Proxy) ended when the business account was deleted.',
      'Pat Proxy accepted ownership.',
      'Olive Owner handed over ownership and is now Proxy.',
      'Pat Proxy became the owner (was Proxy).',
      'Olive Owner proposed to transfer ownership to Pat Proxy.',
      'Olive Owner updated the contact information: mailing address.',
      'Rex Expired’s request to join as a proxy expired undecided.',
      'Rex Expired asked to join as a proxy.',
      'Raj Withdrawn withdrew their request to join as an account user.',
      'Raj Withdrawn asked to join as an account user.',
      'Olive Owner rejected Rita Rejected’s request to join as an account browser.',
      'Rita Rejected asked to join as an account browser.',
      'Pat Proxy approved Rémi Requester’s request to join as an account user.',
      'Pat Proxy added Rémi Requester as an account user.',
      'Rémi Requester asked to join as an account user.',
      'Olive Owner added Pat Proxy as a proxy.',
    ]);
    const all = lines.join('\n');
    assert.ok(!all.includes('Free text') && !all.includes('Secret Rd'), 'no free text, no contact value');
    assert.ok(!all.includes('Rex Expired as an account user'), 'the other business account’s event is not here');

    const french = await linesOf(business.id, 'fr');
    assert.equal(french[0], 'Pat Proxy a supprimé le compte d’entreprise.');
    assert.equal(
      french[15],
      'Pat Proxy a approuvé la demande de Rémi Requester pour se joindre à titre d’utilisateur du compte.',
    );
  });

  test('the history query is served by audit_events_business_history_idx', async () => {
    const business = await createBusinessAccount(db);
    // With sequential scans off, the plan shows whether the index matches the query's expression.
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const from = { at: new Date(), id: 1n };
      const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
        Prisma.sql`EXPLAIN ${businessHistorySql(business.id, 'older', from, 11)}`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    assert.match(plan, /audit_events_business_history_idx/);
  });
});
