/**
 * One request that waits on a person: a registered user asking to join a business account with a
 * role (decided by its owner, or for account users and browsers also a proxy), or an owner's
 * proposal to hand ownership to a member (accepted or declined by that member). Deciders get a
 * direct message with buttons; reminders follow while nobody decides, and the request expires.
 *
 * The decision is an update. Its validator refuses, before anything enters history, a request
 * already decided, one's own request, and a decider the roles policy does not allow (with the role
 * the caller read from the system of record: validators cannot do I/O). The membership
 * transaction then decides again under the business account's row lock, so a role lost between
 * the click and the change, or two deciders at once, still end in one outcome.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import type { CersActivities } from '../../activities';
import type { MembershipChangeResult } from '../../activities/memberships';
import { FailureType, invalidInput, registrationFailure } from '../../domain/failures';
import { roleDecisionInput } from '../../domain/membership-schemas';
import { decide, Denial } from '../../domain/roles';
import { CersStep } from '../registration/definitions';
import {
  DEFAULT_ROLE_REQUEST_POLICY,
  decideRoleRequest,
  roleRequestStatus,
  withdrawRoleRequest,
  type RequestStatus,
  type RoleDecisionInput,
  type RoleRequestInput,
  type RoleRequestStatus,
} from './definitions';

const localRetry: RetryPolicy = { initialInterval: '200ms', maximumInterval: '30s', nonRetryableErrorTypes: Object.values(FailureType) };
// A decider waits on these: 2 minutes, then "try again" (the request is unchanged).
const store = proxyLocalActivities<CersActivities>({ startToCloseTimeout: '30s', scheduleToCloseTimeout: '2m', retry: localRetry });
// Records nobody waits on: retried until the database answers.
const recorder = proxyLocalActivities<CersActivities>({ startToCloseTimeout: '30s', retry: localRetry });
// Slack, rate limited at times: retried with back-off; a message later than a day is no use.
const messenger = proxyActivities<CersActivities>({
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '24h',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m' },
});

const DENIALS: readonly string[] = Object.values(Denial);

function policyDenied(reason: string): ApplicationFailure {
  return registrationFailure(FailureType.PolicyDenied, `Refused by the roles policy: ${reason}`, {
    messageKey: reason,
    whatToDo: 'Ask the owner of the business account.',
  });
}

function serviceUnavailable(): ApplicationFailure {
  return registrationFailure(FailureType.ServiceUnavailable, 'A service this decision needs did not answer in time', {
    messageKey: 'failure.service_unavailable',
    whatToDo: 'Nothing changed and the request still waits. Decide again in a few minutes.',
  });
}

export async function roleRequestWorkflow(input: RoleRequestInput): Promise<RoleRequestStatus> {
  const policy = { ...DEFAULT_ROLE_REQUEST_POLICY, ...input.policy };
  const { workflowId, runId: requestId } = workflowInfo();
  const transfer = input.kind === 'ownership_transfer';
  const state = {
    status: 'pending' as RequestStatus,
    decidedByUserAccountId: undefined as string | undefined,
    cancelledBecause: undefined as string | undefined,
    deadline: undefined as string | undefined,
    /** One decision at a time: a second decider waits, then finds it decided. */
    busy: false,
    withdrawal: undefined as 'withdrawn' | 'business_deleted' | undefined,
  };

  const status = (): RoleRequestStatus => ({
    kind: input.kind,
    status: state.status,
    role: input.role,
    businessAccountId: input.businessAccountId,
    ...(state.decidedByUserAccountId ? { decidedByUserAccountId: state.decidedByUserAccountId } : {}),
    ...(state.cancelledBecause ? { cancelledBecause: state.cancelledBecause } : {}),
    ...(state.status === 'pending' && state.deadline ? { deadline: state.deadline } : {}),
  });

  function moveTo(next: RequestStatus): void {
    state.status = next;
    upsertSearchAttributes({ [CersStep.name]: [next] });
  }

  setHandler(roleRequestStatus, status);

  function parseDecision(raw: unknown): RoleDecisionInput {
    const parsed = roleDecisionInput().safeParse(raw);
    if (!parsed.success) throw invalidInput(parsed.error);
    return parsed.data;
  }

  function requirePending(): void {
    if (state.status !== 'pending' || state.withdrawal) {
      throw registrationFailure(FailureType.RequestClosed, `The request is ${state.status}`, {
        messageKey: 'request.closed',
        whatToDo: 'Nothing to do: the request was already settled.',
        params: {
          status: state.withdrawal ? 'cancelled' : state.status,
          ...(state.decidedByUserAccountId ? { decidedByUserAccountId: state.decidedByUserAccountId } : {}),
        },
      });
    }
  }

  /** May this decider decide? The policy, asked with their role as of the click. */
  function requireDecider(decision: RoleDecisionInput): void {
    if (transfer) {
      // Only the member who would become owner accepts or declines.
      if (decision.deciderUserAccountId !== input.subjectUserAccountId) throw policyDenied(Denial.RoleCannot);
      return;
    }
    const allowed = decide(decision.deciderRole, {
      kind: 'members.add',
      role: input.role,
      requesterIsActor: decision.deciderUserAccountId === input.requesterUserAccountId,
    });
    if (!allowed.allowed) throw policyDenied(allowed.reason);
  }

  async function apply(decision: RoleDecisionInput): Promise<MembershipChangeResult> {
    const changeId = `${requestId}:approved`;
    return transfer
      ? store.transferOwnership({
          changeId,
          businessAccountId: input.businessAccountId,
          ownerUserAccountId: input.requesterUserAccountId,
          newOwnerUserAccountId: input.subjectUserAccountId,
        })
      : store.changeMembership({
          changeId,
          businessAccountId: input.businessAccountId,
          actorUserAccountId: decision.deciderUserAccountId,
          subjectUserAccountId: input.subjectUserAccountId,
          change: { kind: 'add', role: input.role },
          requesterUserAccountId: input.requesterUserAccountId,
        });
  }

  setHandler(
    decideRoleRequest,
    async (raw) => {
      const decision = parseDecision(raw);
      while (state.busy) await condition(() => !state.busy);
      // The other decider got there first: they are told who decided, nothing changes twice.
      if (state.status !== 'pending') return status();
      requirePending();
      state.busy = true;
      try {
        if (decision.decision === 'reject') {
          await store.recordRequestOutcome({
            requestId,
            status: 'rejected',
            decidedByUserAccountId: decision.deciderUserAccountId,
            ...(decision.reason ? { reason: decision.reason } : {}),
          });
          state.decidedByUserAccountId = decision.deciderUserAccountId;
          moveTo('rejected');
          return status();
        }
        const result = await apply(decision);
        if (!result.applied) {
          // Lost the right between the click and now: refused, and the request still waits.
          if (DENIALS.includes(result.reason)) throw policyDenied(result.reason);
          // Moot: already a member (added meanwhile), no longer a member, or the business was deleted.
          state.cancelledBecause = result.reason;
          await store.recordRequestOutcome({ requestId, status: 'cancelled', cancelledBecause: result.reason });
          moveTo('cancelled');
          return status();
        }
        await store.recordRequestOutcome({ requestId, status: 'approved', decidedByUserAccountId: decision.deciderUserAccountId });
        state.decidedByUserAccountId = decision.deciderUserAccountId;
        moveTo('approved');
        return status();
      } catch (error) {
        if (error instanceof ApplicationFailure && error.type === FailureType.PolicyDenied) throw error;
        log.warn('Decision not applied', { error: (error as Error).message });
        throw serviceUnavailable();
      } finally {
        state.busy = false;
      }
    },
    {
      validator: (raw) => {
        const decision = parseDecision(raw);
        requirePending();
        requireDecider(decision);
      },
    },
  );

  setHandler(withdrawRoleRequest, (signal) => {
    if (state.status === 'pending' && !state.withdrawal)
      state.withdrawal = signal?.because === 'business_deleted' ? 'business_deleted' : 'withdrawn';
  });

  /** Slack messages never hold the request up: failures are logged and the process goes on. */
  async function tell(send: () => Promise<unknown>, what: string): Promise<void> {
    try {
      await send();
    } catch (error) {
      log.warn('Request message not delivered', { what, error: (error as Error).message });
    }
  }

  const opened = await recorder.openRequest({
    requestId,
    workflowId,
    kind: input.kind,
    businessAccountId: input.businessAccountId,
    requesterUserAccountId: input.requesterUserAccountId,
    subjectUserAccountId: input.subjectUserAccountId,
    role: input.role,
  });
  if (!opened.opened) {
    state.cancelledBecause = opened.reason;
    moveTo('cancelled');
    return status();
  }

  const openedAt = Date.now();
  const deadline = openedAt + policy.expireAfterMs;
  state.deadline = new Date(deadline).toISOString();
  const announced = tell(() => messenger.sendRequestToDeciders({ requestId }), 'request');

  try {
    let reminders = 0;
    while (state.status === 'pending') {
      const nextReminder = openedAt + policy.reminderAfterMs * (reminders + 1);
      const wakeAt = Math.min(nextReminder, deadline);
      await condition(() => state.status !== 'pending' || state.withdrawal !== undefined, Math.max(wakeAt - Date.now(), 1));
      // A decision running when the timer fires or the withdrawal arrives is let finish first.
      if (state.busy) await condition(() => !state.busy);
      if (state.status !== 'pending') break;
      if (state.withdrawal) {
        state.cancelledBecause = state.withdrawal;
        await recorder.recordRequestOutcome({ requestId, status: 'cancelled', cancelledBecause: state.withdrawal });
        moveTo('cancelled');
        break;
      }
      if (Date.now() >= deadline) {
        await recorder.recordRequestOutcome({ requestId, status: 'expired' });
        moveTo('expired');
        break;
      }
      reminders++;
      const reminder = { number: reminders, deadline: state.deadline };
      void tell(() => messenger.sendRequestToDeciders({ requestId, reminder }), 'reminder');
    }
  } catch (error) {
    // An operator cancelled the workflow itself (Web UI): the request is closed as cancelled.
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(async () => {
      if (state.busy) await condition(() => !state.busy);
      if (state.status === 'pending') {
        state.cancelledBecause = 'operator';
        await recorder.recordRequestOutcome({ requestId, status: 'cancelled', cancelledBecause: 'operator' });
        moveTo('cancelled');
      }
    });
  }

  await CancellationScope.nonCancellable(async () => {
    // The first message goes out before its replacement, so no decider keeps live buttons.
    await announced;
    await tell(() => messenger.announceRequestOutcome({ requestId }), 'outcome');
    await condition(allHandlersFinished);
  });
  return status();
}
