/**
 * Issue 15, point 3 through the Slack stand-in: owners and proxies see the requests they may
 * decide in `/cers accounts` and on the Home tab, and decide there. A decision taken in the list
 * is the same workflow update as the direct message's buttons: it lands once (double click, Slack
 * retry, a decider on the message at the same moment), every decider's message shows the outcome,
 * and the list no longer shows it. A requester sees their own requests on Home.
 */
import assert from 'node:assert/strict';
import { beforeAll, describe, it } from '@jest/globals';
import { startRoleRequest } from '../client';
import { DECISIONS_SHOWN } from '../records/pending-decisions';
import { ActionId, CallbackId } from '../slack/ids';
import { roleIn } from '../testkit/fixtures';
import {
  buttonValue,
  click,
  dmsTo,
  hasAction,
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
  type ViewDefinition,
} from './support/bot-stack';
import { businessWith, command, registered, withButtons, type Person } from './support/bot-people';

const stack = useBotStack();

// The bot's work thread loads its code on the first job, which under load outlasts a command's
// 3-second trigger: the tests start once it has answered an event (no trigger to expire).
beforeAll(async () => {
  const user = newSlackUser(stack);
  await stack.slack.driver.event({ event: { type: 'app_home_opened', user, tab: 'home' } });
  await stack.slack.waitForCalls('views.publish', { where: (c) => c.args['user_id'] === user, timeoutMs: 60_000 });
}, 70_000);

/** `asker` asks to join as `role`; returns once `decider` has the request DM with its buttons. */
async function pendingRequest(s: BotTestStack, asker: Person, decider: Person, businessNumber: string, role: string) {
  const viewId = await command(s, asker.slackUserId, 'join', hasCallback(CallbackId.AccessRequestForm));
  await submit(s, asker.slackUserId, viewId, { businessNumber, role });
  await waitForDms(s, decider.slackUserId, (ms) =>
    ms.some((m) => withButtons(m) && textOf(m.blocks).includes(asker.urn)),
  );
  return s.db.roleRequest.findFirstOrThrow({
    where: { requestedByUserAccountId: asker.userAccountId, status: 'pending' },
  });
}

const LIST = 'Requests waiting for your decision';
const approvable = (v: ViewDefinition) => hasAction(ActionId.ApprovePendingRequest)(v);
/** The accounts modal, loaded (its way to request access is always there). */
const accountsLoaded = hasText('Request access');
/** The value of the list's Approve button on `asker`'s request, if the view lists it. */
function listed(view: ViewDefinition, asker: Person): string | undefined {
  const row = (view.blocks ?? []).findIndex((b) => textOf(b).includes(asker.urn));
  return row < 0 ? undefined : buttonValue(view.blocks?.[row + 1], ActionId.ApprovePendingRequest);
}

/** The view once it satisfies `test`: at once when a submission's ack already drew it, else once the bot updates it. */
function reached(s: BotTestStack, viewId: string, test: (view: ViewDefinition) => boolean) {
  return test(viewOf(s, viewId)) ? Promise.resolve(viewOf(s, viewId)) : waitForView(s, viewId, test);
}

/** Opens the Home tab for `person` and waits until the published view satisfies `test`. */
async function openHome(s: BotTestStack, person: Person, test: (view: ViewDefinition) => boolean) {
  const since = s.slack.api.calls('views.publish').length;
  await s.slack.driver.event({ event: { type: 'app_home_opened', user: person.slackUserId, tab: 'home' } });
  return waitForHome(s, person, test, since);
}

/** Waits for a Home tab publication (after the first `since`) that satisfies `test`. */
async function waitForHome(s: BotTestStack, person: Person, test: (view: ViewDefinition) => boolean, since = 0) {
  await s.slack
    .waitForCalls('views.publish', {
      timeoutMs: 10_000,
      where: (call) =>
        s.slack.api.calls('views.publish').indexOf(call) >= since &&
        call.args['user_id'] === person.slackUserId &&
        test(call.args['view'] as ViewDefinition),
    })
    .catch(() => undefined);
  const viewId = s.slack.workspace.homeViews.get(person.slackUserId)!;
  const home = viewOf(s, viewId);
  if (!test(home)) throw new Error(`The Home tab did not reach the expected state; it shows:\n${textOf(home.blocks)}`);
  return viewId;
}

