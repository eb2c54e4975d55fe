/**
 * Issue 15, point 3 (part) through the Slack stand-in: a requester sees their own pending request
 * in `/cers accounts` and withdraws it (once, however often they click); a member leaves a
 * business account; the owner is refused until they transfer ownership.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { ActionId, CallbackId } from '../slack/ids';
import { roleIn } from '../testkit/fixtures';
import {
  buttonValue,
  click,
  dmsTo,
  hasCallback,
  hasText,
  submit,
  textOf,
  useBotStack,
  viewOf,
  waitForDms,
  waitForView,
  type BotTestStack,
} from './support/bot-stack';
import { businessWith, command, registered, withButtons, type Person } from './support/bot-people';

const stack = useBotStack();

/** The requester asks to join; returns once the owner has the request DM with its buttons. */
async function pendingRequest(s: BotTestStack, asker: Person, owner: Person, businessNumber: string) {
  const viewId = await command(s, asker.slackUserId, 'join', hasCallback(CallbackId.AccessRequestForm));
  await submit(s, asker.slackUserId, viewId, { businessNumber, role: 'account_user' });
  await waitForDms(s, owner.slackUserId, (ms) => ms.some(withButtons));
}

const hasWithdraw = (v: Record<string, unknown>) => buttonValue(v['blocks'], ActionId.WithdrawRequest) !== undefined;

describe('withdrawing one’s own request', () => {
  it('the requester sees it in /cers accounts and withdraws it; a double click and a Slack retry withdraw once', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner);
    await pendingRequest(stack, asker, owner, business.businessNumber);

    const viewId = await command(stack, asker.slackUserId, 'accounts', hasWithdraw);
    const shown = textOf(viewOf(stack, viewId).blocks);
    assert.match(shown, /Your requests waiting for a decision/);
    assert.ok(shown.includes(business.businessNumber.slice(0, 9)), 'names the business number');
    const value = buttonValue(viewOf(stack, viewId).blocks, ActionId.WithdrawRequest)!;
    const request = await stack.db.roleRequest.findFirstOrThrow({
      where: { requestedByUserAccountId: asker.userAccountId },
    });

    // Two clicks at once, and Slack retrying the first: one withdrawal.
    const [first] = await Promise.all([
      click(stack, asker.slackUserId, viewId, ActionId.WithdrawRequest, value),
      click(stack, asker.slackUserId, viewId, ActionId.WithdrawRequest, value),
    ]);
    await first.resend({ retryNum: 1 });

    // The owner's decision message now says it was withdrawn, and has no buttons left.
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Withdrawn by Rémi Requester')),
    );
    assert.ok(!dmsTo(stack, owner.slackUserId).some(withButtons), 'no buttons left on the owner’s message');
    await waitForView(stack, viewId, (v) => /is withdrawn|no longer waiting/.test(textOf(v.blocks)));

    const closed = await stack.db.roleRequest.findUniqueOrThrow({ where: { id: request.id } });
    assert.deepEqual([closed.status, closed.closedBecause], ['cancelled', 'withdrawn']);
    const audit = await stack.db.auditEvent.findMany({
      where: { subjectId: request.id, action: 'role_request.cancelled' },
    });
    assert.equal(audit.length, 1, 'audited once');
    assert.equal(audit[0]!.actor, `user:${asker.userAccountId}`, 'the requester acted');
    assert.deepEqual(audit[0]!.after, { status: 'cancelled', because: 'withdrawn' });
    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), null);

    // Opened again, the accounts view no longer offers it; a stale click is refused, nothing changes.
    const again = await command(stack, asker.slackUserId, 'accounts', hasText('Request access'));
    assert.ok(!hasWithdraw(viewOf(stack, again)), 'nothing left to withdraw');
    await click(stack, asker.slackUserId, again, ActionId.WithdrawRequest, value);
    await waitForView(stack, again, hasText('no longer waiting for a decision'));
    assert.equal(
      await stack.db.auditEvent.count({ where: { subjectId: request.id, action: 'role_request.cancelled' } }),
      1,
    );
  });

  it('in French; a forged Withdraw by someone else is refused and the request still waits', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Demandeur' }, 'fr-CA');
    const other = await registered(stack, { givenName: 'Xavier', familyName: 'Outsider' });
    const business = await businessWith(stack, owner);
    await pendingRequest(stack, asker, owner, business.businessNumber);

    const viewId = await command(stack, asker.slackUserId, 'accounts', hasWithdraw);
    assert.match(textOf(viewOf(stack, viewId).blocks), /Vos demandes en attente de décision/);
    const value = buttonValue(viewOf(stack, viewId).blocks, ActionId.WithdrawRequest)!;

    const theirs = await command(stack, other.slackUserId, 'accounts', hasText('Request access'));
    await click(stack, other.slackUserId, theirs, ActionId.WithdrawRequest, value);
    await waitForView(stack, theirs, hasText('Your role in this business account does not allow this.'));
    const request = await stack.db.roleRequest.findFirstOrThrow({
      where: { requestedByUserAccountId: asker.userAccountId },
    });
    assert.equal(request.status, 'pending');

    await click(stack, asker.slackUserId, viewId, ActionId.WithdrawRequest, value);
    await waitForView(stack, viewId, hasText('est retirée'));
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Withdrawn by Rémi Demandeur')),
    );
  });
});

