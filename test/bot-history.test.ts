/**
 * Issue 15, point 4 through the Slack stand-in: owners and proxies page through their business
 * account's history (events made through the account-change workflow, and in bulk the way its
 * activities write them), newest first, pages neither overlapping nor skipping, stable while new
 * events arrive, in the reader's language, contact changes by field and never by value; a plain
 * member and forged page tokens are refused; the business account's messages page too.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { applyMemberChange } from '../activities/account-changes';
import { runAccountChange, type AccountChange } from '../client';
import type { Role } from '../domain/roles';
import { ActionId } from '../slack/ids';
import { createUserAccount } from '../testkit/fixtures';
import {
  buttonValue,
  click,
  hasText,
  textOf,
  useBotStack,
  viewOf,
  waitForView,
  type BotTestStack,
  type ViewDefinition,
} from './support/bot-stack';
import { businessWith, command, registered, type Person } from './support/bot-people';

const stack = useBotStack();

type Business = Awaited<ReturnType<typeof businessWith>>;

/** One change through the account-change workflow, as the bot starts it. */
async function change(s: BotTestStack, business: Business, actor: Person | string, body: AccountChange) {
  const actorUserAccountId = typeof actor === 'string' ? actor : actor.userAccountId;
  await runAccountChange(
    s.client,
    s.config,
    { businessAccountId: business.id, actorUserAccountId, change: body },
    randomUUID(),
    { businessNumber: business.businessNumber },
  );
}

/** A member added by the owner, written as the account-change activity writes it (audit event and message). */
async function addedInBulk(s: BotTestStack, business: Business, owner: Person, familyName: string, role: Role) {
  const user = await createUserAccount(s.db, { givenName: 'Bulk', familyName });
  const result = await applyMemberChange(s.db, {
    changeId: `account-change:${business.id}:${randomUUID()}`,
    businessAccountId: business.id,
    actorUserAccountId: owner.userAccountId,
    subjectUserAccountId: user.id,
    change: { kind: 'add', role },
  });
  assert.ok(result.applied);
  return user;
}

const CONTACT = {
  positionTitle: 'Owner',
  address: { line1: '1 Main St', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1', country: 'CA' },
  phone: '+16135550100',
  email: 'owner@example.ca',
};
/** Contact values no history may show. */
const NEW_PHONE = '+16135550177';
const NEW_EMAIL = 'history-secret@example.ca';
const NEW_CITY = 'Gatineau';

/** The lines of a history or messages page (its sections after the header), in order. */
function linesOf(view: ViewDefinition): string[] {
  return ((view.blocks ?? []) as { type: string; text?: { text: string } }[])
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '');
}

/** Clicks a button of the modal and waits for the view to change. */
async function clickAndWait(s: BotTestStack, person: Person, viewId: string, actionId: string, value?: string) {
  const before = JSON.stringify(viewOf(s, viewId).blocks);
  await click(s, person.slackUserId, viewId, actionId, value ?? buttonValue(viewOf(s, viewId).blocks, actionId));
  return waitForView(s, viewId, (v) => JSON.stringify(v.blocks) !== before);
}

/** Which of `fragments` each line shows (-1: none, 2+ matches fail). */
function indexesOf(lines: string[], fragments: string[]): number[] {
  return lines.map((line) => {
    const found = fragments.flatMap((fragment, i) => (line.includes(fragment) ? [i] : []));
    assert.ok(found.length <= 1, `"${line}" matches several events`);
    return found[0] ?? -1;
  });
}

/** /cers accounts, then History on `business`: the first page. */
async function openHistory(s: BotTestStack, person: Person, business: Business) {
  const viewId = await command(
    s,
    person.slackUserId,
    'accounts',
    (v) => buttonValue(v['blocks'], ActionId.ShowHistory) === business.id,
  );
  await clickAndWait(s, person, viewId, ActionId.ShowHistory, business.id);
  return viewId;
}

