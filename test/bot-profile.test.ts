/**
 * Issue 15, point 2 through the Slack stand-in: a registered person changes their profile. Name,
 * phone and language apply at once and the new language governs every later message (the modal,
 * the Home tab, a DM from the registration workflow); a new e-mail address applies only after the
 * code GC Notify's stand-in delivered to it (a wrong code refused in the person's language, an
 * expired one refused); a double submit changes once; the audit trail holds no value.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, it } from '@jest/globals';
import { ActionId, CallbackId } from '../slack/ids';
import { registrationWorkflowId } from '../domain/registration-steps';
import {
  USER_ACCOUNT_FORM,
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
import { command, registered, type Person } from './support/bot-people';
import { decodeMetadata } from '../bot/ui/metadata';
import { historyPayloads } from './support/codec';
import { profileChangeStatus } from '../workflows/profile-change/definitions';
import type { profileChangeWorkflow } from '../workflows/profile-change/workflow';

const stack = useBotStack();

/**
 * The bot's work thread compiles its handlers on its first job: on a loaded machine that first job
 * can outlast a trigger id's 3 s. One help command first, answered, so every test starts warm.
 */
function warmUp(s: BotTestStack) {
  beforeAll(async () => {
    const help = await s.slack.driver.slashCommand({ userId: newSlackUser(s), text: 'help' });
    await s.slack.waitForResponseUrlPosts(help.responseUrlId!, { timeoutMs: 30_000 });
  });
}
warmUp(stack);

/** Letters only: a family name takes no digits. */
const tag = () => Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('');

/** The person's current profile, as the form shows it prefilled. */
async function currentProfile(s: BotTestStack, person: Person) {
  const row = await s.db.userAccount.findUniqueOrThrow({ where: { id: person.userAccountId } });
  return {
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    phone: row.phone,
    language: row.language,
  };
}

/** Every audit row about this user account, as text: what an auditor could read. */
async function auditTextOf(s: BotTestStack, userAccountId: string) {
  const rows = await s.db.auditEvent.findMany({ where: { subjectId: userAccountId }, orderBy: { id: 'asc' } });
  return { rows, text: JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) };
}

/** Opens `/cers profile` (or `profil`) and submits `changes` over the current values; returns the modal and the ack. */
async function changeProfile(s: BotTestStack, person: Person, changes: Record<string, string>, word = 'profile') {
  const viewId = await command(s, person.slackUserId, word, hasCallback(CallbackId.ProfileForm));
  const delivery = await submit(s, person.slackUserId, viewId, { ...(await currentProfile(s, person)), ...changes });
  return { viewId, delivery };
}

