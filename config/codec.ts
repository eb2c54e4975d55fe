/**
 * The codec server's variables (operators/codec-server): where it listens, which Web UI origins may
 * call it, and how it authenticates its callers. Split from index.ts to keep that file's one schema
 * readable; index.ts spreads these into it.
 */
import { z } from 'zod';

/** Who may read decoded payloads, and how much (domain/personal-data.ts says what each role sees). */
export const CODEC_ROLES = ['operator', 'privacy-officer'] as const;
export type CodecRole = (typeof CODEC_ROLES)[number];

/** An operator token as configured: its sha256, never the token itself. */
export interface OperatorToken {
  name: string;
  role: CodecRole;
  sha256: string;
}

export interface CodecServerConfig {
  host: string;
  port: number;
  /** Origins (scheme://host:port) of the Web UIs allowed to call it from a browser. */
  allowedOrigins: string[];
  oidc?: {
    issuer: string;
    audience: string;
    /** Unset: the issuer's discovery document names it. */
    jwksUrl?: string;
    /** Claim holding the caller's roles; dotted for nested claims (realm_access.roles). */
    rolesClaim: string;
  };
  operatorTokens: OperatorToken[];
}

const OPERATOR_TOKEN = /^([A-Za-z0-9_.@-]+):(operator|privacy-officer):([0-9a-f]{64})$/;

export function codecServerVariables(port: z.ZodCoercedNumber<unknown>) {
  return {
    CERS_CODEC_PORT: port.default(3003),
    CERS_CODEC_HOST: z.string().min(1).default('127.0.0.1'),
    CERS_CODEC_ALLOWED_ORIGINS: z
      .string()
      .transform((text) => text.split(',').map((part) => part.trim().replace(/\/+$/, '')))
      .pipe(
        z.array(
          z
            .url({ protocol: /^https?$/, error: 'expected Web UI origins such as https://temporal-ui.example.ca' })
            .refine((url) => new URL(url).origin === url, {
              message: 'expected an origin: scheme://host[:port], no path',
            }),
        ),
      )
      .optional(),
    CERS_CODEC_OIDC_ISSUER: z
      .url({
        protocol: /^https?$/,
        error: 'expected the issuer URL of the Web UI sign-in, e.g. https://login.example.ca',
      })
      .optional(),
    CERS_CODEC_OIDC_AUDIENCE: z.string().min(1).optional(),
    CERS_CODEC_OIDC_JWKS_URL: z.url({ protocol: /^https?$/, error: 'expected the JWKS URL of the issuer' }).optional(),
    CERS_CODEC_ROLES_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:/.-]+$/, { message: 'expected a claim name, dotted for a nested one (realm_access.roles)' })
      .default('roles'),
    CERS_CODEC_OPERATOR_TOKENS: z
      .string()
      .transform((text) => text.split(',').map((part) => part.trim()))
      .pipe(
        z.array(
          z.string().regex(OPERATOR_TOKEN, {
            message:
              'expected name:role:sha256hex entries separated by commas, role operator or privacy-officer (printf %s "$TOKEN" | sha256sum)',
          }),
        ),
      )
      .optional(),
  };
}

interface CodecEnv {
  NODE_ENV: 'development' | 'test' | 'production';
  TEMPORAL_DEV_UI_PORT: number;
  CERS_CODEC_PORT: number;
  CERS_CODEC_HOST: string;
  CERS_CODEC_ALLOWED_ORIGINS?: string[];
  CERS_CODEC_OIDC_ISSUER?: string;
  CERS_CODEC_OIDC_AUDIENCE?: string;
  CERS_CODEC_OIDC_JWKS_URL?: string;
  CERS_CODEC_ROLES_CLAIM: string;
  CERS_CODEC_OPERATOR_TOKENS?: string[];
}

type Issues = { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void };

export function checkCodecServerVariables(env: CodecEnv, enabled: boolean, ctx: Issues): void {
  if (Boolean(env.CERS_CODEC_OIDC_ISSUER) !== Boolean(env.CERS_CODEC_OIDC_AUDIENCE)) {
    ctx.addIssue({
      code: 'custom',
      path: ['CERS_CODEC_OIDC_AUDIENCE'],
      message:
        'CERS_CODEC_OIDC_ISSUER and CERS_CODEC_OIDC_AUDIENCE go together (the tokens must be meant for the codec)',
    });
  }
  if (env.CERS_CODEC_OIDC_JWKS_URL && !env.CERS_CODEC_OIDC_ISSUER) {
    ctx.addIssue({
      code: 'custom',
      path: ['CERS_CODEC_OIDC_ISSUER'],
      message: 'is required with CERS_CODEC_OIDC_JWKS_URL',
    });
  }
  if (!enabled || env.NODE_ENV !== 'production') return;
  if (!env.CERS_CODEC_OIDC_ISSUER && !env.CERS_CODEC_OPERATOR_TOKENS) {
    ctx.addIssue({
      code: 'custom',
      path: ['CERS_CODEC_OIDC_ISSUER'],
      message:
        'the codec server needs CERS_CODEC_OIDC_ISSUER (the Web UI forwards its access token) or CERS_CODEC_OPERATOR_TOKENS when NODE_ENV=production: it decrypts personal data',
    });
  }
  if (!env.CERS_CODEC_ALLOWED_ORIGINS) {
    ctx.addIssue({
      code: 'custom',
      path: ['CERS_CODEC_ALLOWED_ORIGINS'],
      message: 'is required for the codec server when NODE_ENV=production: the Web UI origins that may call it',
    });
  }
  if (env.CERS_CODEC_OIDC_ISSUER?.startsWith('http:')) {
    ctx.addIssue({ code: 'custom', path: ['CERS_CODEC_OIDC_ISSUER'], message: 'must be https in production' });
  }
}

export function codecServerConfig(env: CodecEnv): CodecServerConfig {
  return {
    host: env.CERS_CODEC_HOST,
    port: env.CERS_CODEC_PORT,
    // The dev server's Web UI answers on both names; a browser sends whichever was typed.
    allowedOrigins: env.CERS_CODEC_ALLOWED_ORIGINS ?? [
      `http://localhost:${env.TEMPORAL_DEV_UI_PORT}`,
      `http://127.0.0.1:${env.TEMPORAL_DEV_UI_PORT}`,
    ],
    oidc:
      env.CERS_CODEC_OIDC_ISSUER && env.CERS_CODEC_OIDC_AUDIENCE
        ? {
            issuer: env.CERS_CODEC_OIDC_ISSUER,
            audience: env.CERS_CODEC_OIDC_AUDIENCE,
            jwksUrl: env.CERS_CODEC_OIDC_JWKS_URL,
            rolesClaim: env.CERS_CODEC_ROLES_CLAIM,
          }
        : undefined,
    operatorTokens: (env.CERS_CODEC_OPERATOR_TOKENS ?? []).map((entry) => {
      const [, name, role, sha256] = OPERATOR_TOKEN.exec(entry)!;
      return { name: name!, role: role as CodecRole, sha256: sha256! };
    }),
  };
}
