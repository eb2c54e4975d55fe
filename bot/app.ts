/**
 * The Slack bot: a Bolt app whose listeners are grouped by what they answer (commands, actions,
 * views, events), over HTTP (`/slack/events`, production) or Socket Mode (development against a
 * real workspace). It is a client of the registration workflow, never the place where it lives.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { App, LogLevel, SocketModeReceiver, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Logger } from '../config/logger';
import type { Database } from '../records';
import { registerActions } from './listeners/actions';
import { registerCommands } from './listeners/commands';
import { registerEvents } from './listeners/events';
import { registerSubmissions } from './listeners/submissions';
import { createWorkContext, type WorkSettings } from './work/context';
import { inProcessRunner } from './work/in-process';
import type { WorkRunner } from './work/jobs';
import { threadRunner } from './work/thread-runner';
import { signInRoutes } from './sign-in/routes';
import { termsRoutes } from './terms/page';
import { listenRoutes, type RoutesServer } from './edge/routes-server';
import { guardSocketFrames } from './edge/socket-frames';
import { GuardedHTTPReceiver } from './edge/http-receiver';

/**
 * The Slack side of the configuration, resolved (the stand-in's tokens are made up at start).
 * `port`: where the bot's pages are served (with `/slack/events` in HTTP mode); 0 picks a free one.
 */
export type BotConnection =
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string; port: number }
  | {
      mode: 'socket';
      botToken: string;
      appToken: string;
      apiUrl?: string;
      port: number;
      /** Bolt's ping timeout, which is also its wait before reconnecting (default 5 s). */
      clientPingTimeoutMs?: number;
    };

/**
 * Where the work after each ack runs. `thread` (production): a worker thread with its own Temporal
 * client and database pool, so acks never queue behind work. `in-process`: on this thread, with the
 * given connections (tests use it to inject failures).
 */
export type BotWork = { mode: 'thread'; databaseUrl: string } | { mode: 'in-process'; temporal: Client; db: Database };

export interface CersBotOptions {
  config: Config;
  connection: BotConnection;
  work: BotWork;
  log: Logger;
  /** Defaults to 2 s: Slack waits 3 s for a view submission's ack. */
  submissionAckBudgetMs?: number;
  /** What `/healthz` reports (service/health.ts); without it, only that this process answers. */
  health?: { check(): Promise<HealthAnswer> };
}

export interface CersBot {
  app: App;
  /** Where the work after each ack runs (tests hand it jobs directly, as a listener would). */
  work: WorkRunner;
  /** Listens (HTTP) or connects (Socket Mode, once Slack said hello); returns the events URL in HTTP mode. */
  start(): Promise<{ eventsUrl?: string; port: number }>;
  stop(): Promise<void>;
}

/** Bolt's own log lines go through ours: messages only, never payloads or stacks. */
function boltLogger(log: Logger): BoltLogger {
  const text = (parts: unknown[]) =>
    parts
      .map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : ''))
      .join(' ')
      .trim();
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => log.warn(text(parts)),
    error: (...parts: unknown[]) => log.error(text(parts)),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** What `/healthz` sends back as JSON: at least the verdict (service/health.ts adds each dependency). */
export interface HealthAnswer {
  status: 'ok' | 'unavailable';
}

/** `/healthz`: each dependency's state as JSON, 200 when all answer, 503 otherwise (bounded by the probes' timeout). */
function healthz(health: CersBotOptions['health'], log: Logger) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    const json = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (!health) {
      res.writeHead(200, json).end(JSON.stringify({ status: 'ok', dependencies: {} }));
      return;
    }
    health
      .check()
      .then((report) => res.writeHead(report.status === 'ok' ? 200 : 503, json).end(JSON.stringify(report)))
      .catch((error: Error) => {
        log.error('health check failed', { error: `${error.name}: ${error.message}` });
        res.writeHead(503, json).end(JSON.stringify({ status: 'unavailable', error: 'health check failed' }));
      });
  };
}

