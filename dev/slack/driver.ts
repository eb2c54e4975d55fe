/**
 * Delivers to a bot what Slack would, through the transport the app uses. HTTP: requests to the
 * bot's endpoint, slash commands and interactions form-encoded (interactions as `payload=<json>`),
 * events as JSON, each signed with the app's signing secret (v0). Socket Mode: the same payloads as
 * `slash_commands`, `interactive` and `events_api` envelopes over the app's WebSocket, acked by
 * envelope id (socket-mode.ts). Either way the result is one `Delivery`. Trigger ids come from the
 * shared workspace so the Web API can redeem them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EnvelopeType, SocketModeServer } from './socket-mode';
import type { InputState, SlackWorkspace } from './workspace';

/** How Slack reaches the app: signed HTTP requests, or Socket Mode (the app's setting in Slack). */
export type SlackTransport = 'http' | 'socket';

export interface DeliveryOptions {
  /**
   * A redelivery: `X-Slack-Retry-Num` (and `X-Slack-Retry-Reason`, default `http_timeout`) over
   * HTTP; the envelope's `retry_attempt` (and `retry_reason`, default `timeout`) in Socket Mode.
   */
  retryNum?: number;
  retryReason?: string;
  /** HTTP only: signs with a wrong secret, as a forger would. */
  forgeSignature?: boolean;
  /** HTTP only: shifts the signed timestamp into the past (Bolt rejects anything older than 5 minutes). */
  timestampAgeSeconds?: number;
  /** HTTP only: overrides the driver's target URL for this delivery. */
  url?: string;
}

export interface Delivery {
  /** HTTP: the response status. Socket Mode: 200 once acked (an envelope never acked rejects). */
  status: number;
  /**
   * The ack: the raw response body over HTTP (Bolt acks with an empty body or the ack's JSON); in
   * Socket Mode the ack's payload as JSON, or '' when it is empty, as an empty HTTP body means the same.
   */
  body: string;
  /** From sending the request (or writing the envelope) to reading the ack: the latency Slack sees. */
  latencyMs: number;
  /** Socket Mode: the acked envelope's id and retry number (retries and redeliveries get new ids). */
  envelopeId?: string;
  retryAttempt?: number;
  /** The trigger id sent, for commands and interactions. */
  triggerId?: string;
  /** The response_url sent; its posts are recorded by the stand-in under `responseUrlId`. */
  responseUrl?: string;
  responseUrlId?: string;
  eventId?: string;
  /** The parsed ack of a view submission (`response_action`...), when the bot answered with JSON. */
  ack?: Record<string, unknown>;
  /** Sends the very same body again, freshly signed: a Slack retry or a duplicate delivery. */
  resend(options?: DeliveryOptions): Promise<Delivery>;
}

export interface SlashCommandInput {
  userId: string;
  command?: string;
  text?: string;
  channelId?: string;
}

export interface BlockActionInput {
  userId: string;
  actionId: string;
  blockId?: string;
  value?: string;
  /** An action inside a modal or the Home tab: the stored view's id (callback_id, hash... filled in). */
  viewId?: string;
  /** An action on a message: its channel and ts (a response_url is then sent). */
  message?: { channel: string; ts: string };
  /** Extra fields merged into the action (e.g. `selected_option`). */
  action?: Record<string, unknown>;
}

export interface ViewSubmissionInput {
  userId: string;
  viewId: string;
  /** `state.values` as Slack sends it: block_id → action_id → element state. */
  values?: Record<string, Record<string, Record<string, unknown>>>;
  /** Overrides the hash sent (defaults to the stored view's current hash). */
  hash?: string;
}

export interface EventInput {
  event: Record<string, unknown> & { type: string };
  eventId?: string;
}

