/**
 * Roles and approvals end to end through the Slack stand-in: a registered user asks to join a
 * business account, deciders get a DM with Approve / Reject, the decision lands once, every
 * decider's message shows the outcome, the requester is told; `/cers accounts` shows memberships,
 * members and messages; forged, stale and tampered interactions are refused and change nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { ActionId, CallbackId } from '../slack/ids';
import {
  CersBusinessNumberDigest,
  CersRequestStatus,
  CersUrnDigest,
  registrationQuery,
  roleRequestWorkflowId,
  searchKeyOf,
} from '../client';
import { urnFromPayload } from '../domain/urn';
import { roleIn } from '../testkit/fixtures';
import {
  buttonValue,
  click,
  describeEachTransport,
  dmsTo,
  hasCallback,
  hasText,
  newSlackUser,
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

/** The requester asks through `/cers join`; returns the modal's last view. */
async function askToJoin(s: BotTestStack, person: Person, businessNumber: string, role: string) {
  const viewId = await command(s, person.slackUserId, 'join', hasCallback(CallbackId.AccessRequestForm));
  const delivery = await submit(s, person.slackUserId, viewId, { businessNumber, role });
  return { viewId, delivery };
}

/** The decider's request DM (the one with buttons). */
async function requestDm(s: BotTestStack, decider: Person) {
  const [message] = (await waitForDms(s, decider.slackUserId, (ms) => ms.some(withButtons))).filter(withButtons);
  return message!;
}

async function clickOnMessage(
  s: BotTestStack,
  who: Person,
  message: { channel: string; ts: string },
  actionId: string,
  value: string,
) {
  return s.slack.driver.blockAction({
    userId: who.slackUserId,
    actionId,
    value,
    message: { channel: message.channel, ts: message.ts },
  });
}

/** What the bot said to the clicker only (response_url), once it said it. */
async function privateReply(s: BotTestStack, delivery: { responseUrlId?: string }): Promise<string> {
  const [post] = await s.slack.waitForResponseUrlPosts(delivery.responseUrlId!, { timeoutMs: 10_000 });
  const body = post!.body as { text?: string; response_type?: string; replace_original?: boolean };
  assert.equal(body.response_type, 'ephemeral');
  assert.equal(body.replace_original, false, 'the request message itself is left alone');
  return body.text ?? '';
}

