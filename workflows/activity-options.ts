/**
 * How the workflows call their activities, in one place. Database work takes milliseconds: local
 * activities keep it inside the workflow task (one marker event instead of three). What a person
 * waits on is retried for 2 minutes, then answered with a typed "try again" (nothing lost, the
 * step unchanged); records nobody waits on are retried until the database answers. Slack calls
 * cross the network and may be rate limited: ordinary activities, retried by Temporal with
 * back-off for as long as the message is still of use.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Duration, RetryPolicy } from '@temporalio/common';
import type { CersActivities } from '../activities';
import { FailureType } from '../domain/failures';

const localRetry: RetryPolicy = { initialInterval: '200ms', maximumInterval: '10s', nonRetryableErrorTypes: Object.values(FailureType) };

/** Database steps someone is waiting on: 2 minutes, then ServiceUnavailable. */
export const waitedOn = () =>
  proxyLocalActivities<CersActivities>({ startToCloseTimeout: '30s', scheduleToCloseTimeout: '2m', retry: localRetry });

/** Database records nobody waits on (lifecycle, audit): retried until the database answers. */
export const records = () => proxyLocalActivities<CersActivities>({ startToCloseTimeout: '30s', retry: localRetry });

/** Slack messages, retried with back-off while they are still of use (`usefulFor`). */
export const slackMessages = (usefulFor: Duration, perCall: Duration = '15s') =>
  proxyActivities<CersActivities>({
    // A Slack call answers in well under a second; the client's own HTTP timeout is 10 s.
    startToCloseTimeout: perCall,
    scheduleToCloseTimeout: usefulFor,
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
  });