export interface DriverOptions {
  workspace: SlackWorkspace;
  signingSecret: string;
  /** Root URL of the stand-in server (for response_url). */
  standInUrl: () => string;
  /** Renders a stored view as the Web API returns it. */
  viewJson: (viewId: string) => Record<string, unknown> | undefined;
  /** Applies a view submission's ack to the stored view, as Slack does, keeping what was submitted where it still fits. */
  applySubmissionAck?: (viewId: string, ack: Record<string, unknown> | undefined, submitted: InputState) => void;
  /** The bot's endpoint, e.g. `http://127.0.0.1:3000/slack/events`. */
  target?: string;
  /** `socket`: deliveries go through `socketMode` (default `http`). */
  transport?: SlackTransport;
  socketMode?: SocketModeServer;
}

/** What Slack sends, before it is encoded for a transport. */
type Outgoing =
  | { kind: 'command'; fields: Record<string, string> }
  | { kind: 'interactive'; payload: Record<string, unknown> }
  | { kind: 'event'; body: Record<string, unknown> }
  | { kind: 'raw'; body: string; contentType: string };

/** Slack gives up on an ack after 3 s; a generous bound keeps a hung bot from hanging the test. */
const DELIVERY_TIMEOUT_MS = 10_000;

export class SlackDriver {
  readonly transport: SlackTransport;
  private httpTarget: string | undefined;
  private readonly socketMode: SocketModeServer | undefined;
  private readonly workspace: SlackWorkspace;
  private readonly signingSecret: string;
  private readonly standInUrl: () => string;
  private readonly viewJson: DriverOptions['viewJson'];
  private readonly applySubmissionAck: DriverOptions['applySubmissionAck'];

  constructor(options: DriverOptions) {
    this.workspace = options.workspace;
    this.signingSecret = options.signingSecret;
    this.standInUrl = options.standInUrl;
    this.viewJson = options.viewJson;
    this.applySubmissionAck = options.applySubmissionAck;
    this.httpTarget = options.target;
    this.transport = options.transport ?? 'http';
    this.socketMode = options.socketMode;
    if (this.transport === 'socket' && !this.socketMode)
      throw new Error('SlackDriver: the socket transport needs socketMode');
  }

  /**
   * Where deliveries go, or undefined while no bot can take them. HTTP: the bot's endpoint, set
   * once it listens. Socket Mode: a description of the app's open connections.
   */
  get target(): string | undefined {
    return this.transport === 'socket' ? this.socketMode!.describe() : this.httpTarget;
  }

  set target(url: string | undefined) {
    this.httpTarget = url;
  }

  /** A trigger id for `userId`, as Slack attaches to a command or interaction. */
  mintTriggerId(userId: string): string {
    return this.workspace.mintTriggerId(userId);
  }

