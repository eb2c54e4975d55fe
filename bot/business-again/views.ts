/**
 * What a registered person sees about registering a business account after their first
 * registration: the business step of such a run (register, or not now), their business accounts
 * with the button that registers another, and how a run that registered nothing ended. Blocks
 * only: views.ts puts them in the registration modal.
 */
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../i18n/catalogue';
import { formatBusinessNumber } from '../../domain/business-number';
import type { MembershipRef } from '../../records/directory';
import { ActionId } from '../../slack/ids';
import { RegistrationPurpose } from '../../domain/registration-steps';
import { actions, button, context, divider, header, section } from '../../slack/blocks';
import { urnBlocks } from '../../slack/messages/completion';
import { roleName } from '../../slack/messages/role-requests';

/** The button that starts a business-account run (completed modal, Home tab, `/cers accounts`). */
export const registerBusinessButton = (t: Translate, primary = false) =>
  button({
    actionId: ActionId.RegisterBusinessAccount,
    text: t('business_again.register'),
    ...(primary ? { style: 'primary' as const } : {}),
  });

/** The value of the button that opens the business form from a business-account run. */
export const ONE_STEP_FORM = RegistrationPurpose.BusinessAccount;

/** The business step of a business-account run: the form, or "not now" (ends it, nothing registered). */
export function businessAgainChoiceBlocks(t: Translate, urn: string): KnownBlock[] {
  return [
    header(t('bot.business.title')),
    ...urnBlocks(t, urn),
    section(t('business_again.choice')),
    section(
      t('bot.business.register_hint'),
      button({
        actionId: ActionId.OpenBusinessForm,
        text: t('bot.business.register'),
        style: 'primary',
        // The form of a run of one step (not "Step 4 of 4"): see businessAccountForm.
        value: ONE_STEP_FORM,
      }),
    ),
    section(
      t('business_again.not_now_hint'),
      button({ actionId: ActionId.CancelBusinessAccount, text: t('business_again.not_now') }),
    ),
  ];
}

/** Every business account the person belongs to, and the way to register another. */
export function yourBusinessesBlocks(t: Translate, memberships: readonly MembershipRef[]): KnownBlock[] {
  const lines = memberships.map((m) =>
    t('accounts.item', { bn: formatBusinessNumber(m.businessNumber), role: roleName(t, m.role) }),
  );
  return [
    divider(),
    section(
      `${t('business_again.your_businesses')}\n${lines.length > 0 ? lines.join('\n') : t('business_again.none')}`,
    ),
    actions('business-again', registerBusinessButton(t)),
    context(t('business_again.hint')),
  ];
}

/** A business-account run that ended without a business: the person is registered all the same. */
export function registeredBlocks(
  t: Translate,
  ended: 'expired' | 'cancelled',
  urn: string,
  memberships: readonly MembershipRef[],
): KnownBlock[] {
  return [
    header(t('business_again.title')),
    section(t(ended === 'expired' ? 'business_again.expired' : 'business_again.cancelled')),
    ...urnBlocks(t, urn),
    ...yourBusinessesBlocks(t, memberships),
  ];
}
