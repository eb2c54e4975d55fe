/**
 * The relying party's client authentication against a real OpenID provider (the local one):
 * client_secret_basic, and private_key_jwt from a PEM key file, as the configuration offers.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import * as oidc from 'openid-client';
import type { SignInConfig } from '../config';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../dev/identity/local-provider';
import { OidcProviders } from '../sign-in/providers';
import { TestBrowser } from './support/browser';

const REDIRECT = 'http://127.0.0.1:9/auth/callback';
const dir = mkdtempSync(path.join(tmpdir(), 'cers-pkjwt-'));
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keyFile = path.join(dir, 'client.pem');
const otherKeyFile = path.join(dir, 'other.pem');
writeFileSync(keyFile, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(otherKeyFile, otherKey.privateKey.export({ type: 'pkcs8', format: 'pem' }));
const secret = randomBytes(16).toString('hex');

let provider: LocalIdentityProvider;
beforeAll(async () => {
  const publicJwk = { ...key.publicKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig' };
  provider = await startLocalIdentityProvider({
    port: 0,
    clients: [
      { clientId: 'with-secret', clientSecret: secret, redirectUris: [REDIRECT] },
      {
        clientId: 'with-key',
        clientSecret: 'not-used-by-this-client',
        redirectUris: [REDIRECT],
        privateKeyJwtJwks: { keys: [publicJwk] },
      },
    ],
  });
});
afterAll(async () => {
  await provider.close();
  rmSync(dir, { recursive: true, force: true });
});

function signInConfig(clientId: string, auth: { clientSecret?: string; privateKeyPath?: string }): SignInConfig {
  return {
    publicUrl: 'http://127.0.0.1:9',
    redirectUri: REDIRECT,
    providers: { gckey: { issuer: provider.issuer, clientId, ...auth } },
    localProviderPort: 0,
    linkTtlMs: 600_000,
  };
}

/** Logs alice in and exchanges the code with the configuration's client authentication. */
async function signIn(config: SignInConfig): Promise<string | undefined> {
  const configuration = await new OidcProviders(config).get('gckey');
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: REDIRECT,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    max_age: '1200',
  });
  const browser = new TestBrowser();
  const login = await browser.get(url.href);
  const callback = await browser.submitFormUntil(
    login,
    { username: 'alice', password: 'alice-password' },
    '/auth/callback',
  );
  const tokens = await oidc.authorizationCodeGrant(configuration, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    maxAge: 1200,
  });
  return tokens.claims()?.sub;
}

describe('client authentication at the token endpoint', () => {
  it('client_secret_basic', async () => {
    assert.equal(await signIn(signInConfig('with-secret', { clientSecret: secret })), provider.accounts[0]!.sub);
  });

  it('private_key_jwt with a PEM key (EC P-256); a key the provider does not know is refused', async () => {
    assert.equal(await signIn(signInConfig('with-key', { privateKeyPath: keyFile })), provider.accounts[0]!.sub);
    await assert.rejects(signIn(signInConfig('with-key', { privateKeyPath: otherKeyFile })), (error: unknown) => {
      assert.ok(error instanceof oidc.ResponseBodyError);
      assert.equal(error.error, 'invalid_client');
      return true;
    });
  });
});
