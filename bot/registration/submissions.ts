/**
 * Form submissions: the user account and the business account. Each is checked here first with the
 * workflow's own schemas, so mistakes come back on their fields at once (`response_action: errors`,
 * what was typed kept). A valid form goes to the workflow under an update id derived from the view;
 * if the workflow answers within the ack budget the modal moves on in the same response, otherwise
 * the modal says "checking" and is updated when the answer comes. A form with a secret that the
 * workflow refused comes back re-rendered with the secret field empty (see renewedSecretActionIds),
 * never as `errors`, which would leave the refused activation code in its field.
 */
import type { ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { BusinessAccountInput, UserAccountInput, type Applicant, type Locale } from '../../domain/registration-inputs';
import { FailureType, invalidInput, failureDetails } from '../../domain/failures';
import { translator, type MessageKey } from '../../i18n/catalogue';
import { submitBusinessAccount, submitUserAccount } from '../../client';
import { applicantOf, type BotContext } from '../context';
import type { Answer, SubmissionHandler } from '../routing/answer';
import { CallbackId } from '../../slack/ids';
import { renderStatus } from './modal';
import { publishHome } from '../home/publish';
import { updateModal } from '../ui/modal';
import type { StepFailure, StepOutcome } from '../../client';
import {
  BUSINESS_ACCOUNT_FIELDS,
  USER_ACCOUNT_FIELDS,
  blockForIssue,
  formSubmission,
  readForm,
  renewedSecretActionIds,
  type FormAgain,
  type FormField,
} from '../ui/forms';
import { decodeMetadata, type ViewMetadata } from '../ui/metadata';
import { ONE_STEP_FORM } from '../business-again/views';
import { statusBlocks } from '../home/view';
import { businessAccountForm, processingView, unavailableView, userAccountForm } from './views';
import { failureText, stepHeading } from '../../slack/text';
import { personLocale } from '../profile/locale';
import type { ModalView } from '@slack/types';

/** Time Slack is given to apply a "checking" ack before the modal is updated again. */
const ACK_SETTLE_MS = 750;

/** Failures of fact that belong to one field of the business form. */
const FAILURE_FIELD: Partial<Record<string, string>> = {
  [FailureType.SharedSecretIncorrect]: 'sharedSecret',
  [FailureType.SharedSecretExpired]: 'sharedSecret',
  [FailureType.SharedSecretAlreadyUsed]: 'sharedSecret',
  [FailureType.BusinessNumberLocked]: 'businessNumber',
  [FailureType.AuthorizationNotFound]: 'businessNumber',
  [FailureType.BusinessNumberAlreadyRegistered]: 'businessNumber',
};

interface FormSpec<Ret> {
  callbackId: string;
  fields: readonly FormField[];
  schema: z.ZodType;
  update: UpdateDefinition<Ret, [never]>;
  /**
   * The form again, refilled (never the secret), with what went wrong above it or on its fields;
   * `metadata` is what the modal carried (its language, and what it is about).
   */
  reopen: (metadata: ViewMetadata, again: FormAgain) => ModalView;
  /** The language to continue in after this form succeeded (the user account sets it). */
  nextLocale: (submission: Record<string, unknown>, locale: Locale) => Locale;
}

const USER_ACCOUNT: FormSpec<{ urn: string }> = {
  callbackId: CallbackId.UserAccountForm,
  fields: USER_ACCOUNT_FIELDS,
  schema: UserAccountInput,
  update: submitUserAccount as UpdateDefinition<{ urn: string }, [never]>,
  reopen: (metadata, again) => userAccountForm(metadata.locale, again),
  nextLocale: (submission, locale) =>
    submission['language'] === 'fr' ? 'fr' : submission['language'] === 'en' ? 'en' : locale,
};

const BUSINESS_ACCOUNT: FormSpec<{ businessAccountId: string }> = {
  callbackId: CallbackId.BusinessAccountForm,
  fields: BUSINESS_ACCOUNT_FIELDS,
  schema: BusinessAccountInput,
  update: submitBusinessAccount as UpdateDefinition<{ businessAccountId: string }, [never]>,
  reopen: (metadata, again) =>
    businessAccountForm(metadata.locale, again, metadata.subject === ONE_STEP_FORM ? ONE_STEP_FORM : undefined),
  nextLocale: (_submission, locale) => locale,
};

/** Field errors for Slack, in the form's language. */
function fieldErrors(
  spec: FormSpec<unknown>,
  locale: Locale,
  failure: StepFailure,
): Record<string, string> | undefined {
  const t = translator(locale);
  if (failure.type === FailureType.InvalidInput && failure.issues?.length) {
    const errors: Record<string, string> = {};
    for (const issue of failure.issues) {
      const block = blockForIssue(spec.fields, issue.field);
      errors[block] ??= t(issue.messageKey as MessageKey, issue.params);
    }
    return errors;
  }
  const field = FAILURE_FIELD[failure.type];
  if (field && spec.fields.some((f) => f.path === field)) return { [field]: failureText(t, locale, failure) };
  return undefined;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => (timer = setTimeout(() => resolve({ done: false }), ms)));
  return Promise.race([promise.then((value) => ({ done: true as const, value })), late]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * One submission of `spec`'s form. `ack` answers Slack (exactly once, within the budget); work that
 * outlasts the budget goes on after it and updates the modal.
 */
async function submitForm<Ret>(
  ctx: BotContext,
  client: WebClient,
  spec: FormSpec<Ret>,
  body: ViewSubmitAction,
  ack: (answer?: Answer) => void,
  receivedAt: number,
): Promise<void> {
  const view = body.view;
  const metadata = decodeMetadata(view.private_metadata) ?? { locale: 'en' };
  const locale = metadata.locale;
  const reopen = (again: FormAgain) => spec.reopen(metadata, again);
  const applicant = applicantOf(body.team?.id ?? body.user.team_id, body.user.id);
  if (!applicant) {
    ack();
    return;
  }
  const values = readForm(spec.fields, view.state.values);
  const submission = formSubmission(spec.fields, values);
  // If the form is shown again: what was typed, the secret inputs under new action ids.
  const typed: FormAgain = { values, actionIds: renewedSecretActionIds(spec.fields, view.blocks) };

  // Checked here with the workflow's own schema: mistakes are answered without a round trip.
  const parsed = spec.schema.safeParse(submission);
  if (!parsed.success) {
    const details = failureDetails(invalidInput(parsed.error));
    const failure: StepFailure = {
      type: FailureType.InvalidInput,
      messageKey: 'failure.invalid_input',
      issues: details?.issues,
    };
    ack({ response_action: 'errors', errors: fieldErrors(spec, locale, failure) ?? {} });
    return;
  }

  let acknowledged = false;
  let outcome: StepOutcome<Ret> | undefined;
  try {
    const updateId = ctx.updateIds.forSubmission(view, values);
    // The budget covers everything before the ack (the update, reading the new status, rendering),
    // counted from when the listener received the submission.
    const answering = ctx.gateway
      .send(applicant, spec.update, submission as never, updateId)
      .then((result) => answer(ctx, client, spec, reopen, applicant, locale, typed, submission, (outcome = result)));
    const early = await withDeadline(answering, Math.max(0, ctx.submissionAckBudgetMs - (Date.now() - receivedAt)));
    if (early.done) {
      acknowledged = true;
      ack(early.value);
      return;
    }
    // Too slow for Slack's 3 s: say so in the modal, and update it when the workflow answers.
    acknowledged = true;
    ack({ response_action: 'update', view: processingView(locale) });
    const ackedAt = Date.now();
    const next = await answering;
    if (next.response_action === 'clear') return;
    // An update that overtook the ack would be overwritten by the "checking" view: give Slack time.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ACK_SETTLE_MS - (Date.now() - ackedAt))));
    const shown = next.response_action === 'update' ? next.view : reopen(withErrors(typed, locale, next.errors));
    const updated = await updateModal(ctx, client, { id: view.id }, shown);
    // The applicant closed the modal meanwhile: the outcome reaches them as a message, as promised.
    if (!updated && outcome) await tellByMessage(ctx, client, applicant, locale, outcome);
  } catch (error) {
    ctx.log.error('form submission not handled', {
      form: spec.callbackId,
      error: `${(error as Error).name}: ${(error as Error).message}`,
    });
    const t = translator(locale);
    // If the step was applied, say so (not "nothing changed"); else the form again, as typed.
    const again = outcome?.ok
      ? unavailableView(locale, t('bot.error.after_step'))
      : reopen({ ...typed, banner: t('bot.error.generic') });
    if (!acknowledged) ack({ response_action: 'update', view: again });
    else await updateModal(ctx, client, { id: view.id }, again).catch(() => false);
  }
}

/** The form again with errors on their fields, and above it a line saying there are some. */
function withErrors(typed: FormAgain, locale: Locale, errors: Record<string, string>): FormAgain {
  return { ...typed, errors, banner: translator(locale)('failure.invalid_input') };
}

/** What Slack should show after the workflow answered: the next step, or the problem on its field. */
async function answer<Ret>(
  ctx: BotContext,
  client: WebClient,
  spec: FormSpec<Ret>,
  reopen: (again: FormAgain) => ModalView,
  applicant: Applicant,
  locale: Locale,
  typed: FormAgain,
  submission: Record<string, unknown>,
  outcome: StepOutcome<Ret>,
): Promise<Answer> {
  if (!outcome.ok) {
    const errors = fieldErrors(spec, locale, outcome.failure);
    const hasSecret = spec.fields.some((f) => f.secret);
    if (errors && !hasSecret) return { response_action: 'errors', errors };
    // Slack keeps what was typed on `errors`: a refused activation code must not stay in its field.
    if (errors) return { response_action: 'update', view: reopen(withErrors(typed, locale, errors)) };
    if (outcome.failure.type !== FailureType.WrongStep) {
      // Not about one field (the service was unavailable): the form again, as typed, with the reason.
      const banner = failureText(translator(locale), locale, outcome.failure);
      return { response_action: 'update', view: reopen({ ...typed, banner }) };
    }
  }
  // Done, or already done by an earlier submission: show where the registration is now.
  const status = await ctx.gateway.status(applicant);
  if (!status) return { response_action: 'clear' };
  const nextLocale = outcome.ok
    ? spec.nextLocale(submission, locale)
    : status.urn
      ? await personLocale(ctx, client, applicant, status)
      : locale;
  void publishHome(ctx, client, applicant, status);
  return { response_action: 'update', view: await renderStatus(ctx, status, nextLocale) };
}

async function tellByMessage(
  ctx: BotContext,
  client: WebClient,
  applicant: Applicant,
  locale: Locale,
  outcome: StepOutcome<unknown>,
): Promise<void> {
  const t = translator(locale);
  if (!outcome.ok) {
    await client.chat.postMessage({
      channel: applicant.userId,
      text: t('bot.error.title', { message: failureText(t, locale, outcome.failure) }),
    });
    return;
  }
  const status = await ctx.gateway.status(applicant);
  if (!status) return;
  const shown = status.urn ? await personLocale(ctx, client, applicant, status) : locale;
  const ts = translator(shown);
  await client.chat.postMessage({
    channel: applicant.userId,
    text: ts('bot.home.current_step', { step: stepHeading(ts, status.step, status.purpose) }),
    blocks: statusBlocks(shown, status),
  });
}

const FORMS = [USER_ACCOUNT, BUSINESS_ACCOUNT] as const;

/** The callback ids of the registration forms. */
export const REGISTRATION_FORM_CALLBACK_IDS: readonly string[] = FORMS.map((f) => f.callbackId);

export const handleRegistrationSubmission: SubmissionHandler = async (ctx, client, body, ack, receivedAt) => {
  const spec = FORMS.find((f) => f.callbackId === body.view.callback_id);
  if (!spec) {
    ack();
    return;
  }
  await submitForm(ctx, client, spec as FormSpec<unknown>, body, ack, receivedAt);
};
