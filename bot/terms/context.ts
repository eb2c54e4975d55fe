/** What the bot knows of the Terms and Conditions: the current version, its pages, who accepted it. */
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import { readTermsDocument, type TermsDocument } from '../../config/terms';
import type { Locale } from '../../domain/registration-inputs';
import {
  acceptTermsVersion,
  currentTermsVersion,
  type TermsAcceptanceInput,
  type TermsAcceptanceResult,
} from '../../client';
import { AcceptedTermsCache } from '../../records/terms-standing';
import { termsUrl } from './page';

export interface TermsContext {
  /** The version registered people must have accepted (CERS_TERMS_VERSION, else CURRENT_TERMS_VERSION). */
  version: string;
  /** The page of a version in a language. */
  url(version: string, locale: Locale): string;
  /** A published document (undefined: not in the repository, which start-up refuses for the current one). */
  document(version: string, locale: Locale): TermsDocument | undefined;
  /** People known to have accepted the current version. */
  accepted: AcceptedTermsCache;
  /** Records an acceptance through its workflow (once per account and version). */
  accept(input: TermsAcceptanceInput): Promise<TermsAcceptanceResult>;
}

export function createTermsContext(config: Config, temporal: Client): TermsContext {
  const documents = new Map<string, TermsDocument | undefined>();
  return {
    version: currentTermsVersion(config),
    url: (version, locale) => termsUrl(config.signIn.publicUrl, version, locale),
    document(version, locale) {
      const key = `${version}/${locale}`;
      if (!documents.has(key)) {
        const read = readTermsDocument(config.terms.dir, version, locale);
        documents.set(key, typeof read === 'string' ? undefined : read);
      }
      return documents.get(key);
    },
    accepted: new AcceptedTermsCache(),
    accept: (input) => acceptTermsVersion(temporal, config, input),
  };
}
