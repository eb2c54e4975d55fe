/**
 * What a registered person sees when the Terms and Conditions changed: the new version, the link
 * to its full text, and Accept; then that it is recorded and what to do next.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../../domain/registration-inputs';
import { translator, type Translate } from '../../i18n/catalogue';
import { actions, button, header, modalText, section } from '../../slack/blocks';
import { ActionId, CallbackId } from '../../slack/ids';
import { encodeMetadata } from '../ui/metadata';
import type { TermsContext } from './context';

/** The line linking to a version's full text, with its date (nothing when it is not published). */
export function fullTextLine(t: Translate, terms: TermsContext, version: string, locale: Locale): string | undefined {
  const document = terms.document(version, locale);
  return document && t('terms.full_text', { url: terms.url(version, locale), version, date: document.date });
}

function termsModal(
  t: Translate,
  locale: Locale,
  blocks: KnownBlock[],
  closeKey: 'bot.modal.close' | 'bot.modal.done',
) {
  return {
    type: 'modal',
    callback_id: CallbackId.Terms,
    title: modalText(t('terms.renew.title')),
    close: modalText(t(closeKey)),
    private_metadata: encodeMetadata({ locale }),
    blocks,
  } satisfies ModalView;
}

/** The new version to accept before anything else; `banner` says why it is shown again. */
export function newTermsView(terms: TermsContext, locale: Locale, banner?: string): ModalView {
  const t = translator(locale);
  const { version } = terms;
  const link = fullTextLine(t, terms, version, locale);
  return termsModal(
    t,
    locale,
    [
      ...(banner ? [section(banner)] : []),
      header(t('terms.renew.heading')),
      section(t('terms.renew.intro', { version })),
      ...(link ? [section(link)] : []),
      actions(
        'terms_renew',
        button({
          actionId: ActionId.AcceptNewTerms,
          text: t('terms.renew.accept', { version }),
          value: version,
          style: 'primary',
        }),
      ),
    ],
    'bot.modal.close',
  );
}

export function termsAcceptedView(locale: Locale, version: string): ModalView {
  const t = translator(locale);
  return termsModal(t, locale, [section(t('terms.renew.accepted', { version }))], 'bot.modal.done');
}
