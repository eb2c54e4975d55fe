/**
 * The profile modal (`/cers profile`, the Home tab's button): the user-account form of registration,
 * prefilled with the person's current values; then, for a new e-mail address, the code form. The
 * Home tab's profile block.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { translator, type Translate } from '../../i18n/catalogue';
import type { Locale } from '../../domain/registration-inputs';
import { EMAIL_CODE_DIGITS } from '../../domain/profile-schemas';
import type { ProfileChangeStatus } from '../../client';
import { ActionId, CallbackId } from '../../slack/ids';
import { actions, button, context, divider, header, modalText, section } from '../../slack/blocks';
import { escapeMrkdwn } from '../../slack/text';
import { USER_ACCOUNT_FIELDS, formInputs, formView, type FormField, type FormValues } from '../ui/forms';
import { encodeMetadata } from '../ui/metadata';

export const PROFILE_FIELDS = USER_ACCOUNT_FIELDS;
export const EMAIL_CODE_FIELDS: readonly FormField[] = [
  { path: 'code', label: 'profile.code.label', hint: 'profile.code.hint', maxLength: 20 },
];

const banner = (text?: string): KnownBlock[] => (text ? [section(`:warning: ${text}`)] : []);

export function profileForm(
  locale: Locale,
  values: FormValues,
  again: { banner?: string; errors?: Record<string, string> } = {},
): ModalView {
  const t = translator(locale);
  return formView({
    callbackId: CallbackId.ProfileForm,
    title: t('profile.title'),
    submit: t('profile.submit'),
    close: t('bot.modal.cancel'),
    privateMetadata: encodeMetadata({ locale }),
    intro: [...banner(again.banner), section(t('profile.intro'))],
    inputs: formInputs(PROFILE_FIELDS, t, locale, values, [], { errors: again.errors }),
  });
}

/** Minutes until the code expires, rounded up (at least 1). */
const minutesLeft = (expiresAt: string | undefined) =>
  Math.max(1, Math.ceil(((expiresAt ? Date.parse(expiresAt) : Date.now()) - Date.now()) / 60_000));

/** The fields a change altered, named in the reader's language. */
export const fieldNames = (t: Translate, changed: readonly string[]) =>
  changed.map((field) => t(`profile.field.${field}` as Parameters<Translate>[0])).join(', ');

export function emailCodeForm(
  locale: Locale,
  change: { workflowId: string; status: ProfileChangeStatus },
  again: { banner?: string; errors?: Record<string, string> } = {},
): ModalView {
  const t = translator(locale);
  const saved = change.status.changed.filter((field) => field !== 'email');
  const form = formView({
    callbackId: CallbackId.EmailCodeForm,
    title: t('profile.code.title'),
    submit: t('profile.code.submit'),
    close: t('bot.modal.cancel'),
    privateMetadata: encodeMetadata({ locale, subject: change.workflowId }),
    intro: [
      ...banner(again.banner),
      ...(saved.length ? [section(t('profile.saved', { fields: fieldNames(t, saved) }))] : []),
      section(
        t('profile.code.intro', {
          digits: EMAIL_CODE_DIGITS,
          email: escapeMrkdwn(change.status.email ?? ''),
          minutes: minutesLeft(change.status.expiresAt),
        }),
      ),
    ],
    inputs: formInputs(EMAIL_CODE_FIELDS, t, locale, {}, [], { errors: again.errors }),
    outro:
      change.status.resendsRemaining > 0
        ? [
            actions(
              'profile-code',
              button({ actionId: ActionId.ResendEmailCode, text: t('profile.code.resend'), value: change.workflowId }),
            ),
          ]
        : [],
  });
  return form;
}

export function profileNoticeView(locale: Locale, text: string): ModalView {
  const t = translator(locale);
  return {
    type: 'modal',
    callback_id: CallbackId.ProfileForm,
    title: modalText(t('profile.title')),
    close: modalText(t('bot.modal.close')),
    private_metadata: encodeMetadata({ locale }),
    blocks: [section(text)],
  };
}

/** On the Home tab of a person with a user account: the way to their profile. */
export function homeProfileBlocks(locale: Locale): KnownBlock[] {
  const t = translator(locale);
  return [
    divider(),
    header(t('profile.title')),
    section(t('profile.home.intro')),
    actions('home-profile', button({ actionId: ActionId.OpenProfile, text: t('profile.home.button') })),
    context(t('profile.home.hint')),
  ];
}