describe('a business account’s history', () => {
  it('pages newest first over three pages, neither overlapping nor skipping, stable while events arrive; fields, never values', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const ann = await registered(stack, { givenName: 'Ann', familyName: 'Adams' });
    const ben = await registered(stack, { givenName: 'Ben', familyName: 'Brown' });
    const cal = await registered(stack, { givenName: 'Cal', familyName: 'Clark' });
    const business = await businessWith(stack, owner);
    const add = (p: Person, familyName: string, role: 'proxy' | 'account_user' | 'account_browser') =>
      change(stack, business, owner, { kind: 'members.add', urn: p.urn, familyName, email: p.email, role });

    // Events through the workflows, each with a line of its own (the fragment that tells it apart).
    const made: string[] = [];
    await add(ann, 'Adams', 'account_user');
    made.push('Olive Owner added Ann Adams as an account user');
    await add(ben, 'Brown', 'account_browser');
    made.push('Olive Owner added Ben Brown');
    await add(cal, 'Clark', 'account_user');
    made.push('Olive Owner added Cal Clark');
    await change(stack, business, owner, {
      kind: 'members.changeRole',
      subjectUserAccountId: ann.userAccountId,
      role: 'proxy',
    });
    made.push('changed Ann Adams’s role from Account user to Proxy');
    await change(stack, business, owner, { kind: 'business.update', contact: { ...CONTACT, phone: NEW_PHONE } });
    made.push('updated the contact information: telephone.');
    await change(stack, business, owner, {
      kind: 'business.update',
      contact: { ...CONTACT, phone: NEW_PHONE, email: NEW_EMAIL, address: { ...CONTACT.address, city: NEW_CITY } },
    });
    made.push('updated the contact information: city and e-mail.');
    await change(stack, business, owner, { kind: 'members.remove', subjectUserAccountId: ben.userAccountId });
    made.push('Olive Owner removed Ben Brown');
    await change(stack, business, cal, { kind: 'members.leave' });
    made.push('Cal Clark left');
    // And in bulk, as the activities write them: 24 events in all, three pages of 10.
    for (let i = 1; i <= 16; i++) {
      const familyName = `Member${String(i).padStart(2, '0')}`;
      await addedInBulk(stack, business, owner, familyName, 'account_browser');
      made.push(`added Bulk ${familyName} `);
    }
    const newestFirst = [...made].reverse();

    const viewId = await openHistory(stack, owner, business);
    const pages: string[][] = [linesOf(viewOf(stack, viewId))];
    assert.match(textOf(viewOf(stack, viewId).blocks), /History · /);
    assert.equal(buttonValue(viewOf(stack, viewId).blocks, ActionId.HistoryNewer), undefined, 'the newest page');

    // A new event while paging: the next pages are where they were.
    await addedInBulk(stack, business, owner, 'Latecomer', 'account_user');
    pages.push(linesOf(await clickAndWait(stack, owner, viewId, ActionId.HistoryOlder)));
    pages.push(linesOf(await clickAndWait(stack, owner, viewId, ActionId.HistoryOlder)));
    assert.equal(buttonValue(viewOf(stack, viewId).blocks, ActionId.HistoryOlder), undefined, 'the oldest page');

    assert.deepEqual(
      pages.map((p) => p.length),
      [10, 10, 4],
    );
    assert.deepEqual(
      pages.flatMap((p) => indexesOf(p, newestFirst)),
      newestFirst.map((_, i) => i),
      'every event once, newest first',
    );
    const all = pages.flat().join('\n');
    for (const value of [NEW_PHONE, '613-555-0177', NEW_EMAIL, NEW_CITY])
      assert.ok(!all.includes(value), `no contact value (${value}) shown`);

    // Newer goes back page by page to the same pages; then to the event that arrived meanwhile.
    assert.deepEqual(linesOf(await clickAndWait(stack, owner, viewId, ActionId.HistoryNewer)), pages[1]);
    assert.deepEqual(linesOf(await clickAndWait(stack, owner, viewId, ActionId.HistoryNewer)), pages[0]);
    const newest = linesOf(await clickAndWait(stack, owner, viewId, ActionId.HistoryNewer));
    assert.equal(newest.length, 1);
    assert.match(newest[0]!, /Olive Owner added Bulk Latecomer as an account user/);
    assert.equal(buttonValue(viewOf(stack, viewId).blocks, ActionId.HistoryNewer), undefined);
    assert.ok(buttonValue(viewOf(stack, viewId).blocks, ActionId.HistoryOlder), 'older pages behind it');
  });

  it('a proxy reads it too; a French owner reads it in French', async () => {
    const propriétaire = await registered(stack, { givenName: 'Odile', familyName: 'Propriétaire' }, 'fr-CA');
    const mandataire = await registered(stack, { givenName: 'Paul', familyName: 'Mandataire' });
    const business = await businessWith(stack, propriétaire);
    await change(stack, business, propriétaire, {
      kind: 'members.add',
      urn: mandataire.urn,
      familyName: 'Mandataire',
      email: mandataire.email,
      role: 'proxy',
    });
    await change(stack, business, propriétaire, {
      kind: 'business.update',
      contact: { ...CONTACT, email: NEW_EMAIL },
    });

    const vue = await openHistory(stack, propriétaire, business);
    const lignes = linesOf(viewOf(stack, vue));
    assert.match(textOf(viewOf(stack, vue).blocks), /Historique · /);
    assert.equal(lignes.length, 2);
    assert.match(lignes[0]!, /Odile Propriétaire a mis à jour les coordonnées : courriel\./);
    assert.match(lignes[1]!, /Odile Propriétaire a ajouté Paul Mandataire à titre de mandataire\./);
    assert.ok(!lignes.join('\n').includes(NEW_EMAIL));

    const theirs = await openHistory(stack, mandataire, business);
    assert.match(linesOf(viewOf(stack, theirs))[1]!, /Odile Propriétaire added Paul Mandataire as a proxy\./);
  });

  it('a plain member is neither offered it nor shown it; forged page tokens are refused without a crash', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const member = await registered(stack, { givenName: 'Uma', familyName: 'User' });
    const outsider = await registered(stack, { givenName: 'Xavier', familyName: 'Outsider' }, 'fr-CA');
    const business = await businessWith(stack, owner, [[member, 'account_user']]);
    for (let i = 1; i <= 11; i++) await addedInBulk(stack, business, owner, `Forged${i}`, 'account_browser');
    const ownerView = await openHistory(stack, owner, business);
    const token = buttonValue(viewOf(stack, ownerView).blocks, ActionId.HistoryOlder)!;
    assert.ok(token, 'the owner has a second page');

    const viewId = await command(stack, member.slackUserId, 'accounts', hasText('Request access'));
    assert.equal(buttonValue(viewOf(stack, viewId).blocks, ActionId.ShowHistory), undefined, 'not offered');
    const refused = 'Only the owner and the proxies of a business account can see its history.';
    await click(stack, member.slackUserId, viewId, ActionId.ShowHistory, business.id);
    await waitForView(stack, viewId, hasText(refused));
    // The owner's own page token, replayed by the member: the role decides, not the token.
    await clickAndWait(stack, member, viewId, ActionId.BackToAccounts);
    await click(stack, member.slackUserId, viewId, ActionId.HistoryOlder, token);
    await waitForView(stack, viewId, hasText(refused));
    assert.ok(!textOf(viewOf(stack, viewId).blocks).includes('Forged'), 'no entry shown');

    // Someone from elsewhere, in French.
    const vue = await command(stack, outsider.slackUserId, 'accounts', hasText('Demander l’accès'));
    await click(stack, outsider.slackUserId, vue, ActionId.HistoryNewer, token);
    await waitForView(stack, vue, hasText('Seuls le propriétaire et les mandataires'));

    // Tokens that are not tokens: the owner is told, and nothing breaks.
    const [businessId, ms] = token.split(':');
    const forged = [
      'not-a-token',
      `${businessId}:${ms}:99999999999999999999`,
      `${businessId}:${ms}:9223372036854775808`,
      `${businessId}:99999999999999999:1`,
      `${businessId}:${ms}:0`,
      `${businessId}:${ms}:1'; DROP TABLE audit_events; --`,
      `${'x'.repeat(1500)}`,
    ];
    for (const value of forged) {
      await click(stack, owner.slackUserId, ownerView, ActionId.HistoryOlder, value);
      await waitForView(stack, ownerView, hasText('This page button is not valid'));
      // Back to the history (the refusal showed the accounts modal), for the next one.
      await clickAndWait(stack, owner, ownerView, ActionId.ShowHistory, business.id);
    }
    assert.deepEqual(
      stack.logs.filter((line) => line.includes('account action failed')),
      [],
      'no handler failed',
    );
  });
});