const codeOf = (s: BotTestStack, email: string) => s.mail.latestTo(email)?.personalisation['code'];
/** A code that is surely not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('a profile change', () => {
  it('name, phone and language apply at once; every later message is in the new language (modal, Home, a workflow DM)', async () => {
    // Registered through Slack in English, up to the business-account step: the registration workflow still runs.
    const userId = newSlackUser(stack, 'en-US');
    await registerUpToBusiness(stack, userId);
    const account = await stack.db.userAccount.findUniqueOrThrow({
      where: { registrationId: registrationWorkflowId({ teamId: stack.teamId, userId }) },
    });

    // /cers help names the command.
    const help = await stack.slack.driver.slashCommand({ userId, text: 'help' });
    const [post] = await stack.slack.waitForResponseUrlPosts(help.responseUrlId!, { timeoutMs: 10_000 });
    assert.match(
      textOf((post!.body as { blocks: unknown }).blocks),
      /`\/cers profile`: your name, e-mail, telephone and language/,
    );

    const viewId = await command(stack, userId, 'profile', hasCallback(CallbackId.ProfileForm));
    const form = JSON.stringify(viewOf(stack, viewId).blocks);
    assert.match(textOf(viewOf(stack, viewId).title), /Your profile/);
    for (const value of [USER_ACCOUNT_FORM.givenName, account.email, account.phone])
      assert.ok(form.includes(`"initial_value":"${value}"`), `prefilled with ${value}`);

    const delivery = await submit(stack, userId, viewId, {
      ...USER_ACCOUNT_FORM,
      givenName: 'Marie',
      phone: '819 555 0123',
      language: 'fr',
    });
    // The answer already speaks French, and names the fields changed, not their values.
    assert.equal(delivery.ack?.['response_action'], 'update');
    assert.match(
      textOf((delivery.ack['view'] as { blocks: unknown }).blocks),
      /Enregistré : prénom, téléphone, langue\./,
    );
    const after = await stack.db.userAccount.findUniqueOrThrow({ where: { id: account.id } });
    assert.deepEqual([after.givenName, after.phone, after.language], ['Marie', '+18195550123', 'fr']);

    // The Home tab, republished in French.
    await stack.slack.waitForCalls('views.publish', {
      where: (c) =>
        c.args['user_id'] === userId &&
        textOf((c.args['view'] as { blocks: unknown }).blocks).includes('Modifier mon profil'),
      timeoutMs: 10_000,
    });
    // The registration modal, in French.
    const modal = await openCers(stack, userId, hasAction(ActionId.JoinExistingBusiness));
    assert.match(textOf(viewOf(stack, modal).title), /Inscription au SCDE/);
    // A DM from the registration workflow (its completion notice), in French.
    await click(stack, userId, modal, ActionId.JoinExistingBusiness);
    await waitForDms(stack, userId, (ms) =>
      ms.some((m) => textOf(m.blocks ?? m.text).includes('Votre inscription au portail du SCDE est terminée')),
    );
    await waitForView(stack, modal, hasText('Inscription terminée'));

    const audit = await auditTextOf(stack, account.id);
    const changed = audit.rows.find((r) => r.action === 'user_account.profile_changed');
    assert.deepEqual(changed?.after, { changed: ['givenName', 'phone', 'language'] });
    for (const value of ['Marie', '8195550123', '819 555 0123'])
      assert.ok(!audit.text.includes(value), `the audit trail holds no ${value}`);
  });

  it('a new e-mail applies only after the right code; a wrong code is refused in the person’s language', async () => {
    const person = await registered(stack, { givenName: 'Élodie', familyName: `Courriel${tag()}` }, 'fr-CA');
    const newEmail = `elodie.${tag()}@nouvelle.example.ca`;
    const { viewId, delivery } = await changeProfile(stack, person, { email: newEmail }, 'profil');
    assert.equal(delivery.ack?.['response_action'], 'update');
    const codeForm = delivery.ack['view'] as { callback_id: string; blocks: unknown };
    assert.equal(codeForm.callback_id, CallbackId.EmailCodeForm);
    assert.ok(textOf(codeForm.blocks).includes(newEmail), 'the code form names the address the code went to');

    // GC Notify (its stand-in) received one e-mail to the new address, French template, a 6-digit code.
    const mail = stack.mail.latestTo(newEmail);
    assert.ok(mail, 'an e-mail went to the new address');
    assert.equal(mail.subject, 'Votre code de confirmation CERS Onboard');
    const code = codeOf(stack, newEmail)!;
    assert.match(code, /^\d{6}$/);
    assert.ok(mail.body.includes(code));
    // Until confirmed, the old address stays in force.
    assert.equal((await currentProfile(stack, person)).email, person.email);

    const refused = await submit(stack, person.slackUserId, viewId, { code: wrong(code) });
    assert.equal(refused.ack?.['response_action'], 'errors');
    assert.equal(
      (refused.ack['errors'] as Record<string, string>)['code'],
      'Ce code n’est pas celui que nous avons envoyé. Il reste 4 essais.',
    );
    assert.equal((await currentProfile(stack, person)).email, person.email);

    const confirmed = await submit(stack, person.slackUserId, viewId, { code: code.replace(/(\d{3})/, '$1 ') });
    assert.equal(confirmed.ack?.['response_action'], 'update');
    assert.match(
      textOf((confirmed.ack['view'] as { blocks: unknown }).blocks),
      new RegExp(`Votre adresse courriel est maintenant \\*${newEmail.replace(/\./g, '\\.')}\\*`),
    );
    assert.equal((await currentProfile(stack, person)).email, newEmail);

    const audit = await auditTextOf(stack, person.userAccountId);
    assert.deepEqual(
      audit.rows.map((r) => r.action).filter((a) => a.startsWith('user_account.email')),
      ['user_account.email_code_sent', 'user_account.email_changed'],
    );
    for (const value of [newEmail, person.email, code]) assert.ok(!audit.text.includes(value), 'no address, no code');

    // Nor in the workflow's history: the code and the address nowhere in clear (the payloads are
    // encrypted; what stays in clear is the SDK's bookkeeping of local activities).
    const workflowId = decodeMetadata((codeForm as { private_metadata?: string }).private_metadata)!.subject!;
    const payloads = await historyPayloads(stack.client, stack.config.temporal.namespace, workflowId);
    const encoding = (p: (typeof payloads)[number]) => Buffer.from(p.payload.metadata!['encoding']!).toString();
    assert.ok(payloads.filter((p) => encoding(p) === 'binary/encrypted').length >= 4, 'input, updates and results');
    for (const { payload } of payloads) {
      const data = Buffer.from(payload.data!).toString('latin1');
      for (const value of [code, newEmail]) assert.ok(!data.includes(value), 'nothing in clear');
    }
  });

  it('a new code replaces the one before (resend)', async () => {
    const person = await registered(stack, { givenName: 'Rosa', familyName: `Resend${tag()}` });
    const newEmail = `rosa.${tag()}@new.example.ca`;
    const { viewId } = await changeProfile(stack, person, { email: newEmail });
    await waitForView(stack, viewId, hasCallback(CallbackId.EmailCodeForm));
    const first = codeOf(stack, newEmail)!;
    const workflowId = decodeMetadata(viewOf(stack, viewId)['private_metadata'] as string)!.subject!;
    await click(stack, person.slackUserId, viewId, ActionId.ResendEmailCode, workflowId);
    await waitForView(stack, viewId, hasText('A new code is on its way'));
    assert.equal(stack.mail.mailbox.filter((m) => m.to === newEmail).length, 2);
    const second = codeOf(stack, newEmail)!;
    if (second !== first) {
      const stale = await submit(stack, person.slackUserId, viewId, { code: first });
      assert.equal(stale.ack?.['response_action'], 'errors', 'the first code no longer works');
    }
    const confirmed = await submit(stack, person.slackUserId, viewId, { code: second });
    assert.match(textOf((confirmed.ack!['view'] as { blocks: unknown }).blocks), /Your e-mail address is now/);
    assert.equal((await currentProfile(stack, person)).email, newEmail);
  });

  it('a double submit (and Slack retrying it) changes once', async () => {
    const person = await registered(stack, { givenName: 'Dora', familyName: `Double${tag()}` });
    const newEmail = `dora.${tag()}@new.example.ca`;
    const viewId = await command(stack, person.slackUserId, 'profile', hasCallback(CallbackId.ProfileForm));
    const values = { ...(await currentProfile(stack, person)), givenName: 'Dorothée', email: newEmail };
    const [first, second] = await Promise.all([
      submit(stack, person.slackUserId, viewId, values),
      submit(stack, person.slackUserId, viewId, values),
    ]);
    const retried = await first.resend({ retryNum: 1 });
    for (const delivery of [first, second, retried]) assert.equal(delivery.status, 200);
    await waitForView(stack, viewId, hasCallback(CallbackId.EmailCodeForm));

    const audit = await auditTextOf(stack, person.userAccountId);
    assert.equal(audit.rows.filter((r) => r.action === 'user_account.profile_changed').length, 1);
    assert.equal(audit.rows.filter((r) => r.action === 'user_account.email_code_sent').length, 1);
    assert.equal(stack.mail.mailbox.filter((m) => m.to === newEmail).length, 1, 'one code mailed');
    // One workflow, keyed by the submission, waits for the code.
    const workflowId = decodeMetadata(viewOf(stack, viewId)['private_metadata'] as string)!.subject!;
    assert.ok(workflowId.startsWith(`profile-change:${person.userAccountId}:`));
    const status = await stack.client.workflow
      .getHandle<typeof profileChangeWorkflow>(workflowId)
      .query(profileChangeStatus);
    assert.equal(status.emailStatus, 'awaiting_code');
  });
});

describe('an expired e-mail code', () => {
  // Codes that work for 2 seconds: the test waits for the workflow's own timer, not for a guess.
  const short = useBotStack({ CERS_EMAIL_CODE_TTL: '2s' });
  warmUp(short);

  it('is refused after its lifetime, and the e-mail address stays as it was', async () => {
    const person = await registered(short, { givenName: 'Xavier', familyName: `Expire${tag()}` });
    const newEmail = `xavier.${tag()}@new.example.ca`;
    const { viewId } = await changeProfile(short, person, { email: newEmail });
    await waitForView(short, viewId, hasCallback(CallbackId.EmailCodeForm));
    const code = codeOf(short, newEmail)!;
    const workflowId = decodeMetadata(viewOf(short, viewId)['private_metadata'] as string)!.subject!;
    const ended = await short.client.workflow.getHandle<typeof profileChangeWorkflow>(workflowId).result();
    assert.equal(ended.emailStatus, 'expired');

    const late = await submit(short, person.slackUserId, viewId, { code });
    assert.equal(late.ack?.['response_action'], 'update');
    assert.match(
      textOf((late.ack['view'] as { blocks: unknown }).blocks),
      /This code has expired, so your e-mail address was not changed/,
    );
    assert.equal((await currentProfile(short, person)).email, person.email);
    const audit = await auditTextOf(short, person.userAccountId);
    const end = audit.rows.find((r) => r.action === 'user_account.email_change_ended');
    assert.deepEqual(end?.after, { because: 'expired' });
  });
});
