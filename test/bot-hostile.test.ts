/**
 * Hostile Slack requests against the real bot (Bolt over HTTP, request signing, the work thread):
 * none crashes the process or the work thread, none loses another person's work, and each gets a
 * typed refusal (401 unsigned or out of time, 400 malformed, 413 too big), never a 5xx.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { ViewSubmitAction } from '@slack/bolt';
import fc from 'fast-check';
import { SLACK_BODY_LIMIT_BYTES } from '../bot/edge/http-receiver';
import { registrationStatus, registrationWorkflowId } from '../workflows/registration/definitions';
import {
  newSlackUser,
  openCers,
  openUserAccountForm,
  formState,
  submit,
  useBotStack,
  USER_ACCOUNT_FORM,
  type BotTestStack,
} from './support/bot-stack';
import { mutatedEnvelope } from './support/slack-envelopes';

const stack = useBotStack();

const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

/** A view submission as Slack sends it for `viewId`, before any tampering. */
export function submissionPayload(s: BotTestStack, userId: string, viewId: string, values: Record<string, string>) {
  const stored = s.slack.workspace.views.get(viewId);
  if (!stored) throw new Error(`No view ${viewId}`);
  return {
    type: 'view_submission',
    team: { id: s.teamId, domain: s.slack.workspace.teamDomain },
    user: { id: userId, username: 'x', name: 'x', team_id: s.teamId },
    api_app_id: s.slack.workspace.appId,
    token: 'deprecated-verification-token',
    trigger_id: s.slack.driver.mintTriggerId(userId),
    view: { ...s.slack.api.viewJson(stored), state: { values: formState(values) } },
    response_urls: [],
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** The bot still does real work: a new user's /cers opens the registration modal. */
async function stillServing(s: BotTestStack): Promise<void> {
  await openCers(s, newSlackUser(s));
}

async function stepOf(s: BotTestStack, userId: string): Promise<string> {
  const handle = s.client.workflow.getHandle(registrationWorkflowId({ teamId: s.teamId, userId }));
  return (await handle.query(registrationStatus)).step;
}

/**
 * The step once a submitted user account has been taken (bounded). Within the bot's 2 s ack budget
 * the ack itself moves the form on; past it (a loaded machine) the ack is the "checking" view and
 * the workflow takes the update just after.
 */
async function stepAfterUserAccount(s: BotTestStack, userId: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const step = await stepOf(s, userId);
    if (step !== 'userAccount' || Date.now() > deadline) return step;
    // Bounded polling of the workflow's query: the update is in flight in the work thread.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const F1_TIMEOUT_MS = 60_000;
describe('F1: signed bodies that are not a Slack envelope', () => {
  test(
    'payload=null and other JSON that is not an object get 400, and the bot keeps serving',
    async () => {
      for (const value of ['null', '1', '"text"', 'true', '[]', '[null]']) {
        const asForm = await stack.slack.driver.raw(
          `payload=${encodeURIComponent(value)}`,
          'application/x-www-form-urlencoded',
        );
        assert.equal(asForm.status, 400, `payload=${value}: ${asForm.status}`);
        assert.match(asForm.body, /"error":"(not_an_object|unsupported_envelope)"/);
        const asJson = await stack.slack.driver.raw(value, 'application/json');
        assert.equal(asJson.status, 400, `JSON ${value}: ${asJson.status}`);
      }
      await stillServing(stack);
    },
    F1_TIMEOUT_MS,
  );

  test(
    'envelopes of a known kind with a field of the wrong shape get 400 naming the field',
    async () => {
      const userId = newSlackUser(stack);
      const bad = [
        { type: 'block_actions', user: null, team: null, actions: [{ action_id: 'cers_x' }] },
        { type: 'block_actions', user: { id: userId }, team: { id: stack.teamId }, actions: [] },
        {
          type: 'block_actions',
          user: { id: userId },
          team: { id: stack.teamId },
          actions: [{ action_id: 7, block_id: 'b', type: 'button' }],
        },
        { type: 'view_submission', user: { id: userId }, team: { id: stack.teamId }, view: null },
        { type: 'event_callback', team_id: stack.teamId, api_app_id: 'A1', event: { type: 'message', channel: null } },
        {
          type: 'event_callback',
          team_id: stack.teamId,
          api_app_id: 'A1',
          event: { type: 'reaction_added', item: 'x' },
        },
      ];
      for (const envelope of bad) {
        const delivery = await stack.slack.driver.raw(form(envelope), 'application/x-www-form-urlencoded');
        assert.equal(delivery.status, 400, `${JSON.stringify(envelope)}: ${delivery.status}`);
        assert.match(delivery.body, /"error":"invalid_envelope"/);
      }
      const command = await stack.slack.driver.raw(
        'command=%2Fcers&text=1&text=2',
        'application/x-www-form-urlencoded',
      );
      assert.equal(command.status, 400, 'a command whose text is given twice');
      await stillServing(stack);
    },
    F1_TIMEOUT_MS,
  );
});

describe('F7: the request timestamp', () => {
  test('more than 5 minutes in the future is refused with 401; within 5 minutes either way is served', async () => {
    const userId = newSlackUser(stack);
    const future = await stack.slack.driver.slashCommand({ userId, text: 'help' }, { timestampAgeSeconds: -10 * 60 });
    const justFuture = await stack.slack.driver.slashCommand(
      { userId, text: 'help' },
      { timestampAgeSeconds: -6 * 60 },
    );
    assert.deepEqual([future.status, justFuture.status], [401, 401]);
    const soon = await stack.slack.driver.slashCommand({ userId, text: 'help' }, { timestampAgeSeconds: -4 * 60 });
    const late = await stack.slack.driver.slashCommand({ userId, text: 'help' }, { timestampAgeSeconds: 4 * 60 });
    assert.deepEqual([soon.status, late.status], [200, 200]);
    const posted = await stack.slack.waitForResponseUrlPosts(soon.responseUrlId!, { timeoutMs: 5_000 });
    assert.equal(posted.length, 1, 'the command within the window was answered');
    assert.equal(stack.slack.responseUrlPosts(future.responseUrlId).length, 0, 'the one from the future was not');
  });
});

const F2_TIMEOUT_MS = 90_000;
describe('F2: one hostile submission among ten people’s work in flight', () => {
  /** Ten people, each at the user-account form, ready to submit it. */
  async function tenAtTheUserAccountForm(): Promise<{ userId: string; viewId: string }[]> {
    return Promise.all(
      Array.from({ length: 10 }, async () => {
        const userId = newSlackUser(stack);
        return { userId, viewId: await openUserAccountForm(stack, userId) };
      }),
    );
  }

  async function assertAllTenCompleted(people: { userId: string }[], deliveries: Awaited<ReturnType<typeof submit>>[]) {
    assert.deepEqual(
      deliveries.map((d) => [d.status, d.ack?.['response_action']]),
      people.map(() => [200, 'update']),
      'every one of the ten forms was answered with the next step',
    );
    assert.deepEqual(
      await Promise.all(people.map((p) => stepAfterUserAccount(stack, p.userId))),
      people.map(() => 'businessAccount'),
    );
  }

  test(
    'a signed submission without blocks is refused at the edge; all ten complete',
    async () => {
      const people = await tenAtTheUserAccountForm();
      const attacker = newSlackUser(stack);
      const attackerView = await openUserAccountForm(stack, attacker);
      const hostile = submissionPayload(stack, attacker, attackerView, {});
      delete (hostile.view as { blocks?: unknown }).blocks;
      const [refused, ...deliveries] = await Promise.all([
        stack.slack.driver.raw(form(hostile), 'application/x-www-form-urlencoded'),
        ...people.map((p) => submit(stack, p.userId, p.viewId, USER_ACCOUNT_FORM)),
      ]);
      await assertAllTenCompleted(people, deliveries);
      assert.equal(refused.status, 400);
      await stillServing(stack);
    },
    F2_TIMEOUT_MS,
  );

  test(
    'handed straight to the work thread, malformed submissions lose no one else’s work',
    async () => {
      const people = await tenAtTheUserAccountForm();
      const attacker = newSlackUser(stack);
      const attackerView = await openUserAccountForm(stack, attacker);
      const noBlocks = submissionPayload(stack, attacker, attackerView, {});
      delete (noBlocks.view as { blocks?: unknown }).blocks;
      const hostile = [
        noBlocks,
        { ...noBlocks, view: { callback_id: 'cers_user_account' } },
        { type: 'view_submission', view: {} },
      ];
      const [answers, deliveries] = await Promise.all([
        Promise.all(
          hostile.map((body) =>
            stack.bot.work.submit({
              kind: 'submission',
              body: body as unknown as ViewSubmitAction,
              receivedAt: Date.now(),
            }),
          ),
        ),
        Promise.all(people.map((p) => submit(stack, p.userId, p.viewId, USER_ACCOUNT_FORM))),
      ]);
      // Each hostile job got an answer of its own (a refusal on a field, or none), not a lost thread.
      for (const answer of answers)
        assert.ok(answer === undefined || answer.response_action === 'errors', JSON.stringify(answer));
      await assertAllTenCompleted(people, deliveries);
      await stillServing(stack);
    },
    F2_TIMEOUT_MS,
  );
});

/** How the fuzzer signs a request: as Slack, not at all, with another secret, or too late or too early. */
const signing = fc.constantFrom('signed', 'signed', 'signed', 'unsigned', 'forged', 'stale', 'future');
const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded; charset=utf-8',
];

/** One request to `/slack/events` with any body; resolves with its status (a dropped connection throws). */
async function send(
  s: BotTestStack,
  body: string | Buffer,
  contentType: string | undefined,
  how: string,
): Promise<number> {
  const url = s.slack.driver.target!;
  const text = typeof body === 'string' ? body : body.toString('latin1');
  const age = how === 'stale' ? 6 * 60 : how === 'future' ? -6 * 60 : 0;
  const timestamp = Math.floor(Date.now() / 1000) - age;
  const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
  if (how !== 'unsigned') {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] =
      how === 'forged' ? s.slack.driver.sign(timestamp, text, 'not-the-secret') : s.slack.driver.sign(timestamp, text);
  }
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The typed status a request must get: 401 whenever it is not signed in time by Slack, else no 5xx. */
function assertAnswered(status: number, how: string, what: string): void {
  if (how !== 'signed') assert.equal(status, 401, `${how} ${what}: ${status}`);
  else assert.ok(status >= 200 && status < 500, `${what}: ${status}`);
}

const FUZZ_TIMEOUT_MS = 240_000;
describe('fuzzing /slack/events (property-based)', () => {
  const failures = () =>
    stack.logs.filter((line) => /work thread (exited|failed)|HTTP request failed|Slack request failed/.test(line));

  test(
    'any bytes, any content type, signed or not: a typed 4xx or a 2xx, never a 5xx or a dropped connection',
    async () => {
      const before = failures().length;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              body: fc.oneof(
                fc.string({ unit: 'binary', maxLength: 300 }),
                fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
              ),
              contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
              how: signing,
            }),
            { minLength: 5, maxLength: 20 },
          ),
          async (requests) => {
            const statuses = await Promise.all(requests.map((r) => send(stack, r.body, r.contentType, r.how)));
            statuses.forEach((status, i) =>
              assertAnswered(status, requests[i]!.how, JSON.stringify(requests[i]!.body).slice(0, 80)),
            );
          },
        ),
        { numRuns: 30 },
      );
      assert.deepEqual(failures().slice(before), []);
      await stillServing(stack);
    },
    FUZZ_TIMEOUT_MS,
  );

  test(
    'Slack envelopes with one thing broken, as a form or JSON, signed or not: never a 5xx, the work thread lives',
    async () => {
      const before = failures().length;
      const encodings = fc.constantFrom('payload', 'json', 'fields');
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ envelope: mutatedEnvelope, encoding: encodings, how: signing }), {
            minLength: 5,
            maxLength: 20,
          }),
          async (requests) => {
            const statuses = await Promise.all(
              requests.map(({ envelope, encoding, how }) => {
                if (encoding === 'json') return send(stack, JSON.stringify(envelope), 'application/json', how);
                if (encoding === 'payload')
                  return send(stack, form(envelope), 'application/x-www-form-urlencoded', how);
                // A command's fields, each a string (or not, as the mutation left it).
                const fields = Object.entries(envelope && typeof envelope === 'object' ? envelope : { envelope });
                const body = fields.map(
                  ([k, v]) =>
                    `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`,
                );
                return send(stack, body.join('&'), 'application/x-www-form-urlencoded', how);
              }),
            );
            statuses.forEach((status, i) =>
              assertAnswered(status, requests[i]!.how, JSON.stringify(requests[i]!.envelope).slice(0, 200)),
            );
          },
        ),
        { numRuns: 25 },
      );
      assert.deepEqual(failures().slice(before), []);
      await stillServing(stack);
    },
    FUZZ_TIMEOUT_MS,
  );

  test(
    'a body over the limit gets 413 without being read whole; one just under it is parsed and refused with 400',
    async () => {
      const huge = `payload=${'x'.repeat(SLACK_BODY_LIMIT_BYTES + 1)}`;
      assert.equal(await send(stack, huge, 'application/x-www-form-urlencoded', 'signed'), 413);
      assert.equal(
        await send(stack, Buffer.alloc(8 * SLACK_BODY_LIMIT_BYTES, 0x7b), 'application/json', 'unsigned'),
        413,
      );
      const under = `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', filler: 'x'.repeat(SLACK_BODY_LIMIT_BYTES - 100) }))}`;
      assert.equal(await send(stack, under, 'application/x-www-form-urlencoded', 'signed'), 400);
      await stillServing(stack);
    },
    FUZZ_TIMEOUT_MS,
  );

  test(
    'paths and methods Bolt does not serve: 404 or 400, never 500',
    async () => {
      const base = new URL(stack.slack.driver.target!);
      const cases: [string, string][] = [
        ['GET', '/slack/events'],
        ['PUT', '/slack/events'],
        ['GET', '/auth/start/%E0%A4%A'],
        ['GET', '/nowhere'],
        ['DELETE', '/healthz'],
      ];
      for (const [method, path] of cases) {
        const response = await fetch(`${base.origin}${path}`, { method, signal: AbortSignal.timeout(10_000) });
        assert.ok([400, 404].includes(response.status), `${method} ${path}: ${response.status}`);
      }
    },
    FUZZ_TIMEOUT_MS,
  );
});
