/**
 * `npm start`: the whole service. With no configuration it runs on embedded defaults (Temporal
 * dev server + Web UI, PGlite), all state in CERS_DATA_DIR (.data/); with TEMPORAL_ADDRESS and
 * DATABASE_URL it runs only the worker against those. Ctrl-C drains the worker, then stops the rest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type ActivityInterceptorsFactory } from '@temporalio/worker';
import { ConfigError, loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../config/logger';
import type { EmailCodeMailer } from '../activities/mail/email-codes';
import { loggingDirectMessages, loggingNotifier } from '../activities/notifications';
import { createDatabase } from '../prisma/database';
import { migrate } from '../prisma/migrate';
import { connectCersClient, temporalConnectionOptions } from '../client';
import { codecEndpoint, startCodecServer } from '../operators/codec-server';
import { startEmbeddedPostgres } from './embedded/postgres';
import { startEmbeddedTemporal, TemporalPortInUse } from './embedded/temporal';
import { watchDependencies } from './health';
import { ensureSearchAttributes } from './search-attributes';
import type { SlackSide } from './slack';
import { createCersWorker } from './worker';
import { promoteIfFirstDeploy } from './worker-deployment';
import { bundleWorkflowsToFile, PREBUILT_WORKFLOW_BUNDLE } from './workflow-bundle';

async function loadInterceptors(): Promise<ActivityInterceptorsFactory[]> {
  // Extra activity interceptors (tracing, fault injection in tests): module paths, comma-separated,
  // each exporting `activityInterceptor` (an ActivityInterceptorsFactory).
  const modules = (process.env.CERS_ACTIVITY_INTERCEPTOR_MODULES ?? '').split(',').filter(Boolean);
  return Promise.all(
    modules.map(
      async (m) =>
        ((await import(path.resolve(m))) as { activityInterceptor: ActivityInterceptorsFactory }).activityInterceptor,
    ),
  );
}

class StopRequested extends Error {}

/** What runs where, for the person who typed `npm start`. */
function banner(
  config: Config,
  databaseUrl: string,
  slack: SlackSide | undefined,
  eventsUrl: string | undefined,
  localProvider: string | undefined,
  codecUrl: string | undefined,
  mailboxUrl?: string,
): string {
  const embedded = (external: unknown) => (external ? '' : ' (embedded)');
  const running = Object.entries(config.components)
    .filter(([, on]) => on)
    .map(([name]) => name);
  const slackRows: string[][] = !config.components.bot
    ? [['Components', `${running.join(', ')} (CERS_COMPONENTS)`]]
    : slack?.standIn
      ? [
          [
            'Slack',
            `local stand-in: open ${slack.standIn.consoleUrl ?? `${slack.standIn.api.url}/`} in a browser to use the bot`,
          ],
          eventsUrl ? ['Bot endpoint', eventsUrl] : ['Bot connection', `Socket Mode (SLACK_STAND_IN_TRANSPORT=socket)`],
        ]
      : config.slack.mode === 'socket'
        ? [['Slack', 'Socket Mode (connected with SLACK_APP_TOKEN)']]
        : [['Slack', `HTTP mode: Slack posts to ${eventsUrl?.replace('127.0.0.1', '<this host>') ?? '/slack/events'}`]];
  const rows = [
    [
      'Temporal frontend',
      `${config.temporal.address}${embedded(config.temporal.externalAddress)}, namespace ${config.temporal.namespace}`,
    ],
    ...(config.temporal.externalAddress ? [] : [['Temporal Web UI', `http://localhost:${config.temporal.devUiPort}`]]),
    ['PostgreSQL', `${databaseUrl.replace(/\/\/[^@/]*@/, '//')}${embedded(config.database.externalUrl)}`],
    [
      'CBSA registry',
      config.cbsaRegistry
        ? new URL(config.cbsaRegistry.url).origin
        : 'local (npm run cbsa:issue -- <BN15> issues codes)',
    ],
    ...slackRows,
    ...(!config.components.bot
      ? []
      : localProvider
        ? [
            [
              'Sign-in',
              `local OpenID provider ${localProvider} (users alice, bob, chloe and those added in the console; password <user>-password)`,
            ],
          ]
        : [
            [
              'Sign-in',
              `OpenID: ${Object.keys(config.signIn.providers).join(', ') || 'none configured'}; callback ${config.signIn.redirectUri}`,
            ],
          ]),
    ...(codecUrl ? [['Codec server', `${codecUrl} (${codecAccess(config)})`]] : []),
    ...(config.notify
      ? [['GC Notify', new URL(config.notify.apiUrl).origin]]
      : mailboxUrl
        ? [['GC Notify', `local stand-in: e-mails people would receive at ${mailboxUrl}`]]
        : []),
    ['Task queue', config.temporal.taskQueue],
    ...(config.temporal.externalAddress && config.database.externalUrl ? [] : [['Data directory', config.dataDir]]),
  ];
  const width = Math.max(...rows.map(([k]) => k!.length));
  return `\nCERS Onboard is running\n${rows.map(([k, v]) => `  ${k!.padEnd(width)}  ${v}`).join('\n')}\nPress Ctrl-C to stop.\n\n`;
}

