/**
 * The workflow's notices as Slack direct messages. Rate limits are not waited out here: the
 * activity fails with Slack's Retry-After as its next retry delay, and Temporal retries it
 * (durably, with the workflow's retry policy). Errors no retry can fix (the user left the
 * workspace, DMs disabled) fail for good, so the workflow logs them and carries on.
 */
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { noticeMessage } from '../slack/messages/applicant-notices';
import { renderMemberMessage } from '../slack/messages';
import type { Database } from '../prisma/database';
import { readBusinessAccountSummary } from '../records/business-accounts';
import { accountLanguageOf } from '../records/profile';
import type { Logger } from '../config/logger';
import { noticeKey, type ApplicantNotifier, type DirectMessages } from './notifications';
import { postOnce } from './slack-deliveries';

/** Slack errors that mean "this person cannot be messaged", not "try later". */
const PERMANENT_ERRORS = new Set([
  'user_not_found',
  'account_inactive',
  'user_disabled',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'is_archived',
  'channel_not_found',
  'not_in_channel',
  'restricted_action',
]);

export interface SlackNotifierOptions {
  botToken: string;
  apiUrl?: string;
  db: Database;
  log: Logger;
}

export function slackWebClientForActivities(botToken: string, apiUrl?: string): WebClient {
  // No retries inside the activity: Temporal owns retrying, with back-off and durable timers.
  return new WebClient(botToken, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    rejectRateLimitedCalls: true,
  });
}

/** The applicant's notices as Slack DMs, each posted once (slack-deliveries.ts), however often the activity runs. */
export function slackNotifier(options: SlackNotifierOptions): ApplicantNotifier {
  const web = slackWebClientForActivities(options.botToken, options.apiUrl);
  return {
    async notify(input) {
      const { registrationId, applicant, notice } = input;
      // The user account's language when there is one: the person may have changed it since the workflow learnt it.
      const locale = (await accountLanguageOf(options.db, registrationId)) ?? input.locale;
      const business =
        notice.kind === 'completed' && notice.businessAccountId
          ? await readBusinessAccountSummary(options.db, notice.businessAccountId)
          : undefined;
      const message = noticeMessage(locale, notice, business);
      await postOnce(
        options.db,
        web,
        { key: noticeKey(input), slackUserId: applicant.userId, message },
        asActivityFailure,
      );
      options.log.info('applicant notice sent', { registrationId, kind: notice.kind });
    },
  };
}

export function asActivityFailure(error: unknown): unknown {
  if (error instanceof WebAPIRateLimitedError) {
    return ApplicationFailure.create({
      type: 'SlackRateLimited',
      message: `Slack rate limit: retry after ${error.retryAfter} s`,
      nextRetryDelay: `${Math.max(error.retryAfter, 1)}s`,
      // Expected under load, not an incident: the SDK logs it at DEBUG instead of a WARN with a stack.
      category: ApplicationFailureCategory.BENIGN,
    });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    return ApplicationFailure.create({
      type: 'SlackApiError',
      message: `Slack refused: ${code}`,
      nonRetryable: PERMANENT_ERRORS.has(code),
    });
  }
  return error;
}

/**
 * Members' direct messages over Slack's Web API (see {@link slackNotifier} for the failure rules);
 * with a key, each posted once (slack-deliveries.ts).
 */
export function slackDirectMessages(options: Pick<SlackNotifierOptions, 'botToken' | 'apiUrl' | 'db'>): DirectMessages {
  const web = slackWebClientForActivities(options.botToken, options.apiUrl);
  return {
    async post(slackUserId, meaning, key) {
      const message = renderMemberMessage(meaning);
      if (key) return postOnce(options.db, web, { key, slackUserId, message }, asActivityFailure);
      try {
        const dm = await web.conversations.open({ users: slackUserId });
        const channel = dm.channel?.id;
        if (!channel)
          throw ApplicationFailure.create({ type: 'SlackApiError', message: 'conversations.open returned no channel' });
        const posted = await web.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
        return { channel: posted.channel ?? channel, ts: posted.ts! };
      } catch (error) {
        throw asActivityFailure(error);
      }
    },
    async replace(ref, meaning) {
      const message = renderMemberMessage(meaning);
      try {
        await web.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: message.blocks ?? [] });
      } catch (error) {
        // A message the member deleted needs no replacing.
        if (error instanceof WebAPIPlatformError && error.data.error === 'message_not_found') return;
        throw asActivityFailure(error);
      }
    },
  };
}