/** Opens `/cers accounts` for `person`, ready with the Leave button on `businessAccountId`. */
async function accountsWithLeave(s: BotTestStack, person: Person, businessAccountId: string) {
  return command(
    s,
    person.slackUserId,
    'accounts',
    (v) => buttonValue(v['blocks'], ActionId.LeaveBusiness) === businessAccountId,
  );
}

describe('leaving a business account', () => {
  it('a proxy leaves (a double click leaves once); the owner and the other proxy are told; audited as membership.left', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const leaver = await registered(stack, { givenName: 'Lou', familyName: 'Leaver' });
    const business = await businessWith(stack, owner, [
      [proxy, 'proxy'],
      [leaver, 'proxy'],
    ]);

    const viewId = await accountsWithLeave(stack, leaver, business.id);
    const [first] = await Promise.all([
      click(stack, leaver.slackUserId, viewId, ActionId.LeaveBusiness, business.id),
      click(stack, leaver.slackUserId, viewId, ActionId.LeaveBusiness, business.id),
    ]);
    await first.resend({ retryNum: 1 });

    for (const told of [owner, proxy]) {
      await waitForDms(stack, told.slackUserId, (ms) =>
        ms.some((m) => /Lou Leaver left business account .* \(role: Proxy\)/.test(m.text ?? '')),
      );
    }
    await waitForView(stack, viewId, (v) =>
      /You left business account|no role in this business/.test(textOf(v.blocks)),
    );
    assert.equal(await roleIn(stack.db, business.id, leaver.userAccountId), null);
    const audit = await stack.db.auditEvent.findMany({
      where: { subjectId: `${business.id}:${leaver.userAccountId}`, action: 'membership.left' },
    });
    assert.equal(audit.length, 1, 'left once');
    assert.equal(audit[0]!.actor, `user:${leaver.userAccountId}`);
    assert.equal((audit[0]!.before as { role: string }).role, 'proxy');
    assert.equal(
      dmsTo(stack, owner.slackUserId).filter((m) => /Lou Leaver left/.test(m.text ?? '')).length,
      1,
      'the owner is told once',
    );
    // Every member reads it in the business account's messages.
    const theirs = await command(stack, owner.slackUserId, 'accounts', hasText('Request access'));
    await click(stack, owner.slackUserId, theirs, ActionId.ShowMessages, business.id);
    await waitForView(stack, theirs, hasText('Lou Leaver left (Proxy).'));
  });

  it('the owner is refused, told to transfer ownership first, in French too; nothing changes', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const business = await businessWith(stack, owner);
    const viewId = await accountsWithLeave(stack, owner, business.id);
    await click(stack, owner.slackUserId, viewId, ActionId.LeaveBusiness, business.id);
    await waitForView(stack, viewId, hasText('The owner cannot leave the business account: transfer ownership'));
    assert.equal(await roleIn(stack.db, business.id, owner.userAccountId), 'owner');

    const propriétaire = await registered(stack, { givenName: 'Odile', familyName: 'Propriétaire' }, 'fr-CA');
    const entreprise = await businessWith(stack, propriétaire);
    const vue = await accountsWithLeave(stack, propriétaire, entreprise.id);
    await click(stack, propriétaire.slackUserId, vue, ActionId.LeaveBusiness, entreprise.id);
    await waitForView(stack, vue, hasText('transférez d’abord la propriété'));
    assert.equal(await roleIn(stack.db, entreprise.id, propriétaire.userAccountId), 'owner');
    assert.equal(
      await stack.db.auditEvent.count({
        where: {
          subjectId: {
            in: [`${business.id}:${owner.userAccountId}`, `${entreprise.id}:${propriétaire.userAccountId}`],
          },
          action: 'membership.left',
        },
      }),
      0,
    );
  });
});
