/**
 * Issue 15, point 5 through the Slack stand-in: the terms step shows the summary and links to the
 * full text (served as a page in English and French); when CERS_TERMS_VERSION changes, a
 * registered person's next action shows the new version instead, and nothing else happens until
 * they accept it; accepting (even twice at once) records one acceptance and one audit event.
 */
import assert from 'node:assert/strict';
import { beforeAll, describe, it } from '@jest/globals';
import { CURRENT_TERMS_VERSION } from '../workflows/registration/definitions';
import { ActionId, CallbackId } from '../slack/ids';
import {
  buttonValue,
  click,
  hasAction,
  hasText,
  newSlackUser,
  signInThroughSlack,
  termsVersionShown,
  textOf,
  useBotStack,
  viewOf,
  waitForView,
  type BotTestStack,
} from './support/bot-stack';
import { businessWith, command, registered } from './support/bot-people';
import { publishTestTermsVersion } from './support/terms-versions';

const published = publishTestTermsVersion();
const NEW_VERSION = published.version;

const stack = useBotStack(published.env);

// The first job pays for the work thread's start (modules, connections); Slack's 3 s trigger window
// is not what these tests are about, so the thread answers /cers help before they run.
beforeAll(async () => {
  const help = await stack.slack.driver.slashCommand({ userId: newSlackUser(stack), command: '/cers', text: 'help' });
  await stack.slack.waitForResponseUrlPosts(help.responseUrlId!, { timeoutMs: 30_000 });
});

/**
 * The path of the first Slack link in a view's text, `<url|label>`, checked to be on the service's
 * public URL (CERS_PUBLIC_URL; the test bot listens on a port of its own, where it is fetched).
 */
function linkIn(text: string): string {
  const url = /<(http[^|>]+)\|/.exec(text)?.[1];
  assert.ok(url, `a link in:\n${text}`);
  assert.ok(url.startsWith(`${stack.config.signIn.publicUrl}/`), url);
  return `${stack.botUrl}${new URL(url).pathname}`;
}

async function page(url: string): Promise<{ status: number; type: string | null; html: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
}

const acceptances = (s: BotTestStack, userAccountId: string) =>
  s.db.termsAcceptance.findMany({ where: { userAccountId }, orderBy: { version: 'asc' } });

describe('the terms step', () => {
  it('shows the summary and links to the full text of its version, served in English and in French', async () => {
    const userId = newSlackUser(stack);
    const viewId = await signInThroughSlack(stack, userId);
    const shown = textOf(viewOf(stack, viewId).blocks);
    assert.match(shown, /CBSA asks you to accept the CERS Portal Terms and Conditions/);
    assert.equal(termsVersionShown(stack, viewId), NEW_VERSION, 'a new registration takes the current version');
    assert.match(shown, /Read the full text of version 2099-01> \(published 2099-01-15\)/);
    const url = linkIn(shown);
    assert.equal(url, `${stack.botUrl}/terms/${NEW_VERSION}/en`);

    const en = await page(url);
    assert.equal(en.status, 200);
    assert.match(en.type ?? '', /^text\/html/);
    assert.match(en.html, /<html lang="en-CA">/);
    assert.match(en.html, /<h1>Test terms, version 2099-01<\/h1>/);
    assert.match(en.html, /Version 2099-01, published 2099-01-15\./);
    assert.match(en.html, /The text of the test version\./);
    const fr = await page(url.replace(/\/en$/, '/fr'));
    assert.match(fr.html, /<html lang="fr-CA">/);
    assert.match(fr.html, /Version 2099-01, publiée le 2099-01-15\./);
    assert.match(fr.html, /Le texte de la version de test\./);

    // The repository's own version: what the CBSA guide says, and where the authoritative text is.
    const published = await page(`${stack.botUrl}/terms/${CURRENT_TERMS_VERSION}/en`);
    assert.match(published.html, /have accepted the CERS Portal Terms and Conditions, they may create/);
    assert.match(published.html, /The authoritative Terms and Conditions are the ones CBSA publishes/);
    const publishedFr = await page(`${stack.botUrl}/terms/${CURRENT_TERMS_VERSION}/fr`);
    assert.match(publishedFr.html, /Le texte qui fait foi|qui font foi sont celles que l’ASFC publie/);
    for (const missing of ['/terms/1999-01/en', `/terms/${NEW_VERSION}/de`, '/terms/..%2F..%2Fpackage.json/en']) {
      const answer = await page(`${stack.botUrl}${missing}`);
      assert.equal(answer.status, 404, missing);
      assert.doesNotMatch(answer.html, /"name":|Error|at /, 'no file content, no stack');
    }
  });
});

