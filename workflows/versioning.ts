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
import { setWorkflowOptions } from '@temporalio/workflow';
import { accountChangeWorkflow } from './account-change/workflow';
import { registrationWorkflow } from './registration/workflow';
import { roleRequestWorkflow } from './role-request/workflow';
import { liftLockWorkflow } from './support/lift-lock';

/** Waits up to 30 days on the applicant. */
setWorkflowOptions({ versioningBehavior: 'AUTO_UPGRADE' }, registrationWorkflow);
/** Waits up to 7 days on the deciders. */
setWorkflowOptions({ versioningBehavior: 'AUTO_UPGRADE' }, roleRequestWorkflow);
/** One change, applied or refused in seconds. */
setWorkflowOptions({ versioningBehavior: 'PINNED' }, accountChangeWorkflow);
/** One lift, in seconds. */
setWorkflowOptions({ versioningBehavior: 'PINNED' }, liftLockWorkflow);
