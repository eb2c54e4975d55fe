/**
 * The codec server's HTTP side: routes, CORS for the configured Web UI origins, body limits and
 * validation, authentication, the audit row of each decode. Every answer is JSON; an error names
 * what was wrong (in the caller's language, from Accept-Language) and never carries a stack trace
 * or a payload.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EncryptionCodec } from '../../client/encryption-codec';
import { PayloadTooLargeError } from '../../client/encryption-codec';
import type { Logger } from '../../config/logger';
import { translate } from '../../i18n/catalogue';
import type { MessageKey } from '../../i18n/catalogue';
import { recordPayloadsDecoded, type Database } from '../../records';
import type { Authenticate } from './authenticate';
import { decodeForRole } from './decode-by-role';
import { MAX_BODY_BYTES, PayloadsBody, fromJson, operationOf, toJson } from './protocol';

export interface CodecServerDeps {
  codec: EncryptionCodec;
  authenticate: Authenticate;
  db: Database;
  allowedOrigins: string[];
  /** The namespace to record when a caller names none. */
  defaultNamespace: string;
  log: Logger;
  maxBodyBytes?: number;
}

const ALLOWED_HEADERS = 'Content-Type, X-Namespace, Authorization';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export function createCodecHttpServer(deps: CodecServerDeps): Server {
  return createServer((request, response) => {
    handle(deps, request, response).catch((error: unknown) => {
      const known = error instanceof HttpError ? error : undefined;
      if (!known) deps.log.error('codec request failed', { error: (error as Error).message });
      send(response, known?.status ?? 500, errorBody(request, known?.key ?? 'codec.error.internal', known?.params));
    });
  });
}

async function handle(deps: CodecServerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://codec.invalid');
  const origin = request.headers.origin;
  const originAllowed = origin !== undefined && deps.allowedOrigins.includes(origin);
  if (originAllowed) corsHeaders(response, origin);
  if (request.method === 'GET' && url.pathname === '/healthz') return send(response, 200, { status: 'ok' });

  const route = operationOf(url.pathname);
  if (!route) throw new HttpError(404, 'codec.error.not_found');
  // A browser page from anywhere else: refused before anything is read (the CLI sends no Origin).
  if (origin !== undefined && !originAllowed) throw new HttpError(403, 'codec.error.origin', { origin });
  if (request.method === 'OPTIONS') {
    response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', '600');
    if (request.headers['access-control-request-private-network'] === 'true')
      response.setHeader('Access-Control-Allow-Private-Network', 'true');
    response.writeHead(204).end();
    return;
  }
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST, OPTIONS');
    throw new HttpError(405, 'codec.error.method');
  }

  const authentication = await deps.authenticate(request.headers.authorization);
  if (!authentication.ok) {
    // Drain what was sent, unread, so the connection can answer; none of it is decoded.
    request.resume();
    throw new HttpError(authentication.status, `codec.error.${authentication.reason}`);
  }
  const body = PayloadsBody.safeParse(await readJson(request, deps.maxBodyBytes ?? MAX_BODY_BYTES));
  if (!body.success) {
    const issue = body.error.issues[0]!;
    throw new HttpError(400, 'codec.error.shape', { path: issue.path.join('.') || '(body)', problem: issue.message });
  }
  const payloads = body.data.payloads.map(fromJson);
  const namespace = headerOf(request, 'x-namespace') ?? route.namespace ?? deps.defaultNamespace;
  const { caller } = authentication;

  if (route.operation === 'encode') {
    const encoded = await deps.codec.encode(payloads).catch((error: unknown) => {
      if (error instanceof PayloadTooLargeError) throw new HttpError(413, 'codec.error.too_large');
      throw error;
    });
    return send(response, 200, { payloads: encoded.map(toJson) });
  }

  const decoded = await decodeForRole(deps.codec, payloads, caller.role);
  // No audit row, no plaintext: a decode nobody could trace is not answered.
  await recordPayloadsDecoded(deps.db, {
    actor: caller.actor,
    role: caller.role,
    namespace,
    workflowId: headerOf(request, 'x-workflow-id'),
    payloads: payloads.length,
    undecodable: decoded.undecodable,
  }).catch((error: unknown) => {
    deps.log.error('codec audit write failed; decode refused', { error: (error as Error).message });
    throw new HttpError(503, 'codec.error.audit');
  });
  send(response, 200, { payloads: decoded.payloads.map(toJson) });
}

function corsHeaders(response: ServerResponse, origin: string): void {
  response.setHeader('Access-Control-Allow-Origin', origin);
  // The UI's "include cross-origin credentials" setting sends cookies; allowed for listed origins only.
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  response.setHeader('Vary', 'Origin');
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.length <= 1000 ? text : undefined;
}

async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    throw new HttpError(413, 'codec.error.body_too_large', { limit });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.resume();
      throw new HttpError(413, 'codec.error.body_too_large', { limit });
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'codec.error.not_json');
  }
}

function localeOf(request: IncomingMessage): 'en' | 'fr' {
  return /^\s*fr\b/i.test(request.headers['accept-language'] ?? '') ? 'fr' : 'en';
}

function errorBody(request: IncomingMessage, key: MessageKey, params: Record<string, string | number> = {}) {
  return { error: key.replace('codec.error.', ''), message: translate(localeOf(request), key, params) };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end();
  response.setHeader('Cache-Control', 'no-store');
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export function listeningUrl(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
