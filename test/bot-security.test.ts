/**
 * Requests that did not come from Slack, or were tampered with, change nothing: Bolt's own
 * signature verification answers 401, and signed but doctored payloads are refused by the bot.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ActionId } from '../slack/ids';
import { registrationWorkflowId } from '../workflows/registration/definitions';
import {
  click,
  hasAction,
  hasText,
  newSlackUser,
  openCers,
  textOf,
  useBotStack,
  viewOf,
  waitForView,
  type BotTestStack,
} from './support/bot-stack';

const stack = useBotStack();

async function registrationExists(s: BotTestStack, userId: string): Promise<boolean> {
  try {
    await s.client.workflow.getHandle(registrationWorkflowId({ teamId: s.teamId, userId })).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

describe('request signing (Bolt verification)', () => {
  test('a forged or stale /cers gets 401 and starts nothing', async () => {
    const userId = newSlackUser(stack);
    const forged = await stack.slack.driver.slashCommand({ userId }, { forgeSignature: true });
    const stale = await stack.slack.driver.slashCommand({ userId }, { timestampAgeSeconds: 6 * 60 });
    assert.deepEqual([forged.status, stale.status], [401, 401]);
    // A genuine command from someone else afterwards proves the bot was listening and acting.
    const witness = newSlackUser(stack);
    await openCers(stack, witness);
    assert.equal(await registrationExists(stack, witness), true);
    assert.equal(await registrationExists(stack, userId), false);
    assert.equal(
      stack.slack
        .calls('views.open')
        .filter((c) => c.args['trigger_id'] === forged.triggerId || c.args['trigger_id'] === stale.triggerId).length,
      0,
    );
  });

  test('a forged button click changes nothing', async () => {
    const userId = newSlackUser(stack);
    const viewId = await openCers(stack, userId, hasAction(ActionId.SimulateSignIn));
    const forged = await stack.slack.driver.blockAction(
      { userId, viewId, actionId: ActionId.SimulateSignIn, value: 'gckey' },
      { forgeSignature: true },
    );
    assert.equal(forged.status, 401);
    const handle = stack.client.workflow.getHandle(registrationWorkflowId({ teamId: stack.teamId, userId }));
    assert.equal(await stack.db.credentialLink.count({ where: { registrationId: handle.workflowId } }), 0);
  });

  test('malformed bodies are refused without taking the bot down', async () => {
    const garbage = await stack.slack.driver.raw('payload=%7Bnot-json', 'application/x-www-form-urlencoded');
    assert.ok(garbage.status >= 400 && garbage.status < 500, `status ${garbage.status}`);
    const userId = newSlackUser(stack);
    await openCers(stack, userId);
  });
});

describe('signed but doctored interactions', () => {
  test('a tampered provider value on the sign-in button is refused with a message', async () => {
    const userId = newSlackUser(stack);
    const viewId = await openCers(stack, userId, hasAction(ActionId.SimulateSignIn));
    await click(stack, userId, viewId, ActionId.SimulateSignIn, 'evil-provider');
    await waitForView(stack, viewId, hasText('Sign-in is not set up on this installation yet'));
    const handle = stack.client.workflow.getHandle(registrationWorkflowId({ teamId: stack.teamId, userId }));
    assert.equal(await stack.db.credentialLink.count({ where: { registrationId: handle.workflowId } }), 0);
  });

  test("clicking in someone else's modal acts only on the clicker's own registration", async () => {
    const victim = newSlackUser(stack);
    const attacker = newSlackUser(stack);
    const viewId = await openCers(stack, victim, hasAction(ActionId.SimulateSignIn));
    const before = stack.slack.calls('views.update').length;
    const delivery = await click(stack, attacker, viewId, ActionId.SimulateSignIn, 'gckey');
    assert.equal(delivery.status, 200);
    const victimHandle = stack.client.workflow.getHandle(
      registrationWorkflowId({ teamId: stack.teamId, userId: victim }),
    );
    assert.equal(await stack.db.credentialLink.count({ where: { registrationId: victimHandle.workflowId } }), 0);
    assert.equal(await registrationExists(stack, attacker), false, 'the attacker has no registration to advance');
    assert.match(textOf(viewOf(stack, viewId).blocks), /Step 1 of 4/);
    assert.equal(
      stack.slack
        .calls('views.update')
        .slice(before)
        .filter((c) => c.response.ok).length,
      0,
    );
  });
});

describe('without the simulated sign-in (as in production)', () => {
  const production = useBotStack({ CERS_SIMULATED_SIGN_IN: 'false' });

  test('the button is not offered, and a forged click on it is refused', async () => {
    const userId = newSlackUser(production);
    const viewId = await openCers(production, userId, hasText('Sign-in is not set up on this installation yet'));
    assert.ok(!JSON.stringify(viewOf(production, viewId).blocks).includes(ActionId.SimulateSignIn));
    await click(production, userId, viewId, ActionId.SimulateSignIn, 'gckey');
    const handle = production.client.workflow.getHandle(registrationWorkflowId({ teamId: production.teamId, userId }));
    await production.slack.waitForCalls('views.update', { count: 2, where: (c) => c.args['view_id'] === viewId });
    assert.equal(await production.db.credentialLink.count({ where: { registrationId: handle.workflowId } }), 0);
  });
});
