/**
 * When our side fails (Temporal unreachable), the applicant is told in their language that nothing
 * changed and to try again: no spinner forever, no stack trace, no crashed bot.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { createLogger } from '../config/logger';
import { createCersBot, type CersBot } from '../bot/app';
import { connectCersClient } from '../client';
import { startSlackStandIn, type SlackStandIn } from '../dev/slack';
import { textOf } from './support/bot-stack';
import { createDatabase, type Database } from '../prisma/database';
import { testConfig } from './support/stack';
import { freePort } from '../testkit/ports';

describe('Temporal unreachable', () => {
  let slack: SlackStandIn;
  let bot: CersBot;
  let db: Database;
  const logged: string[] = [];

  beforeAll(async () => {
    const botToken = `xoxb-test-${randomBytes(8).toString('hex')}`;
    const signingSecret = randomBytes(16).toString('hex');
    slack = await startSlackStandIn({ botToken, signingSecret, users: [{ id: 'U0FRENCH01', locale: 'fr-CA' }] });
    const config = testConfig();
    db = createDatabase(config.database.externalUrl!);
    // A client whose connection is already closed: every call to Temporal fails at once.
    const temporal = await connectCersClient({ config });
    await temporal.connection.close();
    bot = createCersBot({
      config,
      connection: { mode: 'http', botToken, signingSecret, apiUrl: slack.apiUrl, port: 0 },
      // In-process: the work uses this (closed) client, as a thread could not.
      work: { mode: 'in-process', temporal, db },
      log: createLogger('bot-test', 'error', (line) => logged.push(line)),
    });
    slack.driver.target = (await bot.start()).eventsUrl;
  });
  afterAll(async () => {
    await bot.stop();
    await slack.close();
    await db.$disconnect();
  });

  test('/cers opens the modal and says, in French, that nothing changed and to try again', async () => {
    const delivery = await slack.driver.slashCommand({ userId: 'U0FRENCH01' });
    assert.equal(delivery.status, 200);
    const [update] = await slack.waitForCalls('views.update', { timeoutMs: 5_000 });
    const text = textOf((update!.args['view'] as { blocks: unknown }).blocks);
    assert.match(text, /Un problème est survenu de notre côté et rien n’a été modifié/);
    assert.doesNotMatch(text, /Error|at .*\.ts/);
    assert.ok(
      logged.some((line) => line.includes('registration could not be shown')),
      'the failure is logged',
    );
  });

  test('a direct message is answered with the same, and the bot keeps serving', async () => {
    const channel = slack.workspace.dmChannelFor('U0FRENCH01');
    await slack.driver.event({
      event: { type: 'message', channel_type: 'im', channel, user: 'U0FRENCH01', text: 'allo' },
    });
    const [reply] = await slack.waitForCalls('chat.postMessage', {
      timeoutMs: 5_000,
      where: (c) => c.args['channel'] === channel,
    });
    assert.match(String(reply!.args['text']), /rien n’a été modifié/);
    const again = await slack.driver.slashCommand({ userId: 'U0FRENCH01', text: 'aide' });
    assert.equal(again.status, 200);
  });
});

describe('Temporal unreachable, work on its thread (as in production)', () => {
  let slack: SlackStandIn;
  let bot: CersBot;

  beforeAll(async () => {
    const botToken = `xoxb-test-${randomBytes(8).toString('hex')}`;
    const signingSecret = randomBytes(16).toString('hex');
    slack = await startSlackStandIn({ botToken, signingSecret, users: [{ id: 'U0ENGLISH1', locale: 'en-US' }] });
    // Nothing listens there: the thread's (lazy) Temporal client fails each call.
    const config = testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    bot = createCersBot({
      config,
      connection: { mode: 'http', botToken, signingSecret, apiUrl: slack.apiUrl, port: 0 },
      work: { mode: 'thread', databaseUrl: config.database.externalUrl! },
      log: createLogger('bot-test', 'error', () => undefined),
    });
    slack.driver.target = (await bot.start()).eventsUrl;
  });
  afterAll(async () => {
    await bot.stop();
    await slack.close();
  });

  test('/cers still opens the modal at once, which then says nothing changed and to try again', async () => {
    const delivery = await slack.driver.slashCommand({ userId: 'U0ENGLISH1' });
    assert.equal(delivery.status, 200);
    await slack.waitForCalls('views.open', { timeoutMs: 5_000 });
    const [update] = await slack.waitForCalls('views.update', { timeoutMs: 30_000 });
    assert.match(
      textOf((update!.args['view'] as { blocks: unknown }).blocks),
      /Something went wrong on our side and nothing was changed/,
    );
  });
});
