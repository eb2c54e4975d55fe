/**
 * A local OpenID Connect provider (oidc-provider, the certified OP library) standing in for GCKey
 * and the Sign-In Partners in development and tests: authorization code flow with PKCE (S256),
 * scope `openid`, id tokens carrying only `sub` (a persistent anonymous identifier), a bilingual
 * login page. Development only: plain HTTP, in-memory state, keys generated at each start.
 */
import { generateKeyPair, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import Provider, { type ClientMetadata, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import { createInteractionHandler, isInteractionPath } from './local-provider/interactions';
import { errorPage, pageLanguage } from './local-provider/pages';
import { createInMemoryAdapterFactory } from './local-provider/store';

export interface LocalProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Public keys of a client that authenticates with private_key_jwt instead of its secret. */
  privateKeyJwtJwks?: { keys: JWK[] };
}

export type { LocalProviderAccount } from './local-provider/account';
import type { LocalProviderAccount } from './local-provider/account';

export interface LocalIdentityProvider {
  /** e.g. http://127.0.0.1:PORT */
  issuer: string;
  accounts: readonly LocalProviderAccount[];
  /** A test account more (the console's "Add a person"); adding the very same account again changes nothing. */
  addAccount(account: LocalProviderAccount): void;
  close(): Promise<void>;
  /** make the provider answer 503 to everything (tests: provider unreachable) */
  setUnavailable(down: boolean): void;
  /** sign id tokens with a key NOT in the published JWKS (tests: tampered signature) */
  setSigningTampered(tampered: boolean): void;
}

export interface LocalIdentityProviderOptions {
  /** 0 = a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  clients: LocalProviderClient[];
  accounts?: LocalProviderAccount[];
  /** Shown on the login page, e.g. 'GCKey (local)'. */
  name?: string;
}

/** Test accounts; the subs are stable so a restarted provider signs the same people in. */
export const defaultLocalProviderAccounts: readonly LocalProviderAccount[] = Object.freeze([
  { username: 'alice', password: 'alice-password', sub: 'pai-alice-5b0e2f1c8d94' },
  { username: 'bob', password: 'bob-password', sub: 'pai-bob-9c41d7a3e062' },
  { username: 'chloe', password: 'chloe-password', sub: 'pai-chloe-3f8a6b21c7d5' },
]);

const SIGNING_ALG = 'RS256';

export async function startLocalIdentityProvider(
  options: LocalIdentityProviderOptions,
): Promise<LocalIdentityProvider> {
  const accounts = [...(options.accounts ?? defaultLocalProviderAccounts)];
  assertUnique(accounts, 'username');
  assertUnique(accounts, 'sub');
  if (options.clients.length === 0) throw new Error('the local identity provider needs at least one client');

  const state = { unavailable: false, signingTampered: false };
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => unavailable(res);
  const server = createServer((req, res) => (state.unavailable ? unavailable(res) : handle(req, res)));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  try {
    const [signing, impostor] = await Promise.all([generateRsaKey(), generateRsaKey()]);
    const provider = new Provider(
      issuer,
      configuration({ clients: options.clients, accounts, signingKey: signing.jwk }),
    );
    // Tests of a tampered signature: the id token keeps its header (kid of the published key) and
    // claims, but its signature comes from a key the relying party has never seen.
    provider.use(async (ctx, next) => {
      await next();
      const body: unknown = ctx.body;
      if (state.signingTampered && isRecord(body) && typeof body.id_token === 'string') {
        body.id_token = resign(body.id_token, impostor.privateKey);
      }
    });
    const providerCallback = provider.callback();
    const interactions = createInteractionHandler({
      provider,
      accounts,
      providerName: options.name ?? 'Local identity provider',
    });
    handle = (req, res) => {
      const pathname = new URL(req.url ?? '/', issuer).pathname;
      const handled = isInteractionPath(pathname) ? interactions(req, res) : providerCallback(req, res);
      handled.catch(() => {
        // No details: errors here may carry request data, and this log must hold no personal data.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal error');
      });
    };
  } catch (error) {
    await closeServer(server);
    throw error;
  }

  return {
    issuer,
    accounts,
    addAccount: (account) => {
      const same = accounts.find((a) => a.username === account.username || a.sub === account.sub);
      if (same?.username === account.username && same.sub === account.sub && same.password === account.password) return;
      if (same)
        throw new Error(
          `the local identity provider already has an account with username ${account.username} or its sub`,
        );
      accounts.push({ ...account });
    },
    close: () => closeServer(server),
    setUnavailable: (down) => {
      state.unavailable = down;
    },
    setSigningTampered: (tampered) => {
      state.signingTampered = tampered;
    },
  };
}

function configuration(options: {
  clients: LocalProviderClient[];
  accounts: LocalProviderAccount[];
  signingKey: JWK;
}): Configuration {
  return {
    adapter: createInMemoryAdapterFactory(),
    clients: options.clients.map(clientMetadata),
    jwks: { keys: [options.signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, sub) => {
      const account = options.accounts.find((a) => a.sub === sub);
      // GCKey releases the persistent anonymous identifier only: no name, no e-mail.
      return account && { accountId: account.sub, claims: () => ({ sub: account.sub }) };
    },
    claims: { openid: ['sub'], auth_time: null, sid: null, iss: null },
    scopes: ['openid'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    enabledJWA: { idTokenSigningAlgValues: [SIGNING_ALG] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    discovery: { ui_locales_supported: ['en-CA', 'fr-CA'] },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(
        pageLanguage(ctx.oidc?.params?.ui_locales, ctx.get('accept-language')),
        out.error,
        out.error_description,
      );
    },
  };
}

function clientMetadata(client: LocalProviderClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: client.redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: SIGNING_ALG,
    // oidc-provider accepts client_secret_post from a client_secret_basic client and vice versa.
    ...(client.privateKeyJwtJwks
      ? { token_endpoint_auth_method: 'private_key_jwt', jwks: client.privateKeyJwtJwks }
      : { token_endpoint_auth_method: 'client_secret_basic' }),
  };
}

async function generateRsaKey(): Promise<{ privateKey: KeyObject; jwk: JWK }> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    jwk: { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: SIGNING_ALG, use: 'sig' },
  };
}

/** The same JWS header and payload with an RS256 signature by another key. */
function resign(jws: string, key: KeyObject): string {
  const signingInput = jws.split('.').slice(0, 2).join('.');
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}

function unavailable(res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
  res.end('Service Unavailable');
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections(); // keep-alive connections from fetch would hold close() open
  });
}

function assertUnique(accounts: LocalProviderAccount[], field: 'username' | 'sub'): void {
  const values = accounts.map((a) => a[field]);
  if (new Set(values).size !== values.length)
    throw new Error(`local identity provider accounts must have unique ${field}s`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
