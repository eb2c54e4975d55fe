/**
 * A browser console for the stand-in, so a developer running `npm start` without a Slack workspace
 * can use the bot as in Slack: `http://127.0.0.1:<stand-in port>/` shows a user's DM with the bot,
 * their open modal and their Home tab, and sends slash commands, messages, button clicks, view
 * submissions and closes through the signed-request driver, exactly as Slack would deliver them.
 *
 * Everything rendered comes from views and messages the bot sent, so it is treated as untrusted:
 * the HTML is built on the server by functions that escape every piece of text before adding
 * markup (unit-tested, render.ts), and the page runs under a Content-Security-Policy that allows no
 * inline script or style on top (page.ts). The page's script (static/console.js) only swaps
 * server-rendered fragments in (state.ts) and posts JSON back (requests.ts).
 *
 * Only a browser on this machine may use it: the server binds 127.0.0.1, requests must name this
 * server as their Host (against DNS rebinding), and POSTs must be JSON from this origin (a page on
 * another site cannot send JSON cross-origin without a CORS preflight, which is never granted).
 */
import type http from 'node:http';
import type { z } from 'zod';
import type { Delivery, SlackDriver } from '../driver';
import { DEV_USERS, devUserFor, type DevSignIn } from '../dev-users';
import type { ConsoleHandler, SlackWebApi } from '../web-api';
import type { SlackUser, SlackWorkspace, StoredView } from '../workspace';
import { asObject, asString } from './html';
import { allowedRequest, readBody, refuse, reply, type Reply, sendJson } from './http';
import { CONSOLE_CSP, consoleStaticFiles, renderConsolePage, type StaticFile } from './page';
import { findButton, requests, type RequestKind, stateValues, USER_ID } from './requests';
import { type ConsoleState, consoleState, type Entry, topModal } from './state';

export interface ConsoleOptions {
  /** The users offered in the picker (default DEV_USERS); the first is the default one. */
  users?: readonly (Partial<SlackUser> & { id: string })[];
  /** The slash command the composer starts with (default `/cers`). */
  command?: string;
}

export interface ConsoleDeps {
  workspace: SlackWorkspace;
  driver: SlackDriver;
  api: SlackWebApi;
}

/** Bodies are a few form fields at most; anything bigger is not from the page. */
const MAX_BODY_BYTES = 256 * 1024;
/** What one user did here that the workspace does not keep: their own DMs, ephemeral answers. */
const MAX_ENTRIES_PER_USER = 200;

export class SlackConsole {
  private readonly workspace: SlackWorkspace;
  private readonly driver: SlackDriver;
  private readonly api: SlackWebApi;
  private readonly userIds: string[];
  private readonly command: string;
  /** Set when the local identity provider runs beside the stand-in (service/main.ts). */
  devSignIn: DevSignIn | undefined;
  private readonly entries = new Map<string, Entry[]>();
  /** response_url ids minted for deliveries made here, by user: the bot's `respond()` lands there. */
  private readonly responseUrls = new Map<string, string>();
  /** The page's script and stylesheet, by URL path. */
  private readonly staticFiles: ReadonlyMap<string, StaticFile>;

  constructor(deps: ConsoleDeps, options: ConsoleOptions = {}) {
    this.workspace = deps.workspace;
    this.driver = deps.driver;
    this.api = deps.api;
    this.command = options.command ?? '/cers';
    // Read now, so a build missing the page's files fails at start rather than in the browser.
    this.staticFiles = consoleStaticFiles();
    const users = options.users ?? DEV_USERS;
    // A user configured by whoever started the stand-in keeps its settings.
    for (const user of users) if (!this.workspace.users.has(user.id)) this.workspace.setUser(user);
    this.userIds = users.map((u) => u.id);
  }