// The request → decision flow runs over both transports (HTTP and Socket Mode), each on its own stack.
describeEachTransport('access requests through Slack', (stack) => {
  it('request → owner and proxy DM’d → the proxy approves → one membership, every message settled, the requester told', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner, [[proxy, 'proxy']]);

    const { delivery, viewId } = await askToJoin(stack, asker, business.businessNumber, 'account_user');
    assert.equal(delivery.ack?.['response_action'], 'update');
    assert.match(textOf(viewOf(stack, viewId).blocks), /was sent to its owner and proxies/);

    const toOwner = await requestDm(stack, owner);
    const toProxy = await requestDm(stack, proxy);
    for (const detail of ['Rémi Requester', asker.urn, asker.email, 'Account user', business.businessNumber]) {
      assert.ok(textOf(toOwner.blocks).includes(detail), `the owner sees ${detail}`);
    }
    const value = buttonValue(toProxy.blocks, ActionId.ApproveRequest)!;

    // Slack retries the click twice (no ack seen): one decision.
    const approval = await clickOnMessage(stack, proxy, toProxy, ActionId.ApproveRequest, value);
    assert.equal(approval.status, 200);
    await approval.resend({ retryNum: 1 });
    await approval.resend({ retryNum: 2 });

    for (const decider of [owner, proxy]) {
      const [settled] = await waitForDms(stack, decider.slackUserId, (ms) =>
        ms.some((m) => textOf(m.blocks).includes('Approved by Pat Proxy')),
      );
      assert.ok(settled);
      assert.ok(!dmsTo(stack, decider.slackUserId).some(withButtons), 'no buttons left on any decider’s message');
    }
    await waitForDms(stack, asker.slackUserId, (ms) => ms.some((m) => /was approved by Pat Proxy/.test(m.text ?? '')));
    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), 'account_user');
    assert.equal(
      await stack.db.auditEvent.count({
        where: { subjectId: `${business.id}:${asker.userAccountId}`, action: 'membership.added' },
      }),
      1,
    );
    // Operators find the request by the asker's URN or the business number, as typed, never in clear.
    const key = searchKeyOf(stack.config);
    const request = roleRequestWorkflowId('access', business.id, asker.userAccountId);
    const { typedSearchAttributes: sa } = await stack.client.workflow.getHandle(request).describe();
    assert.deepEqual([sa.get(CersUrnDigest), sa.get(CersBusinessNumberDigest), sa.get(CersRequestStatus)].map(String), [
      /"(\w+)"$/.exec(registrationQuery({ urn: asker.urn.replace(/-/g, ' ') }, key))![1],
      /"(\w+)"$/.exec(registrationQuery({ businessNumber: business.businessNumber.toLowerCase() }, key))![1],
      'approved',
    ]);

    // The owner's click on the old value, after the decision: told who decided, nothing changes.
    const late = await clickOnMessage(stack, owner, toOwner, ActionId.ApproveRequest, value);
    assert.match(await privateReply(stack, late), /already decided by Pat Proxy/);
    assert.equal(await stack.db.membership.count({ where: { businessAccountId: business.id } }), 3);
  });

  it('a rejection with a reason, in French for a French requester; the reason reaches them', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Demandeur' }, 'fr-CA');
    const business = await businessWith(stack, owner);
    await askToJoin(stack, asker, business.businessNumber, 'account_browser');
    const toOwner = await requestDm(stack, owner);

    const reject = await clickOnMessage(
      stack,
      owner,
      toOwner,
      ActionId.RejectRequest,
      buttonValue(toOwner.blocks, ActionId.RejectRequest)!,
    );
    const [opened] = await stack.slack.waitForCalls('views.open', {
      where: (c) => c.args['trigger_id'] === reject.triggerId,
      timeoutMs: 5_000,
    });
    const formId = (opened!.response['view'] as { id: string }).id;
    assert.equal(viewOf(stack, formId).callback_id, CallbackId.RejectRequestForm);
    const submitted = await submit(stack, owner.slackUserId, formId, { reason: 'We do not know you <@U0ALL>' });
    assert.equal(submitted.ack?.['response_action'], 'clear');

    const [told] = await waitForDms(stack, asker.slackUserId, (ms) =>
      ms.some((m) => /refusée par Olive Owner/.test(m.text ?? '')),
    );
    const shown = textOf(told!.blocks);
    assert.ok(shown.includes('Motif donné'), 'in French');
    assert.ok(shown.includes('&lt;@U0ALL&gt;'), 'the reason is shown inert, not as a mention');
    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), null);
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Rejected by Olive Owner')),
    );
  });

  it('is refused, with the reason, to someone unregistered, for an unknown number, for a member, and when one is pending', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const business = await businessWith(stack, owner);

    // Signed in to Slack but never registered: told to register first.
    const stranger = newSlackUser(stack);
    const notRegistered = await command(stack, stranger, 'join', hasText('Finish your registration first'));
    assert.ok(notRegistered);

    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const unknown = await askToJoin(stack, asker, '123456782RM0001', 'account_user');
    assert.deepEqual(unknown.delivery.ack?.['errors'], {
      businessNumber:
        'No active business account has this business number. Check it, or ask the business to register first.',
    });
    const malformed = await askToJoin(stack, asker, '12345', 'account_user');
    assert.ok((malformed.delivery.ack?.['errors'] as Record<string, string>)['businessNumber']);

    const ownRequest = await askToJoin(stack, owner, business.businessNumber, 'proxy');
    assert.deepEqual(ownRequest.delivery.ack?.['errors'], {
      businessNumber: 'You are already a member of this business account.',
    });

    await askToJoin(stack, asker, business.businessNumber, 'account_user');
    await requestDm(stack, owner);
    const again = await askToJoin(stack, asker, business.businessNumber, 'proxy');
    assert.match(textOf(viewOf(stack, again.viewId).blocks), /already asked to join/);
    assert.equal(dmsTo(stack, owner.slackUserId).filter(withButtons).length, 1, 'the owner is not asked twice');
  });
});

