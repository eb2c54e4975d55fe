/**
 * The Slack envelope parser (bot/edge/slack-envelope.ts), property-based: it never throws, whatever it
 * is given; it refuses with a typed reason; and whatever it accepts, Bolt's own routing and the
 * bot's listeners handle without an error (checked against a real Bolt App, not a model of it).
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { App, type Receiver } from '@slack/bolt';
import fc from 'fast-check';
import { registerActions } from '../bot/listeners/actions';
import { registerCommands } from '../bot/listeners/commands';
import { registerEvents } from '../bot/listeners/events';
import { registerSubmissions } from '../bot/listeners/submissions';
import { EnvelopeRefusal, parseSlackEnvelope } from '../bot/edge/slack-envelope';
import type { WorkRunner } from '../bot/work/jobs';
import { mutate, mutatedEnvelope, VALID_ENVELOPES } from './support/slack-envelopes';

const REFUSALS = new Set<string>(Object.values(EnvelopeRefusal));

/** A real Bolt App with the bot's own listeners; the work they hand over is dropped. */
function boltWithTheBotsListeners(): { app: App; errors: unknown[] } {
  const receiver: Receiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };
  const errors: unknown[] = [];
  const app = new App({
    receiver,
    authorize: () => Promise.resolve({ botToken: 'xoxb-test', botUserId: 'U0BOT00001', botId: 'B0BOT00001' }),
    logger: {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: () => {},
      setLevel: () => {},
      getLevel: () => 'error' as never,
      setName: () => {},
    },
  });
  const work: WorkRunner = {
    ready: () => Promise.resolve(),
    post: () => undefined,
    submit: () => Promise.resolve(undefined),
    serve: () => Promise.reject(new Error('no sign-in here')),
    stop: () => Promise.resolve(),
  };
  registerCommands(app, work);
  registerActions(app, work);
  registerSubmissions(app, work);
  registerEvents(app, work);
  app.error((error) => {
    errors.push(error);
    return Promise.resolve();
  });
  return { app, errors };
}

describe('parseSlackEnvelope', () => {
  test('accepts each kind of envelope the bot serves, keeping the fields it does not check', () => {
    for (const [name, envelope] of Object.entries(VALID_ENVELOPES)) {
      const parsed = parseSlackEnvelope(envelope);
      assert.ok(parsed.ok, `${name}: ${JSON.stringify(parsed)}`);
      assert.deepEqual(parsed.envelope.body, envelope, `${name} passes through unchanged`);
    }
    // A form body as node:querystring parses it (an object without a prototype).
    const form = Object.assign(Object.create(null) as Record<string, unknown>, VALID_ENVELOPES['command']);
    assert.equal(parseSlackEnvelope(form).ok, true);
  });

  test('never throws, and refuses anything that is not an object as not_an_object (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseSlackEnvelope(value);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          assert.deepEqual(parsed, { ok: false, error: 'not_an_object' });
        } else if (!parsed.ok) {
          assert.ok(REFUSALS.has(parsed.error), parsed.error);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  test('refuses a required field of the wrong type with invalid_envelope naming it', () => {
    const cases: [string, (string | number)[], unknown][] = [
      ['modalButton', ['user'], null],
      ['modalButton', ['actions'], []],
      ['modalButton', ['actions', 0, 'action_id'], 7],
      ['submission', ['view', 'blocks'], undefined],
      ['submission', ['view', 'state'], 'x'],
      ['command', ['text'], ['1', '2']],
      ['homeOpened', ['event', 'channel'], null],
      ['directMessage', ['event', 'item'], 'x'],
    ];
    for (const [name, path, replacement] of cases) {
      const parsed = parseSlackEnvelope(mutate(VALID_ENVELOPES[name], path, replacement));
      assert.equal(parsed.ok, false, `${name} ${path.join('.')}`);
      assert.equal(!parsed.ok && parsed.error, 'invalid_envelope');
      assert.ok(!parsed.ok && parsed.issues?.some((issue) => issue.startsWith(path.join('.'))), JSON.stringify(parsed));
    }
  });

  test('whatever it accepts, Bolt routes to the bot’s listeners without an error (property, real Bolt)', async () => {
    const { app, errors } = boltWithTheBotsListeners();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutatedEnvelope, async (body) => {
        const parsed = parseSlackEnvelope(body);
        if (!parsed.ok) return;
        // The HTTP receiver answers these two itself; Bolt's routing never sees them.
        if (parsed.envelope.kind === 'url_verification' || parsed.envelope.kind === 'app_rate_limited') return;
        accepted++;
        await app.processEvent({ body: parsed.envelope.body, ack: () => Promise.resolve() });
        assert.deepEqual(errors, [], `Bolt failed on ${JSON.stringify(body)}`);
      }),
      { numRuns: 3_000 },
    );
    assert.ok(accepted > 100, `enough accepted mutations to mean something (${accepted})`);
  });
});
