/**
 * The Temporal worker: runs the workflows and their activities on the `cers-onboarding` task queue.
 */
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../config';
import { createActivities, type ActivityDependencies } from '../activities';
import { localAuthorizationRegistry, type AuthorizationRegistry } from '../activities/cbsa/authorization-registry';
import { httpAuthorizationRegistry } from '../activities/cbsa/http-registry';
import type { Database } from '../prisma/database';
import { loggingDirectMessages } from '../activities/notifications';
import { createLogger } from '../config/logger';
import { createDataConverter, temporalConnectionOptions } from '../client';
import { resolveSearchKey } from '../client/payload-keys';
import { SearchDigestKind, searchDigest } from '../client/search-digests';
import { gcNotifyMailer } from '../activities/mail/gc-notify';
import { noMailer, type EmailCodeMailer } from '../activities/mail/email-codes';

/** GC Notify as configured; none configured: codes wait (retried) until one is (npm start runs a stand-in). */
export function mailerFor(config: Config): EmailCodeMailer {
  return config.notify ? gcNotifyMailer(config.notify) : noMailer;
}

/** The registry the configuration names: CBSA's over HTTPS, or the local one in our database. */
export function authorizationRegistryFor(config: Config, db: Database): AuthorizationRegistry {
  return config.cbsaRegistry
    ? httpAuthorizationRegistry({ baseUrl: config.cbsaRegistry.url, token: config.cbsaRegistry.token })
    : localAuthorizationRegistry(db);
}

/** The digests the activities return for the search attributes, under the configuration's search key. */
function searchDigestsFor(config: Config): ActivityDependencies['digests'] {
  const key = resolveSearchKey(config);
  return {
    urn: (urn) => searchDigest(key, SearchDigestKind.Urn, urn),
    businessNumber: (businessNumber) => searchDigest(key, SearchDigestKind.BusinessNumber, businessNumber),
  };
}

export interface CersWorkerOptions extends Omit<ActivityDependencies, 'registry' | 'dm' | 'digests'> {
  registry?: AuthorizationRegistry;
  /** Members' direct messages; logged when absent. */
  dm?: ActivityDependencies['dm'];
  config: Config;
  connection?: NativeConnection;
  /**
   * The workflow code, bundled by service/workflow-bundle.ts (with the failure converter and the
   * shared zod): the service bundles at start or loads the build's bundle; tests bundle once per suite.
   */
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>;
  activityInterceptors?: ActivityInterceptorsFactory[];
}

export async function createCersWorker(options: CersWorkerOptions): Promise<Worker> {
  const { config } = options;
  const connection = options.connection ?? (await NativeConnection.connect(await temporalConnectionOptions(config)));
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: createActivities({
      ...options,
      registry: options.registry ?? authorizationRegistryFor(config, options.db),
      dm: options.dm ?? loggingDirectMessages(createLogger('direct-messages', config.logLevel)),
      digests: searchDigestsFor(config),
      mailer: options.mailer ?? mailerFor(config),
    }),
    // A message the worker cannot read is refused by the workflow, never a failed workflow task.
    dataConverter: createDataConverter(config, { refuse: 'mark' }),
    // Bounded cache: 10,000 registrations waiting on people must not each hold memory; evicted
    // ones replay their (short) history when a message or timer wakes them.
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    interceptors: { activity: options.activityInterceptors ?? [] },
    // With a build id, the worker serves only its own deployment version (workflows/versioning.ts
    // says which workflows stay on the build that started them and which move to the current one).
    ...(config.worker.deployment
      ? {
          workerDeploymentOptions: {
            version: { deploymentName: config.worker.deployment.name, buildId: config.worker.deployment.buildId },
            useWorkerVersioning: true,
            // Every workflow names its own (workflows/versioning.ts). This default is for runs begun
            // before versioning was turned on: they may wait for weeks, so they move with the deploys.
            defaultVersioningBehavior: 'AUTO_UPGRADE',
          },
        }
      : {}),
    // Refusing an update echoes its request back to the server. For a request over the server's
    // blob limit (2 MB) the SDK would fail the workflow task instead, again and again; the server
    // takes the refusal (it is never written to history). Our own payloads stay far below it: the
    // codec refuses anything over MAX_PAYLOAD_BYTES (256 KiB).
    disablePayloadErrorLimit: true,
  });
}
