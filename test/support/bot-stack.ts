/**
 * The whole bot under test: the local Slack stand-in, the real Bolt app over HTTP with request
 * signing or over Socket Mode, the worker (its notices delivered as Slack DMs through the
 * stand-in), Temporal and PostgreSQL. Plus helpers that act as a Slack user would: type /cers,
 * click, fill in a form; they work the same over either transport.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { createLogger } from '../../config/logger';
import { slackDirectMessages, slackNotifier } from '../../activities/slack-notifier';
import { createCersBot, type BotConnection, type CersBot } from '../../bot/app';
import { ActionId, FIELD_ACTION_ID } from '../../slack/ids';
import { startSlackStandIn, type ApiCall, type SlackStandIn, type SlackTransport } from '../../dev/slack';
import type { StoredMessage } from '../../dev/slack/workspace';
import { startTestStack, type TestStack, type TestStackOptions } from './stack';
import { freePort } from '../../testkit/ports';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../../dev/identity/local-provider';

export interface BotTestStack extends TestStack {
  slack: SlackStandIn;
  bot: CersBot;
  teamId: string;
  transport: SlackTransport;
  /** The bot's own pages (`/healthz`, sign-in), e.g. `http://127.0.0.1:1234`. */
  botUrl: string;
  /** The bot's error log lines (also written to stderr), for tests that assert nothing went wrong. */
  logs: string[];
  /** With `signIn`: the local identity provider playing GCKey and the Sign-In Partner broker. */
  identityProvider?: LocalIdentityProvider;
}

export interface BotTestOptions extends TestStackOptions {
  submissionAckBudgetMs?: number;
  /** Configure OpenID sign-in against a local identity provider (the bot on a fixed port). */
  signIn?: boolean;
  /** How the stand-in reaches the bot: signed HTTP requests (default) or Socket Mode. */
  transport?: SlackTransport;
}

export const SLACK_TRANSPORTS = ['http', 'socket'] as const satisfies readonly SlackTransport[];

/** Runs `suite` once per transport, each on a stack of its own: the same tests over HTTP and Socket Mode. */
export function describeEachTransport(
  name: string,
  suite: (stack: BotTestStack) => void,
  overrides: Record<string, string> = {},
  options: BotTestOptions = {},
): void {
  for (const transport of SLACK_TRANSPORTS) {
    describe(`${name} (${transport === 'http' ? 'HTTP' : 'Socket Mode'})`, () =>
      suite(useBotStack(overrides, { ...options, transport })));
  }
}

/** The local provider's clients, one per credential provider, and the environment that configures them. */
async function localSignIn(): Promise<{
  identityProvider: LocalIdentityProvider;
  port: number;
  env: Record<string, string>;
}> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const redirectUris = [`${publicUrl}/auth/callback`];
  const clients = [
    { clientId: 'cers-gckey', clientSecret: randomBytes(16).toString('hex'), redirectUris },
    { clientId: 'cers-sign-in-partner', clientSecret: randomBytes(16).toString('hex'), redirectUris },
  ];
  // Each stack's people have subjects of their own: every test file shares one database, where a
  // credential links to one user account only.
  const run = randomBytes(4).toString('hex');
  const accounts = ['alice', 'bob', 'chloe', 'dana', 'eli', 'fay', 'gus', 'hana', 'ivan'].map((username) => ({
    username,
    password: `${username}-password`,
    sub: `pai-${username}-${run}`,
  }));
  const identityProvider = await startLocalIdentityProvider({ port: 0, clients, accounts, name: 'GCKey (test)' });
  return {
    identityProvider,
    port,
    env: {
      PORT: String(port),
      CERS_PUBLIC_URL: publicUrl,
      OIDC_GCKEY_ISSUER: identityProvider.issuer,
      OIDC_GCKEY_CLIENT_ID: clients[0]!.clientId,
      OIDC_GCKEY_CLIENT_SECRET: clients[0]!.clientSecret,
      OIDC_SIGN_IN_PARTNER_ISSUER: identityProvider.issuer,
      OIDC_SIGN_IN_PARTNER_CLIENT_ID: clients[1]!.clientId,
      OIDC_SIGN_IN_PARTNER_CLIENT_SECRET: clients[1]!.clientSecret,
    },
  };
}

export function useBotStack(overrides: Record<string, string> = {}, options: BotTestOptions = {}): BotTestStack {
  const stack = {} as BotTestStack;
  beforeAll(async () => {
    Object.assign(stack, await startBotStack(overrides, options));
  });
  afterAll(async () => {
    await stack.stop();
    // Every view and message the bot sent in this file passed Block Kit's limits, as Slack checks them.
    assert.deepEqual(stack.slack.api.blockKitRefusals(), [], 'Slack would have refused Block Kit the bot sent');
  });
  return stack;
}

