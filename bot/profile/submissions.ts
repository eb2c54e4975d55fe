/**
 * The profile form and the e-mail code form. Answered within the ack budget when the workflow is
 * that quick, else "one moment" and the modal updated when it answers. Everything after a change
 * is worded in the language now in force (the person may just have changed it).
 */
import type { ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { z } from 'zod';
import { failureDetails, invalidInput } from '../../domain/failures';
import { ConfirmEmailInput } from '../../domain/profile-inputs';
import { UserAccountInput, type Locale } from '../../domain/registration-inputs';
import { profileChangeWorkflowId, type ProfileChangeStatus } from '../../client';
import { translator, type MessageKey, type Translate } from '../../i18n/catalogue';
import { CallbackId } from '../../slack/ids';
import { escapeMrkdwn } from '../../slack/text';
import type { BotContext } from '../context';
import { publishHome } from '../home/publish';
import { processingView } from '../registration/views';
import { answerWithinBudget } from '../routing/answer-within-budget';
import type { Answer, SubmissionHandler } from '../routing/answer';
import { blockForIssue, formSubmission, readForm, type FormField } from '../ui/forms';
import { decodeMetadata } from '../ui/metadata';
import { clickerOf, refusalText, type Clicker } from '../accounts/common';
import { EMAIL_CODE_FIELDS, PROFILE_FIELDS, emailCodeForm, fieldNames, profileNoticeView } from './views';

const update = (view: ModalView): Answer => ({ response_action: 'update', view });

function zodErrors(fields: readonly FormField[], t: Translate, error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of failureDetails(invalidInput(error))?.issues ?? [])
    errors[blockForIssue(fields, issue.field)] ??= t(issue.messageKey as MessageKey, issue.params);
  return errors;
}

/** What the person reads once the change answered, in the language now in force. */
function afterChange(locale: Locale, change: { workflowId: string; status: ProfileChangeStatus }): Answer {
  const t = translator(locale);
  const { status } = change;
  switch (status.emailStatus) {
    case 'awaiting_code':
      if (status.lastCheck === 'expired') return update(profileNoticeView(locale, t('profile.code.expired')));
      return status.lastCheck === 'incorrect'
        ? {
            response_action: 'errors',
            errors: { code: t('profile.code.incorrect', { attemptsRemaining: status.attemptsRemaining }) },
          }
        : update(emailCodeForm(locale, change));
    case 'confirmed':
      return update(
        profileNoticeView(locale, t('profile.email_confirmed', { email: escapeMrkdwn(status.email ?? '') })),
      );
    case 'expired':
      return update(profileNoticeView(locale, t('profile.code.expired')));
    case 'attempts_exhausted':
      return update(profileNoticeView(locale, t('profile.code.exhausted')));
    default:
      return update(
        profileNoticeView(
          locale,
          status.changed.length
            ? t('profile.saved', { fields: fieldNames(t, status.changed) })
            : t('profile.unchanged'),
        ),
      );
  }
}

type ProfileFormHandler = (ctx: BotContext, body: ViewSubmitAction, who: Clicker) => Promise<Answer>;

const PROFILE_FORMS: Record<string, ProfileFormHandler> = {
  [CallbackId.ProfileForm]: async (ctx, body, who) => {
    const values = readForm(PROFILE_FIELDS, body.view.state.values);
    const parsed = UserAccountInput.safeParse(formSubmission(PROFILE_FIELDS, values));
    if (!parsed.success) return { response_action: 'errors', errors: zodErrors(PROFILE_FIELDS, who.t, parsed.error) };
    if (!who.user?.credentialVerified) return update(profileNoticeView(who.locale, who.t('profile.not_registered')));
    const outcome = await ctx.profile.submit(
      { userAccountId: who.user.id, profile: parsed.data },
      ctx.updateIds.forSubmission(body.view, values),
    );
    if (!outcome.ok) return update(profileNoticeView(who.locale, refusalText(who.t, who.locale, outcome.failure)));
    return afterChange(parsed.data.language, outcome.value);
  },

  [CallbackId.EmailCodeForm]: async (ctx, body, who) => {
    const values = readForm(EMAIL_CODE_FIELDS, body.view.state.values);
    const parsed = ConfirmEmailInput.safeParse({ code: values['code'] ?? '' });
    if (!parsed.success)
      return { response_action: 'errors', errors: zodErrors(EMAIL_CODE_FIELDS, who.t, parsed.error) };
    const workflowId = ownChange(who, decodeMetadata(body.view.private_metadata)?.subject);
    if (!workflowId) return update(profileNoticeView(who.locale, who.t('policy.role_cannot')));
    const outcome = await ctx.profile.confirm(
      workflowId,
      parsed.data.code,
      ctx.updateIds.forSubmission(body.view, values),
    );
    if (!outcome.ok) return update(profileNoticeView(who.locale, refusalText(who.t, who.locale, outcome.failure)));
    return afterChange(who.locale, { workflowId, status: outcome.value });
  },
};

/** A profile change's workflow id from a modal or button, if it is this person's own. */
export function ownChange(who: Clicker, workflowId: string | undefined): string | undefined {
  if (!who.user || !workflowId) return undefined;
  return workflowId.startsWith(profileChangeWorkflowId(who.user.id, '')) ? workflowId : undefined;
}

export const PROFILE_FORM_CALLBACK_IDS: readonly string[] = Object.keys(PROFILE_FORMS);

export const handleProfileSubmission: SubmissionHandler = async (ctx, client, body, ack, receivedAt) => {
  const form = PROFILE_FORMS[body.view.callback_id];
  const who = form ? await clickerOf(ctx, client, body) : undefined;
  if (!form || !who) {
    ack();
    return;
  }
  const answered = await answerWithinBudget(ctx, client, {
    viewId: body.view.id,
    form: body.view.callback_id,
    ack,
    receivedAt,
    answering: form(ctx, body, who),
    pending: processingView(who.locale),
    notice: (text) => profileNoticeView(who.locale, text),
    failed: profileNoticeView(who.locale, who.t('bot.error.title', { message: who.t('bot.error.generic') })),
  });
  // The Home tab follows the profile (its language, above all).
  if (answered && body.view.callback_id === CallbackId.ProfileForm) await publishHome(ctx, client, who.applicant);
};
