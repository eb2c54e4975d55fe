/**
 * The stand-in's Socket Mode against what Slack documents, first with a bare WebSocket client that
 * sees every frame (apps.connections.open, hello, envelopes, acks with payloads, redelivery of what
 * was not acked, disconnect and drops), then with Bolt's own SocketModeClient reconnecting after a
 * `disconnect` and after a dropped connection without losing or repeating an envelope.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import WebSocket from 'ws';
import { type SlackStandIn, startSlackStandIn } from '../dev/slack';

const BOT_TOKEN = 'xoxb-socket-mode-test';
const SIGNING_SECRET = randomBytes(16).toString('hex');
/** Short timings so a missing ack shows in well under a second. */
const ACK_TIMEOUT_MS = 400;
const RETRY_DELAYS_MS = [0, 50, 50];

type Frame = Record<string, unknown> & { type?: string; envelope_id?: string; payload?: Record<string, unknown> };

/** What an app's Socket Mode code sees: every frame, in order; it acks only when told to. */
class BareSocketApp {
  readonly frames: Frame[] = [];
  private readonly arrived = new EventEmitter();

  private constructor(
    readonly url: string,
    private readonly socket: WebSocket,
  ) {
    // Text frames arrive as one Buffer (the default binaryType).
    socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as Frame);
      this.arrived.emit('frame');
    });
    socket.on('close', () => this.arrived.emit('frame'));
    socket.on('error', () => undefined);
  }

  static async connect(standIn: SlackStandIn): Promise<BareSocketApp> {
    const url = await connectionUrl(standIn);
    const socket = new WebSocket(url);
    // Listening before the socket opens: hello may arrive in the same read as the handshake.
    const app = new BareSocketApp(url, socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return app;
  }

  get closed(): boolean {
    return this.socket.readyState === WebSocket.CLOSED;
  }

  /** The envelopes received so far (not hello or disconnect). */
  envelopes(): Frame[] {
    return this.frames.filter((f) => typeof f.envelope_id === 'string');
  }

  /** Waits (bounded) for the `n`th frame (1-based) that matches. */
  async frame(test: (frame: Frame) => boolean, n = 1, timeoutMs = 5_000): Promise<Frame> {
    return this.until(() => this.frames.filter(test)[n - 1], `frame #${n}`, timeoutMs);
  }

  /** Waits (bounded) until the socket is closed. */
  async closedBy(timeoutMs = 5_000): Promise<void> {
    await this.until(() => this.closed || undefined, 'the socket to close', timeoutMs);
  }

  ack(envelopeId: unknown, payload?: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ envelope_id: envelopeId, ...(payload ? { payload } : {}) }));
  }

  close(): void {
    this.socket.terminate();
  }

  private until<T>(found: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out waiting for ${what}; frames: ${JSON.stringify(this.frames.map((f) => f.type))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.arrived.off('frame', check);
      };
      this.arrived.on('frame', check);
      check();
    });
  }
}

/** `apps.connections.open` as the SDKs call it: POST, the app-level token in the Authorization header. */
async function openConnection(
  standIn: SlackStandIn,
  token: string,
  init: RequestInit = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${standIn.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    ...init,
  });
  assert.equal(response.status, 200, 'Slack answers errors with HTTP 200');
  return (await response.json()) as Record<string, unknown>;
}

async function connectionUrl(standIn: SlackStandIn): Promise<string> {
  const opened = await openConnection(standIn, standIn.appToken);
  assert.equal(opened['ok'], true, JSON.stringify(opened));
  return String(opened['url']);
}

const isHello = (f: Frame) => f.type === 'hello';

