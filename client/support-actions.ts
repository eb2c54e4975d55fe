/**
 * What a support agent does to a registration or an authorization: lift a shared-secret lock,
 * remind an applicant now, cancel a registration safely, read one. Each checks the caller's role
 * and the input here, then goes through a workflow (data flows client → workflows → activities),
 * and fails only with a documented {@link CersFailure}.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../config';
import { liftLockInput, registrationTarget, resendReminderInput, supportReason } from '../domain/support-schemas';
import type { liftLockWorkflow } from '../workflows/support/lift-lock';
import { LIFT_LOCK_WORKFLOW_TYPE, liftLockWorkflowId, type LiftLockResult } from '../workflows/support/definitions';
import type { registrationWorkflow } from '../workflows/registration/workflow';
import {
  cancelRegistration,
  registrationStatus,
  resendReminder,
  type RegistrationStatus,
  type RegistrationStep,
  type ResendReminderResult,
} from '../workflows/registration/definitions';
import { REGISTRATION_NOT_RUNNING, CersFailure, cersFailureOf } from './failures';
import { DEFAULT_WAIT_MS, runStep, withinWait } from './steps';
import { parsedOrInvalid, requireSupportRole, workflowLink, type SupportCaller } from './support';

/** The registration's handle; a workflow id that is not a registration's is InvalidInput. */
function registrationHandle(client: Client, workflowId: string) {
  const target = parsedOrInvalid(registrationTarget(), { workflowId });
  return client.workflow.getHandle<typeof registrationWorkflow>(target.workflowId);
}

export interface LiftLockRequest {
  businessNumber: string;
  reason: string;
  /** The caller's idempotency key (a view submission, a command's --request): the same one lifts once. */
  requestId: string;
}

/** Lifts the shared-secret lock on a business number, for a reason; only the support role may. */
export async function liftSharedSecretLock(
  client: Client,
  config: Config,
  caller: SupportCaller,
  request: LiftLockRequest,
  { waitMs = DEFAULT_WAIT_MS }: { waitMs?: number } = {},
): Promise<LiftLockResult> {
  const { agent } = requireSupportRole(caller);
  const input = parsedOrInvalid(liftLockInput(), { ...request, agent });
  const workflowId = liftLockWorkflowId(input.requestId);
  try {
    return await withinWait(client, waitMs, async () => {
      try {
        return await client.workflow.execute<typeof liftLockWorkflow>(LIFT_LOCK_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: config.temporal.taskQueue,
          args: [input],
          // The same request id while it runs, or after: that lift, never a second.
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        return client.workflow.getHandle<typeof liftLockWorkflow>(workflowId).result();
      }
    });
  } catch (error) {
    throw cersFailureOf(error);
  }
}

/** Reminds the applicant now (once per request id: also the update id); audited with the agent. */
export async function resendRegistrationReminder(
  client: Client,
  caller: SupportCaller,
  request: { workflowId: string; requestId: string },
): Promise<ResendReminderResult> {
  const { agent } = requireSupportRole(caller);
  const input = parsedOrInvalid(resendReminderInput(), { agent, requestId: request.requestId });
  const handle = registrationHandle(client, request.workflowId);
  return runStep(client, handle, resendReminder, input, { updateId: `support:resend-reminder:${input.requestId}` });
}

export interface CancelOutcome {
  /** The step it was at when the cancellation was sent. */
  before: RegistrationStep;
  /**
   * Where it ended: `cancelled`, or `completed` when the step in flight (a business account being
   * created) finished first. A cancellation never cuts a step in half: the workflow refuses new
   * steps at once and lets the running one finish.
   */
  after: RegistrationStep;
}

/** Cancels with the cancelRegistration signal (not terminate) and waits for the registration to end. */
export async function cancelRegistrationSafely(
  client: Client,
  caller: SupportCaller,
  request: { workflowId: string; reason: string },
  { waitMs = DEFAULT_WAIT_MS }: { waitMs?: number } = {},
): Promise<CancelOutcome> {
  requireSupportRole(caller);
  const reason = parsedOrInvalid(supportReason(), request.reason);
  const handle = registrationHandle(client, request.workflowId);
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING')
      throw new CersFailure(REGISTRATION_NOT_RUNNING.type, REGISTRATION_NOT_RUNNING.details);
    const { step: before } = await handle.query(registrationStatus);
    // The reason travels encrypted in the signal; the workflow copies it nowhere.
    await handle.signal(cancelRegistration, { reason });
    const { step: after } = await withinWait(client, waitMs, () => handle.result());
    return { before, after };
  } catch (error) {
    throw cersFailureOf(error);
  }
}

export interface RegistrationReading {
  workflowId: string;
  runId: string;
  /** Temporal's status: RUNNING, COMPLETED, TERMINATED, ... */
  status: string;
  startedAt: string;
  /** The workflow's own status (decoded): step, deadline, attempts left, lock; absent once it ended. */
  registration?: RegistrationStatus;
  /** The step it ended at, once it ended. */
  endedAt?: RegistrationStep;
  link: string;
}

/** What an operator reads about one registration, decoded with the payload keys. */
export async function readRegistration(
  client: Client,
  config: Config,
  workflowId: string,
): Promise<RegistrationReading> {
  const handle = registrationHandle(client, workflowId);
  try {
    const description = await handle.describe();
    const common = {
      workflowId,
      runId: description.runId,
      status: description.status.name,
      startedAt: description.startTime.toISOString(),
      link: workflowLink(config, workflowId, description.runId),
    };
    if (description.status.name === 'RUNNING')
      return { ...common, registration: await handle.query(registrationStatus) };
    if (description.status.name !== 'COMPLETED') return common;
    return { ...common, endedAt: (await handle.result()).step };
  } catch (error) {
    throw cersFailureOf(error);
  }
}