export function createCersBot(options: CersBotOptions): CersBot {
  const { connection, log } = options;
  const logger = boltLogger(log);
  const settings: WorkSettings = {
    config: options.config,
    botToken: connection.botToken,
    apiUrl: connection.apiUrl,
    submissionAckBudgetMs: options.submissionAckBudgetMs ?? 2_000,
  };
  const work: WorkRunner =
    options.work.mode === 'thread'
      ? threadRunner(settings, options.work.databaseUrl, log)
      : (() => {
          const { ctx, client } = createWorkContext(settings, {
            temporal: options.work.temporal,
            db: options.work.db,
            log,
          });
          return inProcessRunner(ctx, client);
        })();
  // The sign-in pages are served beside Slack's endpoint; their requests go to the same work.
  const routes: CustomRoute[] = [
    { path: '/healthz', method: ['GET'], handler: healthz(options.health, log) },
    ...signInRoutes(options.config, (job) => work.serve(job), log),
    ...termsRoutes(options.config, log),
  ];
  const receiver =
    connection.mode === 'http'
      ? // Envelopes are checked (signature window, shape) before Bolt routes them: http-receiver.ts.
        new GuardedHTTPReceiver({
          signingSecret: connection.signingSecret,
          endpoints: '/slack/events',
          logger,
          log,
          customRoutes: routes,
        })
      : new SocketModeReceiver({
          appToken: connection.appToken,
          logger,
          ...(connection.clientPingTimeoutMs ? { clientPingTimeout: connection.clientPingTimeoutMs } : {}),
          // The app-level token's client (apps.connections.open) calls the same Web API as the bot's.
          installerOptions: { clientOptions: connection.apiUrl ? { slackApiUrl: connection.apiUrl } : {} },
        });
  if (receiver instanceof SocketModeReceiver) guardSocketFrames(receiver.client, log);
  // Socket Mode needs no public URL for Slack, but the sign-in pages still need one: same routes, on PORT.
  let pages: RoutesServer | undefined;
  const app = new App({
    token: connection.botToken,
    receiver,
    logger,
    // Bolt's own client only answers auth.test here; the work has its own (work/context.ts).
    clientOptions: {
      ...(connection.apiUrl ? { slackApiUrl: connection.apiUrl } : {}),
      retryConfig: { retries: 2, maxTimeout: 1_000 },
    },
  });

  registerCommands(app, work);
  registerActions(app, work);
  registerSubmissions(app, work);
  registerEvents(app, work);
  app.error(async (error) => {
    // Listener failures after the ack: logged by code and message; the applicant keeps what they
    // had (the step is unchanged) and the next interaction starts from the workflow's state.
    const original = 'original' in error && error.original instanceof Error ? error.original : error;
    log.error('Slack listener failed', { code: error.code, error: `${original.name}: ${original.message}` });
  });

  return {
    app,
    work,
    async start() {
      await readyWithin(work, 60_000, log);
      if (connection.mode === 'http') {
        const server = (await app.start(connection.port)) as Server;
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : connection.port;
        return { eventsUrl: `http://127.0.0.1:${port}/slack/events`, port };
      }
      pages = await listenRoutes(routes, connection.port, log);
      await app.start().catch(async (error: unknown) => {
        await pages?.close();
        throw error;
      });
      return { port: pages.port };
    },
    async stop() {
      if (receiver instanceof SocketModeReceiver) {
        // Bolt's stop does not wait for the socket's close handshake; this does.
        await receiver.client.disconnect();
        await pages?.close();
      } else {
        await app.stop();
      }
      await work.stop();
    },
  };
}

/**
 * Waits for the work to be warm before Slack's requests are taken (a cold work thread loads its
 * code on the first job, which under load can outlast Slack's 3 s). Past `ms` it starts anyway,
 * and says so: a thread that cannot start is restarted by the runner and logged there.
 */
async function readyWithin(work: WorkRunner, ms: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([work.ready().then(() => 'ready' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') log.warn('Slack work thread not ready yet; taking requests anyway', { waitedMs: ms });
}
