/**
 * `npm start`: the whole service. With no configuration it runs on embedded defaults (Temporal
 * dev server + Web UI, PGlite), all state in CERS_DATA_DIR (.data/); with TEMPORAL_ADDRESS and
 * DATABASE_URL it runs only the worker against those. Ctrl-C drains the worker, then stops the rest.
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection, type ActivityInterceptorsFactory } from '@temporalio/worker';
import { ConfigError, loadConfig, type Config } from '../config';
import { createLogger } from '../activities/logger';
import { loggingNotifier } from '../activities/notifications';
import { createDatabase } from '../prisma/database';
import { migrate } from '../prisma/migrate';
import { temporalConnectionOptions } from '../client';
import { startEmbeddedPostgres } from './embedded/postgres';
import { startEmbeddedTemporal } from './embedded/temporal';
import { ensureSearchAttributes } from './search-attributes';
import { createCersWorker } from './worker';

async function loadInterceptors(): Promise<ActivityInterceptorsFactory[]> {
  // Extra activity interceptors (tracing, fault injection in tests): module paths, comma-separated,
  // each exporting `activityInterceptor` (an ActivityInterceptorsFactory).
  const modules = (process.env.CERS_ACTIVITY_INTERCEPTOR_MODULES ?? '').split(',').filter(Boolean);
  return Promise.all(
    modules.map(async (m) => ((await import(path.resolve(m))) as { activityInterceptor: ActivityInterceptorsFactory }).activityInterceptor),
  );
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md, "Configuration".\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger('service', config.logLevel);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => log.error('shutdown step failed', { error: e.message }));
  };

  try {
    if (!config.temporal.externalAddress) {
      const temporal = await startEmbeddedTemporal({
        cliPath: config.temporal.cliPath,
        dbFilename: path.join(config.dataDir, 'temporal.sqlite'),
        port: config.temporal.devPort,
        uiPort: config.temporal.devUiPort,
        namespace: config.temporal.namespace,
      });
      stops.push(temporal.stop);
      log.info('Temporal dev server running', { frontend: temporal.address, webUi: temporal.uiUrl, executable: temporal.executable });
    }

    let databaseUrl = config.database.externalUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: config.database.embeddedPort });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      log.info('Embedded PostgreSQL (PGlite) running', { url: databaseUrl });
    }
    const applied = await migrate(databaseUrl);
    log.info('Database migrations applied', { applied: applied.length ? applied.join(',') : 'none pending' });
    const db = createDatabase(databaseUrl);
    stops.push(() => db.$disconnect());

    const connectionOptions = await temporalConnectionOptions(config);
    const admin = await Connection.connect(connectionOptions);
    const created = await ensureSearchAttributes(admin, config.temporal.namespace);
    await admin.close();
    if (created.length) log.info('Search attributes registered', { created: created.join(',') });

    const connection = await NativeConnection.connect(connectionOptions);
    stops.push(() => connection.close());
    const worker = await createCersWorker({
      config,
      connection,
      db,
      notifier: loggingNotifier(createLogger('notifications', config.logLevel)),
      activityInterceptors: await loadInterceptors(),
    });
    log.info('Worker running', { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace, temporal: config.temporal.address });
    // Worker.run installs SIGINT/SIGTERM handlers that drain in-flight tasks before it resolves.
    await worker.run();
    log.info('Worker drained; stopping');
  } catch (error) {
    log.error('Service failed to start or crashed', { error: (error as Error).message });
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

void main();
