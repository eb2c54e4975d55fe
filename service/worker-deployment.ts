/**
 * Worker Versioning's routing: which build of the workflow code serves new runs (the deployment's
 * current version). Deploys move it (docs/operations.md#deploying-workflow-code); the service
 * itself moves it only on the first deploy, when nothing serves new runs yet and registrations
 * would otherwise wait for a worker that never comes.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../config';

type Deployment = NonNullable<Config['worker']['deployment']>;

/** The build serving new runs, or undefined while the deployment has none (or does not exist yet). */
export async function currentBuild(
  client: Client,
  config: Config,
  deployment: Deployment,
): Promise<string | undefined> {
  try {
    const described = await client.workflowService.describeWorkerDeployment({
      namespace: config.temporal.namespace,
      deploymentName: deployment.name,
    });
    return described.workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId ?? undefined;
  } catch (error) {
    if ((error as { code?: number }).code === 5 /* NOT_FOUND: no worker of it has polled yet */) return undefined;
    throw error;
  }
}

/**
 * Makes `buildId` the one serving new runs (and auto-upgrading ones). The server knows a version
 * once one of its workers has polled: until then (at most `waitMs`) it is asked again.
 */
export async function promoteBuild(
  client: Client,
  config: Config,
  deployment: Deployment,
  { waitMs = 30_000 }: { waitMs?: number } = {},
): Promise<void> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    try {
      await client.workflowService.setWorkerDeploymentCurrentVersion({
        namespace: config.temporal.namespace,
        deploymentName: deployment.name,
        buildId: deployment.buildId,
        identity: `cers-onboard ${deployment.buildId}`,
      });
      return;
    } catch (error) {
      if (Date.now() >= giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** On the first deploy of a deployment (no current build yet), promotes this one; else leaves routing alone. */
export async function promoteIfFirstDeploy(client: Client, config: Config): Promise<'promoted' | 'unchanged'> {
  const deployment = config.worker.deployment;
  if (!deployment || (await currentBuild(client, config, deployment)) !== undefined) return 'unchanged';
  await promoteBuild(client, config, deployment);
  return 'promoted';
}
