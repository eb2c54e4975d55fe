/**
 * The registration modal, one view per step. The same modal is updated in place as the applicant
 * advances, so the conversation stays in one window; messages and the Home tab open it.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { translator, type Translate } from '../../i18n/catalogue';
import type { CredentialProvider, Locale } from '../../domain/registration-inputs';
import type { RegistrationPurpose, RegistrationStatus } from '../../client';
import { ActionId, CallbackId } from '../../slack/ids';
import { actions, button, confirmation, context, divider, header, modalText, section } from '../../slack/blocks';
import { BUSINESS_ACCOUNT_FIELDS, USER_ACCOUNT_FIELDS, formInputs, formView, type FormAgain } from '../ui/forms';
import { encodeMetadata } from '../ui/metadata';
import { plainTime, stepHeading } from '../../slack/text';
import { completionBlocks, urnBlocks } from '../../slack/messages/completion';
import type { BusinessAccountSummary } from '../../domain/notices';
import type { MembershipRef } from '../../records/directory';
import { businessAgainChoiceBlocks, registeredBlocks, yourBusinessesBlocks } from '../business-again/views';

export interface RegistrationModel {
  status: RegistrationStatus;
  locale: Locale;
  /** Offer the development-only simulated sign-in at the credential step. */
  simulatedSignIn: boolean;
  /** Providers configured for OpenID Connect sign-in: offered instead of the simulated sign-in. */
  signInProviders?: readonly CredentialProvider[];
  /** The owner's business account, once completed with one. */
  business?: BusinessAccountSummary;
  /** Shown above the step: what went wrong, or why the view changed under the applicant. */
  banner?: string;
  /** Every business account the person belongs to, once registered (completed, or a business-account run ended). */
  memberships?: readonly MembershipRef[];
  /** At the terms step: the line linking to the full text of the version shown (bot/terms/view.ts). */
  termsFullText?: string;
}

function modal(
  t: Translate,
  locale: Locale,
  blocks: KnownBlock[],
  closeKey: 'bot.modal.close' | 'bot.modal.done' = 'bot.modal.close',
): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.Registration,
    title: modalText(t('bot.modal.title')),
    close: modalText(t(closeKey)),
    private_metadata: encodeMetadata({ locale }),
    blocks,
  };
}

const bannerBlocks = (t: Translate, banner?: string): KnownBlock[] =>
  banner ? [section(t('bot.error.title', { message: banner })), divider()] : [];

/** Shown the instant /cers is typed, before anything is known: in both languages, as the locale is not known yet. */
export function loadingView(): ModalView {
  const en = translator('en');
  const fr = translator('fr');
  return {
    type: 'modal',
    callback_id: CallbackId.Registration,
    title: modalText(en('bot.home.title')),
    close: modalText(`${en('bot.modal.close')} · ${fr('bot.modal.close')}`),
    blocks: [section(en('bot.loading')), section(fr('bot.loading'))],
  };
}

/** Something on our side failed (Temporal or the database unreachable): nothing changed, try again. */
export function unavailableView(locale: Locale, message?: string): ModalView {
  const t = translator(locale);
  return modal(t, locale, [section(t('bot.error.title', { message: message ?? t('bot.error.generic') }))]);
}

export function processingView(locale: Locale): ModalView {
  const t = translator(locale);
  return { ...modal(t, locale, [section(t('bot.processing.text'))]), title: modalText(t('bot.processing.title')) };
}

