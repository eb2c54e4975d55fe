/**
 * Issue 15, point 1 through the Slack stand-in: a registered person registers a business account
 * after their first registration: after joining others, as a second business, again after
 * deleting one. The URN and the credential stay theirs; the same shared-secret rules apply; a
 * double click registers one business.
 */
import assert from 'node:assert/strict';
import { beforeAll, describe, it } from '@jest/globals';
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { ActionId, CallbackId } from '../slack/ids';
import { formatBusinessNumber } from '../domain/business-number';
import { issueAuthorization } from '../activities/cbsa/authorization-registry';
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
  submit,
  textOf,
  useBotStack,
  viewOf,
  waitForDms,
  waitForView,
  type BotTestStack,
} from './support/bot-stack';
import { issueTestAuthorization } from './support/stack';
import { startBusinessAccountRegistration } from '../client/registrations';
import { command, registered } from './support/bot-people';

const stack = useBotStack();

// The bot's work thread loads on its first job, which can outlast a trigger id's 3 s on a busy
// machine: one answered `/cers help` first, so every test meets a warm bot.
beforeAll(async () => {
  const help = await stack.slack.driver.slashCommand({ userId: newSlackUser(stack), text: 'help' });
  await stack.slack.waitForResponseUrlPosts(help.responseUrlId!, { timeoutMs: 30_000 });
}, 60_000);

const URN = /\d{4}-\d{4}-\d{4}/;

/** A person registered through Slack; `business` registers one, otherwise they join others. */
async function registeredThroughSlack(s: BotTestStack, business?: { businessNumber: string; sharedSecret: string }) {
  const userId = newSlackUser(s);
  const viewId = await registerUpToBusiness(s, userId);
  const choice = await waitForView(s, viewId, hasAction(ActionId.OpenBusinessForm));
  const urn = URN.exec(textOf(choice.blocks))![0];
  if (business) {
    await click(s, userId, viewId, ActionId.OpenBusinessForm);
    await waitForView(s, viewId, hasCallback(CallbackId.BusinessAccountForm));
    const done = await submit(s, userId, viewId, businessForm(business.businessNumber, business.sharedSecret));
    assert.equal(done.ack?.['response_action'], 'update');
  } else {
    await click(s, userId, viewId, ActionId.JoinExistingBusiness);
  }
  await waitForView(s, viewId, hasAction(ActionId.RegisterBusinessAccount));
  const user = await s.db.userAccount.findUniqueOrThrow({ where: { urn }, include: { credential: true } });
  return { userId, viewId, urn, user };
}

/** From the business step of a business-account run in `viewId`: the form, submitted. */
async function submitBusiness(s: BotTestStack, userId: string, viewId: string, bn: string, secret: string) {
  await click(s, userId, viewId, ActionId.OpenBusinessForm);
  await waitForView(s, viewId, hasCallback(CallbackId.BusinessAccountForm));
  return submit(s, userId, viewId, businessForm(bn, secret));
}

