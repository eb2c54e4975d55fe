/**
 * The baseline's worker process (bench/registration.ts starts it after the CERS worker's phase):
 * the SDK's defaults, the bare workflow, and the service's own payload codec and connection, so
 * the two differ only in the application's code.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDataConverter, temporalConnectionOptions } from '../../client';
import { loadConfig } from '../../config';
import * as activities from './activities';

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect(await temporalConnectionOptions(config));
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: require.resolve('./workflow'),
    activities,
    dataConverter: createDataConverter(config, { refuse: 'mark' }),
  });
  // The line bench/registration.ts waits for, as the service logs it.
  process.stdout.write(`${JSON.stringify({ message: 'Worker running', taskQueue: config.temporal.taskQueue })}\n`);
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
