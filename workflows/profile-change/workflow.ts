/**
 * A registered person changes their profile. Name, phone and language are written at once (one
 * transaction, audited by field name); a new e-mail address waits for the code sent to it, on a
 * durable timer: the right code within its lifetime applies it, a wrong one counts against
 * MAX_EMAIL_CODE_ATTEMPTS, and a resend replaces the code and its lifetime. The code is made,
 * hashed and mailed inside an activity: it never passes through the workflow or its history.
 * The workflow id is the submission's, so a double submit is one change.
 */
import { allHandlersFinished, condition, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { afterAcceptance, waitedOn } from '../activity-options';
import { confirmEmailInput, profileChangeInput, resendEmailCodeInput } from '../../domain/profile-schemas';
import { failureName, parseOrReject, serviceUnavailable } from '../failures';
import {
  MAX_EMAIL_CODE_ATTEMPTS,
  MAX_EMAIL_CODE_SENDS,
  confirmEmail,
  profileChangeApplied,
  profileChangeStatus,
  resendEmailCode,
  type ProfileChangeInput,
  type ProfileChangeStatus,
} from './definitions';

// The person waits on these: retried until the database answers (their wait is bounded by the client).
const store = waitedOn();
// Mail leaves through GC Notify: an ordinary activity, retried over the network until it answers.
const mail = afterAcceptance();

/** A database step that failed for good: "try again", never the driver's words. */
async function step<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    log.warn('Profile change step failed', { what, failure: failureName(error) });
    throw serviceUnavailable('The database did not answer in time', 'Open your profile and try again.');
  }
}

export async function profileChangeWorkflow(raw: ProfileChangeInput): Promise<ProfileChangeStatus> {
  const { userAccountId, profile, codeTtlMs } = parseOrReject(profileChangeInput(), raw);
  const changeId = workflowInfo().workflowId;
  const state: ProfileChangeStatus = {
    step: 'applying',
    changed: [],
    emailStatus: 'unchanged',
    attemptsRemaining: MAX_EMAIL_CODE_ATTEMPTS,
    resendsRemaining: MAX_EMAIL_CODE_SENDS - 1,
  };
  let sends = 0;
  let expiresAtMs = 0;
  let checking = 0;
  let firstCodeSent = false;

  const sendCode = async () => {
    sends += 1;
    expiresAtMs = Date.now() + codeTtlMs;
    state.expiresAt = new Date(expiresAtMs).toISOString();
    state.resendsRemaining = MAX_EMAIL_CODE_SENDS - sends;
    await mail.sendEmailCode({
      changeId,
      userAccountId,
      email: profile.email,
      locale: profile.language,
      sendNumber: sends,
      expiresAt: state.expiresAt,
    });
  };

  setHandler(profileChangeStatus, () => state);
  setHandler(profileChangeApplied, async (input) => {
    parseOrReject(resendEmailCodeInput(), input);
    await condition(() => state.step === 'applied' && (state.emailStatus !== 'awaiting_code' || firstCodeSent));
    return state;
  });

  setHandler(
    confirmEmail,
    async (input) => {
      const { code } = parseOrReject(confirmEmailInput(), input);
      if (state.emailStatus !== 'awaiting_code') return state;
      checking += 1;
      try {
        const check = await store.checkEmailCode({ changeId, code });
        if (state.emailStatus !== 'awaiting_code') return state;
        if (check.outcome === 'correct') {
          await step(() => store.applyEmailChange({ changeId, userAccountId, email: profile.email }), 'email');
          state.emailStatus = 'confirmed';
          state.changed = [...state.changed, 'email'];
          delete state.expiresAt;
        } else if (check.outcome === 'incorrect') {
          state.attemptsRemaining = Math.max(0, state.attemptsRemaining - 1);
          if (state.attemptsRemaining === 0) state.emailStatus = 'attempts_exhausted';
        }
        state.lastCheck = check.outcome;
        return state;
      } finally {
        checking -= 1;
      }
    },
    { validator: (input) => void parseOrReject(confirmEmailInput(), input) },
  );

  setHandler(
    resendEmailCode,
    async (input) => {
      parseOrReject(resendEmailCodeInput(), input);
      if (state.emailStatus !== 'awaiting_code' || state.resendsRemaining <= 0) return state;
      await sendCode();
      delete state.lastCheck;
      return state;
    },
    { validator: (input) => void parseOrReject(resendEmailCodeInput(), input) },
  );

  const applied = await step(() => store.applyProfileChange({ changeId, userAccountId, profile }), 'profile');
  state.changed = applied.changed;
  state.step = 'applied';
  if (applied.emailChanged) {
    state.emailStatus = 'awaiting_code';
    state.email = profile.email;
    await sendCode();
    firstCodeSent = true;
  }

  while (state.emailStatus === 'awaiting_code') {
    const deadline = expiresAtMs;
    const moved = await condition(
      () => state.emailStatus !== 'awaiting_code' || expiresAtMs !== deadline,
      Math.max(1, deadline - Date.now()),
    );
    if (moved) continue;
    // A code being checked as time runs out decides first.
    await condition(() => checking === 0);
    if (state.emailStatus === 'awaiting_code' && expiresAtMs === deadline) state.emailStatus = 'expired';
  }
  if (state.emailStatus === 'expired' || state.emailStatus === 'attempts_exhausted') {
    const because = state.emailStatus;
    delete state.expiresAt;
    delete state.email;
    await step(() => store.recordEmailChangeEnded({ changeId, userAccountId, because }), 'ended');
  }
  await condition(allHandlersFinished);
  return state;
}
