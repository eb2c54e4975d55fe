/**
 * Slack's Socket Mode, served by the stand-in as Slack documents it (one protocol, one file:
 * about 450 lines, most of them the documented frames and their rules)
 * (https://docs.slack.dev/apis/events-api/using-socket-mode):
 *
 * - `apps.connections.open`, called with the app-level token (`xapp-…`) in the Authorization header,
 *   answers `{ ok: true, url: "ws://127.0.0.1:<port>/link/?ticket=…&app_id=…" }`; the ticket opens
 *   one connection, once. A bot token gets `not_allowed_token_type`, no token `not_authed`.
 * - On connecting, the app gets `hello` (`num_connections`, `connection_info.app_id`, `debug_info`).
 * - Payloads arrive as envelopes `{ envelope_id, type, payload, accepts_response_payload }` of type
 *   `slash_commands`, `interactive` or `events_api` (the latter always with `retry_attempt` and
 *   `retry_reason`, the others with them on a redelivery); the app acks with
 *   `{ envelope_id, payload? }`, and the payload means what the HTTP response body means.
 * - `disconnect` (`warning`, `refresh_requested`, `link_disabled`) asks the app to reconnect; the
 *   stand-in then sends it nothing new and closes the socket itself after a grace period.
 *
 * Delivery, so that nothing acked is repeated and nothing unacked is lost: an envelope goes to one
 * open connection (or waits for the next one). Not acked within 3 s, it is sent again as a retry
 * (`retry_attempt` + 1, `retry_reason: "timeout"`, a new `envelope_id`) after Slack's Events API
 * delays (at once, 1 min, 5 min). If its connection closes before the ack, it is sent again on the
 * next connection. An acked envelope is never sent again.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { ApiResponse } from './web-api';
import type { SlackWorkspace } from './workspace';

export const ENVELOPE_TYPES = ['slash_commands', 'interactive', 'events_api'] as const;
export type EnvelopeType = (typeof ENVELOPE_TYPES)[number];
export const DISCONNECT_REASONS = ['warning', 'refresh_requested', 'link_disabled'] as const;
export type DisconnectReason = (typeof DISCONNECT_REASONS)[number];

/** Slack waits 3 s for an ack. */
export const ACK_TIMEOUT_MS = 3_000;
/** The Events API's retries: at once, after 1 minute, after 5 minutes. */
export const RETRY_DELAYS_MS = [0, 60_000, 300_000] as const;

export interface SocketModeOptions {
  workspace: SlackWorkspace;
  appToken: string;
  /** Root URL of the HTTP server the sockets upgrade from, e.g. `http://127.0.0.1:1234`. */
  baseUrl: () => string;
  ackTimeoutMs?: number;
  /** Delay before each retry of an unacked envelope; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
  /** How long a connection told to `disconnect` may stay open before the stand-in closes it. */
  disconnectGraceMs?: number;
}

export interface ConnectionInfo {
  id: number;
  /** `draining`: told to disconnect, sent nothing new. */
  state: 'open' | 'draining' | 'closed';
  openedAt: number;
}

/** An ack as received, whether or not an envelope was waiting for it. */
export interface ReceivedAck {
  envelopeId: string;
  payload: Record<string, unknown> | undefined;
  /** False for an ack nothing waited for: late, for a retried or dropped envelope, or for a raw frame. */
  settled: boolean;
  at: number;
}

/** One envelope as sent, for tests and the console: what went where and how it ended. */
export interface SentEnvelope {
  envelopeId: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  retryAttempt: number;
  retryReason: string;
  connectionId: number;
  sentAt: number;
  /** `dropped`: its connection closed before the ack (it is sent again on the next one). */
  outcome: 'pending' | 'acked' | 'timed_out' | 'dropped' | 'abandoned';
  ack?: { payload: Record<string, unknown> | undefined; at: number };
}

export interface DeliverOptions {
  /** The first attempt's retry number (0: a first delivery). */
  retryAttempt?: number;
  retryReason?: string;
  /** Gives up (rejects, sends nothing more) when no ack came by then. */
  timeoutMs?: number;
}