/** The ids of the runs of this person's registration workflow, newest first (Temporal's own list). */
async function runsOf(s: BotTestStack, userId: string): Promise<string[]> {
  const runs: string[] = [];
  const workflowId = registrationWorkflowId({ teamId: s.teamId, userId });
  for await (const info of s.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(info.runId);
  return runs;
}

async function statusOf(s: BotTestStack, userId: string) {
  return s.client.workflow.getHandle(registrationWorkflowId({ teamId: s.teamId, userId })).query(registrationStatus);
}

const businessesOf = (s: BotTestStack, userAccountId: string) =>
  s.db.membership.findMany({
    where: { userAccountId },
    include: { businessAccount: true },
    orderBy: { createdAt: 'asc' },
  });

/** The Home tab the bot publishes for `userId` next that satisfies `test`. */
async function homeShowing(s: BotTestStack, userId: string, test: (text: string) => boolean): Promise<string> {
  await s.slack.driver.event({ event: { type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' } });
  const published = await s.slack.waitForCalls('views.publish', {
    where: (c) => c.args['user_id'] === userId && test(textOf((c.args['view'] as { blocks: unknown }).blocks)),
    timeoutMs: 10_000,
  });
  return textOf((published.at(-1)!.args['view'] as { blocks: unknown }).blocks);
}

describe('a business account after the first registration', () => {
  it('join then register a business: the person becomes its owner; URN and credential unchanged', async () => {
    const { businessNumber, sharedSecret } = await issueTestAuthorization(stack.db);
    const person = await registeredThroughSlack(stack);
    const credentialBefore = person.user.credential!;
    assert.equal((await businessesOf(stack, person.user.id)).length, 0, 'joined others: no business yet');
    assert.match(textOf(viewOf(stack, person.viewId).blocks), /You are not a member of any business account/);

    // The completed modal offers it; the business step of the new run shows the same URN.
    await click(stack, person.userId, person.viewId, ActionId.RegisterBusinessAccount);
    const step = await waitForView(stack, person.viewId, hasAction(ActionId.CancelBusinessAccount));
    assert.ok(textOf(step.blocks).includes(person.urn), 'the URN is the one they have');
    assert.ok(!textOf(step.blocks).includes('Step 1 of 4'), 'no sign-in, terms or user account again');
    const done = await submitBusiness(stack, person.userId, person.viewId, businessNumber, sharedSecret);
    assert.equal(done.ack?.['response_action'], 'update');
    const shown = textOf(viewOf(stack, person.viewId).blocks);
    assert.match(shown, /Your business account is registered: you are its owner/);
    assert.ok(shown.includes(person.urn));
    assert.ok(shown.includes(formatBusinessNumber(businessNumber)), 'listed among their businesses');

    // The system of record: the same user account and URN, the same credential link, now an owner.
    const after = await stack.db.userAccount.findUniqueOrThrow({
      where: { id: person.user.id },
      include: { credential: true },
    });
    assert.equal(after.urn, person.urn);
    assert.deepEqual(after.credential, credentialBefore, 'the credential link is untouched');
    assert.equal(await stack.db.userAccount.count({ where: { registrationId: person.user.registrationId } }), 1);
    const [membership, ...others] = await businessesOf(stack, person.user.id);
    assert.equal(others.length, 0);
    assert.equal(membership!.role, 'owner');
    assert.equal(membership!.businessAccount.businessNumber, businessNumber);
    assert.equal(membership!.businessAccount.createdByRegistration, person.user.registrationId);

    // One more run of the same registration, which says what it was for; audited, confirmed by DM.
    const status = await statusOf(stack, person.userId);
    assert.deepEqual([status.step, status.purpose, status.urn], ['completed', 'businessAccount', person.urn]);
    const [latest] = await runsOf(stack, person.userId);
    assert.equal(membership!.businessAccount.creationReference, `${person.user.registrationId}:${latest}`);
    const completions = await stack.db.auditEvent.findMany({
      where: { workflowId: person.user.registrationId, action: 'registration.completed' },
    });
    assert.equal(completions.length, 2, 'the first registration and the business-account run');
    assert.equal(
      await stack.db.auditEvent.count({
        where: { subjectId: membership!.businessAccountId, action: 'business_account.created' },
      }),
      1,
    );
    await waitForDms(stack, person.userId, (ms) =>
      ms.some((m) => (m.text ?? '').includes('Your business account is registered')),
    );
    assert.ok(!JSON.stringify(stack.slack.calls()).includes(sharedSecret), 'the code never goes back to Slack');
  });

  it('a second business: a double click registers once; Home and /cers accounts show both', async () => {
    const first = await issueTestAuthorization(stack.db);
    const second = await issueTestAuthorization(stack.db);
    const person = await registeredThroughSlack(stack, first);

    // Two clicks on Home at once (two modals open), and Slack resending the first: one run.
    await homeShowing(stack, person.userId, (text) => text.includes('Register a business account'));
    const clicks = await Promise.all([
      stack.slack.driver.blockAction({ userId: person.userId, actionId: ActionId.RegisterBusinessAccount }),
      stack.slack.driver.blockAction({ userId: person.userId, actionId: ActionId.RegisterBusinessAccount }),
    ]);
    await clicks[0].resend({ retryNum: 1 });
    const opened = await stack.slack.waitForCalls('views.open', {
      where: (c) => c.response.ok && clicks.some((d) => d.triggerId === c.args['trigger_id']),
      count: 2,
      timeoutMs: 5_000,
    });
    const modals = opened.map((c) => (c.response['view'] as { id: string }).id);
    for (const viewId of modals) await waitForView(stack, viewId, hasAction(ActionId.CancelBusinessAccount));
    assert.equal((await runsOf(stack, person.userId)).length, 2, 'the first registration and one business run');

    // The same form submitted from both modals at once: one business account.
    for (const viewId of modals) {
      await click(stack, person.userId, viewId, ActionId.OpenBusinessForm);
      await waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm));
    }
    const answers = await Promise.all(
      modals.map((viewId) =>
        submit(stack, person.userId, viewId, businessForm(second.businessNumber, second.sharedSecret)),
      ),
    );
    for (const answer of answers) assert.equal(answer.ack?.['response_action'], 'update');
    for (const viewId of modals) await waitForView(stack, viewId, hasText(formatBusinessNumber(second.businessNumber)));

    const memberships = await businessesOf(stack, person.user.id);
    assert.deepEqual(
      memberships.map((m) => [m.businessAccount.businessNumber, m.role]),
      [
        [first.businessNumber, 'owner'],
        [second.businessNumber, 'owner'],
      ],
    );
    assert.equal(
      await stack.db.authorizationAttempt.count({ where: { businessNumber: second.businessNumber } }),
      1,
      'the code was tried once',
    );

    const home = await homeShowing(stack, person.userId, (text) =>
      text.includes(formatBusinessNumber(second.businessNumber)),
    );
    assert.ok(home.includes(formatBusinessNumber(first.businessNumber)), 'Home lists both');
    assert.ok(home.includes(person.urn));
    const accounts = await command(
      stack,
      person.userId,
      'accounts',
      hasText(formatBusinessNumber(second.businessNumber)),
    );
    const listed = textOf(viewOf(stack, accounts).blocks);
    assert.ok(listed.includes(formatBusinessNumber(first.businessNumber)), '/cers accounts lists both');
    assert.equal(listed.match(/· Owner/g)?.length, 2, 'owner of both');
    // And `/cers` shows the person as registered, with both.
    const modal = await openCers(stack, person.userId, hasAction(ActionId.RegisterBusinessAccount));
    const cers = textOf(viewOf(stack, modal).blocks);
    assert.ok(cers.includes(formatBusinessNumber(first.businessNumber)) && cers.includes(person.urn));
  });

  it('a click while the first registration closes, as another click starts the next run: both find that run', async () => {
    const first = await issueTestAuthorization(stack.db);
    const userId = newSlackUser(stack);
    const viewId = await registerUpToBusiness(stack, userId);
    const applicant = { channel: 'slack' as const, teamId: stack.teamId, userId };
    const workflowId = registrationWorkflowId(applicant);
    // The completion notice held: the first run stays open at "completed", sending it.
    const held = stack.slack.api.holdNextReply('chat.postMessage');
    await submitBusiness(stack, userId, viewId, first.businessNumber, first.sharedSecret);
    await held.reached;
    const [firstRun] = await runsOf(stack, userId);

    // This click finds the first run open at its last step. Between that look and its wait for
    // the run to close, the run closes and the other click starts the business-account run.
    let raced = false;
    const interleave: WorkflowClientInterceptor = {
      async query(input, next) {
        const answer = await next(input);
        if (!raced) {
          raced = true;
          held.release();
          await stack.client.workflow.getHandle(workflowId, firstRun).result();
          await startBusinessAccountRegistration(stack.client, stack.config, { applicant, locale: 'en' });
        }
        return answer;
      },
    };
    const racing = new Client({
      connection: stack.client.connection,
      namespace: stack.client.options.namespace,
      dataConverter: stack.client.options.dataConverter,
      interceptors: { workflow: [interleave] },
    });
    // Unfixed, this click waited on the run the other one started (open for days): no answer.
    const handle = await racing.withDeadline(Date.now() + 15_000, () =>
      startBusinessAccountRegistration(racing, stack.config, { applicant, locale: 'en' }),
    );
    assert.ok(raced, 'the two clicks interleaved');
    const runs = await runsOf(stack, userId);
    assert.equal(runs.length, 2, 'the first registration and one business-account run');
    const { runId } = await handle.describe();
    assert.equal(runId, runs[0], 'the run the other click started');
    const status = await handle.query(registrationStatus);
    assert.deepEqual([status.step, status.purpose], ['businessAccount', 'businessAccount']);
  });

  it('delete then register again: the same business number, with a new code from CBSA', async () => {
    const first = await issueTestAuthorization(stack.db);
    const bn = first.businessNumber;
    const person = await registeredThroughSlack(stack, first);
    const [membership] = await businessesOf(stack, person.user.id);
    const deletedId = membership!.businessAccountId;

    // Deleted from /cers accounts, as an owner does.
    const accounts = await command(stack, person.userId, 'accounts', hasAction(ActionId.DeleteBusiness));
    await click(stack, person.userId, accounts, ActionId.DeleteBusiness, deletedId);
    await waitForView(stack, accounts, hasCallback(CallbackId.DeleteBusinessForm));
    await submit(stack, person.userId, accounts, { businessNumber: bn });
    const deleted = await stack.db.businessAccount.findUniqueOrThrow({ where: { id: deletedId } });
    assert.equal(deleted.status, 'deleted');

    // Registering it again from /cers accounts: the spent code is refused (it works once) ...
    const again = await command(stack, person.userId, 'accounts', hasAction(ActionId.RegisterBusinessAccount));
    await click(stack, person.userId, again, ActionId.RegisterBusinessAccount);
    await waitForView(stack, again, hasAction(ActionId.CancelBusinessAccount));
    const refused = await submitBusiness(stack, person.userId, again, bn, first.sharedSecret);
    assert.equal(refused.ack?.['response_action'], 'update');
    assert.match(textOf(viewOf(stack, again).blocks), /Each activation code works once|already been used/);

    // ... and the new one CBSA issues for the same business number registers it again.
    const renewed = await issueAuthorization(stack.db, bn, { scryptCost: 1024 });
    const done = await submit(stack, person.userId, again, businessForm(bn, renewed.sharedSecret));
    assert.equal(done.ack?.['response_action'], 'update');
    await waitForView(stack, again, hasText('Your business account is registered'));
    const accountsNow = await stack.db.businessAccount.findMany({
      where: { businessNumber: bn },
      orderBy: { createdAt: 'asc' },
    });
    assert.deepEqual(
      accountsNow.map((a) => [a.id === deletedId, a.status]),
      [
        [true, 'deleted'],
        [false, 'active'],
      ],
    );
    const user = await stack.db.userAccount.findUniqueOrThrow({ where: { id: person.user.id } });
    assert.equal(user.urn, person.urn);
    assert.equal(
      (await stack.db.membership.findFirstOrThrow({ where: { businessAccountId: accountsNow[1]!.id } })).userAccountId,
      person.user.id,
    );
  });

  it('the shared-secret rules hold in such a run: a wrong code counts, a lockout holds', async () => {
    const { businessNumber, sharedSecret } = await issueTestAuthorization(stack.db);
    const person = await registered(stack, { givenName: 'Lena', familyName: 'Lockout' });
    const viewId = await command(stack, person.slackUserId, 'accounts', hasAction(ActionId.RegisterBusinessAccount));
    await click(stack, person.slackUserId, viewId, ActionId.RegisterBusinessAccount);
    await waitForView(stack, viewId, hasAction(ActionId.CancelBusinessAccount));
    await click(stack, person.slackUserId, viewId, ActionId.OpenBusinessForm);
    await waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm));

    const wrong = (n: number) => `WRNG-CODE-000${n}`;
    await submit(stack, person.slackUserId, viewId, businessForm(businessNumber, wrong(1)));
    assert.match(textOf(viewOf(stack, viewId).blocks), /4 attempts remain|4 more/);
    assert.equal((await statusOf(stack, person.slackUserId)).attemptsRemaining, 4);
    for (let n = 2; n <= 5; n++)
      await submit(stack, person.slackUserId, viewId, businessForm(businessNumber, wrong(n)));
    const authorization = await stack.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber } });
    assert.ok(authorization.lockedUntil && authorization.lockedUntil > new Date(), 'five wrong codes lock it');

    // The right code does not get through the lock.
    await submit(stack, person.slackUserId, viewId, businessForm(businessNumber, sharedSecret));
    assert.match(textOf(viewOf(stack, viewId).blocks), /Too many incorrect activation codes/);
    assert.equal(await stack.db.businessAccount.count({ where: { businessNumber } }), 0);
    assert.equal((await statusOf(stack, person.slackUserId)).step, 'businessAccount');
  });

  it('such a run is one step: its form, the form after a refused code, and Home never number it (English, French)', async () => {
    const numbered = /Step \d of \d|Étape \d sur \d/;
    for (const [locale, heading] of [
      ['en-US', 'Business account'],
      ['fr-CA', 'Compte d’entreprise'],
    ] as const) {
      const { businessNumber } = await issueTestAuthorization(stack.db);
      const person = await registered(stack, { givenName: 'Uma', familyName: 'Unestep' }, locale);
      const word = locale === 'fr-CA' ? 'comptes' : 'accounts';
      const viewId = await command(stack, person.slackUserId, word, hasAction(ActionId.RegisterBusinessAccount));
      await click(stack, person.slackUserId, viewId, ActionId.RegisterBusinessAccount);
      await waitForView(stack, viewId, hasAction(ActionId.CancelBusinessAccount));
      await click(stack, person.slackUserId, viewId, ActionId.OpenBusinessForm);
      const form = textOf((await waitForView(stack, viewId, hasCallback(CallbackId.BusinessAccountForm))).blocks);
      assert.ok(form.includes(heading), form);
      assert.doesNotMatch(form, numbered);

      await submit(stack, person.slackUserId, viewId, businessForm(businessNumber, 'WRNG-CODE-0001'));
      const again = textOf(viewOf(stack, viewId).blocks);
      assert.match(again, /4 attempts remain|Il reste 4 essais/, 'the form again, with the refusal');
      assert.ok(again.includes(heading), again);
      assert.doesNotMatch(again, numbered);

      // Where the person is (Home's help below it still lists a first registration's four steps).
      const home = await homeShowing(stack, person.slackUserId, (text) => text.includes(heading));
      const whereYouAre = /\*(?:Where you are|Où vous en êtes)\s?:\* (.*)/.exec(home)?.[1];
      assert.equal(whereYouAre, heading, home);
    }
  });

  it('“Not now” (in French) ends the run with nothing registered; the person stays registered', async () => {
    const person = await registered(stack, { givenName: 'Noé', familyName: 'Pasmaintenant' }, 'fr-CA');
    const viewId = await command(stack, person.slackUserId, 'comptes', hasAction(ActionId.RegisterBusinessAccount));
    await click(stack, person.slackUserId, viewId, ActionId.RegisterBusinessAccount);
    await waitForView(stack, viewId, hasText('Inscrivez un compte d’entreprise au portail du SCDE'));
    await click(stack, person.slackUserId, viewId, ActionId.CancelBusinessAccount);
    await waitForView(stack, viewId, hasText('Aucun compte d’entreprise n’a été inscrit cette fois'));
    assert.ok(textOf(viewOf(stack, viewId).blocks).includes(person.urn));
    assert.ok(hasAction(ActionId.RegisterBusinessAccount)(viewOf(stack, viewId)), 'and may start again');
    const status = await statusOf(stack, person.slackUserId);
    assert.deepEqual([status.step, status.purpose], ['cancelled', 'businessAccount']);
    assert.equal(await stack.db.membership.count({ where: { userAccountId: person.userAccountId } }), 0);
    // /cers shows them registered, not a registration to start again.
    const modal = await openCers(stack, person.slackUserId, hasText('Votre inscription'));
    assert.ok(hasAction(ActionId.RegisterBusinessAccount)(viewOf(stack, modal)));
  });
});
