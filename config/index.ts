/**
 * The service's whole configuration, from environment variables, validated with zod at start-up.
 * Every component (worker, client, scripts, bot) reads it here so they cannot disagree.
 *
 * Long (about 450 lines) because it is the one schema of every variable, with the reason for each
 * default beside it; docs/configuration.md lists the same variables (a test keeps them equal).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkCodecServerVariables, codecServerConfig, codecServerVariables, type CodecServerConfig } from './codec';
import { parseDuration } from './duration';
import { helpConfig, helpVariables, type HelpConfig } from './help';
import { termsConfig, termsIssues, termsVariables, type TermsConfig } from './terms';
import { checkNotifyVariables, notifyConfig, notifyVariables, type NotifyConfig, type ProfileConfig } from './notify';

/** The worker's task queue: one for all three workflows and their activities. */
export const DEFAULT_TASK_QUEUE = 'cers-onboarding';

const duration = (example: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as ${example} (units ms, s, m, h, d)` });
      return z.NEVER;
    }
    return ms;
  });

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(1).max(65535);

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { message: 'expected host:port, for example temporal.example.com:7233' })
  .refine((v) => !/:\d{1,5}$/.test(v) || Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, {
    message: 'the port must be at most 65535',
  });

const readableFile = z
  .string()
  .min(1)
  .refine((file) => existsSync(file), { message: 'no such file (give the path of a PEM file)' });

/** One OpenID provider (GCKey, or a Sign-In Partner broker): issuer, client id, and a secret or a private key. */
function oidcProviderVariables<P extends 'GCKEY' | 'SIGN_IN_PARTNER'>(prefix: P) {
  return {
    [`OIDC_${prefix}_ISSUER`]: z
      .url({ protocol: /^https?$/, error: 'expected the issuer URL, e.g. https://te-auth.id.tbs-sct.gc.ca' })
      .optional(),
    [`OIDC_${prefix}_CLIENT_ID`]: z.string().min(1).optional(),
    [`OIDC_${prefix}_CLIENT_SECRET`]: z
      .string()
      .min(16, { message: 'expected the client secret the provider issued' })
      .optional(),
    [`OIDC_${prefix}_PRIVATE_KEY_PATH`]: readableFile.optional(),
  } as Record<
    `OIDC_${P}_ISSUER` | `OIDC_${P}_CLIENT_ID` | `OIDC_${P}_CLIENT_SECRET` | `OIDC_${P}_PRIVATE_KEY_PATH`,
    z.ZodOptional<z.ZodString>
  >;
}

const OIDC_PREFIXES = { gckey: 'GCKEY', 'sign-in-partner': 'SIGN_IN_PARTNER' } as const;

/** What one process can run (CERS_COMPONENTS). */
const COMPONENTS = ['worker', 'bot', 'codec'] as const;

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    CERS_DATA_DIR: z.string().min(1).default('.data'),

    TEMPORAL_ADDRESS: hostPort.optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS: flag.optional(),
    TEMPORAL_TLS_CERT_PATH: readableFile.optional(),
    TEMPORAL_TLS_KEY_PATH: readableFile.optional(),
    TEMPORAL_TLS_CA_PATH: readableFile.optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    TEMPORAL_CLI_PATH: z.string().min(1).optional(),
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_DEV_UI_PORT: port.default(8233),
    TEMPORAL_UI_URL: z
      .url({ protocol: /^https?$/, error: 'expected the Web UI base URL, e.g. https://temporal-ui.example.ca' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, {
        message: 'expected a PostgreSQL URL such as postgresql://user:password@host:5432/cers',
      })
      .optional(),
    EMBEDDED_POSTGRES_PORT: port.default(54329),

    CERS_PAYLOAD_KEYS: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+=[A-Za-z0-9+/=_-]+(,[A-Za-z0-9_.-]+=[A-Za-z0-9+/=_-]+)*$/, {
        message: 'expected keyId=base64Key pairs separated by commas, each key 32 bytes (openssl rand -base64 32)',
      })
      .optional(),
    CERS_PAYLOAD_KEY_ID: z.string().min(1).optional(),

    CBSA_REGISTRY_URL: z
      .url({ protocol: /^https?$/, error: 'expected the registry base URL, e.g. https://registry.cbsa.example/' })
      .optional(),
    CBSA_REGISTRY_TOKEN: z
      .string()
      .min(16, { message: 'expected the bearer token CBSA issued (at least 16 characters)' })
      .optional(),

    CERS_SEARCH_KEY: z
      .string()
      .refine((key) => Buffer.from(key, 'base64').length >= 32, {
        message: 'expected at least 32 bytes of base64 (generate one with: openssl rand -base64 32)',
      })
      .optional(),
    CERS_REMINDER_AFTER: duration('24h').default(24 * 3_600_000),
    CERS_MAX_REMINDERS: z.coerce.number().int().min(0).max(20).default(3),
    CERS_EXPIRE_AFTER: duration('30d').default(30 * 86_400_000),
    CERS_ROLE_REQUEST_REMINDER_AFTER: duration('48h').default(48 * 3_600_000),
    CERS_ROLE_REQUEST_EXPIRE_AFTER: duration('7d').default(7 * 86_400_000),
    CERS_WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(1).default(50),
    CERS_WORKER_BUILD_ID: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, {
        message: 'expected a build id of letters, digits, ".", "_" and "-" (e.g. the release tag or commit)',
      })
      .optional(),
    CERS_WORKER_DEPLOYMENT: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, {
        message: 'expected a deployment name of letters, digits, "_" and "-"',
      })
      .default('cers-onboard'),
    SLACK_BOT_TOKEN: z
      .string()
      .regex(/^xoxb-[A-Za-z0-9-]+$/, { message: 'expected the bot token (xoxb-...) from "OAuth & Permissions"' })
      .optional(),
    SLACK_SIGNING_SECRET: z
      .string()
      .regex(/^[0-9a-f]{32}$/, { message: 'expected the 32-character signing secret from "Basic Information"' })
      .optional(),
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-[A-Za-z0-9-]+$/, {
        message: 'expected an app-level token (xapp-...) with the connections:write scope',
      })
      .optional(),
    SLACK_API_URL: z
      .url({ protocol: /^https?$/, error: 'expected the Web API base URL, e.g. https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
    PORT: port.default(3000),
    SLACK_STAND_IN_PORT: port.default(3001),
    SLACK_STAND_IN_TRANSPORT: z.enum(['http', 'socket'], { error: 'expected http or socket' }).optional(),
    CERS_SIMULATED_SIGN_IN: flag.optional(),
    CERS_PUBLIC_URL: z
      .url({
        protocol: /^https?$/,
        error: 'expected the public base URL of this service, e.g. https://cers.example.ca',
      })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    ...oidcProviderVariables('GCKEY'),
    ...oidcProviderVariables('SIGN_IN_PARTNER'),
    CERS_LOCAL_IDP_PORT: port.default(3002),
    CERS_COMPONENTS: z
      .string()
      .transform((text) => text.split(',').map((part) => part.trim()))
      .pipe(z.array(z.enum(COMPONENTS, { error: 'expected a comma-separated list of worker, bot and codec' })).min(1))
      .optional(),
    ...codecServerVariables(port),
    CERS_SUPPORT_AGENT: z.string().min(1).max(100).optional(),
    CERS_SHARED_SECRET_SCRYPT_COST: z.coerce
      .number()
      .int()
      .refine((n) => n >= 1024 && (n & (n - 1)) === 0, { message: 'expected a power of two of at least 1024' })
      .default(16384),
    CERS_SUPPORT_USERGROUP: z
      .string()
      .regex(/^S[A-Z0-9]{2,20}$/, {
        message: 'expected the id of a Slack user group, e.g. S0614TZR7 (the group page\'s "Copy group ID")',
      })
      .optional(),
    ...helpVariables,
    ...termsVariables,
    ...notifyVariables,
  })
  .superRefine((env, ctx) => {
    for (const message of termsIssues(env)) ctx.addIssue({ code: 'custom', path: ['CERS_TERMS_VERSION'], message });
    checkNotifyVariables(env, ctx);
    if (env.NODE_ENV === 'production') {
      for (const name of [
        'TEMPORAL_ADDRESS',
        'DATABASE_URL',
        'CERS_PAYLOAD_KEYS',
        'CERS_SEARCH_KEY',
        'SLACK_BOT_TOKEN',
      ] as const) {
        if (!env[name]) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when NODE_ENV=production (embedded defaults are for development)',
          });
        }
      }
    }
    if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_TLS_KEY_PATH'],
        message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together (mTLS client certificate and its key)',
      });
    }
    if (env.CBSA_REGISTRY_URL && !env.CBSA_REGISTRY_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['CBSA_REGISTRY_TOKEN'], message: 'is required with CBSA_REGISTRY_URL' });
    }
    if (env.NODE_ENV === 'production' && env.CBSA_REGISTRY_URL?.startsWith('http:')) {
      ctx.addIssue({
        code: 'custom',
        path: ['CBSA_REGISTRY_URL'],
        message: 'must be https in production (shared secrets travel in it)',
      });
    }
    if (env.TEMPORAL_API_KEY && env.TEMPORAL_TLS === false) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_TLS'],
        message: 'cannot be false with TEMPORAL_API_KEY (the key would travel unencrypted)',
      });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message:
          'is required in HTTP mode (SLACK_BOT_TOKEN without SLACK_APP_TOKEN): Slack signs every request with it',
      });
    }
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'is required with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (without all three unset, the local Slack stand-in runs)',
      });
    }
    if (env.SLACK_BOT_TOKEN && env.SLACK_STAND_IN_TRANSPORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_STAND_IN_TRANSPORT'],
        message:
          'applies to the local Slack stand-in only (no SLACK_BOT_TOKEN); with Slack, SLACK_APP_TOKEN turns on Socket Mode',
      });
    }
    if (env.NODE_ENV === 'production' && env.CERS_SIMULATED_SIGN_IN) {
      ctx.addIssue({
        code: 'custom',
        path: ['CERS_SIMULATED_SIGN_IN'],
        message: 'cannot be true when NODE_ENV=production: it links credentials nobody verified',
      });
    }
    for (const prefix of Object.values(OIDC_PREFIXES)) {
      const issuer = env[`OIDC_${prefix}_ISSUER`];
      const anySet = [
        issuer,
        env[`OIDC_${prefix}_CLIENT_ID`],
        env[`OIDC_${prefix}_CLIENT_SECRET`],
        env[`OIDC_${prefix}_PRIVATE_KEY_PATH`],
      ].some(Boolean);
      if (!anySet) continue;
      for (const part of ['ISSUER', 'CLIENT_ID'] as const) {
        if (!env[`OIDC_${prefix}_${part}`]) {
          ctx.addIssue({
            code: 'custom',
            path: [`OIDC_${prefix}_${part}`],
            message: `is required to sign in with this provider (set with the other OIDC_${prefix}_* variables)`,
          });
        }
      }
      if (Boolean(env[`OIDC_${prefix}_CLIENT_SECRET`]) === Boolean(env[`OIDC_${prefix}_PRIVATE_KEY_PATH`])) {
        ctx.addIssue({
          code: 'custom',
          path: [`OIDC_${prefix}_CLIENT_SECRET`],
          message: `set exactly one of OIDC_${prefix}_CLIENT_SECRET (client_secret_basic) and OIDC_${prefix}_PRIVATE_KEY_PATH (private_key_jwt)`,
        });
      }
      if (env.NODE_ENV === 'production' && issuer?.startsWith('http:')) {
        ctx.addIssue({ code: 'custom', path: [`OIDC_${prefix}_ISSUER`], message: 'must be https in production' });
      }
    }
    checkCodecServerVariables(env, componentsOf(env).codec, ctx);
    if (env.NODE_ENV === 'production' && componentsOf(env).bot) {
      if (!Object.values(OIDC_PREFIXES).some((prefix) => env[`OIDC_${prefix}_ISSUER`])) {
        ctx.addIssue({
          code: 'custom',
          path: ['OIDC_GCKEY_ISSUER'],
          message:
            'an OpenID provider (OIDC_GCKEY_* or OIDC_SIGN_IN_PARTNER_*) is required when NODE_ENV=production: applicants sign in with it',
        });
      }
      if (env.CERS_PUBLIC_URL?.startsWith('http:')) {
        ctx.addIssue({
          code: 'custom',
          path: ['CERS_PUBLIC_URL'],
          message: 'must be https in production (sign-in cookies and codes travel to it)',
        });
      }
    }
    if (env.NODE_ENV === 'production' && componentsOf(env).bot && !env.CERS_PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['CERS_PUBLIC_URL'],
        message: 'is required when NODE_ENV=production: sign-in links and the OpenID redirect URI are built from it',
      });
    }
    if (env.TEMPORAL_API_KEY && !env.TEMPORAL_ADDRESS) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_ADDRESS'],
        message: 'is required with TEMPORAL_API_KEY (the Temporal Cloud endpoint, e.g. my-ns.a1b2c.tmprl.cloud:7233)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Every environment variable the service reads (docs/configuration.md lists exactly these; a test checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  temporal: {
    /** Undefined: run the embedded Temporal dev server. */
    externalAddress?: string;
    address: string;
    namespace: string;
    taskQueue: string;
    apiKey?: string;
    tls?: { clientCertPath?: string; clientKeyPath?: string; caPath?: string; serverName?: string };
    cliPath?: string;
    devPort: number;
    devUiPort: number;
    /** Where operators open the Web UI: the links the support tool prints. */
    uiUrl: string;
  };
  database: {
    /** Undefined: run embedded PostgreSQL (PGlite). */
    externalUrl?: string;
    embeddedPort: number;
  };
  payloadKeys?: { activeKeyId: string; keys: Record<string, string> };
  /** Base64 key of the search attribute digests (client/search-digests.ts); undefined: a development key. */
  searchKey?: string;
  registration: {
    reminderAfterMs: number;
    maxReminders: number;
    expireAfterMs: number;
    termsVersion?: string;
  };
  /** Access requests and ownership transfers waiting on a decision. */
  roleRequests: { reminderAfterMs: number; expireAfterMs: number };
  /** Undefined: the local registry in the service's own database. */
  cbsaRegistry?: { url: string; token: string };
  worker: {
    maxCachedWorkflows: number;
    /** Worker Versioning (docs/operations.md#deploying-workflow-code): set when CERS_WORKER_BUILD_ID is. */
    deployment?: { name: string; buildId: string };
  };
  sharedSecretScryptCost: number;
  slack: SlackConfig;
  signIn: SignInConfig;
  /** What this process runs: the Temporal worker, the Slack bot, the codec server (operators/codec-server). */
  components: { worker: boolean; bot: boolean; codec: boolean };
  codec: CodecServerConfig;
  /** Support lookups: who may run them in Slack (a user group), who runs the CLI. */
  support: { usergroupId?: string; agent?: string };
  /** The help page `/cers help` and the Home tab link to, per language. */
  help: HelpConfig;
  /** Where the Terms and Conditions documents are (config/terms.ts). */
  terms: TermsConfig;
  /** GC Notify, for codes to new e-mail addresses; undefined: none (development runs a stand-in). */
  notify?: NotifyConfig;
  profile: ProfileConfig;
}

export interface OidcProviderConfig {
  issuer: string;
  clientId: string;
  /** client_secret_basic; or else `privateKeyPath` (private_key_jwt). */
  clientSecret?: string;
  privateKeyPath?: string;
}

/**
 * Credential sign-in over OpenID Connect. Providers not configured here are offered, in
 * development only, through the local identity provider (`npm start`) or the simulated sign-in.
 */
export interface SignInConfig {
  /** Public base URL: sign-in links are `<publicUrl>/auth/start/<id>`, the redirect URI `<publicUrl>/auth/callback`. */
  publicUrl: string;
  redirectUri: string;
  providers: Partial<Record<'gckey' | 'sign-in-partner', OidcProviderConfig>>;
  /** Port of the local identity provider `npm start` runs when no provider is configured. */
  localProviderPort: number;
  /** How long a sign-in link may be used. */
  linkTtlMs: number;
}

function signInConfig(env: Env): SignInConfig {
  const publicUrl = env.CERS_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const providers: SignInConfig['providers'] = {};
  for (const [provider, prefix] of Object.entries(OIDC_PREFIXES) as [keyof typeof OIDC_PREFIXES, string][]) {
    const read = (part: string) => (env as unknown as Record<string, string | undefined>)[`OIDC_${prefix}_${part}`];
    const issuer = read('ISSUER');
    const clientId = read('CLIENT_ID');
    if (!issuer || !clientId) continue;
    providers[provider] = {
      issuer,
      clientId,
      clientSecret: read('CLIENT_SECRET'),
      privateKeyPath: read('PRIVATE_KEY_PATH'),
    };
  }
  return {
    publicUrl,
    redirectUri: `${publicUrl}/auth/callback`,
    providers,
    localProviderPort: env.CERS_LOCAL_IDP_PORT,
    linkTtlMs: 10 * 60_000,
  };
}

/**
 * How the bot meets Slack. `stand-in`: no tokens configured, a local Slack (dev/slack) plays
 * Slack's part, over HTTP or Socket Mode (`standInTransport`); `socket`: Socket Mode over an
 * app-level token (development against a real workspace, no public URL); `http`: Slack posts to
 * `/slack/events` on PORT (production).
 */
export type SlackConfig =
  | {
      mode: 'stand-in';
      port: number;
      standInPort: number;
      standInTransport: 'http' | 'socket';
      simulatedSignIn: boolean;
    }
  | {
      mode: 'socket';
      botToken: string;
      appToken: string;
      signingSecret?: string;
      apiUrl?: string;
      port: number;
      simulatedSignIn: boolean;
    }
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string; port: number; simulatedSignIn: boolean };

function slackConfig(env: Env): SlackConfig {
  // The development-only sign-in button: on by default outside production, refused in it.
  const simulatedSignIn = env.CERS_SIMULATED_SIGN_IN ?? env.NODE_ENV !== 'production';
  const common = { port: env.PORT, simulatedSignIn };
  if (!env.SLACK_BOT_TOKEN) {
    return {
      mode: 'stand-in',
      standInPort: env.SLACK_STAND_IN_PORT,
      standInTransport: env.SLACK_STAND_IN_TRANSPORT ?? 'http',
      ...common,
    };
  }
  if (env.SLACK_APP_TOKEN) {
    return {
      mode: 'socket',
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      apiUrl: env.SLACK_API_URL,
      ...common,
    };
  }
  return {
    mode: 'http',
    botToken: env.SLACK_BOT_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET!,
    apiUrl: env.SLACK_API_URL,
    ...common,
  };
}

/**
 * CERS_COMPONENTS, or by default the worker and the bot, plus the codec server outside production
 * (so `npm start` gives a Web UI that shows decoded payloads; production deploys it on purpose).
 */
function componentsOf(env: Pick<Env, 'CERS_COMPONENTS' | 'NODE_ENV'>): Config['components'] {
  const chosen =
    env.CERS_COMPONENTS ?? (env.NODE_ENV === 'production' ? ['worker', 'bot'] : ['worker', 'bot', 'codec']);
  return { worker: chosen.includes('worker'), bot: chosen.includes('bot'), codec: chosen.includes('codec') };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parsePayloadKeys(text: string | undefined, activeKeyId: string | undefined): Config['payloadKeys'] | string {
  if (!text) return activeKeyId ? 'CERS_PAYLOAD_KEY_ID: is set but CERS_PAYLOAD_KEYS is not' : undefined;
  const keys: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const separator = pair.indexOf('=');
    const id = pair.slice(0, separator);
    const key = pair.slice(separator + 1);
    if (id in keys) return `CERS_PAYLOAD_KEYS: key id "${id}" appears twice`;
    if (Buffer.from(key, 'base64').length !== 32) {
      return `CERS_PAYLOAD_KEYS: key "${id}" is not 32 bytes of base64 (generate one with: openssl rand -base64 32)`;
    }
    keys[id] = key;
  }
  const firstId = Object.keys(keys)[0]!;
  const active = activeKeyId ?? firstId;
  if (!(active in keys)) return `CERS_PAYLOAD_KEY_ID: "${active}" is not one of the key ids in CERS_PAYLOAD_KEYS`;
  return { activeKeyId: active, keys };
}

/** Reads and validates the configuration; throws {@link ConfigError} naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset: `FOO=` in a .env file means "use the default".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        // Never echo values: some of these variables are secrets.
        return `${name}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const payloadKeys = parsePayloadKeys(env.CERS_PAYLOAD_KEYS, env.CERS_PAYLOAD_KEY_ID);
  if (typeof payloadKeys === 'string') throw new ConfigError([payloadKeys]);

  const wantsTls =
    env.TEMPORAL_TLS ?? Boolean(env.TEMPORAL_API_KEY || env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_TLS_CA_PATH);
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    dataDir: path.resolve(env.CERS_DATA_DIR),
    temporal: {
      externalAddress: env.TEMPORAL_ADDRESS,
      address: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_DEV_PORT}`,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      apiKey: env.TEMPORAL_API_KEY,
      tls: wantsTls
        ? {
            clientCertPath: env.TEMPORAL_TLS_CERT_PATH,
            clientKeyPath: env.TEMPORAL_TLS_KEY_PATH,
            caPath: env.TEMPORAL_TLS_CA_PATH,
            serverName: env.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      cliPath: env.TEMPORAL_CLI_PATH,
      devPort: env.TEMPORAL_DEV_PORT,
      devUiPort: env.TEMPORAL_DEV_UI_PORT,
      uiUrl: env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_DEV_UI_PORT}`,
    },
    database: { externalUrl: env.DATABASE_URL, embeddedPort: env.EMBEDDED_POSTGRES_PORT },
    payloadKeys,
    searchKey: env.CERS_SEARCH_KEY,
    registration: {
      reminderAfterMs: env.CERS_REMINDER_AFTER,
      maxReminders: env.CERS_MAX_REMINDERS,
      expireAfterMs: env.CERS_EXPIRE_AFTER,
      termsVersion: env.CERS_TERMS_VERSION,
    },
    roleRequests: {
      reminderAfterMs: env.CERS_ROLE_REQUEST_REMINDER_AFTER,
      expireAfterMs: env.CERS_ROLE_REQUEST_EXPIRE_AFTER,
    },
    cbsaRegistry:
      env.CBSA_REGISTRY_URL && env.CBSA_REGISTRY_TOKEN
        ? { url: env.CBSA_REGISTRY_URL, token: env.CBSA_REGISTRY_TOKEN }
        : undefined,
    worker: {
      maxCachedWorkflows: env.CERS_WORKER_MAX_CACHED_WORKFLOWS,
      deployment: env.CERS_WORKER_BUILD_ID
        ? { name: env.CERS_WORKER_DEPLOYMENT, buildId: env.CERS_WORKER_BUILD_ID }
        : undefined,
    },
    sharedSecretScryptCost: env.CERS_SHARED_SECRET_SCRYPT_COST,
    slack: slackConfig(env),
    signIn: signInConfig(env),
    components: componentsOf(env),
    codec: codecServerConfig(env),
    support: { usergroupId: env.CERS_SUPPORT_USERGROUP, agent: env.CERS_SUPPORT_AGENT },
    help: helpConfig(env),
    terms: termsConfig(env),
    notify: notifyConfig(env),
    profile: { emailCodeTtlMs: env.CERS_EMAIL_CODE_TTL },
  };
}