export async function startBotStack(
  overrides: Record<string, string> = {},
  options: BotTestOptions = {},
): Promise<BotTestStack> {
  const botToken = `xoxb-test-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const teamId = `T${randomBytes(5).toString('hex').toUpperCase()}`;
  const transport = options.transport ?? 'http';
  const slack = await startSlackStandIn({ botToken, signingSecret, teamId, transport });
  const logs: string[] = [];
  const log = createLogger('bot-test', 'error', (line) => {
    logs.push(line);
    process.stderr.write(`${line}\n`);
  });
  const signIn = options.signIn ? await localSignIn() : undefined;
  overrides = { ...overrides, ...signIn?.env };
  const stack = await startTestStack(overrides, {
    ...options,
    notifier: (db) => slackNotifier({ botToken, apiUrl: slack.apiUrl, db, log }),
    dm: (db) => slackDirectMessages({ botToken, apiUrl: slack.apiUrl, db }),
  });
  const port = signIn?.port ?? 0;
  const connection: BotConnection =
    transport === 'socket'
      ? { mode: 'socket', botToken, appToken: slack.appToken, apiUrl: slack.apiUrl, port }
      : { mode: 'http', botToken, signingSecret, apiUrl: slack.apiUrl, port };
  const bot = createCersBot({
    config: stack.config,
    connection,
    work: { mode: 'thread', databaseUrl: stack.config.database.externalUrl! },
    log,
    submissionAckBudgetMs: options.submissionAckBudgetMs,
  });
  const started = await bot.start();
  // Over HTTP the driver posts to the bot; in Socket Mode the bot connected to the stand-in itself.
  if (started.eventsUrl) slack.driver.target = started.eventsUrl;
  return {
    ...stack,
    slack,
    bot,
    teamId,
    transport,
    botUrl: `http://127.0.0.1:${started.port}`,
    logs,
    ...(signIn ? { identityProvider: signIn.identityProvider } : {}),
    async stop() {
      await bot.stop();
      await stack.stop();
      await slack.close();
      await signIn?.identityProvider.close();
    },
  };
}

/** A new Slack user in the stand-in's workspace. */
export function newSlackUser(stack: BotTestStack, locale = 'en-US'): string {
  const id = `U${randomBytes(5).toString('hex').toUpperCase()}`;
  stack.slack.setUser({ id, locale, realName: 'Test Exporter' });
  return id;
}

export type ViewDefinition = Record<string, unknown> & { callback_id?: string; blocks?: unknown[] };

export function viewOf(stack: BotTestStack, viewId: string): ViewDefinition {
  const view = stack.slack.workspace.views.get(viewId);
  if (!view) throw new Error(`No view ${viewId}`);
  return view.definition;
}

/** Every piece of text in a view or message, for assertions on what the user reads. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(
        ([key]) =>
          key === 'text' ||
          key === 'blocks' ||
          key === 'elements' ||
          key === 'fields' ||
          key === 'accessory' ||
          key === 'label' ||
          key === 'hint' ||
          key === 'title',
      )
      .map(([, v]) => textOf(v))
      .join('\n');
  }
  return '';
}

/** Waits for the bot to update (or publish) a view with one that satisfies `test`. */
export async function waitForView(
  stack: BotTestStack,
  viewId: string,
  test: (view: ViewDefinition) => boolean,
  timeoutMs = 10_000,
): Promise<ViewDefinition> {
  await stack.slack
    .waitForCalls('views.update', {
      timeoutMs,
      where: (call: ApiCall) =>
        call.response.ok &&
        (call.response['view'] as { id?: string } | undefined)?.id === viewId &&
        test(viewOf(stack, viewId)),
    })
    .catch(() => undefined);
  const view = viewOf(stack, viewId);
  if (!test(view))
    throw new Error(`View ${viewId} did not reach the expected state; it shows:\n${textOf(view.blocks)}`);
  return view;
}

export const hasCallback = (callbackId: string) => (view: ViewDefinition) => view.callback_id === callbackId;
export const hasAction = (actionId: string) => (view: ViewDefinition) =>
  JSON.stringify(view.blocks).includes(`"action_id":"${actionId}"`);
export const hasText = (text: string) => (view: ViewDefinition) => textOf(view.blocks).includes(text);

/** Types /cers and returns the id of the modal it opened, once it shows `ready`. */
export async function openCers(
  stack: BotTestStack,
  userId: string,
  ready: (view: ViewDefinition) => boolean = () => true,
): Promise<string> {
  const delivery = await stack.slack.driver.slashCommand({ userId, command: '/cers' });
  if (delivery.status !== 200) throw new Error(`/cers answered ${delivery.status}`);
  const [opened] = await stack.slack.waitForCalls('views.open', {
    where: (c) => c.args['trigger_id'] === delivery.triggerId,
    timeoutMs: 5_000,
  });
  const viewId = (opened!.response['view'] as { id: string }).id;
  await waitForView(
    stack,
    viewId,
    (v) => v.title !== undefined && !textOf(v.blocks).includes('One moment') && ready(v),
  );
  return viewId;
}

