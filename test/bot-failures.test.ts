/**
 * What the applicant is told when the business account cannot be created: on the field, in their
 * language, with what to do next, and nothing they typed lost but the activation code, which never
 * stays in the form after CBSA refused it. Includes the slow path, where CBSA answers after Slack's
 * 3 s and the modal is updated when it does, and the stand-in's console, which shows the form as
 * Slack would.
 */
import assert from 'node:assert/strict';
import { afterAll, describe, test } from '@jest/globals';
import { localAuthorizationRegistry, type AuthorizationRegistry } from '../activities/cbsa/authorization-registry';
import { ActionId, CallbackId } from '../slack/ids';
import { createDatabase } from '../prisma/database';
import {
  businessForm,
  click,
  hasAction,
  hasCallback,
  hasText,
  newSlackUser,
  registerUpToBusiness,
  submit,
  textOf,
  useBotStack,
  viewOf,
  waitForView,
  USER_ACCOUNT_FORM,
  type BotTestStack,
  type ViewDefinition,
} from './support/bot-stack';
import { issueTestAuthorization } from './support/stack';

// CBSA's registry, with a gate per business number so a test can hold CBSA's answer.
const registryDb = createDatabase(process.env.DATABASE_URL!);
const local = localAuthorizationRegistry(registryDb);
const held = new Map<string, Promise<void>>();
const registry: AuthorizationRegistry = {
  ...local,
  async redeem(request) {
    await held.get(request.businessNumber);
    return local.redeem(request);
  },
};
afterAll(() => registryDb.$disconnect());

// A short ack budget keeps the slow-path test quick; the behaviour is the same at 2 s.
const stack = useBotStack({}, { registry, submissionAckBudgetMs: 300 });

interface InputShown {
  type: 'input';
  block_id: string;
  hint?: { text: string };
  element: { action_id: string; initial_value?: string };
}

function inputOf(view: ViewDefinition, blockId: string): InputShown {
  const block = (view.blocks as InputShown[]).find((b) => b.type === 'input' && b.block_id === blockId);
  assert.ok(block, `no input ${blockId}`);
  return block;
}

/** The error a re-rendered form shows at a field: under it, where its hint is. */
function errorAt(view: ViewDefinition, blockId: string): string | undefined {
  const hint = inputOf(view, blockId).hint?.text ?? '';
  return hint.startsWith(':warning: ') ? hint.slice(':warning: '.length).split('\n')[0] : undefined;
}

/**
 * The business form as CBSA's refusal brings it back. Within the 300 ms ack budget the ack itself
 * is the form; past it (a loaded machine) the ack is the "Checking with CBSA" view and the form
 * follows as a views.update: either way, the form once it is shown.
 */
function formAgain(viewId: string): Promise<ViewDefinition> {
  return waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm));
}

async function atBusinessForm(s: BotTestStack, userId: string, form = USER_ACCOUNT_FORM): Promise<string> {
  const viewId = await registerUpToBusiness(s, userId, form);
  await waitForView(s, viewId, hasAction(ActionId.OpenBusinessForm));
  await click(s, userId, viewId, ActionId.OpenBusinessForm);
  await waitForView(s, viewId, hasCallback(CallbackId.BusinessAccountForm));
  return viewId;
}

