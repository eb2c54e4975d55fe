import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Config } from '../config';
import { DEFAULT_WAIT_MS, withinWait } from './steps';
import type { accountChangeWorkflow } from '../workflows/account-change/workflow';
import { AccountChangeStatus } from '../workflows/search-attributes';
import { requestSearchAttributes, type SearchableBy } from './request-search-attributes';
import {
  ACCOUNT_CHANGE_WORKFLOW_TYPE,
  accountChangeWorkflowId,
  type AccountChangeInput,
  type AccountChangeResult,
} from '../workflows/account-change/definitions';

export type AccountChangeHandle = WorkflowHandle<typeof accountChangeWorkflow>;

function startOptions(config: Config, input: AccountChangeInput, key: string, searchableBy: SearchableBy) {
  return {
    workflowId: accountChangeWorkflowId(input.businessAccountId, key),
    taskQueue: config.temporal.taskQueue,
    args: [input] as [AccountChangeInput],
    // The same key while the change runs (a double click, a Slack retry): the running one.
    workflowIdConflictPolicy: 'USE_EXISTING',
    // The same key once it succeeded: never a second run, its result is the answer. After a
    // failure it may run again: a refusal is decided the same way, and a "try again" (the database
    // timed out, perhaps after committing) must not be locked in; the steps never repeat a change.
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    typedSearchAttributes: requestSearchAttributes(
      config,
      input.change.kind,
      AccountChangeStatus.Running,
      searchableBy,
    ),
  } satisfies WorkflowStartOptions<typeof accountChangeWorkflow>;
}

/**
 * Starts the change keyed by `key` (the caller's idempotency key), or returns the one that key
 * already started, running or closed.
 */
export async function startAccountChange(
  client: Client,
  config: Config,
  input: AccountChangeInput,
  key: string,
  /** The business account's number and the actor's URN, for operators' searches. */
  searchableBy: SearchableBy,
): Promise<AccountChangeHandle> {
  const options = startOptions(config, input, key, searchableBy);
  try {
    return await client.workflow.start<typeof accountChangeWorkflow>(ACCOUNT_CHANGE_WORKFLOW_TYPE, options);
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      return client.workflow.getHandle<typeof accountChangeWorkflow>(options.workflowId);
    throw error;
  }
}

/**
 * Makes the change and waits for its result, at most `waitMs` (2 minutes by default; the change
 * goes on after that, and the same key later gets its result). The same key twice runs it once
 * and both callers get the same answer: the result, or the same WorkflowFailedError (cause: an
 * ApplicationFailure of a FailureType whose details carry the catalogue messageKey). Read any
 * error with cersFailureOf() (client/failures.ts) for its documented type.
 */
export async function runAccountChange(
  client: Client,
  config: Config,
  input: AccountChangeInput,
  key: string,
  /** The business account's number and the actor's URN, for operators' searches. */
  searchableBy: SearchableBy,
  { waitMs = DEFAULT_WAIT_MS }: { waitMs?: number } = {},
): Promise<AccountChangeResult> {
  const options = startOptions(config, input, key, searchableBy);
  return withinWait(client, waitMs, async () => {
    try {
      return await client.workflow.execute<typeof accountChangeWorkflow>(ACCOUNT_CHANGE_WORKFLOW_TYPE, options);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return client.workflow.getHandle<typeof accountChangeWorkflow>(options.workflowId).result();
    }
  });
}
