/**
 * Temporal update ids derived from what Slack sends, so that a redelivered request carries the
 * same id and the workflow applies it once:
 * - a button: the action's `action_ts` (a second click is a second action, which the workflow then
 *   refuses as belonging to a step already done);
 * - a form: the view id and hash, plus a keyed digest of the values (after an inline error Slack
 *   keeps the hash, and the corrected form must be a new attempt, not the first one's answer).
 * The digest is an HMAC, so the update id in history reveals nothing of what was typed.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { Config } from '../config';
import { resolvePayloadKeys } from '../client/payload-keys';

/**
 * The HMAC key: derived from the active payload key, a secret only the service holds (update ids
 * sit in clear in Temporal history, so a key anyone with history could learn, such as the Slack
 * token, would let them test guesses of a typed activation code). Stable across restarts.
 */
export function updateIdKey(config: Config): Buffer {
  const keys = resolvePayloadKeys(config);
  const secret = Buffer.from(keys.keys[keys.activeKeyId]!, 'base64');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cers-onboard slack update ids', 32));
}

export class UpdateIds {
  constructor(private readonly key: Buffer) {}

  forAction(action: { action_ts?: string }, userId: string): string {
    return `slack-action:${userId}:${action.action_ts ?? 'unknown'}`;
  }

  forSubmission(view: { id: string; hash: string }, values: Record<string, string>): string {
    const canonical = JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
    return `slack-view:${view.id}:${view.hash}:${this.digest(canonical)}`;
  }

  /** A stable opaque id for a Slack user, e.g. the simulated sign-in's subject. */
  opaque(text: string): string {
    return this.digest(text);
  }

  private digest(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url').slice(0, 22);
  }
}
