/** Posting to a command's response_url, as Bolt's `respond()` does: what only its author sees. */
import type { KnownBlock } from '@slack/types';

export interface EphemeralMessage {
  response_type: 'ephemeral';
  text: string;
  blocks?: KnownBlock[];
}

export async function respond(responseUrl: string, message: EphemeralMessage): Promise<void> {
  const response = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}
