/**
 * Bolt's HTTPReceiver with a guard in front of `/slack/events`: the body is read (bounded), its
 * signature checked within 5 minutes of now either way, parsed the way Bolt parses it and checked
 * with {@link parseSlackEnvelope}; only then does Bolt see the request. Every refusal is a typed
 * 4xx (`{"ok":false,"error":...}`) and a log line without the body.
 *
 * Bolt alone throws outside any handler on a signed `payload=null` (the process ends), answers
 * 500 to a signed envelope whose fields have the wrong shape, and accepts timestamps from any
 * time in the future. The sign-in pages and `/healthz` (custom routes) go to Bolt as before.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import {
  HTTPModuleFunctions,
  HTTPReceiverDeferredRequestError,
  HTTPReceiver,
  type BufferedIncomingMessage,
  type HTTPReceiverOptions,
  type ReceiverDispatchErrorHandlerArgs,
} from '@slack/bolt';
import type { Logger } from '../../config/logger';
import { parseSlackEnvelope } from './slack-envelope';

/** Slack's guidance: refuse a request whose timestamp is more than 5 minutes from now, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Bolt's default is 4 MB; the bot's largest form is a few KB and Slack's largest modal far below this. */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

export type SignatureCheck = 'ok' | 'missing' | 'out_of_window' | 'mismatch';

/** Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function checkSlackSignature(
  signingSecret: string,
  headers: IncomingMessage['headers'],
  rawBody: Buffer,
  nowMs = Date.now(),
): SignatureCheck {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(timestamp)) return 'missing';
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'out_of_window';
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}

/** The typed refusals of `/slack/events`, by HTTP status. */
export const SlackRequestRefusal = {
  Unauthorized: 'unauthorized',
  BodyTooLarge: 'body_too_large',
  UnreadableBody: 'unreadable_body',
  MalformedBody: 'malformed_body',
  MalformedUrl: 'malformed_url',
} as const;

function refuse(res: ServerResponse, status: number, body: { error: string; issues?: string[] }): void {
  if (res.headersSent) return;
  // `close`: a refused body may still be arriving; the connection is not reused for it.
  res
    .writeHead(status, { 'content-type': 'application/json', connection: 'close' })
    .end(JSON.stringify({ ok: false, ...body }));
}

/** Errors while routing a request (Bolt's listener threw): unknown path 404, undecodable path 400, else 500. */
function dispatchError(log: Logger) {
  return ({ error, request, response }: Omit<ReceiverDispatchErrorHandlerArgs, 'logger'>): void => {
    if (error instanceof HTTPReceiverDeferredRequestError) {
      if (!response.headersSent) response.writeHead(404).end();
      return;
    }
    if (error instanceof URIError) {
      refuse(response, 400, { error: SlackRequestRefusal.MalformedUrl });
      return;
    }
    log.error('HTTP request failed', { method: request.method, error: `${error.name}: ${error.message}` });
    if (!response.headersSent) response.writeHead(500).end();
  };
}

export interface GuardedHTTPReceiverOptions extends HTTPReceiverOptions {
  log: Logger;
}

export class GuardedHTTPReceiver extends HTTPReceiver {
  constructor({ log, ...options }: GuardedHTTPReceiverOptions) {
    super({ bodyLimit: SLACK_BODY_LIMIT_BYTES, dispatchErrorHandler: dispatchError(log), ...options });
    const bolt = this.requestListener;
    const endpoints = [options.endpoints ?? '/slack/events'].flat();
    const signingSecret = options.signingSecret;
    const onDispatchError = dispatchError(log);
    const toBolt = (req: IncomingMessage, res: ServerResponse) => {
      try {
        bolt(req, res);
      } catch (error) {
        // As Bolt's own server does when its listener throws (an unknown path, an undecodable one).
        onDispatchError({ error: error as Error, request: req, response: res });
      }
    };

    const guard = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      let buffered: BufferedIncomingMessage;
      try {
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, SLACK_BODY_LIMIT_BYTES);
      } catch (error) {
        const tooLarge =
          HTTPModuleFunctions.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413);
        log.warn('Slack request refused', {
          status: tooLarge ? 413 : 400,
          reason: tooLarge ? 'body too large' : 'body unreadable',
        });
        refuse(res, tooLarge ? 413 : 400, {
          error: tooLarge ? SlackRequestRefusal.BodyTooLarge : SlackRequestRefusal.UnreadableBody,
        });
        return;
      }
      const contentType = req.headers['content-type'];
      // Slack's SSL check is unsigned by design; nothing else in it is read.
      if (
        contentType === 'application/x-www-form-urlencoded' &&
        parseQuery(buffered.rawBody.toString())['ssl_check'] === '1'
      ) {
        res.writeHead(200).end();
        return;
      }
      const signature = checkSlackSignature(signingSecret, req.headers, buffered.rawBody);
      if (signature !== 'ok') {
        log.warn('Slack request refused', { status: 401, reason: signature });
        refuse(res, 401, { error: SlackRequestRefusal.Unauthorized });
        return;
      }
      let body: unknown;
      try {
        // Bolt's own parser: what is checked here is exactly what Bolt will route.
        body = HTTPModuleFunctions.parseHTTPRequestBody(buffered) as unknown;
      } catch {
        log.warn('Slack request refused', { status: 400, reason: 'body is not JSON or a form' });
        refuse(res, 400, { error: SlackRequestRefusal.MalformedBody });
        return;
      }
      const envelope = parseSlackEnvelope(body);
      if (!envelope.ok) {
        log.warn('Slack request refused', {
          status: 400,
          reason: envelope.error,
          kind: envelope.kind,
          issues: envelope.issues?.join('; '),
        });
        refuse(res, 400, { error: envelope.error, ...(envelope.issues ? { issues: envelope.issues } : {}) });
        return;
      }
      if (envelope.envelope.kind === 'app_rate_limited') {
        log.warn('Slack paused event delivery for a minute (too many failed deliveries)', {
          minute: envelope.envelope.body.minute_rate_limited,
        });
        res.writeHead(200).end();
        return;
      }
      toBolt(buffered, res);
    };

    const guarded: RequestListener = (req, res) => {
      let path: string;
      try {
        path = new URL(req.url ?? '/', 'http://localhost').pathname;
      } catch {
        refuse(res, 400, { error: SlackRequestRefusal.MalformedUrl });
        return;
      }
      if (req.method !== 'POST' || !endpoints.includes(path)) {
        toBolt(req, res);
        return;
      }
      guard(req, res).catch((error: Error) => {
        log.error('Slack request failed', { error: `${error.name}: ${error.message}` });
        if (!res.headersSent) res.writeHead(500).end();
      });
    };
    this.requestListener = guarded;
  }
}
