import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../config';

const key32 = () => randomBytes(32).toString('base64');
const SLACK_HTTP = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'a'.repeat(32) };
const GC_NOTIFY = {
  GC_NOTIFY_API_URL: 'https://api.notification.canada.ca',
  GC_NOTIFY_API_KEY: `cers-${'k'.repeat(30)}`,
  GC_NOTIFY_TEMPLATE_ID: '6b1f4a0e-2f3c-4d5e-8a9b-0c1d2e3f4a5b',
};

/** The ConfigError loadConfig throws for `env`. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof ConfigError,
    `expected a ConfigError for ${Object.keys(env).join(', ')}, got ${String(caught)}`,
  );
  assert.equal(caught.message, `Invalid configuration:\n${caught.problems.map((p) => `  - ${p}`).join('\n')}`);
  return caught;
}

describe('loadConfig defaults', () => {
  test('with nothing set: development on the embedded Temporal and PostgreSQL', () => {
    const config = loadConfig({});
    assert.equal(config.env, 'development');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.dataDir, path.resolve('.data'));
    assert.deepEqual(config.temporal, {
      externalAddress: undefined,
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'cers-onboarding',
      apiKey: undefined,
      tls: undefined,
      cliPath: undefined,
      devPort: 7233,
      devUiPort: 8233,
      uiUrl: 'http://localhost:8233',
    });
    assert.deepEqual(config.database, { externalUrl: undefined, embeddedPort: 54329 });
    assert.equal(config.payloadKeys, undefined);
    assert.equal(config.cbsaRegistry, undefined, 'the local CBSA registry');
    assert.deepEqual(config.registration, {
      reminderAfterMs: 24 * 3_600_000,
      maxReminders: 3,
      expireAfterMs: 30 * 86_400_000,
      termsVersion: undefined,
    });
    assert.deepEqual(config.worker, { maxCachedWorkflows: 50, deployment: undefined });
    assert.equal(config.sharedSecretScryptCost, 16384);
  });

  test('empty variables count as unset', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      CERS_REMINDER_AFTER: '',
      CERS_PAYLOAD_KEYS: '',
    });
    assert.equal(config.temporal.externalAddress, undefined);
    assert.equal(config.database.externalUrl, undefined);
    assert.equal(config.registration.reminderAfterMs, 24 * 3_600_000);
    assert.equal(config.payloadKeys, undefined);
  });

  test('the embedded ports follow their variables', () => {
    const config = loadConfig({
      TEMPORAL_DEV_PORT: '17233',
      EMBEDDED_POSTGRES_PORT: '15432',
      CERS_DATA_DIR: '/tmp/cers-data',
    });
    assert.equal(config.temporal.address, '127.0.0.1:17233');
    assert.equal(config.database.embeddedPort, 15432);
    assert.equal(config.dataDir, '/tmp/cers-data');
  });

  test('external services, durations and payload keys when set', () => {
    const [a, b] = [key32(), key32()];
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'api-key-value',
      DATABASE_URL: 'postgresql://cers:pw@db.internal:5432/cers',
      CERS_REMINDER_AFTER: '1h30m',
      CERS_EXPIRE_AFTER: '7d',
      CERS_PAYLOAD_KEYS: `k1=${a},k2=${b}`,
      CERS_PAYLOAD_KEY_ID: 'k2',
    });
    assert.equal(config.temporal.externalAddress, 'my-ns.a1b2c.tmprl.cloud:7233');
    assert.equal(config.temporal.address, 'my-ns.a1b2c.tmprl.cloud:7233');
    assert.ok(config.temporal.tls, 'an API key implies TLS');
    assert.equal(config.database.externalUrl, 'postgresql://cers:pw@db.internal:5432/cers');
    assert.equal(config.registration.reminderAfterMs, 90 * 60_000);
    assert.equal(config.registration.expireAfterMs, 7 * 86_400_000);
    assert.equal(config.payloadKeys?.activeKeyId, 'k2');
    assert.deepEqual(Object.keys(config.payloadKeys?.keys ?? {}), ['k1', 'k2']);
    assert.equal(Buffer.from(config.payloadKeys.keys['k1']!, 'base64').toString('base64'), a);

    assert.equal(
      loadConfig({ CERS_PAYLOAD_KEYS: `k1=${a},k2=${b}` }).payloadKeys?.activeKeyId,
      'k1',
      'the first key is active by default',
    );
    assert.equal(loadConfig({ TEMPORAL_ADDRESS: 'h:1', TEMPORAL_TLS: 'false' }).temporal.tls, undefined);
    // An API key never travels without TLS.
    assert.throws(
      () => loadConfig({ TEMPORAL_ADDRESS: 'h:1', TEMPORAL_API_KEY: 'secret-api-key', TEMPORAL_TLS: 'false' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        /TEMPORAL_TLS: cannot be false with TEMPORAL_API_KEY/.test(e.message) &&
        !e.message.includes('secret-api-key'),
    );
    assert.throws(
      () => loadConfig({ TEMPORAL_TLS_CA_PATH: '/nonexistent/ca.pem' }),
      /TEMPORAL_TLS_CA_PATH: no such file/,
    );
    assert.throws(
      () => loadConfig({ TEMPORAL_ADDRESS: 'h:99999' }),
      /TEMPORAL_ADDRESS: the port must be at most 65535/,
    );
  });
});

describe('loadConfig errors name the variable and what it expects', () => {
  test('TEMPORAL_ADDRESS without a port', () => {
    const error = configError({ TEMPORAL_ADDRESS: 'temporal.example.com' });
    assert.deepEqual(error.problems, ['TEMPORAL_ADDRESS: expected host:port, for example temporal.example.com:7233']);
  });

  test('DATABASE_URL that is not PostgreSQL', () => {
    const error = configError({ DATABASE_URL: 'mysql://cers:hunter2@db:3306/cers' });
    assert.equal(error.problems.length, 1);
    assert.match(error.problems[0]!, /^DATABASE_URL: expected a PostgreSQL URL such as postgresql:\/\//);
    assert.ok(!error.message.includes('hunter2'), 'the password is not echoed');
  });

  test('CERS_REMINDER_AFTER=soon, and a zero duration', () => {
    assert.deepEqual(configError({ CERS_REMINDER_AFTER: 'soon' }).problems, [
      'CERS_REMINDER_AFTER: expected a duration such as 24h (units ms, s, m, h, d)',
    ]);
    assert.match(
      configError({ CERS_EXPIRE_AFTER: '0d' }).message,
      /CERS_EXPIRE_AFTER: expected a duration such as 30d/,
    );
  });

  test('CERS_WORKER_BUILD_ID with a space, and a valid one with its deployment', () => {
    assert.deepEqual(configError({ CERS_WORKER_BUILD_ID: 'release 7' }).problems, [
      'CERS_WORKER_BUILD_ID: expected a build id of letters, digits, ".", "_" and "-" (e.g. the release tag or commit)',
    ]);
    assert.deepEqual(loadConfig({ CERS_WORKER_BUILD_ID: '2026.12.01-abc123' }).worker.deployment, {
      name: 'cers-onboard',
      buildId: '2026.12.01-abc123',
    });
  });

  test('CERS_PAYLOAD_KEYS with a 16-byte key', () => {
    const short = randomBytes(16).toString('base64');
    const error = configError({ CERS_PAYLOAD_KEYS: `old=${key32()},new=${short}` });
    assert.deepEqual(error.problems, [
      'CERS_PAYLOAD_KEYS: key "new" is not 32 bytes of base64 (generate one with: openssl rand -base64 32)',
    ]);
  });

  test('CERS_PAYLOAD_KEYS that is not keyId=key pairs', () => {
    const error = configError({ CERS_PAYLOAD_KEYS: key32() });
    assert.equal(error.problems.length, 1);
    assert.match(
      error.problems[0]!,
      /^CERS_PAYLOAD_KEYS: expected keyId=base64Key pairs separated by commas, each key 32 bytes/,
    );
  });

  test('CERS_PAYLOAD_KEY_ID not among the keys, or without keys', () => {
    assert.deepEqual(configError({ CERS_PAYLOAD_KEYS: `k1=${key32()}`, CERS_PAYLOAD_KEY_ID: 'k2' }).problems, [
      'CERS_PAYLOAD_KEY_ID: "k2" is not one of the key ids in CERS_PAYLOAD_KEYS',
    ]);
    assert.deepEqual(configError({ CERS_PAYLOAD_KEY_ID: 'k1' }).problems, [
      'CERS_PAYLOAD_KEY_ID: is set but CERS_PAYLOAD_KEYS is not',
    ]);
  });

  test('other malformed values', () => {
    assert.match(
      configError({ CERS_SHARED_SECRET_SCRYPT_COST: '1000' }).message,
      /CERS_SHARED_SECRET_SCRYPT_COST: expected a power of two of at least 1024/,
    );
    assert.match(configError({ EMBEDDED_POSTGRES_PORT: '70000' }).message, /EMBEDDED_POSTGRES_PORT: /);
    assert.match(configError({ NODE_ENV: 'prod' }).message, /NODE_ENV: .*"development"/);
    assert.match(
      configError({ TEMPORAL_TLS_CERT_PATH: '/etc/cert.pem' }).message,
      /TEMPORAL_TLS_KEY_PATH: TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together/,
    );
  });

  test('every bad variable is named at once', () => {
    const error = configError({
      TEMPORAL_ADDRESS: 'nope',
      DATABASE_URL: 'sqlite:cers.db',
      CERS_REMINDER_AFTER: 'soon',
    });
    assert.deepEqual(error.problems.map((p) => p.split(':')[0]).sort(), [
      'CERS_REMINDER_AFTER',
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
    ]);
  });

  test('NODE_ENV=production requires TEMPORAL_ADDRESS, DATABASE_URL, CERS_PAYLOAD_KEYS, CERS_SEARCH_KEY, SLACK_BOT_TOKEN and CERS_PUBLIC_URL', () => {
    const error = configError({ NODE_ENV: 'production' });
    assert.deepEqual(error.problems.sort(), [
      'CERS_PAYLOAD_KEYS: is required when NODE_ENV=production (embedded defaults are for development)',
      'CERS_PUBLIC_URL: is required when NODE_ENV=production: sign-in links and the OpenID redirect URI are built from it',
      'CERS_SEARCH_KEY: is required when NODE_ENV=production (embedded defaults are for development)',
      ...['DATABASE_URL'].map(
        (name) => `${name}: is required when NODE_ENV=production (embedded defaults are for development)`,
      ),
      ...['GC_NOTIFY_API_KEY', 'GC_NOTIFY_API_URL', 'GC_NOTIFY_TEMPLATE_ID'].map(
        (name) =>
          `${name}: is required when NODE_ENV=production (codes confirming a new e-mail address go through GC Notify)`,
      ),
      'OIDC_GCKEY_ISSUER: an OpenID provider (OIDC_GCKEY_* or OIDC_SIGN_IN_PARTNER_*) is required when NODE_ENV=production: applicants sign in with it',
      ...['SLACK_BOT_TOKEN', 'TEMPORAL_ADDRESS'].map(
        (name) => `${name}: is required when NODE_ENV=production (embedded defaults are for development)`,
      ),
    ]);
    const production = {
      NODE_ENV: 'production',
      ...GC_NOTIFY,
      CERS_PUBLIC_URL: 'https://cers.example.ca',
      OIDC_GCKEY_ISSUER: 'https://auth.example.gc.ca',
      OIDC_GCKEY_CLIENT_ID: 'cers',
      OIDC_GCKEY_CLIENT_SECRET: 's'.repeat(24),
      CERS_SEARCH_KEY: key32(),
      ...SLACK_HTTP,
    };
    assert.match(
      configError({ ...production, CERS_PUBLIC_URL: 'http://cers.example.ca' }).message,
      /CERS_PUBLIC_URL: must be https in production/,
    );
    assert.deepEqual(
      configError({ ...production, TEMPORAL_ADDRESS: 'temporal:7233', CERS_PAYLOAD_KEYS: `k=${key32()}` }).problems,
      ['DATABASE_URL: is required when NODE_ENV=production (embedded defaults are for development)'],
    );
    const config = loadConfig({
      ...production,
      TEMPORAL_ADDRESS: 'temporal:7233',
      DATABASE_URL: 'postgres://db/cers',
      CERS_PAYLOAD_KEYS: `k=${key32()}`,
    });
    assert.equal(config.signIn.redirectUri, 'https://cers.example.ca/auth/callback');
    assert.equal(config.env, 'production');
    assert.equal(config.slack.simulatedSignIn, false);
  });

  test('OpenID providers: issuer and client id together, exactly one way to authenticate, https in production', () => {
    const gckey = {
      OIDC_GCKEY_ISSUER: 'https://auth.example.gc.ca',
      OIDC_GCKEY_CLIENT_ID: 'cers',
      OIDC_GCKEY_CLIENT_SECRET: 's'.repeat(24),
    };
    const config = loadConfig({ ...gckey, CERS_PUBLIC_URL: 'https://cers.example.ca/' });
    assert.deepEqual(config.signIn.providers, {
      gckey: {
        issuer: 'https://auth.example.gc.ca',
        clientId: 'cers',
        clientSecret: 's'.repeat(24),
        privateKeyPath: undefined,
      },
    });
    assert.equal(config.signIn.redirectUri, 'https://cers.example.ca/auth/callback');
    assert.deepEqual(configError({ OIDC_GCKEY_ISSUER: 'https://auth.example.gc.ca' }).problems.sort(), [
      'OIDC_GCKEY_CLIENT_ID: is required to sign in with this provider (set with the other OIDC_GCKEY_* variables)',
      'OIDC_GCKEY_CLIENT_SECRET: set exactly one of OIDC_GCKEY_CLIENT_SECRET (client_secret_basic) and OIDC_GCKEY_PRIVATE_KEY_PATH (private_key_jwt)',
    ]);
    assert.match(
      configError({ ...gckey, OIDC_GCKEY_CLIENT_SECRET: 'short' }).message,
      /OIDC_GCKEY_CLIENT_SECRET: expected the client secret/,
    );
    assert.ok(
      !configError({ ...gckey, OIDC_GCKEY_CLIENT_SECRET: 'short' }).message.includes('short'),
      'the secret is not echoed',
    );
    assert.match(
      configError({
        ...gckey,
        OIDC_SIGN_IN_PARTNER_ISSUER: 'http://partner.example',
        OIDC_SIGN_IN_PARTNER_CLIENT_ID: 'x',
        OIDC_SIGN_IN_PARTNER_CLIENT_SECRET: 'p'.repeat(20),
        NODE_ENV: 'production',
      }).message,
      /OIDC_SIGN_IN_PARTNER_ISSUER: must be https in production/,
    );
    assert.equal(
      loadConfig({}).signIn.redirectUri,
      'http://localhost:3000/auth/callback',
      'development default: this machine',
    );
  });

  test('TEMPORAL_API_KEY needs TEMPORAL_ADDRESS', () => {
    assert.match(
      configError({ TEMPORAL_API_KEY: 'abc' }).message,
      /TEMPORAL_ADDRESS: is required with TEMPORAL_API_KEY/,
    );
  });
});

describe('secret values never appear in configuration errors', () => {
  test('API key, payload keys and database password', () => {
    const apiKey = `tmprl-${randomBytes(24).toString('hex')}`;
    const goodKey = key32();
    const shortKey = randomBytes(16).toString('base64');
    const password = randomBytes(12).toString('hex');
    const cases: [NodeJS.ProcessEnv, string[]][] = [
      [{ TEMPORAL_API_KEY: apiKey }, [apiKey]],
      [{ TEMPORAL_API_KEY: apiKey, TEMPORAL_ADDRESS: 'no-port' }, [apiKey]],
      [{ CERS_PAYLOAD_KEYS: `a=${goodKey},b=${shortKey}` }, [goodKey, shortKey, shortKey.replace(/=+$/, '')]],
      [{ CERS_PAYLOAD_KEYS: `a=${goodKey}`, CERS_PAYLOAD_KEY_ID: 'missing' }, [goodKey]],
      [{ CERS_PAYLOAD_KEYS: `a:${goodKey}` }, [goodKey]],
      [{ CERS_PAYLOAD_KEYS: `a=${goodKey}!` }, [goodKey]],
      [{ DATABASE_URL: `mysql://cers:${password}@db/cers` }, [password]],
      [{ NODE_ENV: 'production', TEMPORAL_API_KEY: apiKey, CERS_PAYLOAD_KEYS: `a=${goodKey}` }, [apiKey, goodKey]],
      [{ CBSA_REGISTRY_URL: 'https://registry.cbsa.example/', CBSA_REGISTRY_TOKEN: 'short-token' }, ['short-token']],
      [{ CBSA_REGISTRY_URL: 'ftp://registry.cbsa.example/', CBSA_REGISTRY_TOKEN: apiKey }, [apiKey]],
    ];
    for (const [env, secrets] of cases) {
      const error = configError(env);
      for (const secret of secrets) {
        assert.ok(!error.message.includes(secret), `${Object.keys(env).join(', ')}: message contains a secret`);
        assert.ok(!String(error.stack).includes(secret), `${Object.keys(env).join(', ')}: stack contains a secret`);
      }
    }
  });
});

describe('Slack configuration', () => {
  test('no tokens: the local stand-in, with the simulated sign-in outside production', () => {
    const { slack } = loadConfig({});
    assert.deepEqual(slack, {
      mode: 'stand-in',
      port: 3000,
      standInPort: 3001,
      standInTransport: 'http',
      simulatedSignIn: true,
    });
  });

  test('SLACK_STAND_IN_TRANSPORT runs the stand-in in Socket Mode; it means nothing with real Slack tokens', () => {
    const socket = loadConfig({ SLACK_STAND_IN_TRANSPORT: 'socket' }).slack;
    assert.equal(socket.mode === 'stand-in' && socket.standInTransport, 'socket');
    const http = loadConfig({ SLACK_STAND_IN_TRANSPORT: 'http' }).slack;
    assert.equal(http.mode === 'stand-in' && http.standInTransport, 'http');
    assert.deepEqual(configError({ SLACK_STAND_IN_TRANSPORT: 'websocket' }).problems, [
      'SLACK_STAND_IN_TRANSPORT: expected http or socket',
    ]);
    assert.match(
      configError({ ...SLACK_HTTP, SLACK_STAND_IN_TRANSPORT: 'socket' }).message,
      /SLACK_STAND_IN_TRANSPORT: applies to the local Slack stand-in only/,
    );
  });

  test('bot token and signing secret: HTTP mode on PORT, API URL normalised', () => {
    const { slack } = loadConfig({ ...SLACK_HTTP, PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9999/api' });
    assert.equal(slack.mode, 'http');
    assert.equal(slack.port, 8080);
    assert.equal(slack.mode === 'http' && slack.apiUrl, 'http://127.0.0.1:9999/api/');
  });

  test('an app-level token selects Socket Mode, where the signing secret is optional', () => {
    const { slack } = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-def' });
    assert.equal(slack.mode, 'socket');
  });

  test('CERS_COMPONENTS chooses what the process runs: worker, bot, codec; by default all three, codec not in production', () => {
    assert.deepEqual(loadConfig({}).components, { worker: true, bot: true, codec: true });
    assert.deepEqual(loadConfig({ CERS_COMPONENTS: 'worker' }).components, { worker: true, bot: false, codec: false });
    assert.deepEqual(loadConfig({ CERS_COMPONENTS: 'bot, worker' }).components, {
      worker: true,
      bot: true,
      codec: false,
    });
    assert.deepEqual(loadConfig({ CERS_COMPONENTS: 'codec' }).components, { worker: false, bot: false, codec: true });
    assert.match(
      configError({ CERS_COMPONENTS: 'worker,web' }).message,
      /CERS_COMPONENTS\.1: expected a comma-separated list of worker, bot and codec/,
    );
  });

  test('the codec server: port 3003 on loopback, the dev Web UI as its origin, no sign-in configured', () => {
    const { codec } = loadConfig({ TEMPORAL_DEV_UI_PORT: '8299' });
    assert.deepEqual(codec, {
      host: '127.0.0.1',
      port: 3003,
      allowedOrigins: ['http://localhost:8299', 'http://127.0.0.1:8299'],
      oidc: undefined,
      operatorTokens: [],
    });
    const hash = 'a'.repeat(64);
    const configured = loadConfig({
      CERS_CODEC_OIDC_ISSUER: 'https://login.example.ca/realms/cbsa',
      CERS_CODEC_OIDC_AUDIENCE: 'cers-codec',
      CERS_CODEC_ROLES_CLAIM: 'realm_access.roles',
      CERS_CODEC_OPERATOR_TOKENS: `help-desk:privacy-officer:${hash}`,
      CERS_CODEC_ALLOWED_ORIGINS: 'https://temporal-ui.example.ca/',
    }).codec;
    assert.deepEqual(configured.oidc, {
      issuer: 'https://login.example.ca/realms/cbsa',
      audience: 'cers-codec',
      jwksUrl: undefined,
      rolesClaim: 'realm_access.roles',
    });
    assert.deepEqual(configured.operatorTokens, [{ name: 'help-desk', role: 'privacy-officer', sha256: hash }]);
    assert.deepEqual(configured.allowedOrigins, ['https://temporal-ui.example.ca']);
  });

  test('codec server misconfigurations are named, operator tokens never echoed', () => {
    const token = randomBytes(16).toString('hex');
    const problems = configError({
      CERS_CODEC_OPERATOR_TOKENS: `desk:operator:${token}`,
      CERS_CODEC_OIDC_ISSUER: 'https://login.example.ca',
      CERS_CODEC_ALLOWED_ORIGINS: 'https://ui.example.ca/path',
    }).problems;
    assert.ok(problems.some((p) => /^CERS_CODEC_OPERATOR_TOKENS\.0: expected name:role:sha256hex/.test(p)));
    assert.ok(problems.some((p) => /^CERS_CODEC_ALLOWED_ORIGINS\.0: expected an origin/.test(p)));
    assert.ok(problems.some((p) => /^CERS_CODEC_OIDC_AUDIENCE: /.test(p)));
    assert.ok(!problems.join('\n').includes(token));
    const production = configError({ NODE_ENV: 'production', CERS_COMPONENTS: 'codec' }).problems;
    assert.ok(production.some((p) => /^CERS_CODEC_OIDC_ISSUER: the codec server needs/.test(p)));
    assert.ok(production.some((p) => /^CERS_CODEC_ALLOWED_ORIGINS: is required/.test(p)));
  });

  test('each misconfiguration is named with how to fix it, never echoing the token', () => {
    const leaked = `xoxp-${randomBytes(8).toString('hex')}`;
    const wrongKind = configError({ SLACK_BOT_TOKEN: leaked, SLACK_SIGNING_SECRET: 'a'.repeat(32) });
    assert.deepEqual(wrongKind.problems, [
      'SLACK_BOT_TOKEN: expected the bot token (xoxb-...) from "OAuth & Permissions"',
    ]);
    assert.ok(!wrongKind.message.includes(leaked));
    assert.match(
      configError({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }).message,
      /SLACK_SIGNING_SECRET: is required in HTTP mode/,
    );
    assert.match(
      configError({ SLACK_APP_TOKEN: 'xapp-1-A1-2-def' }).message,
      /SLACK_BOT_TOKEN: is required with SLACK_APP_TOKEN/,
    );
    assert.match(configError({ ...SLACK_HTTP, PORT: '70000' }).message, /PORT: /);
    assert.match(
      configError({ CERS_SIMULATED_SIGN_IN: 'true', NODE_ENV: 'production' }).message,
      /CERS_SIMULATED_SIGN_IN: cannot be true/,
    );
  });
});

describe('the help page (CERS_HELP_URL, CERS_HELP_URL_FR)', () => {
  test('unset: CBSA’s CERS page in each language; CERS_HELP_URL alone serves French readers too', () => {
    assert.deepEqual(loadConfig({}).help.url, {
      en: 'https://www.cbsa-asfc.gc.ca/services/cers-scde/get-started-intro-eng.html',
      fr: 'https://www.cbsa-asfc.gc.ca/services/cers-scde/get-started-intro-fra.html',
    });
    const one = 'https://www.cbsa-asfc.gc.ca/services/cers-scde/help-aide.html';
    assert.deepEqual(loadConfig({ CERS_HELP_URL: one }).help.url, { en: one, fr: one });
    const fr = 'https://www.cbsa-asfc.gc.ca/services/cers-scde/aide-fra.html';
    assert.deepEqual(loadConfig({ CERS_HELP_URL: one, CERS_HELP_URL_FR: fr }).help.url, { en: one, fr });
  });

  test('https only, at most 500 characters, nothing that would break a Slack link', () => {
    assert.match(
      configError({ CERS_HELP_URL: 'http://www.cbsa-asfc.gc.ca/' }).message,
      /CERS_HELP_URL: expected an https URL/,
    );
    assert.match(configError({ CERS_HELP_URL_FR: 'aide' }).message, /CERS_HELP_URL_FR: expected an https URL/);
    const long = (n: number) => `https://www.cbsa-asfc.gc.ca/${'a'.repeat(n - 28)}`;
    assert.equal(loadConfig({ CERS_HELP_URL: long(500) }).help.url.en.length, 500);
    assert.match(configError({ CERS_HELP_URL: long(501) }).message, /CERS_HELP_URL: expected at most 500 characters/);
    assert.match(
      configError({ CERS_HELP_URL: 'https://www.cbsa-asfc.gc.ca/a|b' }).message,
      /CERS_HELP_URL: must not contain spaces, <, > or \|/,
    );
  });
});

describe('GC Notify (codes to a new e-mail address)', () => {
  test('unset in development: none (a stand-in runs); set: all three, https in production, French template defaults to English', () => {
    assert.equal(loadConfig({}).notify, undefined);
    assert.equal(loadConfig({}).profile.emailCodeTtlMs, 30 * 60_000);
    assert.deepEqual(configError({ GC_NOTIFY_API_URL: 'https://api.notification.canada.ca' }).problems.sort(), [
      'GC_NOTIFY_API_KEY: is required with GC_NOTIFY_API_URL',
      'GC_NOTIFY_TEMPLATE_ID: is required with GC_NOTIFY_API_URL',
    ]);
    const config = loadConfig({ ...GC_NOTIFY, CERS_EMAIL_CODE_TTL: '10m' });
    assert.deepEqual(config.notify?.templateIds, {
      en: GC_NOTIFY.GC_NOTIFY_TEMPLATE_ID,
      fr: GC_NOTIFY.GC_NOTIFY_TEMPLATE_ID,
    });
    assert.equal(config.profile.emailCodeTtlMs, 10 * 60_000);
    assert.match(
      configError({ CERS_EMAIL_CODE_TTL: '2d' }).message,
      /CERS_EMAIL_CODE_TTL: expected a duration between 1s and 24h/,
    );
    assert.match(
      configError({ GC_NOTIFY_TEMPLATE_ID: 'template-1' }).message,
      /GC_NOTIFY_TEMPLATE_ID: expected the template id/,
    );
    const production = configError({
      NODE_ENV: 'production',
      ...GC_NOTIFY,
      GC_NOTIFY_API_URL: 'http://notify.example',
    });
    assert.ok(production.problems.includes('GC_NOTIFY_API_URL: must be https in production'));
    assert.ok(!production.message.includes(GC_NOTIFY.GC_NOTIFY_API_KEY), 'the key is not echoed');
  });
});
