/** People and businesses for the bot's end-to-end tests, and the modal a `/cers` command opens. */
import assert from 'node:assert/strict';
import type { Role } from '../../domain/roles';
import { ActionId } from '../../slack/ids';
import { createBusinessAccount, createUserAccount } from '../../testkit/fixtures';
import { newSlackUser, waitForView, type BotTestStack } from './bot-stack';

export interface Person {
  slackUserId: string;
  userAccountId: string;
  urn: string;
  email: string;
}

/** A Slack user with a completed user account (credential linked), as registration leaves them. */
export async function registered(
  s: BotTestStack,
  names: { givenName: string; familyName: string },
  locale = 'en-US',
): Promise<Person> {
  const slackUserId = newSlackUser(s, locale);
  const user = await createUserAccount(s.db, {
    slack: { teamId: s.teamId, userId: slackUserId },
    ...names,
    language: locale.startsWith('fr') ? 'fr' : 'en',
    credential: true,
  });
  return { slackUserId, userAccountId: user.id, urn: user.urn, email: user.email };
}

/** A business account `owner` owns, with `members` in their roles. */
export async function businessWith(s: BotTestStack, owner: Person, members: [Person, Role][] = []) {
  const business = await createBusinessAccount(s.db, { owner: owner.userAccountId });
  for (const [person, role] of members) {
    await s.db.membership.create({
      data: { userAccountId: person.userAccountId, businessAccountId: business.id, role },
    });
  }
  return business;
}

/** Types `/cers <text>` and returns the modal it opened, once it shows `ready`. */
export async function command(
  s: BotTestStack,
  userId: string,
  text: string,
  ready: (view: Record<string, unknown>) => boolean,
): Promise<string> {
  const delivery = await s.slack.driver.slashCommand({ userId, command: '/cers', text });
  assert.equal(delivery.status, 200);
  const [opened] = await s.slack.waitForCalls('views.open', {
    where: (c) => c.args['trigger_id'] === delivery.triggerId,
    timeoutMs: 5_000,
  });
  const viewId = (opened!.response['view'] as { id: string }).id;
  await waitForView(s, viewId, ready);
  return viewId;
}

/** A decider's request DM that still has its Approve / Reject buttons. */
export const withButtons = (m: { blocks: unknown[] | undefined }) =>
  JSON.stringify(m.blocks ?? []).includes(ActionId.ApproveRequest);
