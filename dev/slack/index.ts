/**
 * A local Slack: the Web API the bot calls and a driver that calls the bot, sharing one workspace,
 * over HTTP or Socket Mode. Used by tests, the benchmark and `npm start` without Slack tokens.
 */
import { randomBytes } from 'node:crypto';
import { type ConsoleOptions, SlackConsole } from './console';
import { SlackDriver, type SlackTransport } from './driver';
import { SocketModeServer, type SocketModeOptions } from './socket-mode';
import { SlackWebApi } from './web-api';
import { type Clock, type SlackUser, SlackWorkspace, type WorkspaceOptions } from './workspace';

export { type ConsoleOptions, DEV_USERS, type DevSignIn, SlackConsole } from './console';
export { SlackDriver, type Delivery, type DeliveryOptions, type SlackTransport } from './driver';
export {
  type ConnectionInfo,
  DISCONNECT_REASONS,
  type DisconnectReason,
  type SentEnvelope,
  SocketModeServer,
} from './socket-mode';
export { type ApiCall, type ResponseUrlPost, SlackWebApi, type WaitOptions } from './web-api';
export { type Clock, FakeClock, MODAL_STACK_LIMIT, type SlackUser, SlackWorkspace, TRIGGER_TTL_MS } from './workspace';

export interface SlackStandInOptions extends Omit<WorkspaceOptions, 'clock'> {
  botToken: string;
  signingSecret: string;
  /** Port for the Web API server; 0 (default) picks a free one. */
  port?: number;
  /** The bot's endpoint the driver posts to; can also be set later on `driver.target`. */
  botUrl?: string;
  /** Clock for trigger expiry and call times (a `FakeClock().now` in tests). */
  clock?: Clock;
  users?: (Partial<SlackUser> & { id: string })[];
  /** The browser console at `GET /` (on by default; its dev users are added when absent); false turns it off. */
  console?: boolean | ConsoleOptions;
  /**
   * How Slack reaches the bot, as the app's "Socket Mode" setting decides in Slack: `http` (default,
   * signed requests to `botUrl`) or `socket` (envelopes over the connection the bot opens with `appToken`).
   */
  transport?: SlackTransport;
  /** The app-level token `apps.connections.open` accepts (default: a fresh `xapp-…`). */
  appToken?: string;
  /** Socket Mode timings (ack timeout, retry delays, disconnect grace), for tests. */
  socketMode?: Pick<SocketModeOptions, 'ackTimeoutMs' | 'retryDelaysMs' | 'disconnectGraceMs'>;
}

export interface SlackStandIn {
  /** For Bolt's `clientOptions.slackApiUrl` (ends with `/api/`). */
  apiUrl: string;
  /** The browser console (`http://127.0.0.1:<port>/`), unless turned off. */
  consoleUrl?: string;
  /** The console itself, unless turned off (e.g. to tell it about the local identity provider). */
  console?: SlackConsole;
  api: SlackWebApi;
  driver: SlackDriver;
  transport: SlackTransport;
  /** The app-level token for Socket Mode (Bolt's `appToken`). */
  appToken: string;
  socketMode: SocketModeServer;
  workspace: SlackWorkspace;
  calls: SlackWebApi['calls'];
  waitForCalls: SlackWebApi['waitForCalls'];
  responseUrlPosts: SlackWebApi['responseUrlPosts'];
  waitForResponseUrlPosts: SlackWebApi['waitForResponseUrlPosts'];
  setUser: SlackWorkspace['setUser'];
  close(): Promise<void>;
}

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const {
    botToken,
    signingSecret,
    port,
    botUrl,
    users = [],
    console: consoleOption = true,
    transport = 'http',
    appToken: givenAppToken,
    socketMode: socketModeOptions,
    ...workspaceOptions
  } = options;
  const workspace = new SlackWorkspace(workspaceOptions);
  for (const user of users) workspace.setUser(user);
  const appToken = givenAppToken ?? `xapp-1-${workspace.appId}-${randomBytes(12).toString('hex')}`;
  const api = new SlackWebApi({ workspace, botToken });
  const socketMode = new SocketModeServer({ workspace, appToken, baseUrl: () => api.url, ...socketModeOptions });
  api.addOwnAuthMethod('apps.connections.open', (call) => socketMode.openConnection(call), appToken);
  api.onUpgrade((req, socket, head) => socketMode.handleUpgrade(req, socket, head));
  const root = await api.listen(port);
  const driver = new SlackDriver({
    workspace,
    signingSecret,
    standInUrl: () => root,
    viewJson: (id) => {
      const view = workspace.views.get(id);
      return view ? api.viewJson(view) : undefined;
    },
    applySubmissionAck: (id, ack, submitted) => api.applySubmissionAck(id, ack, submitted),
    target: botUrl,
    transport,
    socketMode,
  });
  let slackConsole: SlackConsole | undefined;
  if (consoleOption !== false) {
    const consoleOptions = consoleOption === true ? {} : consoleOption;
    slackConsole = new SlackConsole({ workspace, driver, api }, consoleOptions);
    api.attachConsole(slackConsole.handle);
  }
  return {
    apiUrl: `${root}/api/`,
    ...(slackConsole ? { consoleUrl: `${root}/`, console: slackConsole } : {}),
    api,
    driver,
    transport,
    appToken,
    socketMode,
    workspace,
    calls: (method) => api.calls(method),
    waitForCalls: (method, waitOptions) => api.waitForCalls(method, waitOptions),
    responseUrlPosts: (id) => api.responseUrlPosts(id),
    waitForResponseUrlPosts: (id, waitOptions) => api.waitForResponseUrlPosts(id, waitOptions),
    setUser: (user) => workspace.setUser(user),
    async close() {
      // Sockets first: the HTTP server does not end upgraded connections itself.
      await socketMode.close();
      await api.close();
    },
  };
}
