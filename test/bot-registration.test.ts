/**
 * Whole registrations through Slack: signed requests (or Socket Mode envelopes) from the stand-in →
 * Bolt → the registration workflow → PostgreSQL, and back as modals, DMs and the Home tab recorded
 * by the stand-in. Every test runs over both transports.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from '@jest/globals';
import { ActionId, CallbackId } from '../slack/ids';
import { stepHeading } from '../slack/text';
import { formatBusinessNumber } from '../domain/business-number';
import { translator } from '../i18n/catalogue';
import { registrationStatus, registrationWorkflowId } from '../workflows/registration/definitions';
import {
  businessForm,
  click,
  hasAction,
  hasCallback,
  hasText,
  newSlackUser,
  openCers,
  registerUpToBusiness,
  signInThroughSlack,
  submit,
  textOf,
  describeEachTransport,
  type BotTestStack,
  viewOf,
  waitForView,
  USER_ACCOUNT_FORM,
} from './support/bot-stack';
import { issueTestAuthorization, newBusinessNumber } from './support/stack';
import { REPOSITORY_ROOT, runToEnd, type Run } from './support/child-process';

/** `npm run cbsa:issue -- <args>`, as a developer runs it, against the test database. */
function cbsaIssue(args: string[]): Promise<Run> {
  return runToEnd(
    process.execPath,
    ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'scripts', 'cbsa-issue.ts'), ...args],
    {
      ...process.env,
      CERS_SHARED_SECRET_SCRYPT_COST: '2048',
    },
  );
}