describe('bad interactions are refused and change nothing', () => {
  it('a forged Approve for a business the clicker has no role in', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const outsider = await registered(stack, { givenName: 'Xavier', familyName: 'Outsider' });
    const business = await businessWith(stack, owner);
    await askToJoin(stack, asker, business.businessNumber, 'account_user');
    const toOwner = await requestDm(stack, owner);
    const value = buttonValue(toOwner.blocks, ActionId.ApproveRequest)!;

    // The outsider sends the owner's button value from their own DM.
    const forged = await clickOnMessage(
      stack,
      outsider,
      { channel: stack.slack.workspace.dmChannelFor(outsider.slackUserId), ts: toOwner.ts },
      ActionId.ApproveRequest,
      value,
    );
    assert.match(await privateReply(stack, forged), /You have no role in this business account/);
    // The requester approving their own request by replaying the value.
    const own = await clickOnMessage(stack, asker, toOwner, ActionId.ApproveRequest, value);
    assert.match(await privateReply(stack, own), /You have no role in this business account/);
    // The outsider's Reject: no modal showing who asks, just the refusal.
    const opensBefore = stack.slack.calls('views.open').length;
    const forgedReject = await clickOnMessage(
      stack,
      outsider,
      { channel: stack.slack.workspace.dmChannelFor(outsider.slackUserId), ts: toOwner.ts },
      ActionId.RejectRequest,
      value,
    );
    assert.match(await privateReply(stack, forgedReject), /You have no role in this business account/);
    assert.equal(stack.slack.calls('views.open').length, opensBefore, 'no modal opened');
    // A value that names no request at all.
    const garbage = await clickOnMessage(stack, outsider, toOwner, ActionId.ApproveRequest, 'role-request:../../etc');
    assert.match(await privateReply(stack, garbage), /no role in this business account/);

    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), null);
    assert.ok(dmsTo(stack, owner.slackUserId).some(withButtons), 'the request still waits for the owner');
  });

  it('a stale Approve after the proxy was removed from the member list', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner, [[proxy, 'proxy']]);
    await askToJoin(stack, asker, business.businessNumber, 'account_browser');
    const toProxy = await requestDm(stack, proxy);

    // The owner opens the member list and removes the proxy.
    const accounts = await command(stack, owner.slackUserId, 'accounts', hasText(business.businessNumber));
    await click(stack, owner.slackUserId, accounts, ActionId.ShowMembers, business.id);
    const members = await waitForView(stack, accounts, hasText('Pat Proxy'));
    const removeValue = buttonValue(members.blocks, ActionId.RemoveMember)!;
    assert.equal(removeValue, `${business.id}:${proxy.userAccountId}`);
    await click(stack, owner.slackUserId, accounts, ActionId.RemoveMember, removeValue);
    await waitForView(stack, accounts, (v) => !textOf(v.blocks).includes('Pat Proxy'));
    assert.equal(await roleIn(stack.db, business.id, proxy.userAccountId), null, 'removal takes effect at once');

    const stale = await clickOnMessage(
      stack,
      proxy,
      toProxy,
      ActionId.ApproveRequest,
      buttonValue(toProxy.blocks, ActionId.ApproveRequest)!,
    );
    assert.match(await privateReply(stack, stale), /You have no role in this business account/);
    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), null);
  });

  it('a tampered role value, and a forged member-list click by an account user', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const user = await registered(stack, { givenName: 'Ursula', familyName: 'User' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner, [[user, 'account_user']]);

    const tampered = await askToJoin(stack, asker, business.businessNumber, 'owner');
    assert.deepEqual(tampered.delivery.ack?.['errors'], { role: 'Choose one of the roles offered.' });
    assert.equal(await stack.db.roleRequest.count({ where: { businessAccountId: business.id } }), 0);

    // The account user's accounts modal offers no Members button; a forged click is refused.
    const accounts = await command(stack, user.slackUserId, 'accounts', hasText(business.businessNumber));
    assert.equal(buttonValue(viewOf(stack, accounts).blocks, ActionId.ShowMembers), undefined);
    await click(stack, user.slackUserId, accounts, ActionId.ShowMembers, business.id);
    await waitForView(stack, accounts, hasText('Your role in this business account does not allow this.'));
    // Nor a Remove of the owner forged into their modal.
    await click(stack, user.slackUserId, accounts, ActionId.RemoveMember, `${business.id}:${owner.userAccountId}`);
    await waitForView(stack, accounts, hasText('does not allow this'));
    assert.equal(await roleIn(stack.db, business.id, owner.userAccountId), 'owner');
  });
});

