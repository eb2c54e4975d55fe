/**
 * The door to profile changes (workflows/profile-change): submit a change, type back the e-mail
 * code, ask for a new code. Every answer is the change's status, or a failure the views can word;
 * a change that has ended answers its final status (an expired code is `expired`, not an error).
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Config } from '../config';
import { FailureType } from '../domain/failures';
import { DEFAULT_WAIT_MS, runStep } from './steps';
import { CersFailure, type NotRunning } from './failures';
import { stepFailure, type StepOutcome } from './registration-gateway';
import type { profileChangeWorkflow } from '../workflows/profile-change/workflow';
import {
  PROFILE_CHANGE_WORKFLOW_TYPE,
  confirmEmail,
  profileChangeApplied,
  profileChangeWorkflowId,
  resendEmailCode,
  type ProfileChangeInput,
  type ProfileChangeStatus,
} from '../workflows/profile-change/definitions';

export type ProfileChangeHandle = WorkflowHandle<typeof profileChangeWorkflow>;

/** A change that ended: recognised by this key, then read from its result. */
const ENDED: NotRunning = {
  type: FailureType.WrongStep,
  details: { messageKey: 'profile.ended', whatToDo: 'Read the change’s result: it has ended.' },
};

export class ProfileGateway {
  constructor(
    private readonly client: Client,
    private readonly config: Config,
  ) {}

  /**
   * Starts the change keyed by `key` (the submission), or finds the one it already started, and
   * waits until name, phone and language are written and any e-mail code is sent.
   */
  async submit(
    input: Omit<ProfileChangeInput, 'codeTtlMs'>,
    key: string,
  ): Promise<StepOutcome<{ workflowId: string; status: ProfileChangeStatus }>> {
    const workflowId = profileChangeWorkflowId(input.userAccountId, key);
    try {
      await this.client.workflow.start<typeof profileChangeWorkflow>(PROFILE_CHANGE_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [{ ...input, codeTtlMs: this.config.profile.emailCodeTtlMs }],
        // The same submission while it runs, or after it ended well: that change, never a second one.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) return { ok: false, failure: stepFailure(error) };
    }
    const status = await this.call(workflowId, profileChangeApplied, {}, key);
    return status.ok ? { ok: true, value: { workflowId, status: status.value } } : status;
  }

  /** The code typed back; `updateId` (the submission) makes a retry act once. */
  confirm(workflowId: string, code: string, updateId: string): Promise<StepOutcome<ProfileChangeStatus>> {
    return this.call(workflowId, confirmEmail, { code }, updateId);
  }

  /** A new code to the new address; `updateId` (the click) makes a retry act once. */
  resend(workflowId: string, updateId: string): Promise<StepOutcome<ProfileChangeStatus>> {
    return this.call(workflowId, resendEmailCode, {}, updateId);
  }

  private async call<Arg>(
    workflowId: string,
    update: UpdateDefinition<ProfileChangeStatus, [Arg]>,
    arg: Arg,
    updateId: string,
  ): Promise<StepOutcome<ProfileChangeStatus>> {
    const handle: ProfileChangeHandle = this.client.workflow.getHandle(workflowId);
    try {
      return { ok: true, value: await runStep(this.client, handle, update, arg, { updateId, whenNotRunning: ENDED }) };
    } catch (error) {
      if (!(error instanceof CersFailure && error.details.messageKey === ENDED.details.messageKey))
        return { ok: false, failure: stepFailure(error) };
    }
    try {
      return { ok: true, value: await this.client.withDeadline(Date.now() + DEFAULT_WAIT_MS, () => handle.result()) };
    } catch (error) {
      return { ok: false, failure: stepFailure(error) };
    }
  }
}
