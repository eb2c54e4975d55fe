/** One bare registration driven as bench/registration.ts drives a real one: start, four updates, result. */
import type { Client } from '@temporalio/client';
import { BARE_STEPS, bareStep, type bareRegistration } from './workflow';

export async function driveBareRegistration(
  client: Client,
  taskQueue: string,
  workflowId: string,
  payload: string,
): Promise<{ workflowId: string; totalMs: number }> {
  const began = performance.now();
  const handle = await client.workflow.start<typeof bareRegistration>('bareRegistration', { taskQueue, workflowId });
  for (let step = 0; step < BARE_STEPS; step++) await handle.executeUpdate(bareStep, { args: [payload] });
  const steps = await handle.result();
  if (steps !== BARE_STEPS) throw new Error(`bare registration ${workflowId} ended after ${steps} steps`);
  return { workflowId, totalMs: performance.now() - began };
}
