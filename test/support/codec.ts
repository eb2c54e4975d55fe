/**
 * Test helpers for the codec server: the payloads of a real workflow history in the codec
 * protocol's JSON, a local OpenID issuer that signs access tokens (its JWKS over real HTTP), and
 * a codec server started on a free loopback port.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { EncryptionCodec, type PayloadKeys } from '../../client/encryption-codec';
import type { CodecServerConfig } from '../../config/codec';
import { createLogger } from '../../config/logger';
import { createAuthenticator, createCodecHttpServer } from '../../operators/codec-server';
import { listeningUrl } from '../../operators/codec-server/server';
import type { JsonPayload } from '../../operators/codec-server/protocol';
import type { Database } from '../../records';

export type FoundPayload = { path: string; payload: temporal.api.common.v1.IPayload };

/** Every payload in a history except search attributes (clear by design), with its path. */
export function collectPayloads(node: unknown, path = '', found: FoundPayload[] = []): FoundPayload[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return found;
  if ('metadata' in node && 'data' in node) {
    found.push({ path, payload: node as temporal.api.common.v1.IPayload });
    return found;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'searchAttributes') collectPayloads(value, `${path}.${key}`, found);
  }
  return found;
}

export async function historyPayloads(client: Client, namespace: string, workflowId: string): Promise<FoundPayload[]> {
  const raw = await client.workflowService.getWorkflowExecutionHistory({ namespace, execution: { workflowId } });
  return collectPayloads(raw.history);
}

export function asJson(payload: temporal.api.common.v1.IPayload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/** The value of a json/plain payload the codec server returned (undefined for binary/null). */
export function jsonValue(payload: JsonPayload): unknown {
  const encoding = Buffer.from(payload.metadata?.encoding ?? '', 'base64').toString();
  if (encoding === 'binary/null') return undefined;
  if (encoding !== 'json/plain') throw new Error(`expected json/plain, got ${encoding}`);
  return JSON.parse(Buffer.from(payload.data ?? '', 'base64').toString('utf8'));
}

export function keyIdOf(payload: temporal.api.common.v1.IPayload): string | undefined {
  const id = payload.metadata?.['encryption-key-id'];
  return id ? Buffer.from(id).toString() : undefined;
}

export interface TestIssuer {
  issuer: string;
  /** An access token signed by this issuer; `claims` override the defaults (sub, aud, exp in 5 minutes). */
  sign(claims?: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

/** An OpenID issuer on loopback: discovery document and JWKS, as the codec server fetches them. */
export async function startTestIssuer(audience: string): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks` }
        : request.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    response.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign: (claims = {}) =>
      new SignJWT({ sub: 'operator-1', aud: audience, iss: issuer, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuedAt()
        .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : '5m')
        .sign(privateKey),
    close: () => closeServer(server),
  };
}

/** A token that signs with another key than the issuer publishes. */
export async function forgedToken(issuer: string, audience: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ sub: 'intruder', aud: audience, iss: issuer, roles: ['privacy-officer'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setExpirationTime('5m')
    .sign(privateKey);
}

export function newOperatorToken(): { token: string; sha256: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, sha256: createHash('sha256').update(token).digest('hex') };
}

export interface TestCodecServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestCodecServer(options: {
  db: Database;
  keys: PayloadKeys;
  codec: Partial<CodecServerConfig>;
  env?: 'development' | 'test' | 'production';
  maxBodyBytes?: number;
}): Promise<TestCodecServer> {
  const codecConfig: CodecServerConfig = {
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [],
    operatorTokens: [],
    ...options.codec,
  };
  const server = createCodecHttpServer({
    codec: new EncryptionCodec(options.keys),
    authenticate: createAuthenticator(codecConfig, options.env ?? 'production'),
    db: options.db,
    allowedOrigins: codecConfig.allowedOrigins,
    defaultNamespace: 'default',
    log: createLogger('codec', 'warn'),
    maxBodyBytes: options.maxBodyBytes,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: listeningUrl(server, '127.0.0.1'), close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