describe('Socket Mode, frame by frame (a bare WebSocket client)', () => {
  let standIn: SlackStandIn;
  const apps: BareSocketApp[] = [];
  const connect = async () => {
    const app = await BareSocketApp.connect(standIn);
    apps.push(app);
    await app.frame(isHello);
    return app;
  };

  beforeAll(async () => {
    standIn = await startSlackStandIn({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      transport: 'socket',
      console: false,
      users: [{ id: 'U0ALICE001', locale: 'fr-CA' }],
      socketMode: { ackTimeoutMs: ACK_TIMEOUT_MS, retryDelaysMs: RETRY_DELAYS_MS, disconnectGraceMs: 1_000 },
    });
  });

  afterAll(async () => {
    for (const app of apps) app.close();
    await standIn?.close();
  });

  test('apps.connections.open wants the app-level token in the Authorization header, by POST', async () => {
    assert.deepEqual(await openConnection(standIn, BOT_TOKEN), { ok: false, error: 'not_allowed_token_type' });
    assert.deepEqual(await openConnection(standIn, 'xapp-1-A0CERSAPP1-0000-wrong'), {
      ok: false,
      error: 'invalid_auth',
    });
    const asParameter = await fetch(`${standIn.apiUrl}apps.connections.open`, {
      method: 'POST',
      body: new URLSearchParams({ token: standIn.appToken }),
    });
    assert.deepEqual(
      await asParameter.json(),
      { ok: false, error: 'not_authed' },
      'a token in the body is not accepted',
    );
    assert.deepEqual(await openConnection(standIn, standIn.appToken, { method: 'GET' }), {
      ok: false,
      error: 'insecure_request',
    });

    const opened = await openConnection(standIn, standIn.appToken);
    assert.equal(opened['ok'], true);
    const url = new URL(String(opened['url']));
    assert.equal(url.protocol, 'ws:');
    assert.equal(url.origin, new URL(standIn.apiUrl).origin.replace('http:', 'ws:'));
    assert.equal(url.pathname, '/link/');
    assert.match(url.searchParams.get('ticket') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(url.searchParams.get('app_id'), standIn.workspace.appId);

    // The app-level token is for Socket Mode only, as in Slack.
    const misuse = new WebClient(standIn.appToken, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
    await assert.rejects(
      misuse.auth.test(),
      (error: { data?: { error?: string } }) => error.data?.error === 'not_allowed_token_type',
    );
    assert.ok(standIn.calls('apps.connections.open').length >= 5, 'each call is recorded like any Web API call');
  });

  test('hello names the app and counts connections; a ticket opens one connection, once', async () => {
    const first = await connect();
    const hello = first.frames[0]!;
    assert.equal(hello.type, 'hello');
    assert.deepEqual(hello['connection_info'], { app_id: standIn.workspace.appId });
    assert.equal(typeof hello['num_connections'], 'number');
    const debug = hello['debug_info'] as Record<string, unknown>;
    assert.match(String(debug['host']), /^applink-/);
    assert.equal(typeof debug['approximate_connection_time'], 'number');
    const open = hello['num_connections'] as number;

    const second = await connect();
    assert.equal(second.frames[0]!['num_connections'], open + 1);

    const replay = new WebSocket(first.url);
    replay.on('error', () => undefined);
    const refused = await new Promise<number>((resolve) => {
      replay.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      replay.once('open', () => resolve(101));
    });
    replay.terminate();
    assert.equal(refused, 401, 'a used ticket is refused');
    first.close();
    second.close();
    await standIn.socketMode.waitFor(
      () => (standIn.socketMode.describe() === undefined ? true : undefined),
      'no open connection',
    );
  });

  test('a slash command, an interaction and an event arrive as documented envelopes; acks carry payloads', async () => {
    const app = await connect();
    const command = standIn.driver.slashCommand({ userId: 'U0ALICE001', text: 'aide' });
    const envelope = await app.frame((f) => f.type === 'slash_commands');
    assert.match(String(envelope.envelope_id), /^[0-9a-f-]{36}$/);
    assert.equal(envelope['accepts_response_payload'], true);
    assert.equal(envelope['retry_attempt'], undefined, 'a first delivery of an interaction carries no retry fields');
    const payload = envelope.payload!;
    assert.equal(payload['command'], '/cers');
    assert.equal(payload['text'], 'aide');
    assert.equal(payload['user_id'], 'U0ALICE001');
    assert.equal(payload['api_app_id'], standIn.workspace.appId);
    assert.match(String(payload['response_url']), /\/response-url\//);
    assert.match(String(payload['trigger_id']), /^\d+\.\d+\.[0-9a-f]+$/);
    app.ack(envelope.envelope_id, { text: 'Bonjour' });
    const acked = await command;
    assert.equal(acked.status, 200);
    assert.equal(acked.body, '{"text":"Bonjour"}', 'the ack payload is what an HTTP response body would be');
    assert.equal(acked.envelopeId, envelope.envelope_id);
    assert.ok(acked.latencyMs >= 0 && acked.latencyMs < ACK_TIMEOUT_MS);

    const event = standIn.driver.event({ event: { type: 'app_home_opened', user: 'U0ALICE001', tab: 'home' } });
    const eventEnvelope = await app.frame((f) => f.type === 'events_api');
    assert.equal(eventEnvelope['accepts_response_payload'], false);
    assert.equal(eventEnvelope['retry_attempt'], 0);
    assert.equal(eventEnvelope['retry_reason'], '');
    assert.equal(eventEnvelope.payload!['type'], 'event_callback');
    assert.equal((eventEnvelope.payload!['event'] as Record<string, unknown>)['type'], 'app_home_opened');
    app.ack(eventEnvelope.envelope_id);
    assert.equal((await event).body, '', 'an ack without payload reads as an empty body');

    // A view submission's ack payload acts on the modal exactly as the HTTP response would.
    const bot = new WebClient(BOT_TOKEN, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
    const opened = await bot.views.open({
      trigger_id: standIn.driver.mintTriggerId('U0ALICE001'),
      view: { type: 'modal', callback_id: 'first', title: { type: 'plain_text', text: 'First' }, blocks: [] },
    });
    const viewId = opened.view!.id!;
    const submission = standIn.driver.viewSubmission({ userId: 'U0ALICE001', viewId });
    const submitted = await app.frame((f) => f.type === 'interactive' && f.payload?.['type'] === 'view_submission');
    assert.equal((submitted.payload!['view'] as { id: string }).id, viewId);
    const next = { type: 'modal', callback_id: 'second', title: { type: 'plain_text', text: 'Second' }, blocks: [] };
    app.ack(submitted.envelope_id, { response_action: 'update', view: next });
    const answered = await submission;
    assert.equal(answered.ack?.['response_action'], 'update');
    assert.equal(
      standIn.workspace.views.get(viewId)?.definition['callback_id'],
      'second',
      'the stored modal was updated',
    );
    app.close();
  });

  test('an envelope not acked in time comes again as a retry, with a new id; once acked, never again', async () => {
    const app = await connect();
    const delivery = standIn.driver.event({ event: { type: 'app_home_opened', user: 'U0ALICE001', tab: 'home' } });
    const first = await app.frame((f) => f.type === 'events_api');
    // No ack: after the ack timeout Slack retries (immediately, per the first retry delay).
    const retry = await app.frame((f) => f.type === 'events_api', 2);
    assert.notEqual(retry.envelope_id, first.envelope_id);
    assert.deepEqual(retry.payload, first.payload, 'the same event');
    assert.equal(retry['retry_attempt'], 1);
    assert.equal(retry['retry_reason'], 'timeout');
    app.ack(retry.envelope_id);
    const acked = await delivery;
    assert.equal(acked.envelopeId, retry.envelope_id);
    assert.equal(acked.retryAttempt, 1);

    // A late ack for the first envelope changes nothing; nothing more comes within a window longer
    // than the ack timeout plus the next retry delay (a negative can only be watched for a while).
    app.ack(first.envelope_id);
    await new Promise((resolve) => setTimeout(resolve, ACK_TIMEOUT_MS + RETRY_DELAYS_MS[1]! + 200));
    assert.equal(app.envelopes().length, 2);
    const outcomes = standIn.socketMode
      .envelopes()
      .filter((e) => e.envelopeId === first.envelope_id || e.envelopeId === retry.envelope_id)
      .map((e) => e.outcome);
    assert.deepEqual(outcomes, ['timed_out', 'acked']);
    app.close();
  });

  test('never acked, an envelope is retried as often as Slack retries, then the delivery fails', async () => {
    const app = await connect();
    const delivery = standIn.driver.event({ event: { type: 'app_home_opened', user: 'U0ALICE001', tab: 'home' } });
    await assert.rejects(delivery, /not acknowledged after 3 retries/);
    assert.deepEqual(
      app.envelopes().map((e) => e['retry_attempt']),
      [0, 1, 2, 3],
    );
    app.close();
  });

  test('a dropped connection: the unacked envelope comes once on the next connection, the acked one never', async () => {
    const app = await connect();
    const acked = standIn.driver.slashCommand({ userId: 'U0ALICE001', text: 'acked' });
    const pending = standIn.driver.slashCommand({ userId: 'U0ALICE001', text: 'pending' });
    const ackedEnvelope = await app.frame((f) => f.payload?.['text'] === 'acked');
    const pendingEnvelope = await app.frame((f) => f.payload?.['text'] === 'pending');
    app.ack(ackedEnvelope.envelope_id);
    assert.equal((await acked).status, 200);

    standIn.socketMode.dropConnections();
    await app.closedBy();
    const next = await connect();
    const again = await next.frame((f) => f.payload?.['text'] === 'pending');
    assert.notEqual(again.envelope_id, pendingEnvelope.envelope_id);
    assert.equal(again['retry_attempt'], 1);
    assert.equal(again['retry_reason'], 'timeout');
    next.ack(again.envelope_id);
    assert.equal((await pending).retryAttempt, 1);
    assert.deepEqual(
      next.envelopes().map((e) => e.payload?.['text']),
      ['pending'],
      'the acked command is not sent again, the pending one once',
    );
    next.close();
  });

  test('disconnect: the app is told why, sent nothing new, and what follows goes to its next connection', async () => {
    const app = await connect();
    standIn.socketMode.disconnect('refresh_requested');
    const told = await app.frame((f) => f.type === 'disconnect');
    assert.equal(told['reason'], 'refresh_requested');
    assert.match(String((told['debug_info'] as Record<string, unknown>)['host']), /^applink-/);

    const delivery = standIn.driver.slashCommand({ userId: 'U0ALICE001', text: 'during the refresh' });
    const next = await connect();
    const envelope = await next.frame((f) => f.type === 'slash_commands');
    assert.equal(envelope.payload!['text'], 'during the refresh');
    assert.equal(envelope['retry_attempt'], undefined, 'held back, not retried: this is its first delivery');
    next.ack(envelope.envelope_id);
    assert.equal((await delivery).status, 200);
    assert.equal(app.envelopes().length, 0, 'the draining connection got nothing');
    // An app that does not close after a disconnect is closed by Slack.
    await app.closedBy();
    for (const reason of ['warning', 'link_disabled'] as const) {
      standIn.socketMode.disconnect(reason);
      assert.equal((await next.frame((f) => f.type === 'disconnect' && f['reason'] === reason))['reason'], reason);
    }
    next.close();
  });
});

describe('Socket Mode with Bolt’s SocketModeClient (reconnecting)', () => {
  let standIn: SlackStandIn;
  let app: App;
  let receiver: SocketModeReceiver;
  /** Each /cers the listener saw: its text and retry number. */
  const seen: { text: string; retryNum: number }[] = [];
  const listened = new EventEmitter();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    standIn = await startSlackStandIn({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      transport: 'socket',
      console: false,
      users: [{ id: 'U0BOB00001' }],
      socketMode: { ackTimeoutMs: 3_000, disconnectGraceMs: 2_000 },
    });
    receiver = new SocketModeReceiver({
      appToken: standIn.appToken,
      logLevel: LogLevel.ERROR,
      // Bolt waits this long before reconnecting (default 5 s).
      clientPingTimeout: 1_500,
      installerOptions: { clientOptions: { slackApiUrl: standIn.apiUrl } },
    });
    app = new App({
      token: BOT_TOKEN,
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: standIn.apiUrl },
    });
    app.command('/cers', async ({ ack, command, context }) => {
      seen.push({ text: command.text, retryNum: context.retryNum ?? 0 });
      listened.emit('command');
      // The first delivery of "hold" keeps its ack until the test releases it (after a drop).
      if (command.text === 'hold' && !context.retryNum) await held;
      await ack({ text: `ack ${command.text}` });
    });
    // A late ack on a replaced socket fails in Bolt; that is the point of the test, not an error.
    app.error(async () => undefined);
    await app.start();
  });

  afterAll(async () => {
    release();
    await receiver?.client.disconnect();
    await standIn?.close();
  });

  const seenTimes = (text: string) => seen.filter((s) => s.text === text).length;

  test('Bolt connects with the app-level token and acks with payloads', async () => {
    const [opened] = standIn.calls('apps.connections.open');
    assert.equal(opened?.token, standIn.appToken);
    const delivery = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'hello' });
    assert.equal(delivery.body, '{"text":"ack hello"}');
    assert.equal(standIn.socketMode.connections().length, 1);
  });

  test('after disconnect it reconnects; what came meanwhile is delivered once, what was acked is not repeated', async () => {
    const before = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'before' });
    assert.equal(before.status, 200);
    const connected = standIn.socketMode.connections().length;
    standIn.socketMode.disconnect('refresh_requested');
    const meanwhile = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'meanwhile' });
    assert.equal(meanwhile.body, '{"text":"ack meanwhile"}');
    const connections = await standIn.socketMode.waitForConnections(connected + 1);
    const envelope = standIn.socketMode.envelopes().find((e) => e.envelopeId === meanwhile.envelopeId);
    assert.equal(envelope?.connectionId, connections.at(-1)!.id, 'delivered on the new connection');
    assert.equal(seenTimes('before'), 1);
    assert.equal(seenTimes('meanwhile'), 1);
  });

  test('after a dropped connection it reconnects; the envelope it had not acked comes again, once', async () => {
    const connected = standIn.socketMode.connections().length;
    const acked = await standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'acked' });
    assert.equal(acked.status, 200);
    const holding = standIn.driver.slashCommand({ userId: 'U0BOB00001', text: 'hold' });
    if (seenTimes('hold') === 0) await once(listened, 'command', { signal: AbortSignal.timeout(5_000) });
    assert.equal(seenTimes('hold'), 1, 'the listener holds its ack');

    standIn.socketMode.dropConnections();
    const redelivered = await holding;
    assert.equal(redelivered.retryAttempt, 1);
    assert.equal(redelivered.body, '{"text":"ack hold"}');
    assert.ok(standIn.socketMode.connections().length > connected, 'Bolt opened a new connection');
    assert.deepEqual(
      seen.filter((s) => s.text === 'hold').map((s) => s.retryNum),
      [0, 1],
      'the listener saw the first delivery and one redelivery, marked as a retry',
    );

    const dropped = standIn.socketMode.envelopes().find((e) => e.payload['text'] === 'hold' && e.retryAttempt === 0);
    assert.equal(dropped?.outcome, 'dropped');
    assert.equal(seenTimes('acked'), 1, 'the acked command was not delivered again');
    release();
  });
});
