/** The handlers' dependencies, built the same way on the work thread and in-process. */
import { LogLevel, WebClient } from '@slack/web-api';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import type { Logger } from '../../config/logger';
import type { Database } from '../../records';
import type { BotContext } from '../context';
import { SlackProfiles } from '../locales';
import { RegistrationGateway } from '../../client';
import { RequestGateway } from '../../client';
import { ProfileGateway } from '../../client';
import { OidcProviders } from '../../sign-in/providers';
import { UpdateIds, updateIdKey } from '../update-ids';
import { resolveSearchKey } from '../../client/payload-keys';
import { SupportTeam } from '../support/team';
import { createTermsContext } from '../terms/context';

/** Everything the work needs besides its connections; plain data, so it crosses to a thread. */
export interface WorkSettings {
  config: Config;
  botToken: string;
  apiUrl?: string;
  submissionAckBudgetMs: number;
}

export function createWorkContext(
  settings: WorkSettings,
  deps: { temporal: Client; db: Database; log: Logger },
): { ctx: BotContext; client: WebClient } {
  const client = new WebClient(settings.botToken, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    // Interactions are short-lived: fail fast rather than retry for minutes; rate limits are
    // still waited out as Slack's Retry-After asks.
    retryConfig: { retries: 2, minTimeout: 100, maxTimeout: 1_000 },
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
  const ctx: BotContext = {
    gateway: new RegistrationGateway(deps.temporal, settings.config),
    requests: new RequestGateway(deps.temporal, settings.config),
    profile: new ProfileGateway(deps.temporal, settings.config),
    db: deps.db,
    profiles: new SlackProfiles(),
    updateIds: new UpdateIds(updateIdKey(settings.config)),
    simulatedSignIn: settings.config.slack.simulatedSignIn,
    providers: new OidcProviders(settings.config.signIn),
    signIn: settings.config.signIn,
    submissionAckBudgetMs: settings.submissionAckBudgetMs,
    support: {
      team: new SupportTeam(settings.config.support.usergroupId, deps.log),
      lookup: { config: settings.config, temporal: deps.temporal, searchKey: resolveSearchKey(settings.config) },
    },
    helpUrls: settings.config.help.url,
    terms: createTermsContext(settings.config, deps.temporal),
    log: deps.log,
  };
  return { ctx, client };
}