describe('the pending-request list in /cers accounts', () => {
  it('the owner approves there: a double click and a Slack retry approve once, the DM shows it, the list drops it', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner);
    const request = await pendingRequest(stack, asker, owner, business.businessNumber, 'account_user');

    const viewId = await command(stack, owner.slackUserId, 'accounts', approvable);
    const shown = textOf(viewOf(stack, viewId).blocks);
    for (const detail of [LIST, '1 request waiting for a decision.', 'Rémi Requester', asker.urn, asker.email]) {
      assert.ok(shown.includes(detail), `the list shows ${detail}`);
    }
    assert.ok(shown.includes(`asks to join business account *${business.businessNumber}* as an account user.`), shown);
    const value = listed(viewOf(stack, viewId), asker)!;
    assert.ok(value, 'Approve on the request');

    const [first] = await Promise.all([
      click(stack, owner.slackUserId, viewId, ActionId.ApprovePendingRequest, value),
      click(stack, owner.slackUserId, viewId, ActionId.ApprovePendingRequest, value),
    ]);
    await first.resend({ retryNum: 1 });

    // The owner's request message is settled as for a click on it, buttons gone.
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Approved by Olive Owner')),
    );
    assert.ok(!dmsTo(stack, owner.slackUserId).some(withButtons), 'no buttons left on the owner’s message');
    // The list shows it no more, and says nothing went wrong (the second click found it decided by them).
    const after = await waitForView(stack, viewId, (v) => accountsLoaded(v) && !approvable(v));
    assert.ok(!textOf(after.blocks).includes(LIST));
    assert.doesNotMatch(textOf(after.blocks), /already decided|:warning:/);

    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), 'account_user');
    const audited = (action: string, subjectId: string) => stack.db.auditEvent.count({ where: { action, subjectId } });
    assert.equal(await audited('membership.added', `${business.id}:${asker.userAccountId}`), 1, 'added once');
    assert.equal(await audited('role_request.approved', request.id), 1, 'approved once');
    await waitForDms(stack, asker.slackUserId, (ms) =>
      ms.some((m) => /was approved by Olive Owner/.test(m.text ?? '')),
    );
    assert.equal(
      dmsTo(stack, asker.slackUserId).filter((m) => /was approved/.test(m.text ?? '')).length,
      1,
      'the requester is told once',
    );
  });

  it('a proxy sees only what a proxy may decide; a plain member sees no list; forged clicks change nothing', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const member = await registered(stack, { givenName: 'Uma', familyName: 'User' });
    const wantsUser = await registered(stack, { givenName: 'Ana', familyName: 'Asker' });
    const wantsProxy = await registered(stack, { givenName: 'Bo', familyName: 'Bidder' });
    const business = await businessWith(stack, owner, [
      [proxy, 'proxy'],
      [member, 'account_user'],
    ]);
    const userRequest = await pendingRequest(stack, wantsUser, proxy, business.businessNumber, 'account_user');
    const proxyRequest = await pendingRequest(stack, wantsProxy, owner, business.businessNumber, 'proxy');

    const ownerView = viewOf(stack, await command(stack, owner.slackUserId, 'accounts', approvable));
    assert.match(textOf(ownerView.blocks), /2 requests waiting for a decision\./);
    assert.ok(listed(ownerView, wantsUser) && listed(ownerView, wantsProxy), 'the owner decides both');

    const proxyViewId = await command(stack, proxy.slackUserId, 'accounts', approvable);
    const proxyView = viewOf(stack, proxyViewId);
    assert.match(textOf(proxyView.blocks), /1 request waiting for a decision\./);
    assert.ok(listed(proxyView, wantsUser), 'the proxy decides the account user’s request');
    assert.ok(!textOf(proxyView.blocks).includes(wantsProxy.urn), 'but not a request to become a proxy');

    const memberViewId = await command(stack, member.slackUserId, 'accounts', accountsLoaded);
    const memberView = viewOf(stack, memberViewId);
    assert.ok(!textOf(memberView.blocks).includes(LIST) && !approvable(memberView), 'a plain member has no list');

    // The proxy forges Approve for the proxy request, the member for the other: refused, still pending.
    const forgedProxy = listed(ownerView, wantsProxy)!;
    await click(stack, proxy.slackUserId, proxyViewId, ActionId.ApprovePendingRequest, forgedProxy);
    await waitForView(
      stack,
      proxyViewId,
      hasText('A proxy can add, change or remove only account users and account browsers'),
    );
    await click(stack, member.slackUserId, memberViewId, ActionId.ApprovePendingRequest, listed(ownerView, wantsUser));
    await waitForView(stack, memberViewId, hasText('Your role in this business account does not allow this.'));
    await click(stack, member.slackUserId, memberViewId, ActionId.RejectPendingRequest, listed(ownerView, wantsUser));
    await waitForView(stack, memberViewId, (v) => hasText('does not allow this')(v) && !hasText(wantsUser.urn)(v));
    for (const request of [userRequest, proxyRequest]) {
      const now = await stack.db.roleRequest.findUniqueOrThrow({ where: { id: request.id } });
      assert.equal(now.status, 'pending');
    }
    assert.equal(await roleIn(stack.db, business.id, wantsProxy.userAccountId), null);
  });

  it('two deciders at once, one in the list and one on the message: one outcome, the loser told who decided', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const business = await businessWith(stack, owner, [[proxy, 'proxy']]);

    // At the same moment: whoever wins, one membership, and the other is told who decided.
    const racer = await registered(stack, { givenName: 'Rae', familyName: 'Racer' });
    const raced = await pendingRequest(stack, racer, proxy, business.businessNumber, 'account_user');
    const listId = await command(stack, owner.slackUserId, 'accounts', (v) => !!listed(v, racer));
    const value = listed(viewOf(stack, listId), racer)!;
    const message = dmsTo(stack, proxy.slackUserId).find(
      (m) => withButtons(m) && textOf(m.blocks).includes(racer.urn),
    )!;
    const [, onMessage] = await Promise.all([
      click(stack, owner.slackUserId, listId, ActionId.ApprovePendingRequest, value),
      stack.slack.driver.blockAction({
        userId: proxy.slackUserId,
        actionId: ActionId.ApproveRequest,
        value,
        message: { channel: message.channel, ts: message.ts },
      }),
    ]);
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => /Approved by (Olive Owner|Pat Proxy)/.test(textOf(m.blocks))),
    );
    const settled = await stack.db.roleRequest.findUniqueOrThrow({ where: { id: raced.id } });
    assert.equal(settled.status, 'approved');
    assert.equal(
      await stack.db.auditEvent.count({ where: { action: 'role_request.approved', subjectId: raced.id } }),
      1,
    );
    if (settled.decidedByUserAccountId === proxy.userAccountId) {
      await waitForView(stack, listId, hasText('This request was already decided by Pat Proxy; nothing changed.'));
    } else {
      const [post] = await stack.slack.waitForResponseUrlPosts(onMessage.responseUrlId!, { timeoutMs: 10_000 });
      assert.match((post!.body as { text: string }).text, /already decided by Olive Owner/);
      await waitForView(stack, listId, (v) => accountsLoaded(v) && !listed(v, racer));
    }

    // One after the other: the proxy on the message, then the owner's stale list.
    const late = await registered(stack, { givenName: 'Lee', familyName: 'Later' });
    await pendingRequest(stack, late, proxy, business.businessNumber, 'account_browser');
    const staleId = await command(stack, owner.slackUserId, 'accounts', (v) => !!listed(v, late));
    const staleValue = listed(viewOf(stack, staleId), late)!;
    const toProxy = dmsTo(stack, proxy.slackUserId).find((m) => withButtons(m) && textOf(m.blocks).includes(late.urn))!;
    await stack.slack.driver.blockAction({
      userId: proxy.slackUserId,
      actionId: ActionId.ApproveRequest,
      value: staleValue,
      message: { channel: toProxy.channel, ts: toProxy.ts },
    });
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Approved by Pat Proxy')),
    );
    await click(stack, owner.slackUserId, staleId, ActionId.ApprovePendingRequest, staleValue);
    await waitForView(
      stack,
      staleId,
      (v) => hasText('This request was already decided by Pat Proxy; nothing changed.')(v) && !listed(v, late),
    );
    assert.equal(
      await stack.db.auditEvent.count({
        where: { action: 'membership.added', subjectId: `${business.id}:${late.userAccountId}` },
      }),
      1,
    );
  });

  it('in French, a French owner rejects with a reason from the list; the requester reads it; the list drops it', async () => {
    const propriétaire = await registered(stack, { givenName: 'Odile', familyName: 'Propriétaire' }, 'fr-CA');
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Demandeur' });
    const business = await businessWith(stack, propriétaire);
    await pendingRequest(stack, asker, propriétaire, business.businessNumber, 'account_browser');

    const viewId = await command(stack, propriétaire.slackUserId, 'accounts', approvable);
    const shown = textOf(viewOf(stack, viewId).blocks);
    assert.ok(shown.includes('Demandes qui attendent votre décision'), shown);
    assert.ok(shown.includes('1 demande en attente de décision.'));
    assert.match(
      shown,
      new RegExp(
        `demande à se joindre au compte d’entreprise \\*${business.businessNumber}\\* à titre de consultant du compte`,
      ),
    );
    assert.match(shown, /demandée le/);

    const value = listed(viewOf(stack, viewId), asker)!;
    await click(stack, propriétaire.slackUserId, viewId, ActionId.RejectPendingRequest, value);
    await waitForView(stack, viewId, hasCallback(CallbackId.RejectPendingRequestForm));
    assert.match(textOf(viewOf(stack, viewId).blocks), /Refuser la demande de Rémi Demandeur/);
    const answer = await submit(stack, propriétaire.slackUserId, viewId, { reason: 'Nous ne vous connaissons pas.' });
    assert.equal(answer.ack?.['response_action'], 'update');
    await reached(stack, viewId, (v) => hasText('Demander l’accès')(v) && !approvable(v));

    await waitForDms(stack, asker.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Nous ne vous connaissons pas.')),
    );
    await waitForDms(stack, propriétaire.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Refusée par Odile Propriétaire')),
    );
    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), null);
  });

  it('a proposed transfer is listed to the member who would become owner only; Decline there answers at once', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const heir = await registered(stack, { givenName: 'Henri', familyName: 'Heir' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const business = await businessWith(stack, owner, [
      [heir, 'account_user'],
      [proxy, 'proxy'],
    ]);
    await startRoleRequest(
      stack.client,
      stack.config,
      {
        kind: 'ownership_transfer',
        businessAccountId: business.id,
        requesterUserAccountId: owner.userAccountId,
        subjectUserAccountId: heir.userAccountId,
        role: 'owner',
      },
      { businessNumber: business.businessNumber },
    );
    await waitForDms(stack, heir.slackUserId, (ms) => ms.some(withButtons));

    const viewId = await command(stack, heir.slackUserId, 'accounts', (v) => !!listed(v, owner));
    const offer = viewOf(stack, viewId);
    assert.match(textOf(offer.blocks), /\*Olive Owner\*, owner of business account .* proposes to make you its owner/);
    assert.match(textOf(offer.blocks), /Accept ownership/);
    assert.match(JSON.stringify(offer.blocks), /"confirm":/, 'accepting asks the new owner to confirm');
    for (const other of [owner, proxy]) {
      const theirs = await command(stack, other.slackUserId, 'accounts', accountsLoaded);
      assert.ok(!approvable(viewOf(stack, theirs)), 'only the would-be owner decides a transfer');
    }

    await click(stack, heir.slackUserId, viewId, ActionId.RejectPendingRequest, listed(offer, owner));
    await waitForView(stack, viewId, (v) => accountsLoaded(v) && !approvable(v));
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => /Henri Heir declined to become the owner/.test(m.text ?? '')),
    );
    assert.equal(await roleIn(stack.db, business.id, owner.userAccountId), 'owner');
    assert.equal(await roleIn(stack.db, business.id, heir.userAccountId), 'account_user');
  });

  it(`many requests: the oldest ${DECISIONS_SHOWN} with a count of the rest`, async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const business = await businessWith(stack, owner);
    const askers: Person[] = [];
    for (let i = 0; i < DECISIONS_SHOWN + 2; i += 1) {
      const asker = await registered(stack, { givenName: 'Asker', familyName: `Number${String.fromCharCode(65 + i)}` });
      askers.push(asker);
      await startRoleRequest(
        stack.client,
        stack.config,
        {
          kind: 'access',
          businessAccountId: business.id,
          requesterUserAccountId: asker.userAccountId,
          subjectUserAccountId: asker.userAccountId,
          role: 'account_user',
        },
        { businessNumber: business.businessNumber },
      );
      // One at a time, so that "oldest" has one meaning.
      await waitForDms(stack, owner.slackUserId, (ms) => ms.filter(withButtons).length === i + 1);
    }
    const viewId = await command(stack, owner.slackUserId, 'accounts', approvable);
    const view = viewOf(stack, viewId);
    const shown = textOf(view.blocks);
    assert.match(shown, /12 requests waiting for a decision\./);
    assert.match(shown, /2 more requests wait, newer than these/);
    assert.deepEqual(
      askers.map((a) => !!listed(view, a)),
      askers.map((_, i) => i < DECISIONS_SHOWN),
      'the oldest are shown',
    );
    assert.ok((view.blocks ?? []).length <= 100);

    // Deciding the oldest brings the next one in.
    await click(stack, owner.slackUserId, viewId, ActionId.ApprovePendingRequest, listed(view, askers[0]!));
    const next = await waitForView(
      stack,
      viewId,
      (v) => !listed(v, askers[0]!) && !!listed(v, askers[DECISIONS_SHOWN]!),
    );
    assert.match(textOf(next.blocks), /1 more request waits, newer than these/);
  });
});