  slashCommand(input: SlashCommandInput, options: DeliveryOptions = {}): Promise<Delivery> {
    const w = this.workspace;
    const triggerId = w.mintTriggerId(input.userId);
    const { responseUrl, responseUrlId } = this.mintResponseUrl();
    const user = w.ensureUser(input.userId);
    const fields = {
      token: 'deprecated-verification-token',
      team_id: w.teamId,
      team_domain: w.teamDomain,
      channel_id: input.channelId ?? w.dmChannelFor(input.userId),
      channel_name: 'directmessage',
      user_id: user.id,
      user_name: user.name,
      command: input.command ?? '/cers',
      text: input.text ?? '',
      api_app_id: w.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    return this.send({ kind: 'command', fields }, options, { triggerId, responseUrl, responseUrlId });
  }

  blockAction(input: BlockActionInput, options: DeliveryOptions = {}): Promise<Delivery> {
    const w = this.workspace;
    const triggerId = w.mintTriggerId(input.userId);
    const actionTs = w.nextTs();
    const view = input.viewId ? this.viewJson(input.viewId) : undefined;
    if (input.viewId && !view) throw new Error(`No view ${input.viewId} in the stand-in`);
    const responseUrl = input.message ? this.mintResponseUrl() : undefined;
    const payload = {
      type: 'block_actions',
      ...this.common(input.userId),
      trigger_id: triggerId,
      container: view
        ? { type: 'view', view_id: input.viewId }
        : input.message
          ? { type: 'message', message_ts: input.message.ts, channel_id: input.message.channel, is_ephemeral: false }
          : { type: 'message' },
      ...(view ? { view } : {}),
      ...(input.message
        ? {
            channel: { id: input.message.channel, name: 'directmessage' },
            message: { type: 'message', ts: input.message.ts },
          }
        : {}),
      ...(responseUrl ? { response_url: responseUrl.responseUrl } : {}),
      actions: [
        {
          type: 'button',
          action_id: input.actionId,
          block_id: input.blockId ?? 'actions',
          ...(input.value !== undefined ? { value: input.value } : {}),
          action_ts: actionTs,
          ...input.action,
        },
      ],
    };
    return this.sendPayload(payload, options, { triggerId, ...responseUrl });
  }

  async viewSubmission(input: ViewSubmissionInput, options: DeliveryOptions = {}): Promise<Delivery> {
    const view = this.viewJson(input.viewId);
    if (!view) throw new Error(`No view ${input.viewId} in the stand-in`);
    const triggerId = this.workspace.mintTriggerId(input.userId);
    const payload = {
      type: 'view_submission',
      ...this.common(input.userId),
      trigger_id: triggerId,
      view: { ...view, ...(input.hash ? { hash: input.hash } : {}), state: { values: input.values ?? {} } },
      response_urls: [],
    };
    const delivery = await this.sendPayload(payload, options, { triggerId });
    return this.withSubmissionAck(input.viewId, delivery, input.values ?? {});
  }

  private withSubmissionAck(viewId: string, delivery: Delivery, submitted: InputState): Delivery {
    if (delivery.status !== 200) return delivery;
    let ack: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = delivery.body ? JSON.parse(delivery.body) : undefined;
      if (parsed && typeof parsed === 'object') ack = parsed as Record<string, unknown>;
    } catch {
      ack = undefined;
    }
    this.applySubmissionAck?.(viewId, ack, submitted);
    const resend = delivery.resend;
    return {
      ...delivery,
      ack,
      resend: async (options) => this.withSubmissionAck(viewId, await resend(options), submitted),
    };
  }

