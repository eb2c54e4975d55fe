/** What every listener needs, created once per bot (see app.ts). */
import type { Logger } from '../config/logger';
import type { Database } from '../records';
import { Applicant, type Locale } from '../domain/registration-inputs';
import type { SlackProfiles } from './locales';
import type { RegistrationGateway } from '../client';
import type { RequestGateway } from '../client';
import type { ProfileGateway } from '../client';
import type { OidcProviders } from '../sign-in/providers';
import type { SignInConfig } from '../config';
import type { UpdateIds } from './update-ids';
import type { LookupDeps } from '../operators/support/lookup';
import type { SupportTeam } from './support/team';
import type { TermsContext } from './terms/context';

export interface BotContext {
  gateway: RegistrationGateway;
  requests: RequestGateway;
  /** Profile changes (`/cers profile`): name, phone, language, and e-mail confirmed by a code. */
  profile: ProfileGateway;
  db: Database;
  profiles: SlackProfiles;
  updateIds: UpdateIds;
  /** Offer the development-only simulated sign-in (never in production). */
  simulatedSignIn: boolean;
  /** OpenID providers for credential sign-in, and where sign-in links point. */
  providers: OidcProviders;
  signIn: SignInConfig;
  /**
   * How long a form submission waits for the workflow before acknowledging Slack with a
   * "checking" view (Slack allows 3 s in all; the rest is margin for the network).
   */
  submissionAckBudgetMs: number;
  /** Support lookups (`/cers support`): who may run them, and what they read besides the database. */
  support: { team: SupportTeam; lookup: Omit<LookupDeps, 'db'> };
  /** The help page `/cers help` and the Home tab link to, per language (CERS_HELP_URL). */
  helpUrls: Record<Locale, string>;
  /** The Terms and Conditions registered people must have accepted (bot/terms/). */
  terms: TermsContext;
  log: Logger;
}

/** The applicant behind a Slack request; undefined for anything that is not a plausible Slack user. */
export function applicantOf(teamId: string | undefined, userId: string | undefined): Applicant | undefined {
  const parsed = Applicant.safeParse({ channel: 'slack', teamId, userId });
  return parsed.success ? parsed.data : undefined;
}