describe('the pending-request list on the Home tab', () => {
  it('the requester sees theirs; the owner approves on Home, once; the DM is settled and Home refreshed', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner);
    const request = await pendingRequest(stack, asker, owner, business.businessNumber, 'account_browser');

    await openHome(stack, asker, (v) =>
      new RegExp(
        `Your requests waiting for a decision[\\s\\S]*To join \\*${business.businessNumber}\\* as an account browser`,
      ).test(textOf(v.blocks)),
    );
    const homeId = await openHome(stack, owner, (v) => !!listed(v, asker));
    assert.ok(textOf(viewOf(stack, homeId).blocks).includes(LIST));
    const value = listed(viewOf(stack, homeId), asker)!;

    const since = stack.slack.api.calls('views.publish').length;
    const [first] = await Promise.all([
      click(stack, owner.slackUserId, homeId, ActionId.ApprovePendingRequest, value),
      click(stack, owner.slackUserId, homeId, ActionId.ApprovePendingRequest, value),
    ]);
    await first.resend({ retryNum: 1 });
    await waitForHome(stack, owner, (v) => !listed(v, asker) && !textOf(v.blocks).includes(LIST), since);
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Approved by Olive Owner')),
    );
    assert.equal(await roleIn(stack.db, business.id, asker.userAccountId), 'account_browser');
    assert.equal(
      await stack.db.auditEvent.count({ where: { action: 'role_request.approved', subjectId: request.id } }),
      1,
    );
    assert.ok(
      !dmsTo(stack, owner.slackUserId).some((m) => /already decided/.test(m.text ?? '')),
      'the owner’s own second click is not reported as someone else’s decision',
    );

    // The requester's Home no longer lists it; their membership shows instead.
    await openHome(stack, asker, (v) => !hasText('Your requests waiting')(v) && hasText('Account browser')(v));
  });

  it('a stale click on Home, after a proxy decided on the message, is told who decided, by direct message', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const proxy = await registered(stack, { givenName: 'Pat', familyName: 'Proxy' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner, [[proxy, 'proxy']]);
    await pendingRequest(stack, asker, proxy, business.businessNumber, 'account_user');
    const homeId = await openHome(stack, owner, (v) => !!listed(v, asker));
    const value = listed(viewOf(stack, homeId), asker);

    const message = dmsTo(stack, proxy.slackUserId).find(withButtons)!;
    await stack.slack.driver.blockAction({
      userId: proxy.slackUserId,
      actionId: ActionId.ApproveRequest,
      value,
      message: { channel: message.channel, ts: message.ts },
    });
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => textOf(m.blocks).includes('Approved by Pat Proxy')),
    );

    const since = stack.slack.api.calls('views.publish').length;
    await click(stack, owner.slackUserId, homeId, ActionId.ApprovePendingRequest, value);
    await waitForDms(stack, owner.slackUserId, (ms) =>
      ms.some((m) => (m.text ?? '') === ':warning: This request was already decided by Pat Proxy; nothing changed.'),
    );
    await waitForHome(stack, owner, (v) => !listed(v, asker), since);
    assert.equal(
      await stack.db.auditEvent.count({
        where: { action: 'membership.added', subjectId: `${business.id}:${asker.userAccountId}` },
      }),
      1,
    );
  });

  it('Reject on Home opens the reason form; once sent, the accounts modal shows the list without it', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const asker = await registered(stack, { givenName: 'Rémi', familyName: 'Requester' });
    const business = await businessWith(stack, owner);
    await pendingRequest(stack, asker, owner, business.businessNumber, 'account_user');
    const homeId = await openHome(stack, owner, (v) => !!listed(v, asker));

    const delivery = await click(
      stack,
      owner.slackUserId,
      homeId,
      ActionId.RejectPendingRequest,
      listed(viewOf(stack, homeId), asker),
    );
    const [opened] = await stack.slack.waitForCalls('views.open', {
      where: (c) => c.args['trigger_id'] === delivery.triggerId,
      timeoutMs: 5_000,
    });
    const formId = (opened!.response['view'] as { id: string }).id;
    assert.equal(viewOf(stack, formId).callback_id, CallbackId.RejectPendingRequestForm);
    const answer = await submit(stack, owner.slackUserId, formId, { reason: '' });
    assert.equal(answer.ack?.['response_action'], 'update');
    await reached(stack, formId, (v) => accountsLoaded(v) && !approvable(v));
    await waitForDms(stack, asker.slackUserId, (ms) =>
      ms.some((m) => /was rejected by Olive Owner/.test(m.text ?? '')),
    );
    await waitForHome(stack, owner, (v) => !listed(v, asker));
  });
});
