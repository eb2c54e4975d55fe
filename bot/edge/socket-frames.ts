/**
 * Every Socket Mode frame passes here, parsed, before Bolt's SocketModeClient reads it: the one
 * place to check envelopes (the frame's shape, then the payload's with the HTTP receiver's zod
 * schemas, bot/edge/slack-envelope.ts). The client reads
 * `payload.event.type` of an `events_api` envelope without checking, in an async listener, so a
 * frame without it would end the process with an unhandled rejection; here it is acked (so Slack
 * does not redeliver it), logged and dropped instead.
 */
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../config/logger';
import { parseSlackEnvelope } from './slack-envelope';

type SocketModeClient = SocketModeReceiver['client'];

const ENVELOPE_TYPES = new Set(['slash_commands', 'interactive', 'events_api']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a parsed frame must not reach Bolt, or undefined when it may. */
export function envelopeProblem(frame: unknown): string | undefined {
  if (!isObject(frame)) return 'not_an_object';
  if (frame['type'] === 'hello' || frame['type'] === 'disconnect') return undefined;
  if (typeof frame['envelope_id'] !== 'string') return 'no_envelope_id';
  if (typeof frame['type'] !== 'string' || !ENVELOPE_TYPES.has(frame['type'])) return 'unknown_envelope_type';
  const payload = frame['payload'];
  if (!isObject(payload)) return 'no_payload';
  if (frame['type'] === 'events_api' && !(isObject(payload['event']) && typeof payload['event']['type'] === 'string'))
    return 'no_event';
  // The payload is what Slack would have posted over HTTP: the same schema as bot/edge/http-receiver.ts applies.
  const parsed = parseSlackEnvelope(payload);
  return parsed.ok ? undefined : parsed.error;
}

/** The client's own ack, `send(envelopeId)`: public in its JavaScript, private in its type declarations. */
function ack(client: SocketModeClient, envelopeId: string): Promise<void> {
  return (client as unknown as { send(envelopeId: string): Promise<void> }).send(envelopeId);
}

/** Puts {@link envelopeProblem} in front of the client's own frame handling. */
export function guardSocketFrames(client: SocketModeClient, log: Logger): void {
  const handlers = client.listeners('ws_message');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    if (!isBinary) {
      let frame: unknown;
      try {
        frame = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer));
      } catch {
        frame = undefined; // The client ignores what does not parse.
      }
      const problem = frame === undefined ? undefined : envelopeProblem(frame);
      if (problem) {
        const envelopeId =
          isObject(frame) && typeof frame['envelope_id'] === 'string' ? frame['envelope_id'] : undefined;
        log.warn('Socket Mode frame refused', { reason: problem, envelopeId });
        // Acked so Slack does not redeliver it.
        if (envelopeId) ack(client, envelopeId).catch(() => undefined);
        return;
      }
    }
    for (const handler of handlers) handler(data, isBinary);
  });
}