  event(input: EventInput, options: DeliveryOptions = {}): Promise<Delivery> {
    const w = this.workspace;
    const eventId = input.eventId ?? `Ev${randomBytes(6).toString('hex').toUpperCase()}`;
    const body = {
      token: 'deprecated-verification-token',
      team_id: w.teamId,
      api_app_id: w.appId,
      event: { event_ts: w.nextTs(), ...input.event },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(w.now() / 1000),
      authorizations: [
        { enterprise_id: null, team_id: w.teamId, user_id: w.botUserId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
    };
    return this.send({ kind: 'event', body }, options, { eventId });
  }

  /**
   * Any body, signed (or not) like the rest: for malformed-request tests. In Socket Mode it goes as
   * the envelope Slack would carry it in (JSON: `events_api`, `payload=`: `interactive`, other forms:
   * `slash_commands`); a body with no such envelope is refused here.
   */
  raw(body: string, contentType: string, options: DeliveryOptions = {}): Promise<Delivery> {
    return this.send({ kind: 'raw', body, contentType }, options, {});
  }

  /** `X-Slack-Signature` for a body: `v0=` + HMAC-SHA256(secret, `v0:<ts>:<body>`). */
  sign(timestamp: number, body: string, secret = this.signingSecret): string {
    return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  private common(userId: string) {
    const w = this.workspace;
    const user = w.ensureUser(userId);
    return {
      user: { id: user.id, username: user.name, name: user.name, team_id: w.teamId },
      api_app_id: w.appId,
      token: 'deprecated-verification-token',
      team: { id: w.teamId, domain: w.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  private mintResponseUrl(): { responseUrl: string; responseUrlId: string } {
    const responseUrlId = `${this.workspace.teamId}/${randomBytes(8).toString('hex')}`;
    return { responseUrl: `${this.standInUrl()}/response-url/${encodeURIComponent(responseUrlId)}`, responseUrlId };
  }

  private sendPayload(
    payload: Record<string, unknown>,
    options: DeliveryOptions,
    extra: Partial<Delivery>,
  ): Promise<Delivery> {
    return this.send({ kind: 'interactive', payload }, options, extra);
  }

  private send(outgoing: Outgoing, options: DeliveryOptions, extra: Partial<Delivery>): Promise<Delivery> {
    if (this.transport === 'socket') return this.sendEnvelope(outgoing, options, extra);
    const [body, contentType] = httpBody(outgoing);
    return this.post(body, contentType, options, extra);
  }

  /** Socket Mode: the payload as an envelope on the app's connection; resolves with its ack. */
  private async sendEnvelope(
    outgoing: Outgoing,
    options: DeliveryOptions,
    extra: Partial<Delivery>,
  ): Promise<Delivery> {
    const httpOnly = (['forgeSignature', 'timestampAgeSeconds', 'url'] as const).filter(
      (o) => options[o] !== undefined,
    );
    if (httpOnly.length > 0)
      throw new Error(`SlackDriver: ${httpOnly.join(', ')} apply to HTTP delivery, not Socket Mode`);
    const [type, payload] = envelopeOf(outgoing);
    const retrying = options.retryNum !== undefined && options.retryNum > 0;
    const ack = await this.socketMode!.deliver(type, payload, {
      retryAttempt: options.retryNum,
      retryReason: options.retryReason ?? (retrying ? 'timeout' : undefined),
      timeoutMs: DELIVERY_TIMEOUT_MS,
    });
    const empty = !ack.payload || Object.keys(ack.payload).length === 0;
    return {
      status: 200,
      body: empty ? '' : JSON.stringify(ack.payload),
      latencyMs: ack.latencyMs,
      envelopeId: ack.envelopeId,
      retryAttempt: ack.retryAttempt,
      ...extra,
      resend: (again = {}) => this.sendEnvelope(outgoing, again, extra),
    };
  }

  private async post(
    body: string,
    contentType: string,
    options: DeliveryOptions,
    extra: Partial<Delivery>,
  ): Promise<Delivery> {
    const url = options.url ?? this.httpTarget;
    if (!url) throw new Error('SlackDriver has no target: set driver.target to the bot endpoint');
    // Signatures use the wall clock, not the workspace clock: the bot verifies against its own Date.now().
    const timestamp = Math.floor(Date.now() / 1000) - (options.timestampAgeSeconds ?? 0);
    const signature = this.sign(
      timestamp,
      body,
      options.forgeSignature ? `forged-${this.signingSecret}` : this.signingSecret,
    );
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text,
      latencyMs: performance.now() - started,
      ...extra,
      resend: (again = {}) => this.post(body, contentType, { url: options.url, ...again }, extra),
    };
  }
}

function httpBody(outgoing: Outgoing): [body: string, contentType: string] {
  switch (outgoing.kind) {
    case 'command':
      return [new URLSearchParams(outgoing.fields).toString(), 'application/x-www-form-urlencoded'];
    case 'interactive':
      return [
        new URLSearchParams({ payload: JSON.stringify(outgoing.payload) }).toString(),
        'application/x-www-form-urlencoded',
      ];
    case 'event':
      return [JSON.stringify(outgoing.body), 'application/json'];
    case 'raw':
      return [outgoing.body, outgoing.contentType];
  }
}

/** The Socket Mode envelope type and payload Slack uses for what it would otherwise POST. */
function envelopeOf(outgoing: Outgoing): [EnvelopeType, Record<string, unknown>] {
  switch (outgoing.kind) {
    case 'command':
      return ['slash_commands', outgoing.fields];
    case 'interactive':
      return ['interactive', outgoing.payload];
    case 'event':
      return ['events_api', outgoing.body];
    case 'raw': {
      const refuse = () =>
        new Error('SlackDriver.raw: this body has no Socket Mode envelope (Slack would not send it)');
      if (outgoing.contentType.startsWith('application/json')) {
        const body = parseObject(outgoing.body);
        if (!body) throw refuse();
        return ['events_api', body];
      }
      const form = new URLSearchParams(outgoing.body);
      const payload = form.get('payload');
      if (payload === null) return ['slash_commands', Object.fromEntries(form)];
      const parsed = parseObject(payload);
      if (!parsed) throw refuse();
      return ['interactive', parsed];
    }
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
