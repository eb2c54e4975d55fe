/** Modals in general: which one is open (and its hash), replacing it, and reading Slack's error codes. */
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import type { BotContext } from '../context';

export interface OpenView {
  id: string;
  hash?: string;
}

/**
 * Replaces an open modal. With the hash Slack gave us, a concurrent render (a double click handled
 * in parallel) makes this one lose with `hash_conflict`, which is fine: the other shows the same
 * state. A modal the applicant closed is not an error either.
 */
export async function updateModal(
  ctx: BotContext,
  client: WebClient,
  target: OpenView,
  view: ModalView,
): Promise<boolean> {
  try {
    await client.views.update({ view_id: target.id, ...(target.hash ? { hash: target.hash } : {}), view });
    return true;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'hash_conflict' || code === 'not_found') {
      ctx.log.debug('modal not updated', { reason: code });
      return false;
    }
    throw error;
  }
}

/** Slack's error code of a failed Web API call (`invalid_auth`, `hash_conflict`...). */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string'
    ? data.error
    : undefined;
}
