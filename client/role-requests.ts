import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Config } from '../config';
import type { roleRequestWorkflow } from '../workflows/role-request/workflow';
import { CersBusinessNumberDigest, CersRequestKind, CersRequestStatus } from '../workflows/search-attributes';
import { SearchDigestKind, searchDigest } from './search-digests';
import { searchKeyOf } from './search-queries';
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
  /** The business account's number: operators find its requests by its digest (CersBusinessNumberDigest). */
  businessNumber: string,
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
      // Set here, where the search key is: the workflow only updates the status.
      typedSearchAttributes: [
        { key: CersRequestKind, value: input.kind },
        { key: CersRequestStatus, value: 'pending' },
        {
          key: CersBusinessNumberDigest,
          value: searchDigest(searchKeyOf(config), SearchDigestKind.BusinessNumber, businessNumber),
        },
      ],
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
