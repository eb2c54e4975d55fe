/**
 * How each workflow meets a new deployment of workflow code (Worker Versioning; in force when the
 * worker runs with CERS_WORKER_BUILD_ID, see docs/operations.md#deploying-workflow-code):
 *
 * - PINNED: the run stays on the build that started it; that build's workers must keep running
 *   until it ends. For runs that last seconds, so old builds drain at once and the code never
 *   needs a patch.
 * - AUTO_UPGRADE: the run moves to the deployment's current build at its next workflow task. For
 *   runs that wait on people for days (pinning them would keep every old build running for a
 *   month); the price is that every change must replay their histories: guarded with `patched()`
 *   and checked by test/workflow-replay.test.ts.
 */
import type { VersioningBehavior, WorkflowDefinitionOptions } from '@temporalio/common';
import { setWorkflowOptions, workflowInfo } from '@temporalio/workflow';
import { accountChangeWorkflow } from './account-change/workflow';
import { registrationWorkflow } from './registration/workflow';
import { roleRequestWorkflow } from './role-request/workflow';
import { profileChangeWorkflow } from './profile-change/workflow';
import { liftLockWorkflow } from './support/lift-lock';
import { termsAcceptanceWorkflow } from './terms/acceptance';

/**
 * The behaviour, on a versioned worker only: the server refuses a workflow task that names a
 * behaviour from a worker without a deployment version (development, tests). Decided at the run's
 * first task on this worker, from the version that ran it (deterministic on replay); runs begun
 * before versioning was turned on take the worker's default (service/worker.ts).
 */
function onVersionedWorkers(versioningBehavior: VersioningBehavior): () => WorkflowDefinitionOptions {
  return () => (workflowInfo().currentDeploymentVersion?.deploymentName ? { versioningBehavior } : {});
}

/** Waits up to 30 days on the applicant. */
setWorkflowOptions(onVersionedWorkers('AUTO_UPGRADE'), registrationWorkflow);
/** Waits up to 7 days on the deciders. */
setWorkflowOptions(onVersionedWorkers('AUTO_UPGRADE'), roleRequestWorkflow);
/** One change, applied or refused in seconds. */
setWorkflowOptions(onVersionedWorkers('PINNED'), accountChangeWorkflow);
/** One lift, in seconds. */
setWorkflowOptions(onVersionedWorkers('PINNED'), liftLockWorkflow);
/** Waits at most for an e-mail code's lifetime (CERS_EMAIL_CODE_TTL, 30 minutes by default). */
setWorkflowOptions(onVersionedWorkers('PINNED'), profileChangeWorkflow);
/** One acceptance, in seconds. */
setWorkflowOptions(onVersionedWorkers('PINNED'), termsAcceptanceWorkflow);