/** The view for wherever the registration is now. */
export function registrationView(model: RegistrationModel): ModalView {
  const t = translator(model.locale);
  switch (model.status.step) {
    case 'credential':
      return credentialView(t, model);
    case 'terms':
      return termsView(t, model);
    case 'userAccount':
      return userAccountForm(model.locale, { banner: model.banner });
    case 'businessAccount':
      if (model.status.purpose === 'businessAccount')
        return modal(t, model.locale, [
          ...bannerBlocks(t, model.banner),
          ...businessAgainChoiceBlocks(t, model.status.urn!),
        ]);
      return businessChoiceView(t, model);
    case 'completed':
      return modal(
        t,
        model.locale,
        [
          ...bannerBlocks(t, model.banner),
          ...completionBlocks(
            t,
            model.status.urn!,
            model.business,
            model.status.purpose === 'businessAccount' ? 'business_again.completed' : undefined,
          ),
          ...(model.memberships ? yourBusinessesBlocks(t, model.memberships) : []),
        ],
        'bot.modal.done',
      );
    case 'expired':
    case 'cancelled':
      // A business-account run that registered nothing: the person is registered all the same.
      if (model.status.purpose === 'businessAccount' && model.status.urn)
        return modal(
          t,
          model.locale,
          [
            ...bannerBlocks(t, model.banner),
            ...registeredBlocks(t, model.status.step, model.status.urn, model.memberships ?? []),
          ],
          'bot.modal.done',
        );
      return endedView(t, model);
  }
}

function credentialView(t: Translate, model: RegistrationModel): ModalView {
  const blocks: KnownBlock[] = [
    ...bannerBlocks(t, model.banner),
    header(stepHeading(t, 'credential')),
    section(t('bot.credential.intro')),
  ];
  // Real sign-in for each configured provider; in development, the simulated one for the others.
  const configured = model.signInProviders ?? [];
  const simulated = model.simulatedSignIn
    ? (['gckey', 'sign-in-partner'] as const).filter((p) => !configured.includes(p))
    : [];
  const buttons = [
    ...configured.map((provider) =>
      button({
        actionId: provider === 'gckey' ? ActionId.SignIn : ActionId.SignInPartner,
        text: t(provider === 'gckey' ? 'bot.signin.gckey' : 'bot.signin.partner'),
        value: provider,
      }),
    ),
    ...simulated.map((provider) =>
      button({
        actionId: provider === 'gckey' ? ActionId.SimulateSignIn : ActionId.SimulatePartnerSignIn,
        text: t(provider === 'gckey' ? 'bot.credential.simulate_gckey' : 'bot.credential.simulate_partner'),
        value: provider,
      }),
    ),
  ];
  if (buttons.length === 0) {
    blocks.push(context(t('bot.credential.unavailable')));
  } else {
    if (simulated.length > 0) blocks.push(context(t('bot.credential.simulated_warning')));
    blocks.push(actions('credential', { ...buttons[0]!, style: 'primary' }, ...buttons.slice(1)));
  }
  return modal(t, model.locale, blocks);
}

export interface SignInLinkModel {
  locale: Locale;
  provider: CredentialProvider;
  url: string;
  linkId: string;
  expiresAt: Date;
  timeZone?: string;
  /** What the sign-in page just said, when the link still works (e.g. cookies blocked). */
  banner?: string;
}

/** The credential step with a fresh sign-in link: open it (in a browser), or get another. */
export function signInLinkView(model: SignInLinkModel): ModalView {
  const t = translator(model.locale);
  const providerName = t(model.provider === 'gckey' ? 'bot.signin.provider_gckey' : 'bot.signin.provider_partner');
  const time = plainTime(model.expiresAt, model.locale, model.timeZone);
  return modal(t, model.locale, [
    ...bannerBlocks(t, model.banner),
    header(stepHeading(t, 'credential')),
    section(t('bot.signin.link_intro', { provider: providerName })),
    actions(
      'sign-in-link',
      button({
        actionId: ActionId.OpenSignInLink,
        text: t('bot.signin.open'),
        url: model.url,
        value: model.linkId,
        style: 'primary',
      }),
      button({
        actionId: model.provider === 'gckey' ? ActionId.SignIn : ActionId.SignInPartner,
        text: t('bot.signin.new_link'),
        value: model.provider,
      }),
    ),
    context(t('bot.signin.expires', { time })),
  ]);
}