/** How the codec server lets callers in, for the banner. */
function codecAccess(config: Config): string {
  const ways = [
    ...(config.codec.oidc ? [`access tokens of ${config.codec.oidc.issuer}`] : []),
    ...(config.codec.operatorTokens.length ? ['operator tokens'] : []),
  ];
  return ways.length
    ? `decodes for ${ways.join(' or ')}`
    : 'the Web UI shows payloads decoded, personal data masked; no sign-in on loopback in development';
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger('service', config.logLevel);
  // The SDK narrates bundling and state changes at INFO; keep them for LOG_LEVEL=debug.
  Runtime.install({ logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'WARN') });
  const stops: (() => Promise<void>)[] = [];
  // Ctrl-C during start-up stops what already runs; once the worker runs, it drains first.
  let stopRequested = false;
  const requestStop = () => (stopRequested = true);
  process.on('SIGINT', requestStop);
  process.on('SIGTERM', requestStop);
  // Started by service/launch.ts: if the launcher dies (even by SIGKILL) the IPC channel closes;
  // stop as on SIGTERM (drain, then stop the embedded servers) instead of running on unsupervised.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => {
      log.warn('The launcher (service/launch.ts) is gone; stopping');
      process.kill(process.pid, 'SIGTERM');
    });
  }
  const checkStop = () => {
    if (stopRequested) throw new StopRequested();
  };
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((e: Error) => log.error('shutdown step failed', { error: e.message }));
  };

  try {
    if (!config.temporal.externalAddress) {
      const temporal = await startEmbeddedTemporal({
        cliPath: config.temporal.cliPath,
        dbFilename: path.join(config.dataDir, 'temporal.sqlite'),
        port: config.temporal.devPort,
        uiPort: config.temporal.devUiPort,
        namespace: config.temporal.namespace,
        uiCodecEndpoint: config.components.codec ? codecEndpoint(config.codec) : undefined,
      });
      stops.push(temporal.stop);
      checkStop();
      log.info('Temporal dev server running', {
        frontend: temporal.address,
        webUi: temporal.uiUrl,
        executable: temporal.executable,
      });
      if (!temporal.guarded)
        log.warn('The Temporal dev server could not be guarded: if this process is killed, stop it yourself');
    }

    let databaseUrl = config.database.externalUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.database.embeddedPort,
      });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      checkStop();
      log.info('Embedded PostgreSQL (PGlite) running', { url: databaseUrl });
    }
    const applied = await migrate(databaseUrl);
    log.info('Database migrations applied', { applied: applied.length ? applied.join(',') : 'none pending' });
    const db = createDatabase(databaseUrl);
    stops.push(() => db.$disconnect());

    const connectionOptions = await temporalConnectionOptions(config);
    // Says in the log, within seconds, when Temporal or PostgreSQL goes away and comes back; /healthz reports it.
    const health = watchDependencies({
      temporal: connectionOptions,
      databaseUrl,
      log: createLogger('health', config.logLevel),
    });
    stops.push(() => health.stop());
    const admin = await Connection.connect(connectionOptions);
    const created = await ensureSearchAttributes(admin, config.temporal.namespace);
    await admin.close();
    if (created.length) log.info('Search attributes registered', { created: created.join(',') });

    // Slack: the configured workspace, or the local stand-in when this process runs the bot.
    // Loaded only when used: a worker alone does not carry Bolt, the Web API client or the stand-in.
    const slack =
      config.components.bot || config.slack.mode !== 'stand-in'
        ? await (await import('./slack')).resolveSlack(config)
        : undefined;
    if (slack?.standIn) stops.push(() => slack.standIn!.close());
    checkStop();

    let worker: Awaited<ReturnType<typeof createCersWorker>> | undefined;
    let mailboxUrl: string | undefined;
    if (config.components.worker) {
      const connection = await NativeConnection.connect(connectionOptions);
      stops.push(() => connection.close());
      // The build ships the bundle made at build time (no webpack at start); from the sources it is made now.
      const bundlePath =
        PREBUILT_WORKFLOW_BUNDLE ??
        (await bundleWorkflowsToFile(path.join(mkdtempSync(path.join(tmpdir(), 'cers-workflows-')), 'bundle.js')));
      const notices = createLogger('notifications', config.logLevel);
      // No GC Notify configured (development): a local stand-in receives the e-mails instead.
      let mailer: EmailCodeMailer | undefined;
      if (!config.notify && config.env !== 'production') {
        const notify = await (await import('../dev/gc-notify/server')).startGcNotifyStandIn();
        stops.push(notify.close);
        mailboxUrl = `${notify.url}/mailbox`;
        mailer = (await import('../activities/mail/gc-notify')).gcNotifyMailer({
          apiUrl: notify.url,
          apiKey: notify.apiKey,
          templateIds: notify.templateIds,
        });
        log.info('GC Notify stand-in running', { mailbox: mailboxUrl });
      }
      worker = await createCersWorker({
        mailer,
        config,
        connection,
        workflowBundle: { codePath: bundlePath },
        db,
        // A worker alone with no Slack configured (CERS_COMPONENTS=worker) logs its notices.
        notifier: slack
          ? (await import('../activities/slack-notifier')).slackNotifier({
              botToken: slack.connection.botToken,
              apiUrl: slack.apiUrl,
              db,
              log: notices,
            })
          : loggingNotifier(notices),
        dm: slack
          ? (await import('../activities/slack-notifier')).slackDirectMessages({
              botToken: slack.connection.botToken,
              apiUrl: slack.apiUrl,
              db,
            })
          : loggingDirectMessages(notices),
        activityInterceptors: await loadInterceptors(),
      });
      // Loaded: the worker keeps it in memory. The build's own bundle stays.
      if (bundlePath !== PREBUILT_WORKFLOW_BUNDLE) rmSync(path.dirname(bundlePath), { recursive: true, force: true });
      checkStop();
    }

    let codecUrl: string | undefined;
    if (config.components.codec) {
      const codec = await startCodecServer({ config, db, log: createLogger('codec', config.logLevel) });
      stops.push(codec.close);
      codecUrl = codec.url;
      log.info('Codec server running', { url: codec.url });
      checkStop();
    }

    let eventsUrl: string | undefined;
    // Credential sign-in: with no OpenID provider configured, in development, a local one plays
    // GCKey and the Sign-In Partner broker (test accounts alice, bob, chloe; password <name>-password).
    let localProvider: string | undefined;
    if (config.components.bot && Object.keys(config.signIn.providers).length === 0 && config.env !== 'production') {
      const started = await (await import('./local-sign-in')).startLocalSignIn(config);
      stops.push(started.close);
      localProvider = started.issuer;
      // A person added in the Slack console can then sign in here.
      if (slack?.standIn?.console) slack.standIn.console.devSignIn = started.devSignIn;
      checkStop();
      log.info('Local OpenID provider running (development sign-in)', { issuer: started.issuer });
    }

    if (config.components.bot && slack) {
      // The bot: one more client of the workflows; its work after each ack runs on a thread of
      // its own, with its own Temporal client and database pool.
      const { createCersBot } = await import('../bot/app');
      const bot = createCersBot({
        config,
        connection: slack.connection,
        work: { mode: 'thread', databaseUrl },
        log: createLogger('bot', config.logLevel),
        health,
      });
      eventsUrl = (await bot.start()).eventsUrl;
      stops.push(() => bot.stop());
      if (slack.standIn) slack.standIn.driver.target = eventsUrl;
      log.info('Slack bot running', { mode: config.slack.mode, ...(eventsUrl ? { events: eventsUrl } : {}) });
      checkStop();
    }
    if (worker) {
      log.info('Worker running', {
        taskQueue: config.temporal.taskQueue,
        namespace: config.temporal.namespace,
        temporal: config.temporal.address,
      });
    }
    process.stdout.write(banner(config, databaseUrl, slack, eventsUrl, localProvider, codecUrl, mailboxUrl));
    if (worker) {
      // Worker.run installs SIGINT/SIGTERM handlers that drain in-flight tasks before it resolves.
      const running = worker.run();
      // Once it polls, the server knows this build: on a deployment's first deploy it becomes current.
      if (config.worker.deployment) void promoteOnFirstDeploy(config, log);
      await running;
    } else {
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    }
    log.info('Stopping');
  } catch (error) {
    if (error instanceof TemporalPortInUse) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else if (!(error instanceof StopRequested)) {
      log.error('Service failed to start or crashed', { error: (error as Error).message });
      process.exitCode = 1;
    }
  } finally {
    await stopAll();
  }
}

void main();

/** Logs what the first-deploy promotion did; a failure is logged, the worker keeps serving its version. */
async function promoteOnFirstDeploy(config: Config, log: Logger): Promise<void> {
  const deployment = config.worker.deployment!;
  try {
    const client = await connectCersClient({ config });
    try {
      const outcome = await promoteIfFirstDeploy(client, config);
      log.info(
        outcome === 'promoted' ? 'Worker build is now current (first deploy)' : 'Worker build serving its version',
        {
          deployment: deployment.name,
          buildId: deployment.buildId,
        },
      );
    } finally {
      await client.connection.close();
    }
  } catch (error) {
    log.error('Worker build could not be promoted; promote it with the temporal CLI (docs/operations.md)', {
      deployment: deployment.name,
      buildId: deployment.buildId,
      error: (error as Error).message,
    });
  }
}
