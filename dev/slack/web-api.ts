/**
 * The Slack Web API methods the bot uses, served over HTTP on 127.0.0.1 so a real `WebClient`
 * (Bolt's `clientOptions.slackApiUrl`) talks to it unchanged. Every call is recorded. Slack's rules
 * that matter to the bot are enforced: auth, trigger id expiry and single use, the modal stack
 * limit, view hashes, and Block Kit's limits on every view and message (block-kit/). Also serves
 * the `response_url` sink.
 *
 * Long (about 650 lines) because it is one table of Web API methods sharing one recorder and one
 * set of rules; each method is a few lines, and splitting them apart would scatter those rules.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { blockKitRefusal, messageRefusal, refusalLines, viewRefusal } from './block-kit/refusal';
import { MODAL_STACK_LIMIT, keptInputState, type InputState, type SlackWorkspace, type StoredView } from './workspace';

export type ApiArgs = Record<string, unknown>;
export type ApiResponse = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };

export interface ApiCall {
  method: string;
  args: ApiArgs;
  /** The token the caller presented (header or body), if any. */
  token: string | undefined;
  at: number;
  response: ApiResponse;
}

export interface ResponseUrlPost {
  /** The id in the response_url path, as minted by the driver. */
  id: string;
  body: unknown;
  at: number;
  /** Set when the message broke Block Kit's rules: Slack answered 400 `invalid_blocks` and showed nothing. */
  refused?: string[];
}

/** Block Kit that Slack would have refused, wherever the bot sent it. */
export interface BlockKitRefusalRecord {
  /** The Web API method, `response_url`, or `view_submission ack`. */
  where: string;
  /** Slack's `[ERROR] ... [json-pointer:...]` lines. */
  messages: string[];
  at: number;
}

interface ReplyFault {
  reached: Promise<void>;
  released: Promise<void>;
  markReached: () => void;
}

export interface WaitOptions {
  /** Resolve once this many matching calls exist (default 1). */
  count?: number;
  timeoutMs?: number;
  where?: (call: ApiCall) => boolean;
}

/** Fields Slack accepts as JSON-encoded strings in form bodies (the WebClient sends them so). */
const JSON_FIELDS = new Set(['view', 'blocks', 'attachments', 'metadata']);

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

const viewSchema = z.looseObject({
  type: z.enum(['modal', 'home']),
  blocks: z.array(z.unknown()),
  callback_id: z.string().optional(),
  private_metadata: z.string().optional(),
  external_id: z.string().optional(),
});

const schemas = {
  'chat.postMessage': z.looseObject({
    channel: z.string().min(1),
    text: z.string().optional(),
    blocks: z.array(z.unknown()).optional(),
    thread_ts: z.string().optional(),
    // Event metadata (event_type + event_payload), returned by conversations.history.
    metadata: z
      .looseObject({ event_type: z.string().min(1), event_payload: z.record(z.string(), z.unknown()) })
      .optional(),
  }),
  'chat.update': z.looseObject({
    channel: z.string().min(1),
    ts: z.string().min(1),
    text: z.string().optional(),
    blocks: z.array(z.unknown()).optional(),
  }),
  'views.open': z.looseObject({ trigger_id: z.string().min(1), view: viewSchema }),
  'views.push': z.looseObject({ trigger_id: z.string().min(1), view: viewSchema }),
  'views.update': z.looseObject({
    view: viewSchema,
    view_id: z.string().optional(),
    external_id: z.string().optional(),
    hash: z.string().optional(),
  }),
  'views.publish': z.looseObject({ user_id: z.string().min(1), view: viewSchema, hash: z.string().optional() }),
  'users.info': z.looseObject({ user: z.string().min(1), include_locale: flag.optional() }),
  'conversations.open': z.looseObject({ users: z.string().min(1).optional(), channel: z.string().optional() }),
  'conversations.history': z.looseObject({
    channel: z.string().min(1),
    limit: z.coerce.number().int().min(1).max(999).optional(),
    include_all_metadata: flag.optional(),
  }),
  'usergroups.users.list': z.looseObject({
    usergroup: z.string().min(1),
    include_disabled: flag.optional(),
    team_id: z.string().optional(),
  }),
  'auth.test': z.looseObject({}),
};
type Method = keyof typeof schemas;