function termsView(t: Translate, model: RegistrationModel): ModalView {
  const version = model.status.termsVersion;
  return modal(t, model.locale, [
    ...bannerBlocks(t, model.banner),
    header(stepHeading(t, 'terms')),
    section(t('bot.terms.intro', { version })),
    section(t('bot.terms.summary')),
    ...(model.termsFullText ? [section(model.termsFullText)] : []),
    actions(
      'terms',
      button({ actionId: ActionId.AcceptTerms, text: t('bot.terms.accept'), value: version, style: 'primary' }),
      button({
        actionId: ActionId.DeclineTerms,
        text: t('bot.terms.decline'),
        confirm: confirmation(
          t('bot.terms.decline_confirm.title'),
          t('bot.terms.decline_confirm.text'),
          t('bot.terms.decline_confirm.confirm'),
          t('bot.terms.decline_confirm.deny'),
          'danger',
        ),
      }),
    ),
  ]);
}

export function userAccountForm(locale: Locale, again: FormAgain = {}): ModalView {
  const t = translator(locale);
  return formView({
    callbackId: CallbackId.UserAccountForm,
    title: t('bot.user_account.title'),
    submit: t('bot.user_account.submit'),
    close: t('bot.modal.close'),
    privateMetadata: encodeMetadata({ locale }),
    intro: [
      ...bannerBlocks(t, again.banner),
      header(stepHeading(t, 'userAccount')),
      context(t('bot.user_account.intro')),
    ],
    inputs: formInputs(USER_ACCOUNT_FIELDS, t, locale, again.values, [], again),
  });
}

function businessChoiceView(t: Translate, model: RegistrationModel): ModalView {
  return modal(t, model.locale, [
    ...bannerBlocks(t, model.banner),
    header(stepHeading(t, 'businessAccount')),
    ...urnBlocks(t, model.status.urn!),
    section(t('bot.business.choice')),
    section(
      t('bot.business.register_hint'),
      button({ actionId: ActionId.OpenBusinessForm, text: t('bot.business.register'), style: 'primary' }),
    ),
    section(
      t('bot.business.join_hint'),
      button({
        actionId: ActionId.JoinExistingBusiness,
        text: t('bot.business.join'),
        confirm: confirmation(
          t('bot.business.join_confirm.title'),
          t('bot.business.join_confirm.text'),
          t('bot.business.join_confirm.confirm'),
          t('bot.terms.decline_confirm.deny'),
        ),
      }),
    ),
  ]);
}

/**
 * The business account form; shown again after a submission, the activation code field is empty
 * (see renewedSecretActionIds). `purpose` says whose step it is: a business account registered
 * later is a run of one step, so its form is not "Step 4 of 4"; the modal keeps it (`subject`)
 * for when the form is shown again.
 */
export function businessAccountForm(locale: Locale, again: FormAgain = {}, purpose?: RegistrationPurpose): ModalView {
  const t = translator(locale);
  return formView({
    callbackId: CallbackId.BusinessAccountForm,
    title: t('bot.business.title'),
    submit: t('bot.business.submit'),
    close: t('bot.modal.close'),
    privateMetadata: encodeMetadata({ locale, ...(purpose ? { subject: purpose } : {}) }),
    intro: [
      ...bannerBlocks(t, again.banner),
      header(stepHeading(t, 'businessAccount', purpose)),
      context(t('bot.business.intro')),
      section(t('bot.business.shared_secret_warning')),
    ],
    inputs: formInputs(BUSINESS_ACCOUNT_FIELDS, t, locale, again.values, [], again),
    outro: [
      actions('business_back', button({ actionId: ActionId.BackToBusinessChoice, text: t('bot.business.back') })),
    ],
  });
}

function endedView(t: Translate, model: RegistrationModel): ModalView {
  const step = model.status.step === 'expired' ? 'expired' : 'cancelled';
  return modal(t, model.locale, [
    ...bannerBlocks(t, model.banner),
    header(stepHeading(t, step)),
    section(t(step === 'expired' ? 'bot.ended.expired' : 'bot.ended.cancelled')),
    actions('ended', button({ actionId: ActionId.StartAgain, text: t('bot.ended.start_again'), style: 'primary' })),
  ]);
}
