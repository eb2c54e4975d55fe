/**
 * A local Slack: the Web API the bot calls and a driver that calls the bot, sharing one workspace.
 * Used by tests, the benchmark and `npm start` without Slack tokens.
 */
import { type ConsoleOptions, SlackConsole } from './console';
import { SlackDriver } from './driver';
import { SlackWebApi } from './web-api';
import { type Clock, type SlackUser, SlackWorkspace, type WorkspaceOptions } from './workspace';

export { type ConsoleOptions, DEV_USERS, type DevSignIn, SlackConsole } from './console';
export { SlackDriver, type Delivery, type DeliveryOptions } from './driver';
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
  workspace: SlackWorkspace;
  calls: SlackWebApi['calls'];
  waitForCalls: SlackWebApi['waitForCalls'];
  responseUrlPosts: SlackWebApi['responseUrlPosts'];
  waitForResponseUrlPosts: SlackWebApi['waitForResponseUrlPosts'];
  setUser: SlackWorkspace['setUser'];
  close(): Promise<void>;
}

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const { botToken, signingSecret, port, botUrl, users = [], console: consoleOption = true, ...workspaceOptions } = options;
  const workspace = new SlackWorkspace(workspaceOptions);
  for (const user of users) workspace.setUser(user);
  const api = new SlackWebApi({ workspace, botToken });
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
    workspace,
    calls: (method) => api.calls(method),
    waitForCalls: (method, waitOptions) => api.waitForCalls(method, waitOptions),
    responseUrlPosts: (id) => api.responseUrlPosts(id),
    waitForResponseUrlPosts: (id, waitOptions) => api.waitForResponseUrlPosts(id, waitOptions),
    setUser: (user) => workspace.setUser(user),
    close: () => api.close(),
  };
}