export interface SocketAck {
  envelopeId: string;
  /** The ack's payload; undefined when the ack had none. */
  payload: Record<string, unknown> | undefined;
  /** From writing the acked envelope to the socket to reading its ack. */
  latencyMs: number;
  retryAttempt: number;
}

interface Connection {
  id: number;
  socket: WebSocket;
  state: ConnectionInfo['state'];
  openedAt: number;
  closeTimer?: NodeJS.Timeout;
}

/** One payload Slack must get acked: its attempts until one is. */
interface Chain {
  type: EnvelopeType;
  payload: Record<string, unknown>;
  retryAttempt: number;
  retryReason: string;
  inFlight?: { record: SentEnvelope; connection: Connection; sentAtMs: number; timer: NodeJS.Timeout };
  retryTimer?: NodeJS.Timeout;
  timeoutsLeft: number;
  settle: (ack: SocketAck) => void;
  fail: (error: Error) => void;
}

export class SocketModeServer {
  private readonly workspace: SlackWorkspace;
  private readonly appToken: string;
  private readonly baseUrl: () => string;
  private readonly ackTimeoutMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly disconnectGraceMs: number;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly live = new Map<number, Connection>();
  private readonly history: ConnectionInfo[] = [];
  private readonly sentEnvelopes: SentEnvelope[] = [];
  private readonly receivedAcks: ReceivedAck[] = [];
  /** Waiting for a connection, oldest first. */
  private readonly queue: Chain[] = [];
  private readonly chains = new Set<Chain>();
  private readonly changes = new EventEmitter();
  /** Slack names the host serving the connection in `debug_info`. */
  private readonly host = `applink-stand-in-${randomBytes(3).toString('hex')}`;
  private nextConnectionId = 1;
  private roundRobin = 0;
  private closed = false;

  constructor(options: SocketModeOptions) {
    this.workspace = options.workspace;
    this.appToken = options.appToken;
    this.baseUrl = options.baseUrl;
    this.ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.disconnectGraceMs = options.disconnectGraceMs ?? 10_000;
    this.changes.setMaxListeners(0);
  }

  /** `apps.connections.open`: the app-level token, in the Authorization header, by POST. */
  openConnection(call: { token: string | undefined; tokenInHeader: boolean; httpMethod: string }): ApiResponse {
    if (!call.token || !call.tokenInHeader) return { ok: false, error: 'not_authed' };
    if (!call.token.startsWith('xapp-')) {
      return call.token.startsWith('xox')
        ? { ok: false, error: 'not_allowed_token_type' }
        : { ok: false, error: 'invalid_auth' };
    }
    if (call.token !== this.appToken) return { ok: false, error: 'invalid_auth' };
    if (call.httpMethod !== 'POST') return { ok: false, error: 'insecure_request' };
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const url = new URL('/link/', this.baseUrl());
    url.protocol = 'ws:';
    url.searchParams.set('ticket', ticket);
    url.searchParams.set('app_id', this.workspace.appId);
    return { ok: true, url: url.toString() };
  }