/** The text of the Home tab the bot publishes next for `userId` that satisfies `test`. */
async function homeShowing(stack: BotTestStack, userId: string, test: (text: string) => boolean): Promise<string> {
  await stack.slack.driver.event({ event: { type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' } });
  const published = await stack.slack.waitForCalls('views.publish', {
    where: (c) => c.args['user_id'] === userId && test(textOf((c.args['view'] as { blocks: unknown }).blocks)),
    timeoutMs: 10_000,
  });
  return textOf((published.at(-1)!.args['view'] as { blocks: unknown }).blocks);
}

describeEachTransport('registering through Slack', (stack) => {
  test('an owner goes from /cers to a business account, sees the URN and gets it by DM', async () => {
    const userId = newSlackUser(stack);
    const { businessNumber, sharedSecret } = await issueTestAuthorization(stack.db);

    const command = await stack.slack.driver.slashCommand({ userId });
    assert.equal(command.status, 200);
    assert.equal(command.body, '', 'the command is acknowledged with an empty body, before any work');
    const viewId = await registerUpToBusiness(stack, userId);

    const choice = await waitForView(stack, viewId, hasAction(ActionId.OpenBusinessForm));
    const urn = /\d{4}-\d{4}-\d{4}/.exec(textOf(choice.blocks))?.[0];
    assert.ok(urn, 'the URN is shown as soon as the user account exists');

    await click(stack, userId, viewId, ActionId.OpenBusinessForm);
    await waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm));
    const done = await submit(stack, userId, viewId, businessForm(businessNumber, sharedSecret));
    assert.equal(done.ack?.['response_action'], 'update');
    const completed = viewOf(stack, viewId);
    assert.match(textOf(completed.blocks), new RegExp(urn));
    assert.match(textOf(completed.blocks), /Owner \(Portal business account\)/);
    assert.ok(
      textOf(completed.blocks).includes(businessNumber),
      'the business number as typed: 15 characters together',
    );

    // The system of record.
    const account = await stack.db.userAccount.findUniqueOrThrow({ where: { urn }, include: { memberships: true } });
    assert.equal(account.familyName, "O'Connor");
    assert.deepEqual(
      account.memberships.map((m) => m.role),
      ['owner'],
    );

    // The workflow's confirmation arrives as a DM, once, with the URN and no secret.
    const [dm] = await stack.slack.waitForCalls('chat.postMessage', {
      where: (c) => String(c.args['text']).includes(urn),
      timeoutMs: 10_000,
    });
    assert.ok(dm);
    assert.ok(
      !JSON.stringify(stack.slack.calls()).includes(sharedSecret),
      'the shared secret never goes back to Slack',
    );
    const status = await stack.client.workflow
      .getHandle(registrationWorkflowId({ teamId: stack.teamId, userId }))
      .query(registrationStatus);
    assert.equal(status.step, 'completed');
  });

  test('a French Slack user is served in French until they choose English, then in English', async () => {
    const userId = newSlackUser(stack, 'fr-CA');
    const viewId = await openCers(stack, userId, hasAction(ActionId.SimulateSignIn));
    assert.match(textOf(viewOf(stack, viewId).blocks), /Étape 1 sur 4 · Connexion/);
    await click(stack, userId, viewId, ActionId.SimulateSignIn, 'sign-in-partner');
    const terms = await waitForView(stack, viewId, hasAction(ActionId.AcceptTerms));
    assert.match(textOf(terms.blocks), /conditions d’utilisation/);
    const version = /version ([\w.-]+)\)/.exec(textOf(terms.blocks))?.[1];
    await click(stack, userId, viewId, ActionId.AcceptTerms, version);
    const form = await waitForView(stack, viewId, hasCallback(CallbackId.UserAccountForm));
    assert.match(textOf(form.blocks), /Nom de famille/);

    // Invalid input: errors on their fields, in French, and nothing in the workflow.
    const invalid = await submit(stack, userId, viewId, { ...USER_ACCOUNT_FORM, email: 'marie@', phone: '12' });
    assert.equal(invalid.ack?.['response_action'], 'errors');
    assert.deepEqual(invalid.ack?.['errors'], {
      email: 'Entrez une adresse courriel comme nom@exemple.ca.',
      phone: 'Entrez un numéro de téléphone comme 613-555-0100, ou +44 20 7946 0000 hors de l’Amérique du Nord.',
    });
    assert.equal(
      viewOf(stack, viewId).callback_id,
      CallbackId.UserAccountForm,
      'the form stays open with what was typed',
    );

    const accepted = await submit(stack, userId, viewId, { ...USER_ACCOUNT_FORM, language: 'en' });
    assert.equal(accepted.ack?.['response_action'], 'update');
    assert.match(
      textOf(viewOf(stack, viewId).blocks),
      /Step 4 of 4 · Business account/,
      'the chosen language governs from now on',
    );
  });

  test('joining an existing business completes with the URN and no business account', async () => {
    const userId = newSlackUser(stack);
    const viewId = await registerUpToBusiness(stack, userId);
    await waitForView(stack, viewId, hasAction(ActionId.JoinExistingBusiness));
    await click(stack, userId, viewId, ActionId.JoinExistingBusiness);
    const done = await waitForView(stack, viewId, hasText('Your CERS Portal registration is complete.'));
    assert.match(textOf(done.blocks), /Give the owner of your business your URN/);
  });

  test('declining the terms (after the confirmation dialog) ends the registration; /cers starts a new one', async () => {
    const userId = newSlackUser(stack);
    const viewId = await signInThroughSlack(stack, userId);
    const terms = viewOf(stack, viewId);
    assert.match(
      JSON.stringify(terms.blocks),
      /"confirm":\{"title":\{"type":"plain_text","text":"Decline the terms\?"/,
    );
    await click(stack, userId, viewId, ActionId.DeclineTerms);
    await waitForView(stack, viewId, hasAction(ActionId.StartAgain));
    const handle = stack.client.workflow.getHandle(registrationWorkflowId({ teamId: stack.teamId, userId }));
    assert.equal(((await handle.result()) as { step: string }).step, 'cancelled');

    const again = await openCers(stack, userId, hasAction(ActionId.SimulateSignIn));
    assert.match(textOf(viewOf(stack, again).blocks), /Step 1 of 4 · Sign in/);
  });

  test('/cers help answers privately, in the Slack language; an unknown word is named', async () => {
    const userId = newSlackUser(stack, 'fr-CA');
    const help = await stack.slack.driver.slashCommand({ userId, text: 'aide' });
    const [post] = await stack.slack.waitForResponseUrlPosts(help.responseUrlId!);
    assert.equal((post!.body as { response_type: string }).response_type, 'ephemeral');
    assert.match(textOf((post!.body as { blocks: unknown }).blocks), /commencer ou poursuivre votre inscription/);
    const unknown = await stack.slack.driver.slashCommand({ userId, text: '<b>bogus</b>' });
    const [reply] = await stack.slack.waitForResponseUrlPosts(unknown.responseUrlId!);
    assert.match((reply!.body as { text: string }).text, /Je ne connais pas «\s&lt;b&gt;bogus&lt;\/b&gt;\s»/);
    assert.equal(stack.slack.calls('views.open').filter((c) => c.args['trigger_id'] === help.triggerId).length, 0);
  });

  test('the modal, the Home tab, the DMs and cbsa:issue name the step and show the business number alike', async () => {
    const businessNumber = newBusinessNumber();
    const heading = stepHeading(translator('en'), 'businessAccount');
    assert.equal(heading, 'Step 4 of 4 · Business account');
    const shown = formatBusinessNumber(businessNumber);
    assert.equal(shown, businessNumber, 'one display form: the 15 characters together');

    // cbsa:issue, given the number as people type it.
    const typed = `${businessNumber.slice(0, 3)} ${businessNumber.slice(3, 6)} ${businessNumber.slice(6, 9)} rm ${businessNumber.slice(11)}`;
    const issued = await cbsaIssue([typed]);
    assert.equal(issued.code, 0, issued.stderr);
    assert.ok(issued.stdout.includes(`Business number:                 ${shown}\n`), issued.stdout);
    assert.ok(issued.stdout.includes(`"${heading}"`), issued.stdout);
    const sharedSecret = /Activation code \(shared secret\):\s+(\S+)/.exec(issued.stdout)?.[1];
    assert.ok(sharedSecret);

    const userId = newSlackUser(stack);
    const viewId = await registerUpToBusiness(stack, userId);
    const choice = await waitForView(stack, viewId, hasAction(ActionId.OpenBusinessForm));
    assert.ok(textOf(choice.blocks).includes(heading));
    // The Home tab's help names every step: wait for where the person is, not for the step's name anywhere.
    const where = `Where you are:* ${heading}`;
    assert.ok((await homeShowing(stack, userId, (text) => text.includes(where))).includes(where));
    await click(stack, userId, viewId, ActionId.OpenBusinessForm);
    const form = await waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm));
    assert.ok(textOf(form.blocks).includes(heading));

    await submit(stack, userId, viewId, businessForm(businessNumber, sharedSecret));
    const completed = textOf(viewOf(stack, viewId).blocks);
    const home = await homeShowing(stack, userId, (text) => text.includes(shown));
    assert.ok(home.includes(`*${shown}* · Owner`), home);
    const [dm] = await stack.slack.waitForCalls('chat.postMessage', {
      where: (c) =>
        c.args['channel'] === stack.slack.workspace.dmChannelFor(userId) && textOf(c.args['blocks']).includes(shown),
      timeoutMs: 10_000,
    });
    for (const [where, text] of [
      ['modal', completed],
      ['Home tab', home],
      ['DM', textOf(dm!.args['blocks'])],
      ['cbsa:issue', issued.stdout],
    ]) {
      assert.ok(text!.includes(shown), `${where} shows ${shown}`);
      assert.doesNotMatch(
        text!,
        /\d{9}[ -]RM[ -]\d{4}|\d{3} \d{3} \d{3}/,
        `${where} shows no other form of the number`,
      );
    }
  });
});
