/**
 * The bare shape of a registration, for the benchmark's baseline: a start, four updates each
 * running one activity, and the result. No validation, records, timers or search attributes:
 * what Temporal itself costs on this machine for this many round trips.
 */
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities';

export const bareStep = defineUpdate<string, [string]>('bareStep');
export const BARE_STEPS = 4;

const { echo } = proxyActivities<typeof activities>({ startToCloseTimeout: '15s' });

export async function bareRegistration(): Promise<number> {
  let steps = 0;
  setHandler(bareStep, async (input) => {
    const answer = await echo(input);
    steps += 1;
    return answer;
  });
  await condition(() => steps >= BARE_STEPS);
  await condition(allHandlersFinished);
  return steps;
}
