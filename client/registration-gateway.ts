/**
 * The bot's one door to the registration workflow: start or resume, read the status, send a step
 * with an update id derived from Slack's ids, and turn every way that can fail into a report the
 * views can word. Nothing here talks to Slack.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Config } from '../config';
import { startBusinessAccountRegistration, startOrFindRegistration, type RegistrationHandle } from './registrations';
import { runStep } from './steps';
import { cersFailureOf, type NotRunning } from './failures';
import type { FailureReport, FieldIssue } from '../domain/failures';
import type { Applicant, Locale } from '../domain/registration-inputs';
import {
  cancelRegistration,
  registrationReady,
  registrationStatus,
  registrationWorkflowId,
  type RegistrationStatus,
} from '../workflows/registration/definitions';

export interface StepFailure extends FailureReport {
  issues?: FieldIssue[];
}

export type StepOutcome<T> = { ok: true; value: T } | { ok: false; failure: StepFailure };

export class RegistrationGateway {
  constructor(
    private readonly client: Client,
    private readonly config: Config,
  ) {}

  private handle(applicant: Applicant): RegistrationHandle {
    return this.client.workflow.getHandle(registrationWorkflowId(applicant));
  }

  /** The registration as it stands, or undefined if this applicant never started one. */
  async status(applicant: Applicant): Promise<RegistrationStatus | undefined> {
    try {
      return await this.handle(applicant).query(registrationStatus);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /** Starts the applicant's registration if none is running (or it ended unfinished), then reads it. */
  async resume(applicant: Applicant, locale: Locale): Promise<RegistrationStatus> {
    const { handle, startedStatus } = await startOrFindRegistration(this.client, this.config, { applicant, locale });
    return startedStatus ?? handle.query(registrationStatus);
  }

  /** Starts a business-account run for a registered person (or finds the run still going), then reads it. */
  async startBusinessAccount(applicant: Applicant, locale: Locale): Promise<RegistrationStatus> {
    const handle = await startBusinessAccountRegistration(this.client, this.config, { applicant, locale });
    // An update, not a query: it answers once the run has loaded the person (URN included).
    return runStep(this.client, handle, registrationReady, {});
  }

  /**
   * Sends one step. `updateId` makes it idempotent: Slack's retry of the same request, or the same
   * form submitted twice, reaches the workflow once and gets the first answer back.
   */
  async send<Ret, Arg>(
    applicant: Applicant,
    update: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId: string,
    /**
     * Give up (ServiceUnavailable) after this long (default 2 minutes); the step goes on, and the
     * same update id later gets its answer.
     */
    options: { timeoutMs?: number } = {},
  ): Promise<StepOutcome<Ret>> {
    try {
      const value = await runStep(this.client, this.handle(applicant), update, arg, {
        updateId,
        waitMs: options.timeoutMs,
      });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, failure: stepFailure(error) };
    }
  }

  async cancel(applicant: Applicant): Promise<void> {
    await this.handle(applicant).signal(cancelRegistration, {});
  }
}

/**
 * What went wrong, as the views need it (client/failures.ts maps every error to a documented
 * type); anything unexpected is "try again", never a stack trace. A run that closed between
 * reading its status and sending (completed, expired) makes the step stale: WrongStep.
 */
export function stepFailure(error: unknown, whenNotRunning?: NotRunning): StepFailure {
  const { type, details } = cersFailureOf(error, whenNotRunning);
  return { type, messageKey: details.messageKey, params: details.params, issues: details.issues };
}