describe('/cers accounts', () => {
  it('lists memberships with roles; owners see members; every role reads the messages', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner);
    await askToJoin(stack, asker, business.businessNumber, 'account_browser');
    const toOwner = await requestDm(stack, owner);
    await clickOnMessage(
      stack,
      owner,
      toOwner,
      ActionId.ApproveRequest,
      buttonValue(toOwner.blocks, ActionId.ApproveRequest)!,
    );
    await waitForDms(stack, asker.slackUserId, (ms) => ms.some((m) => /approved/.test(m.text ?? '')));

    const mine = await command(stack, asker.slackUserId, 'accounts', hasText(business.businessNumber));
    assert.match(textOf(viewOf(stack, mine).blocks), new RegExp(`${business.businessNumber}\\* · Account browser`));
    await click(stack, asker.slackUserId, mine, ActionId.ShowMessages, business.id);
    await waitForView(stack, mine, hasText('Rémi Requester joined as an account browser, approved by Olive Owner.'));

    const theirs = await command(stack, owner.slackUserId, 'accounts', hasText(business.businessNumber));
    await click(stack, owner.slackUserId, theirs, ActionId.ShowMembers, business.id);
    const members = await waitForView(stack, theirs, hasText('Rémi Requester'));
    assert.match(textOf(members.blocks), new RegExp(`Rémi Requester\\* · \`${asker.urn}\` · Account browser`));

    // The Home tab lists the membership too.
    await stack.slack.driver.event({ event: { type: 'app_home_opened', user: asker.slackUserId, tab: 'home' } });
    await stack.slack.waitForCalls('views.publish', {
      where: (c) =>
        c.args['user_id'] === asker.slackUserId && JSON.stringify(c.args['view']).includes(business.businessNumber),
      timeoutMs: 10_000,
    });
  });
});

/** Opens `/cers accounts` for `person` and clicks `actionId` on the business account's row. */
async function fromAccounts(
  s: BotTestStack,
  person: Person,
  businessAccountId: string,
  actionId: string,
  ready: (v: Record<string, unknown>) => boolean,
) {
  const viewId = await command(
    s,
    person.slackUserId,
    'accounts',
    (v) => buttonValue(v['blocks'], ActionId.ShowMessages) !== undefined,
  );
  await click(s, person.slackUserId, viewId, actionId, businessAccountId);
  await waitForView(s, viewId, ready);
  return viewId;
}