/**
 * Serves a request the Web API does not (the browser console, see console/server.ts); resolves true when
 * it answered. It reads the request body itself, so it runs before the Web API reads it.
 */
export type ConsoleHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;

/**
 * A method another part of the stand-in serves with its own token rules (Socket Mode's
 * `apps.connections.open` takes the app-level token, see socket-mode.ts).
 */
export type OwnAuthMethod = (call: {
  token: string | undefined;
  tokenInHeader: boolean;
  httpMethod: string;
}) => ApiResponse;

export interface WebApiOptions {
  workspace: SlackWorkspace;
  botToken: string;
  port?: number;
}

export class SlackWebApi {
  readonly workspace: SlackWorkspace;
  private readonly botToken: string;
  private readonly server: http.Server;
  private readonly recorded: ApiCall[] = [];
  private readonly responsePosts: ResponseUrlPost[] = [];
  private readonly refused: BlockKitRefusalRecord[] = [];
  private readonly events = new EventEmitter();
  private readonly rateLimits = new Map<string, { remaining: number; retryAfterSeconds: number }>();
  private readonly replyFaults = new Map<string, ReplyFault[]>();
  private baseUrl: string | undefined;
  private consoleHandler: ConsoleHandler | undefined;
  private readonly ownAuthMethods = new Map<string, OwnAuthMethod>();
  private readonly otherTokenTypes = new Set<string>();