describe('a business account’s messages', () => {
  it('any member pages through them, newest first, with Older and Newer', async () => {
    const owner = await registered(stack, { givenName: 'Olive', familyName: 'Owner' });
    const browser = await registered(stack, { givenName: 'Bea', familyName: 'Browser' });
    const business = await businessWith(stack, owner, [[browser, 'account_browser']]);
    const made: string[] = [];
    for (let i = 1; i <= 23; i++) {
      const familyName = `Note${String(i).padStart(2, '0')}`;
      await addedInBulk(stack, business, owner, familyName, 'account_user');
      made.push(`added Bulk ${familyName} `);
    }
    const newestFirst = [...made].reverse();

    const viewId = await command(
      stack,
      browser.slackUserId,
      'accounts',
      (v) => buttonValue(v['blocks'], ActionId.ShowMessages) === business.id,
    );
    const pages = [linesOf(await clickAndWait(stack, browser, viewId, ActionId.ShowMessages, business.id))];
    assert.match(textOf(viewOf(stack, viewId).blocks), /Messages · /);
    pages.push(linesOf(await clickAndWait(stack, browser, viewId, ActionId.MessagesOlder)));
    pages.push(linesOf(await clickAndWait(stack, browser, viewId, ActionId.MessagesOlder)));
    assert.equal(buttonValue(viewOf(stack, viewId).blocks, ActionId.MessagesOlder), undefined);
    assert.deepEqual(
      pages.map((p) => p.length),
      [10, 10, 3],
    );
    assert.deepEqual(
      pages.flatMap((p) => indexesOf(p, newestFirst)),
      newestFirst.map((_, i) => i),
    );
    assert.deepEqual(linesOf(await clickAndWait(stack, browser, viewId, ActionId.MessagesNewer)), pages[1]);
    assert.deepEqual(linesOf(await clickAndWait(stack, browser, viewId, ActionId.MessagesNewer)), pages[0]);
    assert.equal(buttonValue(viewOf(stack, viewId).blocks, ActionId.MessagesNewer), undefined);

    // A forged token for messages is refused the same way.
    await click(stack, browser.slackUserId, viewId, ActionId.MessagesOlder, `${business.id}:x:1`);
    await waitForView(stack, viewId, hasText('This page button is not valid'));
  });
});
