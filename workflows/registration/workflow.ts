/**
 * One exporter's registration for the CERS Portal, from sign-in to business account: the four
 * steps of the CBSA guide, in order, durable across crashes, with reminders when the applicant
 * stalls and expiry when they abandon it.
 *
 * Long (about 450 lines) by design: a workflow's state, its message handlers and its main loop
 * share one closure, as Temporal's samples write them; the helpers shared with the other
 * workflows live in ../failures.ts and ../activity-options.ts.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  currentUpdateInfo,
  isCancellation,
  condition,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
  allHandlersFinished,
  log,
  patched,
} from '@temporalio/workflow';
import { ApplicationFailureCategory } from '@temporalio/common';
import { afterAcceptance, records, slackMessages, waitedOn } from '../activity-options';
import type { NotifyApplicantInput } from '../../activities/notifications';
import { FailureType, registrationFailure, rejectRefusedPayload } from '../../domain/failures';
import { refusalOf } from '../../domain/payload-limits';
import { failureName, parseOrReject, serviceUnavailable } from '../failures';
import { updateInputs } from '../update-inputs';
import {
  acceptTermsInput,
  businessAccountInput,
  cancelRegistrationInput,
  credentialVerifiedInput,
  skipBusinessAccountInput,
  userAccountInput,
} from '../../domain/registration-schemas';
import { CersBusinessNumberDigest, CersStep, CersUrnDigest } from '../search-attributes';
import { resendReminderInput } from '../../domain/support-schemas';
import {
  DEFAULT_REGISTRATION_POLICY,
  FINAL_STEPS,
  RegistrationPurpose,
  acceptTerms,
  cancelRegistration,
  credentialVerified,
  registrationReady,
  registrationStatus,
  resendReminder,
  skipBusinessAccount,
  submitBusinessAccount,
  submitUserAccount,
  type RegistrationInput,
  type RegistrationPolicy,
  type RegistrationStatus,
  type RegistrationStep,
} from './definitions';

const store = waitedOn();
// The shared-secret check counts a guess: it runs only once the update carrying it is accepted.
const registry = afterAcceptance();
const recorder = records();
// A reminder later than an hour is no use.
const messenger = slackMessages('1h');
// A support agent waits for theirs: delivered within two minutes, or reported as not delivered.
const supportMessenger = slackMessages('2m');

/** The failure of fact behind an activity's failure (local activities may surface it directly). */
function applicationCause(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  return undefined;
}

/**
 * Activity failures of fact become the update's own failure, with the same type and details; an
 * activity that could not finish (database or registry unreachable) becomes ServiceUnavailable.
 */
function rethrowCause(error: unknown): never {
  const cause = applicationCause(error);
  if (cause && cause !== error) {
    throw ApplicationFailure.create({
      type: cause.type ?? undefined,
      message: cause.message,
      details: cause.details ?? undefined,
      nonRetryable: true,
      category: ApplicationFailureCategory.BENIGN,
    });
  }
  if (error instanceof ActivityFailure) {
    throw serviceUnavailable(
      'A service this step needs did not answer in time',
      'Nothing was lost and the step is unchanged. Send the same information again in a few minutes.',
    );
  }
  throw error;
}