  /** For `SlackWebApi.attachConsole`: answers the console's routes, leaves the rest to the Web API. */
  readonly handle: ConsoleHandler = async (req, res, url) => {
    const path = url.pathname;
    if (path !== '/' && path !== '/console' && !path.startsWith('/console/') && !this.staticFiles.has(path))
      return false;
    if (!this.fromThisMachine(req)) {
      sendJson(
        res,
        reply(403, {
          ok: false,
          error: 'forbidden_host',
          message: 'The console answers only to http://127.0.0.1:<port>/',
        }),
      );
      return true;
    }
    if (req.method === 'GET') this.get(res, path, url.searchParams);
    else if (req.method === 'POST') sendJson(res, await this.post(req, path));
    else sendJson(res, refuse(405, 'method_not_allowed', 'GET or POST'));
    return true;
  };

  /** The page, its script and stylesheet, and the JSON state it polls. */
  private get(res: http.ServerResponse, path: string, query: URLSearchParams): void {
    const file = this.staticFiles.get(path);
    if (file) {
      res.writeHead(200, {
        'content-type': file.contentType,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(file.body);
      return;
    }
    const user = query.get('user');
    if (path === '/console/state') {
      if (!user || !USER_ID.test(user))
        return sendJson(res, refuse(400, 'invalid_user', 'user= must be a Slack user id'));
      return sendJson(res, reply(200, { ...this.state(user) }));
    }
    if (path !== '/' && path !== '/console' && path !== '/console/')
      return sendJson(res, refuse(404, 'not_found', 'No such console page'));
    if (user === null) {
      res.writeHead(302, {
        location: `/?user=${encodeURIComponent(this.userIds[0] ?? 'U0DEVEN001')}`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    if (!USER_ID.test(user)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('user= must be a Slack user id (U… or W…, capitals and digits)\n');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CONSOLE_CSP,
    });
    res.end(renderConsolePage({ command: this.command }));
  }

  private async post(req: http.IncomingMessage, path: string): Promise<Reply> {
    const kind = path.slice('/console/'.length);
    if (!Object.hasOwn(requests, kind)) return refuse(404, 'not_found', `No console action ${kind}`);
    if (!req.headers['content-type']?.startsWith('application/json'))
      return refuse(415, 'json_only', 'POST JSON (content-type: application/json)');
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (raw === undefined) return refuse(413, 'too_large', 'Body too large');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(400, 'invalid_json', 'The body is not JSON');
    }
    return this.dispatch(kind as RequestKind, body);
  }

  private async dispatch(kind: RequestKind, body: unknown): Promise<Reply> {
    switch (kind) {
      case 'command':
        return withValid(requests.command, body, (input) => this.slashCommand(input));
      case 'message':
        return withValid(requests.message, body, (input) => this.directMessage(input));
      case 'action':
        return withValid(requests.action, body, (input) => this.blockAction(input));
      case 'submit':
        return withValid(requests.submit, body, (input) => this.submit(input));
      case 'close':
        return withValid(requests.close, body, (input) => this.close(input));
      case 'home':
        return withValid(requests.home, body, (input) => this.openHome(input));
      case 'users':
        return withValid(requests.users, body, (input) => this.addPerson(input));
    }
  }

  /** A new person to be, in the picker from now on; with the local identity provider, able to sign in. */
  private addPerson(input: z.infer<(typeof requests)['users']>): Reply {
    const person = devUserFor(input);
    // One person per username: it is also who signs in at the local identity provider.
    const existing =
      this.workspace.users.get(person.id) ?? [...this.workspace.users.values()].find((u) => u.name === person.name);
    if (existing) {
      return refuse(
        409,
        'user_exists',
        `${existing.realName} (${existing.name}) is already here: pick them in the list.`,
      );
    }
    try {
      this.devSignIn?.addAccount(person.name);
    } catch (error) {
      return refuse(
        409,
        'sign_in_exists',
        `The local sign-in already has ${person.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.workspace.setUser(person);
    this.userIds.push(person.id);
    const language = person.locale.startsWith('fr') ? 'French' : 'English';
    return reply(200, {
      ok: true,
      user: person.id,
      message: `Added ${person.realName} (${person.name}, ${language}).`,
    });
  }

  private async slashCommand(input: z.infer<(typeof requests)['command']>): Promise<Reply> {
    const command = input.command ?? this.command;
    return this.deliver(`${command} ${input.text}`.trim(), async () => {
      const delivery = await this.driver.slashCommand({ userId: input.user, command, text: input.text });
      if (delivery.responseUrlId) this.responseUrls.set(delivery.responseUrlId, input.user);
      // An ack with a body is an ephemeral answer Slack shows only to the user who typed the command.
      if (delivery.status === 200 && delivery.body.trim() !== '')
        this.record(input.user, { kind: 'ephemeral', ts: this.workspace.nextTs(), ...ackMessage(delivery.body) });
      return delivery;
    });
  }

  private async directMessage(input: z.infer<(typeof requests)['message']>): Promise<Reply> {
    const w = this.workspace;
    w.ensureUser(input.user);
    const channel = w.dmChannelFor(input.user);
    const ts = w.nextTs();
    return this.deliver('message', async () => {
      const delivery = await this.driver.event({
        event: { type: 'message', channel_type: 'im', channel, user: input.user, text: input.text, ts, team: w.teamId },
      });
      if (delivery.status === 200) this.record(input.user, { kind: 'sent', ts, text: input.text });
      return delivery;
    });
  }

  private async blockAction(input: z.infer<(typeof requests)['action']>): Promise<Reply> {
    let blocks: unknown;
    if (input.viewId) {
      const view = this.workspace.views.get(input.viewId);
      const onTop =
        this.topModal(input.user)?.id === input.viewId || this.workspace.homeViews.get(input.user) === input.viewId;
      if (!view || view.userId !== input.user || !onTop)
        return refuse(409, 'view_not_open', 'That view is no longer open for this user');
      blocks = view.definition.blocks;
    } else if (input.message) {
      const message = this.workspace.messages.get(`${input.message.channel}/${input.message.ts}`);
      if (!message || message.channel !== this.workspace.dmChannelFor(input.user)) {
        return refuse(409, 'message_not_found', "That message is not in this user's DM");
      }
      blocks = message.blocks;
    }
    const button = findButton(blocks, input.blockId, input.actionId, input.value);
    if (!button) return refuse(409, 'button_not_found', 'That button is no longer there (the view or message changed)');
    return this.deliver(`button ${input.actionId}`, async () => {
      const delivery = await this.driver.blockAction({
        userId: input.user,
        actionId: input.actionId,
        blockId: input.blockId,
        value: input.value,
        viewId: input.viewId,
        message: input.message,
        action: { text: button.text, ...(button.style ? { style: button.style } : {}) },
      });
      if (delivery.responseUrlId) this.responseUrls.set(delivery.responseUrlId, input.user);
      return delivery;
    });
  }

  private async submit(input: z.infer<(typeof requests)['submit']>): Promise<Reply> {
    const view = this.topModal(input.user);
    if (!view || view.id !== input.viewId)
      return refuse(409, 'view_not_open', 'That modal is no longer open for this user');
    const values = stateValues(view.definition, input.fields);
    let errors: Record<string, string> | undefined;
    const result = await this.deliver('submission', async () => {
      const delivery = await this.driver.viewSubmission({
        userId: input.user,
        viewId: view.id,
        values,
        hash: input.hash,
      });
      // `errors` keeps the modal open (the stand-in applied the ack); the page shows each by its field.
      if (delivery.ack?.response_action === 'errors') errors = stringRecord(delivery.ack.errors);
      return delivery;
    });
    if (!errors) return result;
    const count = Object.keys(errors).length;
    return reply(result.status, {
      ...result.body,
      errors,
      message: `submission: the bot refused ${count} field${count === 1 ? '' : 's'} (see the form)`,
    });
  }

  /** The Close button: the top view leaves the stack, as in Slack (a pushed view goes back to the one below). */
  private async close(input: z.infer<(typeof requests)['close']>): Promise<Reply> {
    const view = this.topModal(input.user);
    if (!view || view.id !== input.viewId)
      return refuse(409, 'view_not_open', 'That modal is no longer open for this user');
    this.workspace.modalStacks.get(input.user)?.pop();
    // Slack tells the bot only when it asked to be told.
    if (view.definition.notify_on_close !== true || !this.driver.target)
      return reply(200, { ok: true, message: 'Modal closed' });
    return this.deliver('view_closed', () => {
      const payload = {
        type: 'view_closed',
        team: { id: this.workspace.teamId, domain: this.workspace.teamDomain },
        user: { id: input.user, team_id: this.workspace.teamId },
        api_app_id: this.workspace.appId,
        view: this.api.viewJson(view),
        is_cleared: false,
      };
      return this.driver.raw(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      );
    });
  }

  /** What Slack sends whenever the user opens the app's Home tab; the bot answers with views.publish. */
  private async openHome(input: z.infer<(typeof requests)['home']>): Promise<Reply> {
    const w = this.workspace;
    w.ensureUser(input.user);
    const homeId = w.homeViews.get(input.user);
    const home = homeId ? w.views.get(homeId) : undefined;
    return this.deliver('app_home_opened', () =>
      this.driver.event({
        event: {
          type: 'app_home_opened',
          user: input.user,
          channel: w.dmChannelFor(input.user),
          tab: 'home',
          ...(home ? { view: this.api.viewJson(home) } : {}),
        },
      }),
    );
  }

  /** Sends through the driver and says, in the page's words, how the bot took it. */
  private async deliver(what: string, send: () => Promise<Delivery>): Promise<Reply> {
    if (!this.driver.target) {
      return refuse(
        503,
        'no_bot',
        'No bot is connected: the stand-in driver has no target (set driver.target to the bot’s /slack/events URL)',
      );
    }
    let delivery: Delivery;
    try {
      delivery = await send();
    } catch (error) {
      return refuse(
        502,
        'bot_unreachable',
        `Could not reach the bot at ${this.driver.target}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const latencyMs = Math.round(delivery.latencyMs);
    if (delivery.status !== 200) {
      return reply(502, {
        ok: false,
        error: 'bot_refused',
        status: delivery.status,
        message: `The bot answered ${what} with HTTP ${delivery.status}`,
      });
    }
    // Slack gives up on an ack after 3 s and shows the user an error; say so rather than hide it.
    const slow = latencyMs > 3_000 ? ` (slower than Slack's 3 s: Slack would have shown an error)` : '';
    return reply(200, {
      ok: true,
      status: delivery.status,
      latencyMs,
      message: `${what}: acked in ${latencyMs} ms${slow}`,
    });
  }

  private record(userId: string, entry: Entry): void {
    const list = this.entries.get(userId) ?? [];
    list.push(entry);
    list.splice(0, Math.max(0, list.length - MAX_ENTRIES_PER_USER));
    this.entries.set(userId, list);
  }

  private fromThisMachine(req: http.IncomingMessage): boolean {
    return allowedRequest(
      { host: req.headers.host, origin: req.headers.origin, method: req.method },
      new URL(this.api.url).port,
    );
  }

  private topModal(userId: string): StoredView | undefined {
    return topModal(this.workspace, userId);
  }

  /** What the page shows for one user, as HTML fragments with keys that change only when they do. */
  state(userId: string): ConsoleState {
    return consoleState(
      {
        workspace: this.workspace,
        botUrl: this.driver.target,
        userIds: this.userIds,
        command: this.command,
        devSignIn: this.devSignIn,
        entries: this.entries.get(userId) ?? [],
        responseUrlPosts: this.api.responseUrlPosts().filter((post) => this.responseUrls.get(post.id) === userId),
      },
      userId,
    );
  }
}

/** `handle` on the body as `schema` reads it, or 400 saying what is wrong with the body. */
function withValid<T>(
  schema: z.ZodType<T>,
  body: unknown,
  handle: (input: T) => Reply | Promise<Reply>,
): Reply | Promise<Reply> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return handle(parsed.data);
  return reply(400, {
    ok: false,
    error: 'invalid_request',
    message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  });
}

/** An ack body with content: `{text, blocks}` JSON or plain text. */
function ackMessage(body: string): { text: string; blocks?: unknown[] } {
  let text = body;
  let blocks: unknown[] | undefined;
  try {
    const parsed = asObject(JSON.parse(body));
    if (parsed) {
      text = asString(parsed.text) ?? '';
      blocks = Array.isArray(parsed.blocks) ? parsed.blocks : undefined;
    }
  } catch {
    // Plain text: Bolt acks `ack('text')` as is.
  }
  return { text, blocks };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asObject(value) ?? {}))
    out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
