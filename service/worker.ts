/**
 * The Temporal worker: runs the workflows and their activities on the `cers-onboarding` task queue.
 */
import path from 'node:path';
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../config';
import { createActivities, type ActivityDependencies } from '../activities';
import { createDataConverter, temporalConnectionOptions } from '../client';

export interface CersWorkerOptions extends ActivityDependencies {
  config: Config;
  connection?: NativeConnection;
  /** Pre-bundled workflow code (tests bundle once per suite). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  activityInterceptors?: ActivityInterceptorsFactory[];
}

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

export async function createCersWorker(options: CersWorkerOptions): Promise<Worker> {
  const { config } = options;
  const connection = options.connection ?? (await NativeConnection.connect(await temporalConnectionOptions(config)));
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(options),
    dataConverter: createDataConverter(config),
    // Bounded cache: 10,000 registrations waiting on people must not each hold memory; evicted
    // ones replay their (short) history when a message or timer wakes them.
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    interceptors: { activity: options.activityInterceptors ?? [] },
  });
}
