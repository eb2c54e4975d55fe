/**
 * Where `/cers help` and the Home tab send people for more help. The guide's section 3.3 names a
 * "CERS Portal help and support page" whose address comes in a later version of the guide, so it
 * is configuration; until then, CBSA's CERS page. index.ts spreads these into its one schema.
 */
import { z } from 'zod';

export const DEFAULT_HELP_URLS = {
  en: 'https://www.cbsa-asfc.gc.ca/services/cers-scde/get-started-intro-eng.html',
  fr: 'https://www.cbsa-asfc.gc.ca/services/cers-scde/get-started-intro-fra.html',
} as const;

/** The longest help page address accepted (the Block Kit limits test shows the help still fits). */
export const MAX_HELP_URL_LENGTH = 500;

/** The help page in each language the bot speaks. */
export interface HelpConfig {
  url: { en: string; fr: string };
}

const helpUrl = z
  .url({ protocol: /^https$/, error: 'expected an https URL, e.g. https://www.cbsa-asfc.gc.ca/services/cers-scde/' })
  // Long enough for any page address; short enough that the help never has to cut its link.
  .max(MAX_HELP_URL_LENGTH, { message: `expected at most ${MAX_HELP_URL_LENGTH} characters` })
  // The URL goes inside a Slack link, <url|label>: these characters would end it early.
  .refine((url) => !/[\s<>|]/.test(url), { message: 'must not contain spaces, <, > or |' });

export const helpVariables = {
  CERS_HELP_URL: helpUrl.optional(),
  CERS_HELP_URL_FR: helpUrl.optional(),
};

/** Both unset: CBSA's page in each language; only CERS_HELP_URL: that page for French readers too. */
export function helpConfig(env: { CERS_HELP_URL?: string; CERS_HELP_URL_FR?: string }): HelpConfig {
  return {
    url: {
      en: env.CERS_HELP_URL ?? DEFAULT_HELP_URLS.en,
      fr: env.CERS_HELP_URL_FR ?? env.CERS_HELP_URL ?? DEFAULT_HELP_URLS.fr,
    },
  };
}