describe('business account failures through Slack', () => {
  test('invalid fields are answered on their fields at once, before CBSA is asked', async () => {
    const userId = newSlackUser(stack);
    const { businessNumber } = await issueTestAuthorization(stack.db);
    const viewId = await atBusinessForm(stack, userId);
    const form = { ...businessForm('123456789RM0001', 'short'), 'owner.address.postalCode': '90210' };
    const delivery = await submit(stack, userId, viewId, form);
    assert.equal(delivery.ack?.['response_action'], 'errors');
    assert.deepEqual(Object.keys(delivery.ack?.['errors'] as object).sort(), [
      'businessNumber',
      'owner.address.postalCode',
      'sharedSecret',
    ]);
    assert.match((delivery.ack?.['errors'] as Record<string, string>)['businessNumber']!, /check digit/);
    assert.equal(viewOf(stack, viewId).callback_id, CallbackId.BusinessAccountForm);
    assert.equal(await stack.db.authorizationAttempt.count({ where: { businessNumber } }), 0);
  });

  test('five wrong activation codes lock the business number, said in French with the date and the CRU route', async () => {
    const userId = newSlackUser(stack, 'fr-CA');
    const { businessNumber } = await issueTestAuthorization(stack.db);
    const viewId = await atBusinessForm(stack, userId, { ...USER_ACCOUNT_FORM, language: 'fr' });
    const messages: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const delivery = await submit(stack, userId, viewId, businessForm(businessNumber, `WRONG-SECRET-${i}`));
      assert.equal(delivery.ack?.['response_action'], 'update');
      const view = await formAgain(viewId);
      messages.push(errorAt(view, 'sharedSecret') ?? errorAt(view, 'businessNumber') ?? '');
    }
    assert.match(messages[0]!, /est incorrect\. Il reste 4 essais avant/);
    assert.match(messages[3]!, /est incorrect\. Il reste 1 essai avant/, 'one attempt, in the singular');
    assert.match(messages[4]!, /Réessayez après \d{1,2} \S+ \d{4}/);
    assert.match(messages[4]!, /Unité de l’enregistrement commercial/);
    assert.equal(viewOf(stack, viewId).callback_id, CallbackId.BusinessAccountForm, 'the form stays, as typed');
  });

  test('an expired activation code says so and where to get a new one', async () => {
    const userId = newSlackUser(stack);
    const issuedAt = new Date(Date.now() - 91 * 86_400_000);
    const { businessNumber, sharedSecret } = await issueTestAuthorization(stack.db, { issuedAt });
    const viewId = await atBusinessForm(stack, userId);
    const delivery = await submit(stack, userId, viewId, businessForm(businessNumber, sharedSecret));
    assert.equal(delivery.ack?.['response_action'], 'update');
    assert.match(errorAt(await formAgain(viewId), 'sharedSecret')!, /expired on .*Commercial Registration Unit/);
  });

  test('a business number already registered points to its owner', async () => {
    const owner = newSlackUser(stack);
    const second = newSlackUser(stack);
    const { businessNumber, sharedSecret } = await issueTestAuthorization(stack.db);
    const ownerView = await atBusinessForm(stack, owner);
    assert.equal(
      (await submit(stack, owner, ownerView, businessForm(businessNumber, sharedSecret))).ack?.['response_action'],
      'update',
    );
    const secondView = await atBusinessForm(stack, second);
    await submit(stack, second, secondView, businessForm(businessNumber, sharedSecret));
    assert.match(errorAt(viewOf(stack, secondView), 'businessNumber')!, /already exists.*Ask its owner to add you/);
  });

  test('when CBSA answers after the ack budget, the modal says "checking" and then shows the outcome', async () => {
    const userId = newSlackUser(stack);
    const { businessNumber, sharedSecret } = await issueTestAuthorization(stack.db);
    let release!: () => void;
    held.set(businessNumber, new Promise<void>((resolve) => (release = resolve)));
    const viewId = await atBusinessForm(stack, userId);
    const delivery = await submit(stack, userId, viewId, businessForm(businessNumber, sharedSecret));
    assert.equal(delivery.status, 200);
    assert.equal(delivery.ack?.['response_action'], 'update');
    assert.match(textOf(viewOf(stack, viewId).blocks), /Checking with CBSA/);
    release();
    const done = await waitForView(stack, viewId, hasText('Your CERS Portal registration is complete.'));
    assert.match(textOf(done.blocks), /Owner \(Portal business account\)/);
  });

  test('a slow failure reopens the form as typed (except the secret) with the reason', async () => {
    const userId = newSlackUser(stack);
    const { businessNumber } = await issueTestAuthorization(stack.db);
    let release!: () => void;
    held.set(businessNumber, new Promise<void>((resolve) => (release = resolve)));
    const viewId = await atBusinessForm(stack, userId);
    await submit(stack, userId, viewId, businessForm(businessNumber, 'WRONG-SECRET-9'));
    release();
    const reopened = await waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm));
    const json = JSON.stringify(reopened.blocks);
    assert.match(textOf(reopened.blocks), /not correct\. 4 attempts remain/);
    assert.match(json, /"initial_value":"Export manager"/);
    assert.ok(!json.includes('WRONG-SECRET-9'), 'the secret is never sent back to Slack');
    assert.match(textOf(reopened.blocks), /type it again/);
  });

  test('after a refused activation code the code field comes back empty, the rest as typed, the error at the field', async () => {
    const userId = newSlackUser(stack);
    const { businessNumber } = await issueTestAuthorization(stack.db);
    const viewId = await atBusinessForm(stack, userId);
    const before = inputOf(viewOf(stack, viewId), 'sharedSecret').element.action_id;
    const wrong = 'WRONG-SECRET-77';
    const delivery = await submit(stack, userId, viewId, businessForm(businessNumber, wrong));

    // Not `errors`: Slack would keep the refused code in its field. The form again instead:
    assert.equal(delivery.ack?.['response_action'], 'update');
    const form = await formAgain(viewId);
    const secret = inputOf(form, 'sharedSecret');
    assert.notEqual(secret.element.action_id, before, 'a new action id, so Slack drops what was typed');
    assert.equal(secret.element.initial_value, undefined);
    assert.match(
      errorAt(form, 'sharedSecret')!,
      /^The activation code \(shared secret\) is not correct\. 4 attempts remain/,
    );
    assert.match(secret.hint!.text, /type it again/);
    assert.doesNotMatch(JSON.stringify(form), /••|placeholder/, 'no masking placeholder: Slack has no masked input');
    assert.equal(inputOf(form, 'owner.positionTitle').element.initial_value, 'Export manager');
    assert.equal(inputOf(form, 'businessNumber').element.initial_value, businessNumber);

    // What Slack now shows in the fields: what was typed, except the code.
    const shown = stack.slack.api.viewJson(stack.slack.workspace.views.get(viewId)!) as {
      state: { values: Record<string, unknown> };
    };
    assert.ok(!('sharedSecret' in shown.state.values), JSON.stringify(shown.state.values));
    assert.deepEqual(shown.state.values['owner.positionTitle'], {
      value: { type: 'plain_text_input', value: 'Export manager' },
    });
    assert.ok(!JSON.stringify(stack.slack.calls()).includes(wrong), 'the code is never sent back to Slack');

    // The console shows it so, and a second wrong code typed there is refused the same way.
    const consoleUrl = stack.slack.consoleUrl!;
    const state = async () =>
      (
        (await (await fetch(`${consoleUrl}console/state?user=${userId}`)).json()) as {
          sections: { modal: { html: string; hash: string } };
        }
      ).sections.modal;
    const inputHtml = (html: string, blockId: string) =>
      new RegExp(`<div class="b-input" data-input-for="${blockId.replace(/\./g, '\\.')}">.*?</div></div>`, 's').exec(
        html,
      )?.[0] ?? '';
    const page = await state();
    assert.match(inputHtml(page.html, 'sharedSecret'), /<input[^>]*data-block-id="sharedSecret"[^>]*value=""/);
    assert.match(
      inputHtml(page.html, 'sharedSecret'),
      /⚠️ The activation code \(shared secret\) is not correct\. 4 attempts remain/,
    );
    assert.match(inputHtml(page.html, 'owner.positionTitle'), /value="Export manager"/);

    const typed = { ...businessForm(businessNumber, 'WRONG-SECRET-78') };
    const fields = Object.fromEntries(
      (form.blocks as InputShown[])
        .filter((b) => b.type === 'input')
        .map((b) => [b.block_id, { [b.element.action_id]: typed[b.block_id] ?? '' }]),
    );
    const posted = await fetch(`${consoleUrl}console/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: userId, viewId, hash: page.hash, fields }),
    });
    assert.equal(posted.status, 200, await posted.clone().text());
    const again = await state();
    assert.notEqual(again.hash, page.hash);
    assert.match(inputHtml(again.html, 'sharedSecret'), /<input[^>]*value=""/);
    assert.match(inputHtml(again.html, 'sharedSecret'), /not correct\. 3 attempts remain/);
    assert.match(inputHtml(again.html, 'owner.address.city'), /value="Ottawa"/);
    assert.ok(!again.html.includes('WRONG-SECRET-78'));
    assert.equal(await stack.db.authorizationAttempt.count({ where: { businessNumber } }), 2);
  });
});
