/**
 * The Terms and Conditions for registered people: which version is current, and accepting it. The
 * acceptance goes through a workflow whose id is the user account and the version, so the same
 * click sent twice (a double click, a Slack retry) records one acceptance.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../config';
import { termsAcceptanceInput } from '../domain/terms-schemas';
import { invalidInput } from '../domain/failures';
import type { termsAcceptanceWorkflow } from '../workflows/terms/acceptance';
import {
  TERMS_ACCEPTANCE_WORKFLOW_TYPE,
  termsAcceptanceWorkflowId,
  type TermsAcceptanceInput,
  type TermsAcceptanceResult,
} from '../workflows/terms/definitions';
import { cersFailureOf } from './failures';
import { policyFromConfig } from './registrations';
import { DEFAULT_WAIT_MS, withinWait } from './steps';

/** The version registered people must have accepted: CERS_TERMS_VERSION, else CURRENT_TERMS_VERSION. */
export function currentTermsVersion(config: Config): string {
  return policyFromConfig(config).termsVersion;
}

/** Records that the user account accepted `version`; the same account and version record once. */
export async function acceptTermsVersion(
  client: Client,
  config: Config,
  request: TermsAcceptanceInput,
  { waitMs = DEFAULT_WAIT_MS }: { waitMs?: number } = {},
): Promise<TermsAcceptanceResult> {
  const parsed = termsAcceptanceInput().safeParse(request);
  if (!parsed.success) throw cersFailureOf(invalidInput(parsed.error));
  const input = parsed.data;
  const workflowId = termsAcceptanceWorkflowId(input.userAccountId, input.version);
  try {
    return await withinWait(client, waitMs, async () => {
      try {
        return await client.workflow.execute<typeof termsAcceptanceWorkflow>(TERMS_ACCEPTANCE_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: config.temporal.taskQueue,
          args: [input],
          // The same account and version while it runs, or after: that acceptance, never a second.
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        return client.workflow.getHandle<typeof termsAcceptanceWorkflow>(workflowId).result();
      }
    });
  } catch (error) {
    throw cersFailureOf(error);
  }
}
