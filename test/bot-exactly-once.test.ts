/**
 * Slack delivers twice, people click twice: each input has one effect. Every test sends the same
 * signed request several times (as Slack's retries and double submissions do) and counts effects
 * in the workflow history, the database and the messages Slack received.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { RegistrationHandle } from '../client';
import { ActionId, CallbackId } from '../slack/ids';
import { registrationWorkflowId } from '../workflows/registration/definitions';
import {
  businessForm,
  click,
  hasAction,
  hasCallback,
  newSlackUser,
  openCers,
  openUserAccountForm,
  registerUpToBusiness,
  signInThroughSlack,
  termsVersionShown,
  submit,
  textOf,
  useBotStack,
  viewOf,
  waitForView,
  USER_ACCOUNT_FORM,
  type BotTestStack,
} from './support/bot-stack';
import { issueTestAuthorization } from './support/stack';

const stack = useBotStack();

function handleFor(s: BotTestStack, userId: string): RegistrationHandle {
  return s.client.workflow.getHandle(registrationWorkflowId({ teamId: s.teamId, userId }));
}

/** How many times the workflow accepted an update of this name. */
async function acceptedUpdates(handle: RegistrationHandle, name: string): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name,
  ).length;
}

describe('exactly once through Slack', () => {
  test('a button delivered three times (Slack retries) signs in once', async () => {
    const userId = newSlackUser(stack);
    const viewId = await openCers(stack, userId, hasAction(ActionId.SimulateSignIn));
    const first = await click(stack, userId, viewId, ActionId.SimulateSignIn, 'gckey');
    const again = await Promise.all([
      first.resend({ retryNum: 1 }),
      first.resend({ retryNum: 2, retryReason: 'http_error' }),
    ]);
    assert.deepEqual([first.status, ...again.map((d) => d.status)], [200, 200, 200]);
    await waitForView(stack, viewId, hasAction(ActionId.AcceptTerms));
    const handle = handleFor(stack, userId);
    assert.equal(await acceptedUpdates(handle, 'credentialVerified'), 1);
    assert.equal(await stack.db.credentialLink.count({ where: { registrationId: handle.workflowId } }), 1);
  });

  test('a double click (two actions) moves one step: the second is recognised as already done', async () => {
    const userId = newSlackUser(stack);
    const viewId = await signInThroughSlack(stack, userId);
    const version = termsVersionShown(stack, viewId);
    const updatesOfView = () => stack.slack.calls('views.update').filter((c) => c.args['view_id'] === viewId).length;
    const before = updatesOfView();
    const clicks = await Promise.all([1, 2].map(() => click(stack, userId, viewId, ActionId.AcceptTerms, version)));
    assert.deepEqual(
      clicks.map((c) => c.status),
      [200, 200],
    );
    // Each click re-renders the modal once its step is answered: wait for both answers, not just the first.
    await stack.slack.waitForCalls('views.update', {
      count: before + 2,
      timeoutMs: 10_000,
      where: (c) => c.args['view_id'] === viewId,
    });
    const form = await waitForView(stack, viewId, hasCallback(CallbackId.UserAccountForm));
    assert.ok(!JSON.stringify(form.blocks).includes(':warning:'), 'no error shown for the second click');

    // The second update may be accepted (as the same submission sent again) but it changes nothing:
    // every answer is the first one's, and the registration moved to the next step exactly once.
    const history = (await handleFor(stack, userId).fetchHistory()).events ?? [];
    const accepted = history.filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'acceptTerms',
    );
    assert.ok(accepted.length >= 1 && accepted.length <= 2, `${accepted.length} acceptTerms updates accepted`);
    const acceptedIds = accepted.map(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId,
    );
    const answers = history
      .map((e) => e.workflowExecutionUpdateCompletedEventAttributes)
      .filter((completed) => acceptedIds.includes(completed?.meta?.updateId ?? undefined))
      .map((completed) => (completed?.outcome?.failure ? 'failure' : 'success'));
    assert.deepEqual(
      answers,
      accepted.map(() => 'success'),
    );
    const stepsSet = history.map((e) =>
      Buffer.from(
        e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.['CersStep']?.data ?? [],
      ).toString(),
    );
    const movedToUserAccount = stepsSet.filter((json) => json.includes('"userAccount"'));
    assert.equal(movedToUserAccount.length, 1);
  });

  test('the same form submitted three times, together and later, creates one user account', async () => {
    const userId = newSlackUser(stack);
    const viewId = await openUserAccountForm(stack, userId);

    const first = await submit(stack, userId, viewId, USER_ACCOUNT_FORM);
    const repeats = await Promise.all([first.resend(), first.resend()]);
    const late = await first.resend();
    for (const delivery of [first, ...repeats, late]) assert.equal(delivery.ack?.['response_action'], 'update');
    const handle = handleFor(stack, userId);
    assert.equal(await acceptedUpdates(handle, 'submitUserAccount'), 1);
    assert.equal(await stack.db.userAccount.count({ where: { registrationId: handle.workflowId } }), 1);
  });

  test('a corrected form after a wrong secret is a new attempt, not the first answer again', async () => {
    const userId = newSlackUser(stack);
    const { businessNumber, sharedSecret } = await issueTestAuthorization(stack.db);
    const viewId = await registerUpToBusiness(stack, userId);
    await waitForView(stack, viewId, hasAction(ActionId.OpenBusinessForm));
    await click(stack, userId, viewId, ActionId.OpenBusinessForm);
    await waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm));

    const wrong = await submit(stack, userId, viewId, businessForm(businessNumber, 'WRONG-SECRET-123'));
    assert.equal(wrong.ack?.['response_action'], 'update');
    assert.match(textOf(viewOf(stack, viewId).blocks), /not correct\. 4 attempts remain/);
    // Resent as is (a Slack retry carries the same view hash): the same attempt, counted once.
    await wrong.resend();
    const attempts = await stack.db.authorizationAttempt.count({ where: { businessNumber } });
    assert.equal(attempts, 1);

    const right = await submit(stack, userId, viewId, businessForm(businessNumber, sharedSecret));
    assert.equal(right.ack?.['response_action'], 'update');
    assert.equal(await stack.db.businessAccount.count({ where: { businessNumber } }), 1);
    assert.equal(await stack.db.authorizationAttempt.count({ where: { businessNumber } }), 2);
  });

  test('a direct message redelivered with X-Slack-Retry-Num is answered once', async () => {
    const userId = newSlackUser(stack);
    const channel = stack.slack.workspace.dmChannelFor(userId);
    const event = {
      type: 'message',
      channel_type: 'im',
      channel,
      user: userId,
      text: 'hello',
      ts: stack.slack.workspace.nextTs(),
    };
    const first = await stack.slack.driver.event({ event });
    const retries = await Promise.all([first.resend({ retryNum: 1 }), first.resend({ retryNum: 2 })]);
    assert.deepEqual(
      [first, ...retries].map((d) => d.status),
      [200, 200, 200],
    );
    await stack.slack.waitForCalls('chat.postMessage', { where: (c) => c.args['channel'] === channel });
    // Let every delivery's listener finish before counting: the home tab is published after the reply.
    await stack.slack.waitForCalls('views.publish', { where: (c) => c.args['user_id'] === userId });
    assert.equal(stack.slack.calls('chat.postMessage').filter((c) => c.args['channel'] === channel).length, 1);
    assert.equal(await stack.db.slackEventReceipt.count({ where: { eventId: first.eventId } }), 1);
  });
});
