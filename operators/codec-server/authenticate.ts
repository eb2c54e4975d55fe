/**
 * Who is asking the codec server, and in which role. In production: the Web UI's forwarded access
 * token (TEMPORAL_CODEC_PASS_ACCESS_TOKEN=true sends `Authorization: Bearer <token>`), a JWT checked
 * against the configured issuer's keys, audience and expiry, whose roles claim names `operator` or
 * `privacy-officer`; or an operator token, configured as its sha256. In development, bound to
 * loopback with no authentication configured, a caller needs nothing and reads as an operator.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { CODEC_ROLES, type CodecRole, type CodecServerConfig } from '../../config/codec';

export interface Caller {
  /** For the audit trail: `loopback`, `operator-token:<name>` or `oidc:<subject>`. */
  actor: string;
  role: CodecRole;
}

export type Authentication =
  | { ok: true; caller: Caller }
  /** 401: no credentials, or bad ones; 403: a valid token without a codec role. */
  | { ok: false; status: 401 | 403; reason: 'missing' | 'invalid' | 'no_role' };

export type Authenticate = (authorization: string | undefined) => Promise<Authentication>;

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function createAuthenticator(
  config: CodecServerConfig,
  env: 'development' | 'test' | 'production',
): Authenticate {
  const configured = Boolean(config.oidc) || config.operatorTokens.length > 0;
  const anonymousAllowed = env !== 'production' && isLoopbackHost(config.host) && !configured;
  const verifyJwt = config.oidc ? jwtVerifier(config.oidc) : undefined;
  const tokenHashes = config.operatorTokens.map((token) => ({ ...token, hash: Buffer.from(token.sha256, 'hex') }));

  return async (authorization) => {
    if (anonymousAllowed) return { ok: true, caller: { actor: 'loopback', role: 'operator' } };
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, status: 401, reason: 'missing' };
    const hash = createHash('sha256').update(token).digest();
    // Every entry compared, in constant time each: the answer's timing says nothing of which matched.
    const matched = tokenHashes.filter((entry) => timingSafeEqual(entry.hash, hash)).at(0);
    if (matched) return { ok: true, caller: { actor: `operator-token:${matched.name}`, role: matched.role } };
    if (!verifyJwt || token.split('.').length !== 3) return { ok: false, status: 401, reason: 'invalid' };
    const claims = await verifyJwt(token).catch(() => undefined);
    if (!claims?.sub) return { ok: false, status: 401, reason: 'invalid' };
    const role = roleFromClaims(claims, config.oidc!.rolesClaim);
    if (!role) return { ok: false, status: 403, reason: 'no_role' };
    return { ok: true, caller: { actor: `oidc:${claims.sub}`, role } };
  };
}

/** The strongest codec role the claim names: privacy-officer over operator. */
export function roleFromClaims(claims: JWTPayload, claimPath: string): CodecRole | undefined {
  let value: unknown = claims;
  for (const part of claimPath.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  const roles = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  return [...CODEC_ROLES].reverse().find((role) => roles.includes(role));
}

const Discovery = z.object({ jwks_uri: z.url() });

function jwtVerifier(oidc: NonNullable<CodecServerConfig['oidc']>): (token: string) => Promise<JWTPayload> {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () => {
    keys ??= (async () => {
      if (oidc.jwksUrl) return createRemoteJWKSet(new URL(oidc.jwksUrl));
      const response = await fetch(`${oidc.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
      if (!response.ok) throw new Error(`OpenID discovery of ${oidc.issuer} answered ${response.status}`);
      return createRemoteJWKSet(new URL(Discovery.parse(await response.json()).jwks_uri));
    })().catch((error: unknown) => {
      keys = undefined; // try the discovery again on the next request
      throw error;
    });
    return keys;
  };
  return async (token) => {
    const { payload } = await jwtVerify(token, await keySet(), {
      issuer: oidc.issuer,
      audience: oidc.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: 30,
    });
    return payload;
  };
}