  constructor(options: WebApiOptions) {
    this.workspace = options.workspace;
    this.botToken = options.botToken;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'fatal_error', detail: error.message }));
      });
    });
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const { port: bound } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${bound}`;
    return this.baseUrl;
  }

  /** Root URL of the server, e.g. `http://127.0.0.1:1234`. */
  get url(): string {
    if (!this.baseUrl) throw new Error('Slack stand-in Web API is not listening');
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every call so far, or those of one method, oldest first. */
  calls(method?: string): ApiCall[] {
    return method ? this.recorded.filter((c) => c.method === method) : [...this.recorded];
  }

  /** Every view or message refused for breaking Block Kit's rules (Web API, response_url, submission acks). */
  blockKitRefusals(): BlockKitRefusalRecord[] {
    return [...this.refused];
  }

  responseUrlPosts(id?: string): ResponseUrlPost[] {
    return id ? this.responsePosts.filter((p) => p.id === id) : [...this.responsePosts];
  }

  /** Waits (bounded) until `count` matching calls are recorded: listeners call the API after the ack. */
  waitForCalls(method: string, options: WaitOptions = {}): Promise<ApiCall[]> {
    const { count = 1, timeoutMs = 2_000, where = () => true } = options;
    return this.waitFor(() => this.recorded.filter((c) => c.method === method && where(c)), count, timeoutMs, method);
  }

  /** Waits (bounded) until `count` posts reached one response_url. */
  waitForResponseUrlPosts(
    id: string,
    options: { count?: number; timeoutMs?: number } = {},
  ): Promise<ResponseUrlPost[]> {
    const { count = 1, timeoutMs = 2_000 } = options;
    return this.waitFor(() => this.responseUrlPosts(id), count, timeoutMs, `response_url ${id}`);
  }

  private waitFor<T>(collect: () => T[], count: number, timeoutMs: number, what: string): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = collect();
        if (found.length < count) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${count} ${what}; saw ${collect().length}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('recorded', check);
      };
      this.events.on('recorded', check);
      check();
    });
  }

  /**
   * The next `times` calls of `method` are refused as Slack refuses a rate-limited app: HTTP 429
   * with `Retry-After` (seconds) and `{ ok: false, error: 'ratelimited' }`.
   */
  rateLimitNext(method: string, options: { times?: number; retryAfterSeconds?: number } = {}): void {
    this.rateLimits.set(method, { remaining: options.times ?? 1, retryAfterSeconds: options.retryAfterSeconds ?? 1 });
  }

  /**
   * The next call of `method` is carried out (and recorded), but its reply is held until
   * `release()` and then lost (the connection drops): what a caller sees when Slack did the work
   * and the network or the caller itself died before the answer. `reached` resolves once the call
   * has been carried out.
   */
  holdNextReply(method: string): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const fault: ReplyFault = {
      reached: new Promise<void>((resolve) => (reached = resolve)),
      released: new Promise<void>((resolve) => (release = resolve)),
      markReached: () => reached(),
    };
    this.replyFaults.set(method, [...(this.replyFaults.get(method) ?? []), fault]);
    return { reached: fault.reached, release };
  }

  /**
   * What Slack does with a view_submission's ack: `update` replaces the view, `push` stacks a new
   * one, `errors` keeps it open, anything else (an empty ack, `clear`) closes it. What was submitted
   * stays in the inputs that the next view still has (same block and action ids), as in Slack.
   */
  applySubmissionAck(viewId: string, ack: Record<string, unknown> | undefined, submitted?: InputState): void {
    const view = this.workspace.views.get(viewId);
    if (!view) return;
    if (submitted) view.state = submitted;
    const stack = this.workspace.modalStacks.get(view.userId) ?? [];
    const action = ack?.['response_action'];
    const next = ack?.['view'];
    if (action === 'errors') return;
    // An invalid view in the ack: Slack keeps the modal as it was and shows an error in it.
    const refusal = (action === 'update' || action === 'push') && next !== undefined ? viewRefusal(next) : undefined;
    if (refusal) {
      this.refused.push({ where: 'view_submission ack', messages: refusalLines(refusal), at: this.workspace.now() });
      return;
    }
    if (action === 'update' && next && typeof next === 'object') {
      view.definition = next as Record<string, unknown>;
      view.state = keptInputState(view.state, view.definition);
      view.hash = this.workspace.newViewHash();
    } else if (action === 'push' && next && typeof next === 'object' && stack.length < MODAL_STACK_LIMIT) {
      const id = this.workspace.newViewId();
      this.workspace.views.set(id, {
        id,
        type: 'modal',
        userId: view.userId,
        hash: this.workspace.newViewHash(),
        rootViewId: view.rootViewId,
        previousViewId: view.id,
        definition: next as Record<string, unknown>,
      });
      stack.push(id);
    } else if (action === 'clear') {
      stack.length = 0;
    } else {
      stack.splice(stack.indexOf(viewId), 1);
    }
  }

  /** Routes `GET /`, `GET /console/*` and `POST /console/*` to a console (it needs the driver, created after this server). */
  attachConsole(handler: ConsoleHandler): void {
    this.consoleHandler = handler;
  }

  /**
   * Serves `method` with `serve`, which checks the token itself; `otherToken` (an app-level token)
   * is refused by every other method with `not_allowed_token_type`, as Slack does.
   */
  addOwnAuthMethod(method: string, serve: OwnAuthMethod, otherToken?: string): void {
    this.ownAuthMethods.set(method, serve);
    if (otherToken) this.otherTokenTypes.add(otherToken);
  }

  /** Routes WebSocket upgrades (Socket Mode's connections) to `handler`. */
  onUpgrade(handler: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void): void {
    this.server.on('upgrade', handler);
  }

  /** Forgets recorded calls, response_url posts and refusals (workspace state is kept). */
  clearCalls(): void {
    this.recorded.length = 0;
    this.responsePosts.length = 0;
    this.refused.length = 0;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (this.consoleHandler && (await this.consoleHandler(req, res, url))) return;
    const raw = await readBody(req);
    if (req.method === 'POST' && url.pathname.startsWith('/response-url/')) {
      const id = decodeURIComponent(url.pathname.slice('/response-url/'.length));
      const body = parseJson(raw);
      const refusal = typeof body === 'object' && body !== null ? messageRefusal(body) : undefined;
      const at = this.workspace.now();
      if (refusal) this.refused.push({ where: 'response_url', messages: refusalLines(refusal), at });
      this.responsePosts.push({ id, body, at, ...(refusal ? { refused: refusalLines(refusal) } : {}) });
      this.events.emit('recorded');
      // Slack answers a response_url (like an incoming webhook) with a bare code, no details.
      if (refusal) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(refusal.error === 'msg_too_long' ? 'msg_too_long' : 'invalid_blocks');
        return;
      }
      return send(res, 200, { ok: true });
    }
    const match = /^\/api\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!match?.[1]) return send(res, 404, { ok: false, error: 'unknown_method' });
    const method = match[1];

    const args = parseArgs(req.headers['content-type'], raw, url.searchParams);
    if (!args) return this.finish(res, method, {}, undefined, { ok: false, error: 'invalid_json' });
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : stringOrUndefined(args.token);
    delete args.token;

    const limit = this.rateLimits.get(method);
    if (limit && limit.remaining > 0 && token === this.botToken) {
      limit.remaining -= 1;
      const refused = { ok: false as const, error: 'ratelimited' };
      this.recorded.push({ method, args, token, at: this.workspace.now(), response: refused });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.retryAfterSeconds) });
      res.end(JSON.stringify(refused));
      this.events.emit('recorded');
      return;
    }

    let response: ApiResponse;
    const ownAuth = this.ownAuthMethods.get(method);
    if (ownAuth)
      response = ownAuth({
        token,
        tokenInHeader: header?.startsWith('Bearer ') ?? false,
        httpMethod: req.method ?? 'GET',
      });
    else if (!token) response = { ok: false, error: 'not_authed' };
    else if (this.otherTokenTypes.has(token)) response = { ok: false, error: 'not_allowed_token_type' };
    else if (token !== this.botToken) response = { ok: false, error: 'invalid_auth' };
    else if (!(method in schemas)) response = { ok: false, error: 'unknown_method' };
    else {
      const parsed = schemas[method as Method].safeParse(args);
      const refusal = parsed.success ? blockKitRefusal(method, args) : undefined;
      if (refusal) this.refused.push({ where: method, messages: refusalLines(refusal), at: this.workspace.now() });
      response = !parsed.success
        ? {
            ok: false,
            error: 'invalid_arguments',
            response_metadata: {
              messages: parsed.error.issues.map((i) => `[ERROR] ${i.path.join('.')}: ${i.message}`),
            },
          }
        : (refusal ?? this.dispatch(method as Method, parsed.data));
    }
    const fault = response.ok ? this.replyFaults.get(method)?.shift() : undefined;
    if (fault) {
      this.recorded.push({ method, args, token, at: this.workspace.now(), response });
      this.events.emit('recorded');
      fault.markReached();
      await fault.released;
      res.destroy();
      return;
    }
    this.finish(res, method, args, token, response);
  }

  private finish(
    res: http.ServerResponse,
    method: string,
    args: ApiArgs,
    token: string | undefined,
    response: ApiResponse,
  ): void {
    this.recorded.push({ method, args, token, at: this.workspace.now(), response });
    // Slack answers errors with HTTP 200 and `ok: false`; the WebClient turns that into a platform error.
    send(res, 200, response);
    this.events.emit('recorded');
  }

  private dispatch(method: Method, args: ApiArgs): ApiResponse {
    switch (method) {
      case 'auth.test':
        return this.authTest();
      case 'chat.postMessage':
        return this.postMessage(schemas['chat.postMessage'].parse(args));
      case 'chat.update':
        return this.updateMessage(schemas['chat.update'].parse(args));
      case 'views.open':
        return this.openView(schemas['views.open'].parse(args), false);
      case 'views.push':
        return this.openView(schemas['views.push'].parse(args), true);
      case 'views.update':
        return this.updateView(schemas['views.update'].parse(args));
      case 'views.publish':
        return this.publishView(schemas['views.publish'].parse(args));
      case 'users.info':
        return this.userInfo(schemas['users.info'].parse(args));
      case 'conversations.open':
        return this.openConversation(schemas['conversations.open'].parse(args));
      case 'conversations.history':
        return this.history(schemas['conversations.history'].parse(args));
      case 'usergroups.users.list':
        return this.usergroupUsers(schemas['usergroups.users.list'].parse(args));
    }
  }

  private authTest(): ApiResponse {
    const w = this.workspace;
    return {
      ok: true,
      url: `https://${w.teamDomain}.slack.com/`,
      team: w.teamDomain,
      user: 'cers',
      team_id: w.teamId,
      user_id: w.botUserId,
      bot_id: w.botId,
      is_enterprise_install: false,
    };
  }

  private postMessage(args: z.infer<(typeof schemas)['chat.postMessage']>): ApiResponse {
    if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
    const channel = /^[UW]/.test(args.channel) ? this.workspace.dmChannelFor(args.channel) : args.channel;
    const ts = this.workspace.nextTs();
    this.workspace.messages.set(messageKey(channel, ts), {
      channel,
      ts,
      text: args.text,
      blocks: args.blocks,
      threadTs: args.thread_ts,
      updates: 0,
      ...(args.metadata ? { metadata: args.metadata } : {}),
    });
    return { ok: true, channel, ts, message: this.messageJson(ts, args.text, args.blocks, args.thread_ts) };
  }

  /** A channel's messages, newest first; their event metadata only when asked (include_all_metadata). */
  private history(args: z.infer<(typeof schemas)['conversations.history']>): ApiResponse {
    const messages = [...this.workspace.messages.values()]
      .filter((m) => m.channel === args.channel && !m.threadTs)
      .sort((a, b) => (a.ts < b.ts ? 1 : a.ts > b.ts ? -1 : 0))
      .slice(0, args.limit ?? 100);
    if (messages.length === 0 && !this.workspace.isKnownChannel(args.channel))
      return { ok: false, error: 'channel_not_found' };
    return {
      ok: true,
      has_more: false,
      messages: messages.map((m) => ({
        ...this.messageJson(m.ts, m.text, m.blocks, undefined),
        ...(args.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}),
      })),
    };
  }

  private updateMessage(args: z.infer<(typeof schemas)['chat.update']>): ApiResponse {
    const stored = this.workspace.messages.get(messageKey(args.channel, args.ts));
    if (!stored) return { ok: false, error: 'message_not_found' };
    if (args.text !== undefined) stored.text = args.text;
    if (args.blocks !== undefined) stored.blocks = args.blocks;
    stored.updates += 1;
    return {
      ok: true,
      channel: stored.channel,
      ts: stored.ts,
      text: stored.text ?? '',
      message: this.messageJson(stored.ts, stored.text, stored.blocks, stored.threadTs),
    };
  }

  private openView(args: { trigger_id: string; view: z.infer<typeof viewSchema> }, push: boolean): ApiResponse {
    if (args.view.type !== 'modal') return { ok: false, error: 'invalid_arguments' };
    const redeemed = this.workspace.redeemTriggerId(args.trigger_id);
    if (!redeemed.ok) return { ok: false, error: redeemed.error };
    const stacks = this.workspace.modalStacks;
    const stack = push ? stacks.get(redeemed.userId) : [];
    // A push needs a modal to push onto; Slack ties the trigger to the interaction inside it.
    if (!stack || (push && stack.length === 0)) return { ok: false, error: 'not_found' };
    if (stack.length >= MODAL_STACK_LIMIT) return { ok: false, error: 'push_limit_reached' };
    const id = this.workspace.newViewId();
    const view: StoredView = {
      id,
      type: 'modal',
      userId: redeemed.userId,
      hash: this.workspace.newViewHash(),
      rootViewId: stack[0] ?? id,
      previousViewId: stack.at(-1) ?? null,
      definition: args.view,
    };
    this.workspace.views.set(id, view);
    stack.push(id);
    stacks.set(redeemed.userId, stack);
    return { ok: true, view: this.viewJson(view) };
  }

  private updateView(args: z.infer<(typeof schemas)['views.update']>): ApiResponse {
    const view = args.view_id
      ? this.workspace.views.get(args.view_id)
      : args.external_id
        ? [...this.workspace.views.values()].find((v) => v.definition.external_id === args.external_id)
        : undefined;
    if (!args.view_id && !args.external_id) return { ok: false, error: 'invalid_arguments' };
    if (!view) return { ok: false, error: 'not_found' };
    // The hash guards against a bot overwriting a newer version of the view (a race Slack detects).
    if (args.hash !== undefined && args.hash !== view.hash) return { ok: false, error: 'hash_conflict' };
    view.definition = args.view;
    view.state = keptInputState(view.state, args.view);
    view.hash = this.workspace.newViewHash();
    return { ok: true, view: this.viewJson(view) };
  }

  private publishView(args: z.infer<(typeof schemas)['views.publish']>): ApiResponse {
    if (args.view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
    this.workspace.ensureUser(args.user_id);
    const existingId = this.workspace.homeViews.get(args.user_id);
    const existing = existingId ? this.workspace.views.get(existingId) : undefined;
    if (existing && args.hash !== undefined && args.hash !== existing.hash)
      return { ok: false, error: 'hash_conflict' };
    const id = existing?.id ?? this.workspace.newViewId();
    const view: StoredView = {
      id,
      type: 'home',
      userId: args.user_id,
      hash: this.workspace.newViewHash(),
      rootViewId: id,
      previousViewId: null,
      definition: args.view,
    };
    this.workspace.views.set(id, view);
    this.workspace.homeViews.set(args.user_id, id);
    return { ok: true, view: this.viewJson(view) };
  }

  private userInfo(args: z.infer<(typeof schemas)['users.info']>): ApiResponse {
    const user = this.workspace.users.get(args.user);
    if (!user) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id: user.id,
        team_id: this.workspace.teamId,
        name: user.name,
        real_name: user.realName,
        tz: user.tz,
        is_bot: false,
        deleted: false,
        profile: { real_name: user.realName, display_name: user.name },
        // Slack includes the locale only when asked to.
        ...(args.include_locale ? { locale: user.locale } : {}),
      },
    };
  }

  /** A user group's member ids; an unknown group is Slack's `no_such_subteam`. */
  private usergroupUsers(args: z.infer<(typeof schemas)['usergroups.users.list']>): ApiResponse {
    const users = this.workspace.usergroups.get(args.usergroup);
    return users ? { ok: true, users: [...users] } : { ok: false, error: 'no_such_subteam' };
  }

  private openConversation(args: z.infer<(typeof schemas)['conversations.open']>): ApiResponse {
    if (args.channel) return { ok: true, channel: { id: args.channel }, no_op: true, already_open: true };
    const users = (args.users ?? '').split(',').filter(Boolean);
    const [only] = users;
    if (users.length !== 1 || !only)
      return { ok: false, error: users.length === 0 ? 'users_list_not_supplied' : 'not_implemented' };
    if (!this.workspace.users.has(only)) return { ok: false, error: 'user_not_found' };
    return { ok: true, channel: { id: this.workspace.dmChannelFor(only) } };
  }

  private messageJson(
    ts: string,
    text: string | undefined,
    blocks: unknown[] | undefined,
    threadTs: string | undefined,
  ) {
    const w = this.workspace;
    return {
      type: 'message',
      subtype: undefined,
      text: text ?? '',
      blocks,
      ts,
      thread_ts: threadTs,
      user: w.botUserId,
      bot_id: w.botId,
      app_id: w.appId,
      team: w.teamId,
    };
  }

  viewJson(view: StoredView): Record<string, unknown> {
    const w = this.workspace;
    return {
      callback_id: '',
      private_metadata: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      ...view.definition,
      id: view.id,
      team_id: w.teamId,
      type: view.type,
      state: { values: view.state ?? {} },
      hash: view.hash,
      root_view_id: view.rootViewId,
      previous_view_id: view.previousViewId,
      app_id: w.appId,
      app_installed_team_id: w.teamId,
      bot_id: w.botId,
    };
  }
}

function messageKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** JSON or form bodies (plus query string), JSON-string fields decoded; undefined when malformed. */
function parseArgs(contentType: string | undefined, raw: string, query: URLSearchParams): ApiArgs | undefined {
  const args: ApiArgs = Object.fromEntries(query);
  if (contentType?.startsWith('application/json')) {
    if (raw.trim() === '') return args;
    const body = parseJson(raw);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    Object.assign(args, body);
  } else {
    Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
  }
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    const decoded = parseJson(value);
    if (decoded === value) return undefined;
    args[field] = decoded;
  }
  return args;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