/** Clicks a button of the view; as Slack does, the action carries the button's own value unless `value` says otherwise. */
export function click(stack: BotTestStack, userId: string, viewId: string, actionId: string, value?: string) {
  return stack.slack.driver.blockAction({
    userId,
    viewId,
    actionId,
    value: value ?? buttonValue(viewOf(stack, viewId).blocks, actionId),
  });
}

/** `state.values` as Slack sends them for our forms (block id = field path). */
export function formState(values: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(values).map(([path, value]) => [
      path,
      {
        [FIELD_ACTION_ID]:
          path === 'language' || path === 'role'
            ? { type: 'radio_buttons', selected_option: { value, text: { type: 'plain_text', text: value } } }
            : { type: 'plain_text_input', value },
      },
    ]),
  );
}

export function submit(stack: BotTestStack, userId: string, viewId: string, values: Record<string, string>) {
  return stack.slack.driver.viewSubmission({ userId, viewId, values: formState(values) });
}

export const USER_ACCOUNT_FORM = {
  givenName: 'Marie-Ève',
  familyName: "O'Connor",
  email: 'marie@exportco.example.ca',
  phone: '613 555 0142',
  language: 'en',
};

export function businessForm(businessNumber: string, sharedSecret: string): Record<string, string> {
  return {
    businessNumber,
    sharedSecret,
    'owner.positionTitle': 'Export manager',
    'owner.address.line1': '123 Wellington St',
    'owner.address.city': 'Ottawa',
    'owner.address.province': 'ON',
    'owner.address.postalCode': 'K1A 0B1',
    'owner.address.country': 'CA',
    'owner.phone': '613-555-0199',
    'owner.email': 'exports@exportco.example.ca',
  };
}

/** The Terms version on the Accept button of the modal (what the applicant read). */
export function termsVersionShown(stack: BotTestStack, viewId: string): string {
  const accept = JSON.stringify(viewOf(stack, viewId).blocks);
  return /"action_id":"cers_accept_terms","text":\{[^}]*\},"value":"([^"]+)"/.exec(accept)?.[1] ?? '';
}

/** Drives a user from /cers to the Terms step (signed in); returns the modal id. */
export async function signInThroughSlack(stack: BotTestStack, userId: string): Promise<string> {
  const viewId = await openCers(stack, userId, hasAction(ActionId.SimulateSignIn));
  await click(stack, userId, viewId, ActionId.SimulateSignIn, 'gckey');
  await waitForView(stack, viewId, hasAction(ActionId.AcceptTerms));
  return viewId;
}

/** Drives a user from /cers to the user-account form; returns the modal id. */
export async function openUserAccountForm(stack: BotTestStack, userId: string): Promise<string> {
  const viewId = await signInThroughSlack(stack, userId);
  await click(stack, userId, viewId, ActionId.AcceptTerms, termsVersionShown(stack, viewId));
  await waitForView(stack, viewId, hasCallback('cers_user_account'));
  return viewId;
}

/** Drives a user from /cers to the business-account step through Slack; returns the modal id. */
export async function registerUpToBusiness(
  stack: BotTestStack,
  userId: string,
  form = USER_ACCOUNT_FORM,
): Promise<string> {
  const viewId = await openUserAccountForm(stack, userId);
  const delivery = await submit(stack, userId, viewId, form);
  if (delivery.ack?.['response_action'] !== 'update') throw new Error(`user account not accepted: ${delivery.body}`);
  return viewId;
}

/** The messages in the bot's DM with `userId`, oldest first (as stored: updates applied). */
export function dmsTo(stack: BotTestStack, userId: string): StoredMessage[] {
  const channel = stack.slack.workspace.dmChannelFor(userId);
  return [...stack.slack.workspace.messages.values()]
    .filter((m) => m.channel === channel)
    .sort((a, b) => a.ts.localeCompare(b.ts));
}

/** Waits (bounded) until the DMs to `userId` satisfy `test`; fails with what they show. */
export async function waitForDms(
  stack: BotTestStack,
  userId: string,
  test: (messages: StoredMessage[]) => boolean,
  timeoutMs = 10_000,
): Promise<StoredMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = dmsTo(stack, userId);
    if (test(messages)) return messages;
    if (Date.now() > deadline)
      throw new Error(
        `DMs to ${userId} did not reach the expected state; they are:\n${messages.map((m) => textOf(m.blocks ?? m.text)).join('\n---\n')}`,
      );
    // Bounded polling of the stand-in's store: messages come from the worker's activities.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The value of the button `actionId` in a message or view's blocks. */
export function buttonValue(blocks: unknown, actionId: string): string | undefined {
  if (Array.isArray(blocks)) {
    for (const item of blocks) {
      const found = buttonValue(item, actionId);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!blocks || typeof blocks !== 'object') return undefined;
  const record = blocks as Record<string, unknown>;
  if (record['action_id'] === actionId && typeof record['value'] === 'string') return record['value'];
  return buttonValue(Object.values(record), actionId);
}
