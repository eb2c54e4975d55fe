/**
 * `/cers support urn|bn|email <value>` through the Slack stand-in and the real Bolt app: members of
 * the support user group (CERS_SUPPORT_USERGROUP, read with usergroups.users.list) get the lookup
 * as an ephemeral message in their language, audited under their Slack identity; anyone else gets
 * a refusal in theirs and nothing is looked up. Slack's ack comes first, within its 3 seconds.
 */
import assert from 'node:assert/strict';
import { beforeAll, describe, it } from '@jest/globals';
import { translate } from '../i18n/catalogue';
import { urnFromPayload } from '../domain/urn';
import { newSlackUser, textOf, useBotStack, type BotTestStack } from './support/bot-stack';
import { lockedAuthorization } from './support/locks';
import { completedRegistration, lockedOutRegistration } from './support/support-people';

const SUPPORT_GROUP = 'S0CERSHELP1';
const stack = useBotStack({ CERS_SUPPORT_USERGROUP: SUPPORT_GROUP });

interface Reply {
  text: string;
  /** Every word the agent reads: the fallback text and the blocks. */
  shown: string;
}

/** Types `/cers <text>` as `userId`; returns what only they see, once the bot said it. */
async function command(s: BotTestStack, userId: string, text: string): Promise<Reply> {
  const delivery = await s.slack.driver.slashCommand({ userId, command: '/cers', text });
  assert.equal(delivery.status, 200);
  assert.ok(delivery.latencyMs < 3_000, `acknowledged in ${delivery.latencyMs} ms, within Slack's 3 s`);
  const [post] = await s.slack.waitForResponseUrlPosts(delivery.responseUrlId!, { timeoutMs: 10_000 });
  const body = post!.body as { response_type?: string; text?: string; blocks?: unknown[] };
  assert.equal(body.response_type, 'ephemeral', 'only the agent sees it');
  assert.equal(post!.refused, undefined, 'Slack accepts the message');
  return { text: body.text ?? '', shown: `${body.text ?? ''}\n${textOf(body.blocks ?? [])}` };
}

/** The support team, in the group before any lookup: the bot caches the group's members for a minute. */
const agents = { en: '', fr: '' };
beforeAll(() => {
  agents.en = newSlackUser(stack, 'en-US');
  agents.fr = newSlackUser(stack, 'fr-CA');
  stack.slack.workspace.setUsergroup(SUPPORT_GROUP, [agents.en, agents.fr]);
});

const lookups = (s: BotTestStack, userId: string) =>
  s.db.auditEvent.findMany({ where: { actor: `slack:${s.teamId}:${userId}`, action: 'support.lookup' } });

