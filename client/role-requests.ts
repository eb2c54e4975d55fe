import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Config } from '../config';
import type { roleRequestWorkflow } from '../workflows/role-request/workflow';
import { requestSearchAttributes, type SearchableBy } from './request-search-attributes';
import {
  ROLE_REQUEST_WORKFLOW_TYPE,
  roleRequestWorkflowId,
  type RoleRequestInput,
} from '../workflows/role-request/definitions';

export type RoleRequestHandle = WorkflowHandle<typeof roleRequestWorkflow>;

/**
 * Starts a request (access or ownership transfer) with the configured reminder and expiry pinned
 * in its input. One waits at a time per business account and requester: if one is already
 * pending, it is returned with `started: false` and nobody is notified again.
 */
export async function startRoleRequest(
  client: Client,
  config: Config,
  input: Omit<RoleRequestInput, 'policy'>,
  /** The business account's number and the requester's URN: operators find the request by their digests. */
  searchableBy: SearchableBy & { businessNumber: string },
  options: Pick<WorkflowStartOptions, 'workflowTaskTimeout'> = {},
): Promise<{ handle: RoleRequestHandle; started: boolean }> {
  const workflowId = roleRequestWorkflowId(input.kind, input.businessAccountId, input.requesterUserAccountId);
  try {
    const handle = await client.workflow.start<typeof roleRequestWorkflow>(ROLE_REQUEST_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: config.temporal.taskQueue,
      args: [{ ...input, policy: { ...config.roleRequests } }],
      workflowIdConflictPolicy: 'FAIL',
      // A new request after the last one ended (rejected, expired) is a new run under the same id.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      typedSearchAttributes: requestSearchAttributes(config, input.kind, 'pending', searchableBy),
      ...options,
    });
    return { handle, started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { handle: client.workflow.getHandle<typeof roleRequestWorkflow>(workflowId), started: false };
    }
    throw error;
  }
}