describe('a new version of the terms', () => {
  it('comes before a registered person’s next action; a double click accepts once; then the action works', async () => {
    const person = await registered(stack, { givenName: 'Tess', familyName: 'Terms' });
    const business = await businessWith(stack, person);
    assert.deepEqual(
      (await acceptances(stack, person.userAccountId)).map((a) => a.version),
      [CURRENT_TERMS_VERSION],
      'registered under the version before',
    );

    // /cers accounts shows the new terms instead of the accounts; /cers join too.
    const viewId = await command(stack, person.slackUserId, 'accounts', hasAction(ActionId.AcceptNewTerms));
    const shown = viewOf(stack, viewId);
    assert.equal(shown.callback_id, CallbackId.Terms);
    assert.match(textOf(shown.blocks), /new version, 2099-01/);
    assert.equal(linkIn(textOf(shown.blocks)), `${stack.botUrl}/terms/${NEW_VERSION}/en`);
    assert.ok(!textOf(shown.blocks).includes(business.businessNumber.slice(0, 9)), 'no accounts shown');
    const join = await command(stack, person.slackUserId, 'join', hasAction(ActionId.AcceptNewTerms));
    assert.notEqual(viewOf(stack, join).callback_id, CallbackId.AccessRequestForm);
    // A button of the accounts modal (here, sent from the terms window) does nothing either.
    await click(stack, person.slackUserId, join, ActionId.ShowMembers, business.id);
    await waitForView(stack, join, hasAction(ActionId.AcceptNewTerms));
    assert.equal((await acceptances(stack, person.userAccountId)).length, 1, 'nothing accepted yet');

    // Two clicks at once, and Slack retrying the first: one acceptance, one audit event.
    const value = buttonValue(shown.blocks, ActionId.AcceptNewTerms);
    assert.equal(value, NEW_VERSION);
    const [first] = await Promise.all([
      click(stack, person.slackUserId, viewId, ActionId.AcceptNewTerms, value),
      click(stack, person.slackUserId, viewId, ActionId.AcceptNewTerms, value),
    ]);
    await first.resend({ retryNum: 1 });
    await waitForView(stack, viewId, hasText('You accepted version 2099-01'));
    assert.deepEqual(
      (await acceptances(stack, person.userAccountId)).map((a) => a.version),
      [CURRENT_TERMS_VERSION, NEW_VERSION],
    );
    const audit = await stack.db.auditEvent.findMany({
      where: { subjectId: person.userAccountId, action: 'terms.accepted' },
    });
    assert.equal(audit.length, 1, 'audited once');
    assert.equal(audit[0]!.actor, `user:${person.userAccountId}`);
    assert.deepEqual(audit[0]!.after, { version: NEW_VERSION });
    assert.equal(audit[0]!.workflowId, `terms-acceptance:${person.userAccountId}:${NEW_VERSION}`);

    // Now the same command does what it says.
    const accounts = await command(stack, person.slackUserId, 'accounts', hasText(business.businessNumber.slice(0, 9)));
    assert.equal(viewOf(stack, accounts).callback_id, CallbackId.Accounts);
  });

  it('in French for a French account; help still answers before acceptance', async () => {
    const person = await registered(stack, { givenName: 'Félix', familyName: 'Conditions' }, 'fr-CA');
    const help = await stack.slack.driver.slashCommand({ userId: person.slackUserId, command: '/cers', text: 'aide' });
    const [post] = await stack.slack.waitForResponseUrlPosts(help.responseUrlId!);
    assert.match(textOf((post!.body as { blocks: unknown[] }).blocks), /USTCC/, 'the help, in French');
    assert.equal(stack.slack.calls('views.open').filter((c) => c.args['trigger_id'] === help.triggerId).length, 0);

    const viewId = await command(stack, person.slackUserId, '', hasAction(ActionId.AcceptNewTerms));
    const shown = textOf(viewOf(stack, viewId).blocks);
    assert.match(shown, /Nouvelles conditions d’utilisation/);
    assert.match(shown, /Lire le texte complet de la version 2099-01> \(publiée le 2099-01-15\)/);
    assert.equal(linkIn(shown), `${stack.botUrl}/terms/${NEW_VERSION}/fr`);
    await click(stack, person.slackUserId, viewId, ActionId.AcceptNewTerms, NEW_VERSION);
    await waitForView(stack, viewId, hasText('Vous avez accepté la version 2099-01'));
    assert.equal(
      await stack.db.auditEvent.count({ where: { subjectId: person.userAccountId, action: 'terms.accepted' } }),
      1,
    );
  });

  it('an Accept for another version (a window left open) records nothing and shows the version in force', async () => {
    const person = await registered(stack, { givenName: 'Olga', familyName: 'Oldwindow' });
    const viewId = await command(stack, person.slackUserId, 'accounts', hasAction(ActionId.AcceptNewTerms));
    await click(stack, person.slackUserId, viewId, ActionId.AcceptNewTerms, '2098-07');
    await waitForView(stack, viewId, hasText('changed again: read and accept version 2099-01'));
    assert.equal((await acceptances(stack, person.userAccountId)).length, 1);
  });
});
