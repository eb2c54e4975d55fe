/**
 * One request that waits on a person: a registered user asking to join a business account with a
 * role (decided by its owner, or for account users and browsers also a proxy), or an owner's
 * proposal to hand ownership to a member (accepted or declined by that member). Deciders get a
 * direct message with buttons; reminders follow while nobody decides, and the request expires.
 *
 * The decision is an update. Its validator refuses, before anything enters history, a request
 * already decided or closing, one's own request, and a decider the roles policy does not allow
 * (with the role the caller read from the system of record: validators cannot do I/O). Then one
 * transaction, under the business account's row lock, decides again and applies the membership
 * change together with the request's record; expiry and withdrawal close the record under the
 * same lock. The database is the one place the outcome is decided: the workflow follows it, so
 * two deciders at once, a decision racing the expiry, or a role lost since the click all end in
 * one outcome that everyone is told.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { records, slackMessages, waitedOn } from '../activity-options';
import type { ClosedBecause, RequestSettlement } from '../../activities/role-requests';
import { FailureType, registrationFailure, rejectRefusedPayload } from '../../domain/failures';
import { bestEffort, failureName, parseOrReject, policyDenied, serviceUnavailable } from '../failures';
import { refusalOf } from '../../domain/payload-limits';
import { roleDecisionInput, withdrawalInput } from '../../domain/membership-schemas';
import { decide, Denial } from '../../domain/roles';
import { CersRequestStatus } from '../search-attributes';
import {
  DEFAULT_ROLE_REQUEST_POLICY,
  decideRoleRequest,
  roleRequestStatus,
  withdrawOwnRoleRequest,
  withdrawRoleRequest,
  type RequestStatus,
  type RoleDecisionInput,
  type RoleRequestInput,
  type RoleRequestStatus,
} from './definitions';

// A decider waits on `store` (2 minutes, then "try again", the request unchanged).
const store = waitedOn();
const recorder = records();
// A request message later than a day is no use.
const messenger = slackMessages('24h', '1m');

export async function roleRequestWorkflow(input: RoleRequestInput): Promise<RoleRequestStatus> {
  // A start the worker's codec refused (not encrypted, unreadable, too large) ends here, typed.
  rejectRefusedPayload(input);
  const policy = { ...DEFAULT_ROLE_REQUEST_POLICY, ...input.policy };
  const { workflowId, runId: requestId } = workflowInfo();
  const transfer = input.kind === 'ownership_transfer';
  const state = {
    status: 'pending' as RequestStatus,
    decidedByUserAccountId: undefined as string | undefined,
    closedBecause: undefined as string | undefined,
    deadline: undefined as number | undefined,
    /** Set once the request is recorded: decisions wait for it. */
    opened: false,
    /** One decision at a time: a second decider waits, then finds it decided. */
    busy: false,
    /** Set the moment the run decides to close it (expiry, withdrawal): later decisions are refused. */
    closing: false,
    withdrawal: undefined as 'withdrawn' | 'business_deleted' | undefined,
  };

  const status = (): RoleRequestStatus => ({
    kind: input.kind,
    status: state.status,
    role: input.role,
    businessAccountId: input.businessAccountId,
    ...(state.decidedByUserAccountId ? { decidedByUserAccountId: state.decidedByUserAccountId } : {}),
    ...(state.closedBecause ? { cancelledBecause: state.closedBecause } : {}),
    ...(state.status === 'pending' && state.deadline ? { deadline: new Date(state.deadline).toISOString() } : {}),
  });

  /** The system of record settled it (this decision, or one that got there first): follow it. */
  function adopt(settled: RequestSettlement): void {
    if (settled.status === 'pending') return;
    state.decidedByUserAccountId = settled.decidedByUserAccountId;
    state.closedBecause = settled.closedBecause;
    state.status = settled.status;
    upsertSearchAttributes({ [CersRequestStatus.name]: [settled.status] });
  }

  setHandler(roleRequestStatus, status);

  function parseDecision(raw: unknown): RoleDecisionInput {
    return parseOrReject(roleDecisionInput(), raw);
  }

  function requirePending(): void {
    const expired = state.deadline !== undefined && Date.now() >= state.deadline;
    if (state.status !== 'pending' || state.closing || state.withdrawal || expired) {
      throw registrationFailure(FailureType.RequestClosed, `The request is ${state.status}`, {
        messageKey: 'request.closed',
        whatToDo: 'Nothing to do: the request was already settled.',
        params: {
          status: state.status === 'pending' ? 'closing' : state.status,
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

  setHandler(
    decideRoleRequest,
    async (raw) => {
      const decision = parseDecision(raw);
      await condition(() => state.opened);
      while (state.busy) await condition(() => !state.busy);
      // The other decider got there first: they are told who decided, nothing changes twice.
      if (state.status !== 'pending') return status();
      requirePending();
      state.busy = true;
      try {
        // The change and the request's record in one transaction, decided again under the lock.
        const settled = await store.decideRequest({
          requestId,
          deciderUserAccountId: decision.deciderUserAccountId,
          decision: decision.decision,
          ...(decision.reason ? { reason: decision.reason } : {}),
        });
        // Lost the right between the click and now: refused, and the request still waits.
        if (settled.status === 'pending') throw policyDenied(settled.refused);
        adopt(settled);
        return status();
      } catch (error) {
        if (error instanceof ApplicationFailure && error.type === FailureType.PolicyDenied) throw error;
        // Nothing half done: the transaction committed whole or not at all. Deciding again
        // finds the request as the database has it.
        log.warn('Decision not applied', { failure: failureName(error) });
        throw serviceUnavailable(
          'A service this decision needs did not answer in time',
          'Nothing changed and the request still waits. Decide again in a few minutes.',
        );
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

  setHandler(
    withdrawOwnRoleRequest,
    async (raw) => {
      parseOrReject(withdrawalInput(), raw);
      await condition(() => state.opened);
      // A repeat (double click, Slack retry with another id) joins the first: one closing.
      if (state.status === 'pending' && !state.withdrawal) state.withdrawal = 'withdrawn';
      await condition(() => state.status !== 'pending');
      return status();
    },
    {
      validator: (raw) => {
        const withdrawal = parseOrReject(withdrawalInput(), raw);
        requirePending();
        if (withdrawal.requesterUserAccountId !== input.requesterUserAccountId) throw policyDenied(Denial.RoleCannot);
      },
    },
  );

  setHandler(withdrawRoleRequest, (signal) => {
    // A signal cannot be refused: one the worker could not read (garbage, no codec) is ignored.
    if (refusalOf(signal)) {
      log.warn('Withdrawal signal ignored: its payload was refused', { reason: refusalOf(signal) });
      return;
    }
    if (state.status === 'pending' && !state.withdrawal)
      state.withdrawal = signal?.because === 'business_deleted' ? 'business_deleted' : 'withdrawn';
  });

  /** Slack messages never hold the request up: failures are logged and the process goes on. */
  const tell = (send: () => Promise<unknown>, what: string) => bestEffort(send, 'Request message', { what });

  /** Closes it without a decision, unless a decision got into the database first. */
  async function close(status: 'expired' | 'cancelled', because?: ClosedBecause): Promise<void> {
    state.closing = true;
    if (state.busy) await condition(() => !state.busy);
    if (state.status !== 'pending') return;
    adopt(await recorder.closeRequest({ requestId, status, ...(because ? { closedBecause: because } : {}) }));
  }

  const openedAt = Date.now();
  state.deadline = openedAt + policy.expireAfterMs;
  const deadline = state.deadline;
  adopt(
    await recorder.openRequest({
      requestId,
      workflowId,
      kind: input.kind,
      businessAccountId: input.businessAccountId,
      requesterUserAccountId: input.requesterUserAccountId,
      subjectUserAccountId: input.subjectUserAccountId,
      role: input.role,
    }),
  );
  state.opened = true;
  // Messages sent while the request waits; all are done before the outcome replaces them.
  const sending: Promise<void>[] = [];
  if (state.status === 'pending') sending.push(tell(() => messenger.sendRequestToDeciders({ requestId }), 'request'));

  try {
    let reminders = 0;
    while (state.status === 'pending') {
      const nextReminder = openedAt + policy.reminderAfterMs * (reminders + 1);
      const wakeAt = Math.min(nextReminder, deadline);
      await condition(
        () => state.status !== 'pending' || state.withdrawal !== undefined,
        Math.max(wakeAt - Date.now(), 1),
      );
      if (state.busy) await condition(() => !state.busy);
      if (state.status !== 'pending') break;
      if (state.withdrawal) {
        await close('cancelled', state.withdrawal);
        break;
      }
      if (Date.now() >= deadline) {
        await close('expired');
        break;
      }
      reminders++;
      const reminder = { number: reminders, deadline: new Date(deadline).toISOString() };
      sending.push(tell(() => messenger.sendRequestToDeciders({ requestId, reminder }), 'reminder'));
    }
  } catch (error) {
    // An operator cancelled the workflow itself (Web UI): the request is closed as cancelled.
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(() => close('cancelled', 'operator'));
  }

  await CancellationScope.nonCancellable(async () => {
    // Every request and reminder message is out before the outcome replaces them.
    await Promise.all(sending);
    await tell(() => messenger.announceRequestOutcome({ requestId }), 'outcome');
    await condition(allHandlersFinished);
  });
  return status();
}
