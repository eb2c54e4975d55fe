/** Jest global teardown: stops what global-setup.ts started, last started first. */

/** Where global-setup.ts leaves its stops: Jest runs both in its own process, so they share globalThis. */
export const STACK_STOPS = Symbol.for('cers-test-stack-stops');
export type WithStackStops = typeof globalThis & { [STACK_STOPS]?: (() => Promise<void>)[] };

export async function stopStack(): Promise<void> {
  const stops = (globalThis as WithStackStops)[STACK_STOPS] ?? [];
  delete (globalThis as WithStackStops)[STACK_STOPS];
  for (const stop of stops.reverse())
    await stop().catch((e: Error) => process.stderr.write(`teardown: ${e.message}\n`));
}

export default stopStack;