  /** The HTTP server's `upgrade` event: a ticket from apps.connections.open opens one connection. */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (this.closed || (url.pathname !== '/link/' && url.pathname !== '/link') || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const debugReconnects = url.searchParams.get('debug_reconnects') === 'true';
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, debugReconnects));
  }

  /**
   * Sends a payload as Slack would and resolves with the ack. Retries and redeliveries follow the
   * rules above; rejects after the last retry went unacked, or at `timeoutMs`.
   */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, options: DeliverOptions = {}): Promise<SocketAck> {
    if (this.closed) return Promise.reject(new Error('Socket Mode is closed'));
    return new Promise<SocketAck>((resolve, reject) => {
      let deadline: NodeJS.Timeout | undefined;
      const chain: Chain = {
        type,
        payload,
        retryAttempt: options.retryAttempt ?? 0,
        retryReason: options.retryReason ?? '',
        timeoutsLeft: this.retryDelaysMs.length,
        settle: (ack) => {
          clearTimeout(deadline);
          this.chains.delete(chain);
          resolve(ack);
        },
        fail: (error) => {
          clearTimeout(deadline);
          this.abandon(chain);
          reject(error);
        },
      };
      this.chains.add(chain);
      if (options.timeoutMs !== undefined) {
        deadline = setTimeout(
          () => chain.fail(new Error(`${type} envelope not acknowledged within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
      }
      this.send(chain);
    });
  }

  /** Tells every open connection (or one) to reconnect, as Slack does before it recycles them. */
  disconnect(reason: DisconnectReason, connectionId?: number): void {
    for (const connection of this.live.values()) {
      if (connectionId !== undefined && connection.id !== connectionId) continue;
      connection.state = 'draining';
      this.track(connection);
      connection.socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: this.host } }));
      connection.closeTimer ??= setTimeout(() => connection.socket.close(1001, reason), this.disconnectGraceMs);
      connection.closeTimer.unref();
    }
  }

  /** Sends `frame` as it is on every open connection: for malformed-envelope tests, as `driver.raw` over HTTP. */
  sendRaw(frame: string): void {
    for (const connection of this.live.values()) if (connection.state === 'open') connection.socket.send(frame);
  }

  /** Every ack received so far, oldest first. */
  acks(): ReceivedAck[] {
    return this.receivedAcks.map((a) => ({ ...a }));
  }

  /** Cuts every connection without a close handshake: a network drop. */
  dropConnections(): void {
    for (const connection of this.live.values()) connection.socket.terminate();
  }

  /** Every connection so far, oldest first. */
  connections(): ConnectionInfo[] {
    return this.history.map((c) => ({ ...c }));
  }

  /** Every envelope sent so far, oldest first. */
  envelopes(): SentEnvelope[] {
    return this.sentEnvelopes.map((e) => ({ ...e }));
  }

  /** For the console: how the app is connected, or undefined when it is not. */
  describe(): string | undefined {
    const open = [...this.live.values()].filter((c) => c.state === 'open').length;
    if (open === 0) return undefined;
    return `Socket Mode, ${open} connection${open === 1 ? '' : 's'} (app ${this.workspace.appId})`;
  }

  /** Waits (bounded) until `test` holds, re-checked on every connection and envelope change. */
  waitFor<T>(test: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = test();
        if (found === undefined || found === false) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.changes.off('change', check);
      };
      this.changes.on('change', check);
      check();
    });
  }

  /** Waits until `count` connections have been opened in all (reconnections included). */
  waitForConnections(count: number, timeoutMs?: number): Promise<ConnectionInfo[]> {
    return this.waitFor(
      () => (this.history.length >= count ? this.connections() : undefined),
      `${count} connections`,
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const chain of [...this.chains]) chain.fail(new Error('Socket Mode closed'));
    for (const connection of this.live.values()) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, debugReconnects: boolean): void {
    const connection: Connection = {
      id: this.nextConnectionId++,
      socket,
      state: 'open',
      openedAt: this.workspace.now(),
    };
    this.live.set(connection.id, connection);
    this.history.push({ id: connection.id, state: 'open', openedAt: connection.openedAt });
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.onClose(connection));
    // A socket error ends in 'close'; without a listener it would throw.
    socket.on('error', () => undefined);
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: [...this.live.values()].filter((c) => c.state === 'open').length,
        debug_info: {
          host: this.host,
          started: new Date(connection.openedAt).toISOString().replace('T', ' ').replace('Z', ''),
          build_number: 1,
          approximate_connection_time: debugReconnects ? 360 : 18_060,
        },
        connection_info: { app_id: this.workspace.appId },
      }),
    );
    this.changes.emit('change');
    // What waited for a connection goes now.
    for (const chain of this.queue.splice(0)) this.send(chain);
  }

  /** An ack, from any connection (Slack does not tie it to the one that carried the envelope). */
  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(rawText(data));
    } catch {
      return; // Slack ignores what is not an ack.
    }
    if (!message || typeof message !== 'object') return;
    const { envelope_id: envelopeId, payload } = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof envelopeId !== 'string') return;
    const ackPayload =
      payload && typeof payload === 'object' && !Array.isArray(payload)
        ? (payload as Record<string, unknown>)
        : undefined;
    const chain = [...this.chains].find((c) => c.inFlight?.record.envelopeId === envelopeId);
    this.receivedAcks.push({
      envelopeId,
      payload: ackPayload,
      settled: Boolean(chain?.inFlight),
      at: this.workspace.now(),
    });
    if (!chain?.inFlight) {
      // An ack for an envelope no longer waiting (late, or already retried): recorded, nothing more.
      this.changes.emit('change');
      return;
    }
    const { record, timer, sentAtMs } = chain.inFlight;
    clearTimeout(timer);
    chain.inFlight = undefined;
    record.outcome = 'acked';
    record.ack = { payload: ackPayload, at: this.workspace.now() };
    chain.settle({
      envelopeId,
      payload: ackPayload,
      latencyMs: performance.now() - sentAtMs,
      retryAttempt: record.retryAttempt,
    });
    this.changes.emit('change');
  }

  private onClose(connection: Connection): void {
    clearTimeout(connection.closeTimer);
    connection.state = 'closed';
    this.live.delete(connection.id);
    this.track(connection);
    // What this connection had not acked goes again, on the next connection: nothing is lost.
    for (const chain of this.chains) {
      if (chain.inFlight?.connection !== connection) continue;
      clearTimeout(chain.inFlight.timer);
      chain.inFlight.record.outcome = 'dropped';
      chain.inFlight = undefined;
      chain.retryAttempt += 1;
      chain.retryReason = 'timeout';
      this.send(chain);
    }
    this.changes.emit('change');
  }

  private send(chain: Chain): void {
    if (this.closed || !this.chains.has(chain)) return;
    const connection = this.pickConnection();
    if (!connection) {
      this.queue.push(chain);
      return;
    }
    const record: SentEnvelope = {
      envelopeId: randomUUID(),
      type: chain.type,
      payload: chain.payload,
      retryAttempt: chain.retryAttempt,
      retryReason: chain.retryReason,
      connectionId: connection.id,
      sentAt: this.workspace.now(),
      outcome: 'pending',
    };
    const withRetry = chain.type === 'events_api' || chain.retryAttempt > 0;
    const envelope = {
      envelope_id: record.envelopeId,
      payload: chain.payload,
      type: chain.type,
      accepts_response_payload: chain.type !== 'events_api',
      ...(withRetry ? { retry_attempt: chain.retryAttempt, retry_reason: chain.retryReason } : {}),
    };
    this.sentEnvelopes.push(record);
    const timer = setTimeout(() => this.onAckTimeout(chain), this.ackTimeoutMs);
    chain.inFlight = { record, connection, sentAtMs: performance.now(), timer };
    connection.socket.send(JSON.stringify(envelope));
    this.changes.emit('change');
  }

  private onAckTimeout(chain: Chain): void {
    if (!chain.inFlight) return;
    chain.inFlight.record.outcome = 'timed_out';
    chain.inFlight = undefined;
    this.changes.emit('change');
    if (chain.timeoutsLeft === 0) {
      chain.fail(new Error(`${chain.type} envelope not acknowledged after ${this.retryDelaysMs.length} retries`));
      return;
    }
    const delay = this.retryDelaysMs[this.retryDelaysMs.length - chain.timeoutsLeft] ?? 0;
    chain.timeoutsLeft -= 1;
    chain.retryAttempt += 1;
    chain.retryReason = 'timeout';
    chain.retryTimer = setTimeout(() => this.send(chain), delay);
  }

  private abandon(chain: Chain): void {
    this.chains.delete(chain);
    clearTimeout(chain.retryTimer);
    if (chain.inFlight) {
      clearTimeout(chain.inFlight.timer);
      chain.inFlight.record.outcome = 'abandoned';
      chain.inFlight = undefined;
    }
    const queued = this.queue.indexOf(chain);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.changes.emit('change');
  }

  /** Any open connection not told to disconnect; Slack spreads payloads over them. */
  private pickConnection(): Connection | undefined {
    const open = [...this.live.values()].filter((c) => c.state === 'open');
    if (open.length === 0) return undefined;
    this.roundRobin = (this.roundRobin + 1) % open.length;
    return open[this.roundRobin];
  }

  private track(connection: Connection): void {
    const info = this.history.find((c) => c.id === connection.id);
    if (info) info.state = connection.state;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
