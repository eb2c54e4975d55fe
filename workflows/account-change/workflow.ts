/**
 * One change an owner or proxy makes to a business account: add a user (by URN, family name and
 * e-mail), change a member's role, remove a member, update the contact information, or delete the
 * business account. Short-lived: the caller waits for its result (executeWorkflow).
 *
 * The input is validated here; the roles policy decides inside each change's transaction, under
 * the business account's row lock (activities/account-changes.ts), against the roles as they are
 * then. The workflow id is the change id, so a retried step, or the same change asked twice, has
 * one effect. Refusals are typed failures with catalogue keys; the members concerned are told in
 * Slack, and a message that cannot be delivered never undoes or fails the change.
 */
import {
  ApplicationFailure,
  getExternalWorkflowHandle,
  log,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { records, slackMessages, waitedOn } from '../activity-options';
import type { MemberNotice, MemberNoticeInput } from '../../activities/account-changes';
import type { MembershipChange, MembershipRefusal } from '../../activities/memberships';
import { FailureType, invalidInput, registrationFailure, rejectRefusedPayload } from '../../domain/failures';
import { accountChangeInput } from '../../domain/membership-schemas';
import { bestEffort, failureName, policyDenied, serviceUnavailable } from '../failures';
import { withdrawRoleRequest } from '../role-request/definitions';
import type { AccountChangeInput, AccountChangeResult, BusinessChangeResult, MemberChangeResult } from './definitions';
import { AccountChangeStatus, CersRequestStatus } from '../search-attributes';

// The actor waits on these: 2 minutes, then "try again".
const store = waitedOn();
// Consequences of a change already made (its requests withdrawn): retried until the database answers.
const followUp = records();
// The actor waits for the notices too, so a few minutes at most.
const messenger = slackMessages('5m', '30s');

/** A refusal (from an activity) as the typed failure callers word, by its catalogue key. */
function refused(reason: MembershipRefusal | 'members.user_not_matched'): ApplicationFailure {
  switch (reason) {
    case 'members.user_not_matched':
      return registrationFailure(
        FailureType.UserNotMatched,
        'URN, family name and e-mail do not all match one user account',
        {
          messageKey: 'members.user_not_matched',
          whatToDo: 'Check the URN, family name and e-mail with the person, then add them again.',
        },
      );
    case 'membership.already_member':
      return registrationFailure(FailureType.AlreadyMember, 'The user is already a member of this business account', {
        messageKey: 'members.already_member',
        whatToDo: 'Nothing to do; change their role instead if needed.',
      });
    case 'membership.not_member':
      return registrationFailure(FailureType.NotMember, 'The subject is not a member of this business account', {
        messageKey: 'members.not_member',
        whatToDo: 'Nothing to do: refresh the member list.',
      });
    case 'membership.business_closed':
      return registrationFailure(
        FailureType.BusinessAccountNotFound,
        'The business account is deleted or does not exist',
        {
          messageKey: 'members.business_closed',
          whatToDo: 'Nothing to do: the business account no longer exists.',
        },
      );
    default:
      return policyDenied(reason);
  }
}

/** A step on the database that did not answer in time: nothing to word but "try again". */
async function step<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    log.warn('Account change step failed', { what, failure: failureName(error) });
    throw serviceUnavailable(
      'The database did not answer in time',
      'Look at the business account (the change may or may not have been made), then try again.',
    );
  }
}

/** Slack messages never hold the change up or undo it: failures are logged and the change stands. */
function tell(input: MemberNoticeInput): Promise<void> {
  return bestEffort(() => messenger.tellMember(input), 'Member notice', { notice: input.notice });
}

/** Where the change ended, for operators' searches (CersRequestStatus; the client set `running`). */
function settleStatus(status: AccountChangeStatus): void {
  upsertSearchAttributes([{ key: CersRequestStatus, value: status }]);
}

export async function accountChangeWorkflow(raw: AccountChangeInput): Promise<AccountChangeResult> {
  try {
    const result = await applyChange(raw);
    settleStatus(AccountChangeStatus.Applied);
    return result;
  } catch (error) {
    const unavailable = error instanceof ApplicationFailure && error.type === FailureType.ServiceUnavailable;
    settleStatus(unavailable ? AccountChangeStatus.Failed : AccountChangeStatus.Refused);
    throw error;
  }
}