/** The same JSON for the same value, whatever the order of its keys: how a resent form is recognised. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function registrationWorkflow(input: RegistrationInput): Promise<RegistrationStatus> {
  // A start the worker's codec refused (not encrypted, unreadable, too large) ends here, typed.
  rejectRefusedPayload(input);
  const policy: RegistrationPolicy = { ...DEFAULT_REGISTRATION_POLICY, ...input.policy };
  const registrationId = workflowInfo().workflowId;
  // A business-account run (input flag: runs recorded before it existed replay as first registrations).
  const forBusinessAccount = input.purpose === RegistrationPurpose.BusinessAccount;
  // Its business account's creation key and CBSA reference: one per run, never a registration's.
  const businessReference = forBusinessAccount ? `${registrationId}:${workflowInfo().runId}` : undefined;
  const state = {
    // A business-account run is at its one step from the start; busy until the person is loaded.
    step: (forBusinessAccount ? 'businessAccount' : 'credential') as RegistrationStep,
    locale: input.locale,
    credentialLinkId: undefined as string | undefined,
    termsAcceptedAt: undefined as string | undefined,
    userAccountId: undefined as string | undefined,
    urn: undefined as string | undefined,
    /** Keyed digests for the search attributes, computed by the activities that hold the search key. */
    urnDigest: undefined as string | undefined,
    businessNumberDigest: undefined as string | undefined,
    businessAccountId: undefined as string | undefined,
    attemptsRemaining: undefined as number | undefined,
    lockedUntil: undefined as string | undefined,
    deadline: undefined as string | undefined,
    /** Counts every handled message, so the idle timer restarts whenever the applicant acts. */
    activity: 0,
    /** When the applicant last acted (or the run began): reminders and expiry count from it. */
    lastActionAt: Date.now(),
    busy: forBusinessAccount,
    /** Set the moment the run decides to end (expiry, cancellation): later updates are refused. */
    closing: false,
    cancelRequested: false,
    /**
     * The submission that completed each step, and what it returned: the same submission sent
     * again (a new update id, e.g. after the caller gave up waiting) gets the same answer instead
     * of WrongStep. Any other submission for a completed step is still refused.
     */
    settled: {} as Partial<Record<RegistrationStep, { submission: string; result: unknown }>>,
  };

  const isFinal = () => FINAL_STEPS.includes(state.step);
  const inputs = updateInputs();

  /** The result of the submission that completed `step`, if `raw` is that same submission. */
  function settledBy(step: RegistrationStep, raw: unknown): { result: unknown } | undefined {
    const settled = state.settled[step];
    return settled && settled.submission === canonical(raw) ? settled : undefined;
  }

  /** Validators: the step's own messages, or the submission that completed it sent again. */
  function requireStepOrResend(expected: RegistrationStep, raw: unknown): void {
    if (!settledBy(expected, raw)) requireStep(expected);
  }

  /** Rejects (before anything enters history) a message that belongs to another step. */
  function requireStep(expected: RegistrationStep): void {
    if (state.step !== expected || state.cancelRequested || state.closing) {
      const step = state.cancelRequested ? 'cancelled' : state.closing ? 'expired' : state.step;
      throw registrationFailure(FailureType.WrongStep, `The registration is at step "${step}", not "${expected}"`, {
        messageKey: 'failure.wrong_step',
        whatToDo:
          isFinal() || state.cancelRequested || state.closing
            ? 'This registration has ended; start a new one.'
            : `Complete the "${step}" step first.`,
        params: { step, expected },
      });
    }
  }

  /** Rejects a support message for a registration that has ended or is ending. */
  function requireRunning(): void {
    if (!isFinal() && !state.cancelRequested && !state.closing) return;
    const step = state.cancelRequested ? 'cancelled' : state.closing ? 'expired' : state.step;
    throw registrationFailure(FailureType.WrongStep, `The registration has ended (${step})`, {
      messageKey: 'failure.wrong_step',
      whatToDo: 'This registration has ended: nothing to remind; the applicant may start a new one.',
      params: { step, expected: 'running' },
    });
  }

  /**
   * Runs one handler at a time (a double click with two update ids must not create two accounts)
   * and re-checks the step once it holds the turn.
   */
  async function exclusive<T>(expected: RegistrationStep, raw: unknown, work: () => Promise<T>): Promise<T> {
    // Several handlers can wake on the same activation: re-check after every wake-up.
    while (state.busy) await condition(() => !state.busy);
    const resent = settledBy(expected, raw);
    if (resent) return resent.result as T;
    requireStep(expected);
    state.busy = true;
    try {
      const result = await work();
      state.settled[expected] = { submission: canonical(raw), result };
      return result;
    } catch (error) {
      return rethrowCause(error);
    } finally {
      state.busy = false;
      state.activity++;
      state.lastActionAt = Date.now();
      state.deadline = new Date(state.lastActionAt + policy.expireAfterMs).toISOString();
    }
  }

  function moveTo(step: RegistrationStep): void {
    state.step = step;
    upsertChanged([
      [CersStep, step],
      [CersUrnDigest, state.urnDigest],
      [CersBusinessNumberDigest, state.businessNumberDigest],
    ]);
  }

  /** One upsert of the attributes that changed, none if nothing did (history stays short). */
  function upsertChanged(pairs: [typeof CersStep, string | undefined][]): void {
    const current = workflowInfo().typedSearchAttributes;
    const changed = pairs.filter(([key, value]) => value !== undefined && current.get(key) !== value);
    if (changed.length > 0)
      upsertSearchAttributes(Object.fromEntries(changed.map(([key, value]) => [key.name, [value!]])));
  }

  const currentStatus = (): RegistrationStatus => ({
    step: state.step,
    ...(forBusinessAccount ? { purpose: RegistrationPurpose.BusinessAccount } : {}),
    locale: state.locale,
    termsVersion: policy.termsVersion,
    urn: state.urn,
    businessAccountId: state.businessAccountId,
    attemptsRemaining: state.attemptsRemaining,
    lockedUntil: state.lockedUntil,
    deadline: isFinal() ? undefined : state.deadline,
  });
  setHandler(registrationStatus, currentStatus);
  setHandler(registrationReady, async () => {
    // Loaded, or ended without anyone to load (the run then closes once this has answered).
    if (forBusinessAccount) await condition(() => state.urn !== undefined || isFinal());
    return currentStatus();
  });

  setHandler(
    credentialVerified,
    (raw) =>
      exclusive('credential', raw, async () => {
        const credential = inputs.take(credentialVerifiedInput, raw);
        const linked = await store.linkCredential({ registrationId, ...credential });
        state.credentialLinkId = linked.credentialLinkId;
        if (linked.existingAccount) {
          // A returning applicant whose earlier registration expired after the user account step.
          state.userAccountId = linked.existingAccount.userAccountId;
          state.urn = linked.existingAccount.urn;
          state.urnDigest = linked.existingAccount.urnDigest;
          moveTo('businessAccount');
        } else {
          moveTo('terms');
        }
        return { step: state.step };
      }),
    {
      validator: (raw) => {
        requireStepOrResend('credential', raw);
        inputs.validate(credentialVerifiedInput, raw);
      },
    },
  );

  setHandler(
    acceptTerms,
    (raw) =>
      exclusive('terms', raw, async () => {
        const { version } = inputs.take(acceptTermsInput, raw);
        if (version !== policy.termsVersion) throw termsMismatch();
        state.termsAcceptedAt = new Date().toISOString();
        moveTo('userAccount');
        return { step: state.step };
      }),
    {
      validator: (raw) => {
        requireStepOrResend('terms', raw);
        if (inputs.validate(acceptTermsInput, raw).version !== policy.termsVersion) throw termsMismatch();
      },
    },
  );

  function termsMismatch(): ApplicationFailure {
    return registrationFailure(
      FailureType.TermsVersionMismatch,
      `Terms version ${policy.termsVersion} must be accepted`,
      {
        messageKey: 'failure.terms_version',
        whatToDo: `Show the applicant version ${policy.termsVersion} of the Terms and Conditions and send that version.`,
        params: { version: policy.termsVersion },
      },
    );
  }

  setHandler(
    submitUserAccount,
    (raw) =>
      exclusive('userAccount', raw, async () => {
        const profile = inputs.take(userAccountInput, raw);
        const account = await store.createUserAccount({
          registrationId,
          credentialLinkId: state.credentialLinkId!,
          terms: { version: policy.termsVersion, acceptedAt: state.termsAcceptedAt! },
          profile,
        });
        state.userAccountId = account.userAccountId;
        state.urn = account.urn;
        state.urnDigest = account.urnDigest;
        // From now on every message the applicant receives is in the language they chose.
        state.locale = profile.language;
        moveTo('businessAccount');
        return { urn: account.urn };
      }),
    {
      validator: (raw) => {
        requireStepOrResend('userAccount', raw);
        inputs.validate(userAccountInput, raw);
      },
    },
  );

  setHandler(
    submitBusinessAccount,
    (raw) =>
      exclusive('businessAccount', raw, async () => {
        const submission = inputs.take(businessAccountInput, raw);
        // Runs recorded before the search digests upserted the clear number here: they replay that
        // command (a replayed command is never sent again); every later run records the patch.
        if (!patched('search-attribute-digests'))
          upsertSearchAttributes({ CersBusinessNumber: [submission.businessNumber] });
        // Patched: runs that checked secrets in a local activity replay with it.
        const createBusinessAccount = patched('business-account-after-acceptance')
          ? registry.createBusinessAccount
          : store.createBusinessAccount;
        try {
          const { businessAccountId, businessNumberDigest } = await createBusinessAccount({
            registrationId,
            // The update id: a caller's retry of the same submission is the same attempt.
            attemptId: `${businessReference ?? registrationId}:${currentUpdateInfo()?.id ?? uuid4()}`,
            userAccountId: state.userAccountId!,
            submission,
            ...(businessReference ? { reference: businessReference } : {}),
          });
          state.businessAccountId = businessAccountId;
          state.businessNumberDigest = businessNumberDigest;
          state.attemptsRemaining = undefined;
          state.lockedUntil = undefined;
          moveTo('completed');
          return { businessAccountId };
        } catch (error) {
          const cause = applicationCause(error);
          state.attemptsRemaining = undefined;
          state.lockedUntil = undefined;
          const params = (cause?.details?.[0] as { params?: Record<string, string | number> } | undefined)?.params;
          if (cause?.type === FailureType.SharedSecretIncorrect) {
            state.attemptsRemaining = Number(params?.['attemptsRemaining']);
          } else if (cause?.type === FailureType.BusinessNumberLocked) {
            state.attemptsRemaining = 0;
            state.lockedUntil = String(params?.['lockedUntil']);
          }
          throw error;
        }
      }),
    {
      validator: (raw) => {
        requireStepOrResend('businessAccount', raw);
        inputs.validate(businessAccountInput, raw);
      },
    },
  );

  setHandler(
    skipBusinessAccount,
    (raw) =>
      exclusive('businessAccount', raw ?? {}, async () => {
        parseOrReject(skipBusinessAccountInput(), raw ?? {});
        if (forBusinessAccount) {
          // "Not now" in a business-account run: it ends, nothing created; the person stays registered.
          await recorder.recordRegistrationEvent({
            registrationId,
            runId: workflowInfo().runId,
            action: 'registration.cancelled',
            step: 'businessAccount',
          });
          moveTo('cancelled');
          return { step: state.step };
        }
        await recorder.recordRegistrationEvent({
          registrationId,
          runId: workflowInfo().runId,
          action: 'registration.business_account_skipped',
          step: 'businessAccount',
        });
        moveTo('completed');
        return { step: state.step };
      }),
    {
      validator: (raw) => {
        requireStepOrResend('businessAccount', raw ?? {});
        parseOrReject(skipBusinessAccountInput(), raw ?? {});
      },
    },
  );

  setHandler(cancelRegistration, (raw) => {
    if (isFinal() || state.cancelRequested) return;
    // A signal cannot be refused: one the worker could not read (garbage, no codec) is ignored.
    if (refusalOf(raw)) {
      log.warn('Cancellation signal ignored: its payload was refused', { reason: refusalOf(raw) });
      return;
    }
    // A signal cannot be rejected: a malformed reason still cancels. The reason itself stays in
    // the (encrypted) signal: it is free text and may hold personal data, so no record copies it.
    if (!cancelRegistrationInput().safeParse(raw ?? {}).success) log.info('Cancellation with a malformed reason');
    state.cancelRequested = true;
  });

  // Support: a reminder now, outside the idle schedule; it does not restart the idle clock (the
  // applicant did nothing). One per request: the update id is the request id, and the audit event
  // and the Slack delivery are keyed by it too, so a retried step repeats neither.
  setHandler(
    resendReminder,
    async (raw) => {
      const { agent, requestId } = parseOrReject(resendReminderInput(), raw);
      const step = state.step;
      const runId = workflowInfo().runId;
      await recorder.recordReminderResent({ registrationId, runId, agent, requestId, step });
      try {
        await supportMessenger.notifyApplicant({
          registrationId,
          applicant: input.applicant,
          locale: state.locale,
          // Number 0: not one of the scheduled reminders.
          notice: { kind: 'reminder', step, reminderNumber: 0, deadline: state.deadline! },
          deliveryKey: `notice:${registrationId}:${runId}:reminder:support:${requestId}`,
        });
        return { step, delivered: true };
      } catch (error) {
        log.warn('Support reminder not delivered', { failure: failureName(error) });
        return { step, delivered: false };
      }
    },
    {
      validator: (raw) => {
        requireRunning();
        parseOrReject(resendReminderInput(), raw);
      },
    },
  );

  /** Ends the run as expired or cancelled: refuses new updates at once, lets a running one finish. */
  async function end(step: 'expired' | 'cancelled'): Promise<void> {
    state.closing = true;
    await condition(() => !state.busy);
    if (isFinal()) return; // the update that was running completed the registration
    const from = state.step;
    await recorder.recordRegistrationEvent({
      registrationId,
      runId: workflowInfo().runId,
      action: step === 'expired' ? 'registration.expired' : 'registration.cancelled',
      step: from,
    });
    moveTo(step);
    if (step === 'expired') await notify({ kind: 'expired', step: from });
  }

  /** A notice that cannot be delivered is logged; it never fails the registration. */
  async function notify(notice: NotifyApplicantInput['notice']): Promise<void> {
    // One notice, one key: posted once however often the activity runs (activities/slack-deliveries.ts).
    const which = notice.kind === 'reminder' ? `${notice.reminderNumber}:${notice.deadline}` : notice.step;
    const deliveryKey = `notice:${registrationId}:${workflowInfo().runId}:${notice.kind}:${which}`;
    try {
      await messenger.notifyApplicant({
        registrationId,
        applicant: input.applicant,
        locale: state.locale,
        notice,
        deliveryKey,
      });
    } catch (error) {
      log.warn('Applicant notice not delivered', { kind: notice.kind, step: notice.step, failure: failureName(error) });
    }
  }

  upsertChanged([[CersStep, state.step]]);

  if (forBusinessAccount) {
    // The person's user account, as their first registration created it: the URN stays theirs.
    const person = await store.registeredPerson({ registrationId });
    state.busy = false;
    if (person) {
      state.userAccountId = person.userAccountId;
      state.urn = person.urn;
      state.urnDigest = person.urnDigest;
      state.credentialLinkId = person.credentialLinkId;
      state.locale = person.language;
      moveTo('businessAccount');
    } else {
      // Clients start these runs only for registered people; anyone else has nothing to add to.
      log.warn('Business-account run without a user account');
      await end('cancelled');
    }
  }

  /** Until the run ends: reminders after each idle period, expiry at its deadline, or cancellation. */
  async function waitOnApplicant(): Promise<void> {
    let idleSince = state.lastActionAt;
    let remindersSent = 0;
    while (!isFinal()) {
      const deadline = idleSince + policy.expireAfterMs;
      state.deadline = new Date(deadline).toISOString();
      const nextReminder =
        remindersSent < policy.maxReminders ? idleSince + policy.reminderAfterMs * (remindersSent + 1) : Infinity;
      await condition(
        () => isFinal() || state.cancelRequested,
        Math.max(Math.min(nextReminder, deadline) - Date.now(), 1),
      );
      if (state.cancelRequested && !isFinal()) {
        await end('cancelled');
        return;
      }
      if (isFinal()) return;
      // A step still being handled when the timer fired: the idle period restarts once it is done.
      if (state.busy) await condition(() => !state.busy);
      if (state.lastActionAt !== idleSince) {
        idleSince = state.lastActionAt;
        remindersSent = 0;
        continue;
      }
      if (await expireOrRemind(deadline, ++remindersSent)) return;
    }
  }

  /**
   * A timer of the idle period fired: past the deadline the run expires (true); otherwise the
   * applicant gets reminder number `reminderNumber`. Both wait loops share it.
   */
  async function expireOrRemind(deadline: number, reminderNumber: number): Promise<boolean> {
    if (Date.now() >= deadline) {
      log.info('Registration expired', { step: state.step });
      await end('expired');
      return true;
    }
    // Not awaited: a slow or failing delivery must not hold the deadline or a cancellation.
    void notify({ kind: 'reminder', step: state.step, reminderNumber, deadline: new Date(deadline).toISOString() });
    return false;
  }

  // Waiting on the applicant. Patched: runs recorded before it re-armed the idle timer each time the
  // applicant acted (a timer started is a billable action: five per registration); now one timer
  // runs until the next reminder or the deadline is due, and, if they acted meanwhile, the next one
  // counts from their last action. A registration completed within a reminder period starts one.
  const oneTimerUntilDue = patched('idle-timer-until-due');
  try {
    if (oneTimerUntilDue) await waitOnApplicant();
    while (!isFinal()) {
      const activityMark = state.activity;
      const idleSince = Date.now();
      const deadline = idleSince + policy.expireAfterMs;
      state.deadline = new Date(deadline).toISOString();
      let remindersSent = 0;
      for (;;) {
        const nextReminder =
          remindersSent < policy.maxReminders ? idleSince + policy.reminderAfterMs * (remindersSent + 1) : Infinity;
        const wakeAt = Math.min(nextReminder, deadline);
        await condition(
          () => state.activity !== activityMark || state.cancelRequested,
          Math.max(wakeAt - Date.now(), 1),
        );
        if (state.cancelRequested) {
          await end('cancelled');
          break;
        }
        // Acting restarts the idle clock; so does a handler still running when the timer fires.
        if (state.activity !== activityMark) break;
        if (state.busy) {
          await condition(() => !state.busy);
          break;
        }
        if (await expireOrRemind(deadline, ++remindersSent)) break;
      }
    }
  } catch (error) {
    // An operator cancelled the workflow itself (Web UI, `temporal workflow cancel`).
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(() => end('cancelled'));
  }

  // Past this point the run is ending: an operator's cancel must not interrupt its last records.
  await CancellationScope.nonCancellable(async () => {
    if (state.step === 'completed') {
      await recorder.recordRegistrationEvent({
        registrationId,
        runId: workflowInfo().runId,
        action: 'registration.completed',
        step: 'completed',
      });
      // Awaited: the applicant's confirmation (their URN) is part of completing. Patched: runs that
      // completed before this notice existed replay without it.
      if (patched('completion-notice')) {
        await notify({
          kind: 'completed',
          step: 'completed',
          urn: state.urn!,
          businessAccountId: state.businessAccountId,
          ...(forBusinessAccount ? { purpose: RegistrationPurpose.BusinessAccount } : {}),
        });
      }
    }
    // Let in-flight update handlers reply before the run closes.
    await condition(allHandlersFinished);
  });
  return {
    step: state.step,
    ...(forBusinessAccount ? { purpose: RegistrationPurpose.BusinessAccount } : {}),
    locale: state.locale,
    termsVersion: policy.termsVersion,
    urn: state.urn,
    businessAccountId: state.businessAccountId,
  };
}