describe('/cers support', () => {
  it('looks a person up by URN for a member of the support group, in English, and audits it', async () => {
    const agent = agents.en;
    const person = await completedRegistration(stack);
    const reply = await command(stack, agent, `support urn ${person.urn}`);
    for (const expected of [
      "Marie-Ève O'Connor-Tremblay",
      person.urn,
      person.businessNumber,
      'Owner',
      'French',
      'GCKey',
      'Registration complete',
      'CersUrnDigest="',
      translate('en', 'support.audited'),
    ])
      assert.ok(reply.shown.includes(expected), `shows ${expected}:\n${reply.shown}`);
    const [audit, ...more] = await lookups(stack, agent);
    assert.deepEqual(more, [], 'the first lookup of this agent');
    assert.ok(audit);
    assert.equal((audit.after as { via?: string }).via, 'slack');
    assert.ok(!JSON.stringify(audit.after).includes(person.urn) && !audit.subjectId.includes(person.urn));
  });

  it('answers a French-speaking agent in French: a business number and its lock, an e-mail', async () => {
    const agent = agents.fr;
    const person = await lockedOutRegistration(stack);
    const byBn = await command(stack, agent, `support bn ${person.businessNumber}`);
    assert.ok(byBn.shown.includes(translate('fr', 'support.none.bn', { businessNumber: person.businessNumber })));
    assert.match(byBn.shown, /: \*verrouillé\* jusqu’au .*\(5 codes d’activation erronés\)/);
    const byEmail = await command(stack, agent, `soutien email ${person.email.toLowerCase()}`);
    assert.ok(byEmail.shown.includes(person.urn), byEmail.shown);
    assert.ok(byEmail.shown.includes('En cours, à l’étape *Étape 4 sur 4'), byEmail.shown);
    assert.equal((await lookups(stack, agent)).length, 2);
  });

  it('says what is wrong with a value, and how to ask, in the agent’s language', async () => {
    const agent = agents.en;
    const before = (await lookups(stack, agent)).length;
    const urn = urnFromPayload('12345678901');
    const typo = `${urn.slice(0, -1)}${(Number(urn.at(-1)) + 1) % 10}`;
    assert.equal(
      (await command(stack, agent, `support urn ${typo}`)).text,
      translate('en', 'support.invalid.urn_check_digit'),
    );
    assert.equal((await command(stack, agent, 'support')).text, translate('en', 'support.usage'));
    const unknown = urnFromPayload(`7${String(Date.now()).slice(-10)}`);
    assert.ok(
      (await command(stack, agent, `support urn ${unknown}`)).shown.includes(translate('en', 'support.none.urn')),
    );
    assert.equal((await lookups(stack, agent)).length, before + 1, 'only the well-formed value was looked up');
  });

  it('refuses everyone outside the support group, in their language, before reading anything', async () => {
    const person = await completedRegistration(stack);
    for (const [locale, language] of [
      ['en-US', 'en'],
      ['fr-CA', 'fr'],
    ] as const) {
      const outsider = newSlackUser(stack, locale);
      const reply = await command(stack, outsider, `support urn ${person.urn}`);
      assert.equal(reply.text, translate(language, 'support.refused.not_member'));
      assert.ok(!reply.shown.includes('Marie-Ève'), 'nothing about the person');
      assert.deepEqual(await lookups(stack, outsider), []);
    }
  });

  it('lifts a shared-secret lock for a member, audited under their Slack identity; an outsider cannot', async () => {
    const auth = await lockedAuthorization(stack);
    const lock = () => stack.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    const lifts = () =>
      stack.db.auditEvent.findMany({
        where: { action: 'cbsa_authorization.lock_lifted', subjectId: auth.businessNumber },
      });
    const reason = 'caller verified by TCCU, ticket 4411';

    const outsider = newSlackUser(stack, 'fr-CA');
    const refused = await command(stack, outsider, `support unlock ${auth.businessNumber} ${reason}`);
    assert.equal(refused.text, translate('fr', 'support.refused.not_member'));
    assert.ok((await lock()).lockedUntil! > new Date(), 'the lock stays');
    assert.deepEqual(await lifts(), []);

    assert.equal(
      (await command(stack, agents.en, `support unlock ${auth.businessNumber}`)).text,
      translate('en', 'support.unlock_usage'),
      'a lift needs a reason',
    );
    const lifted = await command(stack, agents.en, `support unlock ${auth.businessNumber.toLowerCase()} ${reason}`);
    assert.ok(lifted.text.startsWith(`The shared-secret lock on ${auth.businessNumber} is lifted`), lifted.text);
    assert.equal((await lock()).lockedUntil, null);
    const [event, ...more] = await lifts();
    assert.deepEqual(more, []);
    assert.equal(event!.actor, `support:slack:${stack.teamId}:${agents.en}`);
    assert.ok(
      !JSON.stringify({ ...event, id: String(event!.id) }).includes('TCCU'),
      'the reason is not in the audit trail',
    );

    const again = await command(stack, agents.fr, `support unlock ${auth.businessNumber} ${reason}`);
    assert.equal(again.text, translate('fr', 'support.lock_not_set', { businessNumber: auth.businessNumber }));
  });

  it('reads the group once for a burst of lookups (cached briefly)', async () => {
    const agent = agents.en;
    const person = await completedRegistration(stack);
    stack.slack.api.clearCalls();
    await Promise.all([1, 2, 3].map(() => command(stack, agent, `support urn ${person.urn}`)));
    assert.ok(stack.slack.calls('usergroups.users.list').length <= 1);
  });
});