async function applyChange(raw: AccountChangeInput): Promise<AccountChangeResult> {
  rejectRefusedPayload(raw);
  const parsed = accountChangeInput().safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { businessAccountId, actorUserAccountId, change } = parsed.data;
  const changeId = workflowInfo().workflowId;

  async function changeMember(
    kind: MemberChangeResult['kind'],
    subjectUserAccountId: string,
    membership: MembershipChange['change'],
    notice: MemberNotice,
  ): Promise<MemberChangeResult> {
    const result = await step(
      () =>
        store.applyMemberChange({
          changeId,
          businessAccountId,
          actorUserAccountId,
          subjectUserAccountId,
          change: membership,
        }),
      kind,
    );
    if (!result.applied) throw refused(result.reason);
    await tell({
      notice,
      changeId,
      businessAccountId,
      actorUserAccountId,
      subjectUserAccountId,
      ...(result.after ? { role: result.after } : {}),
    });
    return {
      outcome: 'applied',
      kind,
      businessAccountId,
      subjectUserAccountId,
      before: result.before,
      after: result.after,
    };
  }

  switch (change.kind) {
    case 'members.add': {
      const { urn, familyName, email, role } = change;
      const found = await step(
        () => store.findUserToAdd({ businessAccountId, actorUserAccountId, urn, familyName, email, role }),
        change.kind,
      );
      if (!found.found) throw refused(found.reason);
      return changeMember(change.kind, found.userAccountId, { kind: 'add', role }, 'added');
    }
    case 'members.changeRole':
      return changeMember(
        change.kind,
        change.subjectUserAccountId,
        { kind: 'changeRole', role: change.role },
        'role_changed',
      );
    case 'members.remove':
      return changeMember(change.kind, change.subjectUserAccountId, { kind: 'remove' }, 'removed');
    case 'members.leave':
      return leaveBusiness(changeId, businessAccountId, actorUserAccountId);
    case 'business.update': {
      const { contact } = change;
      const result = await step(
        () => store.updateBusinessContact({ changeId, businessAccountId, actorUserAccountId, contact }),
        change.kind,
      );
      if (!result.applied) throw refused(result.reason);
      return { outcome: 'applied', kind: change.kind, businessAccountId, before: 'active', after: 'active' };
    }
    case 'business.delete':
      return deleteBusiness(changeId, businessAccountId, actorUserAccountId);
  }
}

/** The actor leaves; the owner and proxies who remain are told, as for any membership change. */
async function leaveBusiness(
  changeId: string,
  businessAccountId: string,
  actorUserAccountId: string,
): Promise<MemberChangeResult> {
  const result = await step(
    () =>
      store.applyMemberChange({
        changeId,
        businessAccountId,
        actorUserAccountId,
        subjectUserAccountId: actorUserAccountId,
        change: { kind: 'leave' },
      }),
    'members.leave',
  );
  if (!result.applied) throw refused(result.reason);
  const managers = await followUp.managersOf({ businessAccountId });
  await Promise.all(
    managers
      .filter((id) => id !== actorUserAccountId)
      .map((subjectUserAccountId) =>
        tell({
          notice: 'member_left',
          changeId,
          businessAccountId,
          actorUserAccountId,
          subjectUserAccountId,
          ...(result.before ? { role: result.before } : {}),
        }),
      ),
  );
  return {
    outcome: 'applied',
    kind: 'members.leave',
    businessAccountId,
    subjectUserAccountId: actorUserAccountId,
    before: result.before,
    after: null,
  };
}

async function deleteBusiness(
  changeId: string,
  businessAccountId: string,
  actorUserAccountId: string,
): Promise<BusinessChangeResult> {
  const result = await step(
    () => store.deleteBusinessAccount({ changeId, businessAccountId, actorUserAccountId }),
    'business.delete',
  );
  if (!result.applied) throw refused(result.reason);

  // Requests still waiting can no longer be granted: each is withdrawn by its own workflow, which
  // tells its requester and approvers. One whose workflow is gone is closed here instead.
  const pending = await followUp.listPendingRoleRequests({ businessAccountId });
  await Promise.all(
    pending.map(async ({ requestId, workflowId }) => {
      try {
        await getExternalWorkflowHandle(workflowId, requestId).signal(withdrawRoleRequest, {
          because: 'business_deleted',
        });
      } catch (error) {
        log.warn('Role request not signalled; closing its record', { workflowId, failure: failureName(error) });
        await followUp.closeRequest({ requestId, status: 'cancelled', closedBecause: 'business_deleted' });
      }
    }),
  );

  const formerMembers = result.formerMembers.filter((id) => id !== actorUserAccountId);
  await Promise.all(
    formerMembers.map((subjectUserAccountId) =>
      tell({ notice: 'business_deleted', changeId, businessAccountId, actorUserAccountId, subjectUserAccountId }),
    ),
  );
  return {
    outcome: 'applied',
    kind: 'business.delete',
    businessAccountId,
    before: 'active',
    after: 'deleted',
    membershipsEnded: result.formerMembers.length,
    requestsWithdrawn: pending.length,
  };
}