describe('managing members through Slack', () => {
  it('an owner adds a user by URN, family name and e-mail; a mismatch does not say whose URN it is', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const newcomer = await registered(stack, { givenName: 'Nadia', familyName: 'Nouvelle' }, 'fr-CA');
    const business = await businessWith(stack, owner);
    const form = await fromAccounts(
      stack,
      owner,
      business.id,
      ActionId.AddMember,
      hasCallback(CallbackId.AddMemberForm),
    );

    const notMatched =
      'No user account matches this URN, family name and e-mail together. Check all three with the person.';
    const entry = { urn: newcomer.urn, familyName: 'Nouvelle', email: newcomer.email, role: 'account_user' };
    // A URN nobody has, the wrong family name, the wrong e-mail: the very same answer, so the
    // form cannot be used to learn whose URN it is.
    const unusedUrn = urnFromPayload(`9${String(Date.now()).slice(-10)}`);
    for (const wrong of [{ urn: unusedUrn }, { familyName: 'Someone' }, { email: 'someone@example.ca' }]) {
      const answer = await submit(stack, owner.slackUserId, form, { ...entry, ...wrong });
      assert.deepEqual(answer.ack?.['errors'], { urn: notMatched }, JSON.stringify(wrong));
    }
    // A URN with a wrong check digit is a typing mistake, said as such.
    const typo = await submit(stack, owner.slackUserId, form, { ...entry, urn: '1111-1111-1111' });
    assert.deepEqual(typo.ack?.['errors'], { urn: 'This URN is not valid: check its digits.' });
    assert.equal(await roleIn(stack.db, business.id, newcomer.userAccountId), null);

    const added = await submit(stack, owner.slackUserId, form, {
      urn: newcomer.urn.replace(/-/g, ' '),
      familyName: 'NOUVELLE',
      email: newcomer.email.toUpperCase(),
      role: 'account_user',
    });
    assert.equal(added.ack?.['response_action'], 'update');
    assert.match(textOf(viewOf(stack, form).blocks), /Nadia Nouvelle was added to business account/);
    assert.equal(await roleIn(stack.db, business.id, newcomer.userAccountId), 'account_user');
    await waitForDms(stack, newcomer.slackUserId, (ms) =>
      ms.some((m) => /vous a ajouté au compte d’entreprise/.test(textOf(m.blocks ?? m.text))),
    );
  });

  it('a proxy changes an account user to account browser, but cannot make anyone a proxy', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const user = await registered(stack, { givenName: 'Ursula', familyName: 'User' });
    const business = await businessWith(stack, owner, [
      [proxy, 'proxy'],
      [user, 'account_user'],
    ]);
    const viewId = await fromAccounts(stack, proxy, business.id, ActionId.ShowMembers, hasText('Ursula User'));
    const members = viewOf(stack, viewId);
    assert.equal(
      buttonValue(members.blocks, ActionId.ChangeRole),
      `${business.id}:${user.userAccountId}`,
      'only the account user is offered to the proxy',
    );
    await click(stack, proxy.slackUserId, viewId, ActionId.ChangeRole, `${business.id}:${user.userAccountId}`);
    await waitForView(stack, viewId, hasCallback(CallbackId.ChangeRoleForm));

    const toProxy = await submit(stack, proxy.slackUserId, viewId, { role: 'proxy' });
    assert.deepEqual(toProxy.ack?.['errors'], {
      role: 'A proxy can add, change or remove only account users and account browsers, not proxies.',
    });
    const tampered = await submit(stack, proxy.slackUserId, viewId, { role: 'owner' });
    assert.deepEqual(tampered.ack?.['errors'], { role: 'Choose one of the roles offered.' });
    assert.equal(await roleIn(stack.db, business.id, user.userAccountId), 'account_user');

    const changed = await submit(stack, proxy.slackUserId, viewId, { role: 'account_browser' });
    assert.equal(changed.ack?.['response_action'], 'update');
    assert.equal(await roleIn(stack.db, business.id, user.userAccountId), 'account_browser');
    await waitForDms(stack, user.slackUserId, (ms) =>
      ms.some((m) => /changed your role/.test(textOf(m.blocks ?? m.text))),
    );
  });
});

