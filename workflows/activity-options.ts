/**
 * How the workflows call their activities, in one place.
 *
 * A step someone waits on is retried until the database (or CBSA's registry) answers, never
 * abandoned half way: the caller's wait is bounded instead (the client answers ServiceUnavailable
 * after 2 minutes, see client/steps.ts) while the step goes on, and the same request sent again,
 * with the same update id or another, gets its result. Records nobody waits on are retried the
 * same way. Back-off grows to 2 minutes, so a long outage adds few history events. Failures of
 * fact (FailureType) are never retried.
 *
 * Database work takes milliseconds: local activities keep it inside the workflow task (one marker
 * event instead of three). A step whose effect must not happen unless the update carrying it is
 * accepted (a shared-secret guess counts toward the lockout) is an ordinary activity instead: it
 * is scheduled in the same workflow task completion that records the update's acceptance, so it
 * can only run after the acceptance is in history. A local activity runs before that completion.
 *
 * Slack calls cross the network and may be rate limited: ordinary activities, retried by Temporal
 * with back-off for as long as the message is still of use.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Duration, RetryPolicy } from '@temporalio/common';
import type { CersActivities } from '../activities';
import { FailureType } from '../domain/failures';
import { refusalOf } from '../domain/payload-limits';

const untilAnswered: RetryPolicy = {
  initialInterval: '200ms',
  backoffCoefficient: 2,
  maximumInterval: '2m',
  nonRetryableErrorTypes: Object.values(FailureType),
};

/**
 * An activity result the worker's codec could not read (a payload key removed from the
 * configuration) is not data: the workflow task fails, loudly, until the key is back.
 */
function readable<T extends object>(activities: T): T {
  return new Proxy(activities, {
    get(target, name, receiver) {
      const call = Reflect.get(target, name, receiver) as unknown;
      if (typeof call !== 'function') return call;
      return async (...args: unknown[]) => {
        const result: unknown = await (call as (...a: unknown[]) => Promise<unknown>)(...args);
        if (refusalOf(result))
          throw new Error(`The result of activity ${String(name)} cannot be read (${refusalOf(result)})`);
        return result;
      };
    },
  });
}

/** Database steps someone is waiting on: retried until the database answers. */
export const waitedOn = () =>
  readable(proxyLocalActivities<CersActivities>({ startToCloseTimeout: '30s', retry: untilAnswered }));

/** Steps someone waits on whose effect must follow the update's acceptance (see above). */
export const afterAcceptance = () =>
  readable(proxyActivities<CersActivities>({ startToCloseTimeout: '30s', retry: untilAnswered }));

/** Database records nobody waits on (lifecycle, audit): retried until the database answers. */
export const records = () =>
  readable(proxyLocalActivities<CersActivities>({ startToCloseTimeout: '30s', retry: untilAnswered }));

/** Slack messages, retried with back-off while they are still of use (`usefulFor`). */
export const slackMessages = (usefulFor: Duration, perCall: Duration = '15s') =>
  readable(
    proxyActivities<CersActivities>({
      // A Slack call answers in well under a second; the client's own HTTP timeout is 10 s.
      startToCloseTimeout: perCall,
      scheduleToCloseTimeout: usefulFor,
      retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
    }),
  );
