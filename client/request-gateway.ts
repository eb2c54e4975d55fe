/**
 * The bot's door to role requests (start one, read one, send a decision) and to account changes
 * (add, change, remove a member; the owner's operations). Failures come back as
 * reports the views can word (see registrations.ts), never as exceptions to the user.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { runAccountChange } from './account-changes';
import { REQUEST_NOT_RUNNING } from './failures';
import { runStep } from './steps';
import type { AccountChangeInput, AccountChangeResult } from '../workflows/account-change/definitions';
import type { Config } from '../config';
import { startRoleRequest, type RoleRequestHandle } from './role-requests';
import type { SearchableBy } from './request-search-attributes';
import {
  decideRoleRequest,
  roleRequestStatus,
  withdrawOwnRoleRequest,
  type RoleDecisionInput,
  type RoleWithdrawalInput,
  type RoleRequestInput,
  type RoleRequestStatus,
} from '../workflows/role-request/definitions';
import { stepFailure, type StepOutcome } from './registration-gateway';

export class RequestGateway {
  constructor(
    private readonly client: Client,
    private readonly config: Config,
  ) {}

  start(
    input: Omit<RoleRequestInput, 'policy'>,
    searchableBy: SearchableBy & { businessNumber: string },
  ): Promise<{ handle: RoleRequestHandle; started: boolean }> {
    return startRoleRequest(this.client, this.config, input, searchableBy);
  }

  private handle(workflowId: string, runId: string): RoleRequestHandle {
    return this.client.workflow.getHandle(workflowId, runId);
  }

  /** The request run as it stands; undefined if no such run exists. */
  async status(workflowId: string, runId: string): Promise<RoleRequestStatus | undefined> {
    try {
      return await this.handle(workflowId, runId).query(roleRequestStatus);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async decide(
    workflowId: string,
    runId: string,
    decision: RoleDecisionInput,
    updateId: string,
  ): Promise<StepOutcome<RoleRequestStatus>> {
    try {
      const value = await runStep(this.client, this.handle(workflowId, runId), decideRoleRequest, decision, {
        updateId,
        whenNotRunning: REQUEST_NOT_RUNNING,
      });
      return { ok: true, value };
    } catch (error) {
      // A run that has ended since the button was sent: the request was settled (RequestClosed).
      return { ok: false, failure: stepFailure(error, REQUEST_NOT_RUNNING) };
    }
  }

  /** The requester withdraws their request; `updateId` (the click) makes a retry act once. */
  async withdraw(
    workflowId: string,
    runId: string,
    withdrawal: RoleWithdrawalInput,
    updateId: string,
  ): Promise<StepOutcome<RoleRequestStatus>> {
    try {
      const value = await runStep(this.client, this.handle(workflowId, runId), withdrawOwnRoleRequest, withdrawal, {
        updateId,
        whenNotRunning: REQUEST_NOT_RUNNING,
      });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, failure: stepFailure(error, REQUEST_NOT_RUNNING) };
    }
  }

  /**
   * Runs one account change. `key` makes it idempotent: a Slack retry or a double click with the
   * same key runs it once and gets its answer.
   */
  async change(
    input: AccountChangeInput,
    key: string,
    /** The business account's number and the actor's URN: operators find the change by their digests. */
    searchableBy: SearchableBy,
  ): Promise<StepOutcome<AccountChangeResult>> {
    try {
      return { ok: true, value: await runAccountChange(this.client, this.config, input, key, searchableBy) };
    } catch (error) {
      return { ok: false, failure: stepFailure(error) };
    }
  }
}