describe('owner operations through Slack', () => {
  it('update the contact information; a proxy is not offered it and a forged click is refused', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const business = await businessWith(stack, owner, [[proxy, 'proxy']]);

    const proxyView = await command(stack, proxy.slackUserId, 'accounts', hasText(business.businessNumber));
    assert.equal(buttonValue(viewOf(stack, proxyView).blocks, ActionId.EditContact), undefined);
    await click(stack, proxy.slackUserId, proxyView, ActionId.EditContact, business.id);
    await waitForView(stack, proxyView, hasText('does not allow this'));

    const form = await fromAccounts(
      stack,
      owner,
      business.id,
      ActionId.EditContact,
      hasCallback(CallbackId.ContactForm),
    );
    assert.equal(viewOf(stack, form).callback_id, CallbackId.ContactForm);
    const contact = {
      'contact.positionTitle': 'Président',
      'contact.address.line1': '200 rue Sparks',
      'contact.address.city': 'Ottawa',
      'contact.address.province': 'ON',
      'contact.address.postalCode': 'k1p5b7',
      'contact.address.country': 'CA',
      'contact.phone': '613 555 0123',
      'contact.email': 'president@exportco.example.ca',
    };
    const bad = await submit(stack, owner.slackUserId, form, { ...contact, 'contact.address.postalCode': 'nope' });
    assert.deepEqual(Object.keys((bad.ack?.['errors'] as Record<string, string>) ?? {}), [
      'contact.address.postalCode',
    ]);
    const saved = await submit(stack, owner.slackUserId, form, contact);
    assert.equal(saved.ack?.['response_action'], 'update');
    const row = await stack.db.businessAccount.findUniqueOrThrow({ where: { id: business.id } });
    assert.deepEqual(
      [row.ownerPositionTitle, row.ownerPostalCode, row.ownerPhone],
      ['Président', 'K1P 5B7', '+16135550123'],
    );
  });

  it('transfer ownership: the owner confirms, the new owner accepts, both are told; the old owner becomes a proxy', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const heir = await registered(stack, { givenName: 'Henri', familyName: 'Heir' });
    const business = await businessWith(stack, owner, [[heir, 'account_user']]);

    const viewId = await fromAccounts(
      stack,
      owner,
      business.id,
      ActionId.TransferOwnership,
      hasCallback(CallbackId.TransferOwnershipForm),
    );
    const chosen = await stack.slack.driver.viewSubmission({
      userId: owner.slackUserId,
      viewId,
      values: {
        newOwner: {
          value: {
            type: 'static_select',
            selected_option: { value: heir.userAccountId, text: { type: 'plain_text', text: 'Henri' } },
          },
        },
      },
    });
    assert.equal(chosen.ack?.['response_action'], 'update');
    // Nothing is proposed until the owner confirms.
    assert.equal(await stack.db.roleRequest.count({ where: { businessAccountId: business.id } }), 0);
    await waitForView(stack, viewId, hasText('Transfer ownership of business account'));
    await click(stack, owner.slackUserId, viewId, ActionId.ConfirmTransfer, `${business.id}:${heir.userAccountId}`);
    await waitForView(stack, viewId, hasText('The transfer was proposed to Henri Heir'));

    const offer = await requestDm(stack, heir);
    assert.match(textOf(offer.blocks), /proposes to make you its owner/);
    assert.match(JSON.stringify(offer.blocks), /"confirm":/, 'accepting asks the new owner to confirm');
    await clickOnMessage(
      stack,
      heir,
      offer,
      ActionId.ApproveRequest,
      buttonValue(offer.blocks, ActionId.ApproveRequest)!,
    );
    await waitForDms(stack, owner.slackUserId, (ms) => ms.some((m) => /Henri Heir accepted/.test(m.text ?? '')));
    assert.equal(await roleIn(stack.db, business.id, heir.userAccountId), 'owner');
    assert.equal(await roleIn(stack.db, business.id, owner.userAccountId), 'proxy');
  });

  it('delete the business account: typed confirmation, memberships end, the audit trail stays', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const user = await registered(stack, { givenName: 'Ursula', familyName: 'User' });
    const business = await businessWith(stack, owner, [[user, 'account_user']]);
    const viewId = await fromAccounts(
      stack,
      owner,
      business.id,
      ActionId.DeleteBusiness,
      hasCallback(CallbackId.DeleteBusinessForm),
    );

    const wrong = await submit(stack, owner.slackUserId, viewId, { businessNumber: '123456782RM0001' });
    assert.deepEqual(wrong.ack?.['errors'], { businessNumber: 'This is not the business number of this account.' });
    assert.equal((await stack.db.businessAccount.findUniqueOrThrow({ where: { id: business.id } })).status, 'active');

    const deleted = await submit(stack, owner.slackUserId, viewId, {
      businessNumber: business.businessNumber.toLowerCase(),
    });
    assert.equal(deleted.ack?.['response_action'], 'update');
    assert.equal((await stack.db.businessAccount.findUniqueOrThrow({ where: { id: business.id } })).status, 'deleted');
    assert.equal(await stack.db.membership.count({ where: { businessAccountId: business.id } }), 0);
    const audit = await stack.db.auditEvent.findMany({ where: { subjectId: { startsWith: business.id } } });
    assert.ok(
      audit.some((a) => a.action === 'membership.removed'),
      'each ended membership is audited',
    );
    // The accounts modal no longer lists it.
    await command(stack, user.slackUserId, 'accounts', hasText('You are not a member of any business account yet.'));
  });
});
