/**
 * The local identity provider (oidc-provider) against the certified relying-party library
 * (openid-client), driven by the test browser: the full authorization code flow with PKCE, the
 * bilingual login page, and the failures the service must handle (wrong password, replayed code,
 * tampered signature, provider down).
 */
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import * as oidc from 'openid-client';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
  type LocalProviderAccount,
} from '../dev/identity/local-provider';
import { signInAtLocalProvider, TestBrowser } from './support/browser';

const CLIENT_ID = 'cers-onboard-test';
const CLIENT_SECRET = 'local-test-secret';
const JWT_CLIENT_ID = 'cers-onboard-test-private-key-jwt';

let idp: LocalIdentityProvider;
let callbackServer: Server;
let redirectUri: string;
/** Every request the relying party's callback received (path and query). */
const callbacks: string[] = [];
let jwtClientKey: webcrypto.CryptoKey;

beforeAll(async () => {
  callbackServer = createServer((req, res) => {
    callbacks.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>callback received</p>');
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;

  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  jwtClientKey = keys.privateKey;
  const publicJwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  idp = await startLocalIdentityProvider({
    port: 0,
    name: 'GCKey (local)',
    clients: [
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] },
      {
        clientId: JWT_CLIENT_ID,
        clientSecret: 'unused',
        redirectUris: [redirectUri],
        privateKeyJwtJwks: { keys: [publicJwk] },
      },
    ],
  });
});

afterAll(async () => {
  await idp?.close();
  await new Promise((resolve) => callbackServer?.close(resolve));
});

const alice = (): LocalProviderAccount => {
  const account = idp.accounts.find((a) => a.username === 'alice');
  assert.ok(account);
  return account;
};

/**
 * As the relying party must: http allowed for the local issuer only, and id token signatures
 * checked (openid-client skips that by default for token-endpoint responses, trusting TLS).
 */
function discover(clientAuth?: oidc.ClientAuth, clientId = CLIENT_ID): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(idp.issuer), clientId, CLIENT_SECRET, clientAuth, {
    execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks],
  });
}

/** What the relying party does before redirecting: PKCE, state, nonce, max_age, ui_locales. */
async function startSignIn(config: oidc.Configuration, parameters: Record<string, string> = {}) {
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const expectedState = oidc.randomState();
  const expectedNonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state: expectedState,
    nonce: expectedNonce,
    max_age: '1200',
    ui_locales: 'fr-CA',
    ...parameters,
  });
  return { url: url.href, checks: { pkceCodeVerifier, expectedState, expectedNonce, maxAge: 1200 } };
}

const isCallback = (url: string) => url.startsWith(redirectUri);

describe('local identity provider', () => {
  test('signs an account in: the id token carries its persistent sub and no name or e-mail', async () => {
    const config = await discover();
    const { url, checks } = await startSignIn(config);
    const page = await signInAtLocalProvider(new TestBrowser(), url, alice());
    assert.ok(isCallback(page.url), `landed on ${page.url}`);
    assert.equal(page.status, 200);

    const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url), checks);
    const claims = tokens.claims();
    assert.ok(claims);
    assert.equal(claims.sub, alice().sub);
    assert.equal(claims.iss, idp.issuer);
    assert.equal(claims.aud, CLIENT_ID);
    assert.equal(typeof claims.auth_time, 'number', 'max_age asks for auth_time');
    for (const personal of [
      'name',
      'given_name',
      'family_name',
      'email',
      'email_verified',
      'preferred_username',
      'locale',
    ]) {
      assert.ok(!(personal in claims), `id token must not carry ${personal}`);
    }
    assert.equal(tokens.scope, 'openid');
    assert.equal(tokens.refresh_token, undefined);
  });

  test('the login page follows ui_locales: French for fr-CA, English for en-CA', async () => {
    const config = await discover();
    const french = await new TestBrowser().get((await startSignIn(config, { ui_locales: 'fr-CA' })).url);
    assert.equal(french.status, 200);
    assert.match(french.html, /<html lang="fr-CA">/);
    assert.match(french.html, /Mot de passe/);
    assert.match(french.html, /GCKey \(local\)/);

    const english = await new TestBrowser().get((await startSignIn(config, { ui_locales: 'en-CA' })).url);
    assert.match(english.html, /<html lang="en-CA">/);
    assert.match(english.html, /Password/);
    assert.doesNotMatch(english.html, /Mot de passe/);
  });

  test('a wrong password re-shows the form with an error and issues no code; the right one then succeeds', async () => {
    const config = await discover();
    const { url, checks } = await startSignIn(config, { ui_locales: 'en-CA' });
    const browser = new TestBrowser();
    const received = callbacks.length;
    const loginPage = await browser.get(url);
    const retry = await browser.submitForm(loginPage, { username: 'alice', password: 'not-alice-password' });
    assert.equal(retry.status, 200);
    assert.ok(retry.url.startsWith(`${idp.issuer}/interaction/`), `stayed at the provider, not ${retry.url}`);
    assert.match(retry.html, /role="alert">The username or password is incorrect/);
    assert.match(retry.html, /value="alice"/, 'the username is kept');
    assert.doesNotMatch(retry.html, /not-alice-password/);
    assert.equal(callbacks.length, received, 'the relying party received nothing');

    const page = await browser.submitForm(retry, { username: 'alice', password: alice().password });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url), checks);
    assert.equal(tokens.claims()?.sub, alice().sub);
  });

  test('an authorization code works once: replaying it fails at the token endpoint', async () => {
    const config = await discover();
    const { url, checks } = await startSignIn(config);
    const page = await signInAtLocalProvider(new TestBrowser(), url, alice());
    await oidc.authorizationCodeGrant(config, new URL(page.url), checks);
    await assert.rejects(oidc.authorizationCodeGrant(config, new URL(page.url), checks), (error: unknown) => {
      assert.ok(error instanceof oidc.ResponseBodyError, String(error));
      assert.equal(error.error, 'invalid_grant');
      return true;
    });
  });

  test('PKCE is required: without a code_challenge the request is refused', async () => {
    const config = await discover();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
    });
    const page = await new TestBrowser().get(url.href);
    assert.ok(isCallback(page.url), `landed on ${page.url}`);
    const query = new URL(page.url).searchParams;
    assert.equal(query.get('error'), 'invalid_request');
    assert.match(query.get('error_description') ?? '', /PKCE/);
    assert.equal(query.get('code'), null);
  });

  test('prompt and max_age are honoured on a browser already signed in', async () => {
    const config = await discover();
    const browser = new TestBrowser();
    await signInAtLocalProvider(browser, (await startSignIn(config)).url, alice());
    const subAfter = async (parameters: Record<string, string>) => {
      const { url, checks } = await startSignIn(config, parameters);
      const page = await browser.get(url);
      assert.ok(isCallback(page.url), `${JSON.stringify(parameters)} reuses the session without a page`);
      return (await oidc.authorizationCodeGrant(config, new URL(page.url), checks)).claims()?.sub;
    };
    assert.equal(await subAfter({ prompt: 'none' }), alice().sub);
    assert.equal(await subAfter({ prompt: 'consent' }), alice().sub, 'consent to openid is granted without a page');

    for (const parameters of [{ prompt: 'login' }, { max_age: '0' }] as Record<string, string>[]) {
      const page = await browser.get((await startSignIn(config, parameters)).url);
      assert.match(page.html, /name="password"/, `${JSON.stringify(parameters)} asks for the password again`);
    }

    // Someone else signing in on the same browser replaces the session.
    const { url, checks } = await startSignIn(config, { prompt: 'login' });
    const bob = idp.accounts.find((a) => a.username === 'bob');
    assert.ok(bob);
    const page = await signInAtLocalProvider(browser, url, bob);
    assert.equal((await oidc.authorizationCodeGrant(config, new URL(page.url), checks)).claims()?.sub, bob.sub);

    const stranger = await new TestBrowser().get((await startSignIn(config, { prompt: 'none' })).url);
    assert.equal(new URL(stranger.url).searchParams.get('error'), 'login_required');
  });

  test('clients authenticate with client_secret_basic, client_secret_post or private_key_jwt', async () => {
    const methods = [
      { clientId: CLIENT_ID, auth: oidc.ClientSecretBasic(CLIENT_SECRET) },
      { clientId: CLIENT_ID, auth: oidc.ClientSecretPost(CLIENT_SECRET) },
      { clientId: JWT_CLIENT_ID, auth: oidc.PrivateKeyJwt(jwtClientKey) },
    ];
    for (const { clientId, auth } of methods) {
      const config = await discover(auth, clientId);
      const { url, checks } = await startSignIn(config);
      const page = await signInAtLocalProvider(new TestBrowser(), url, alice());
      const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url), checks);
      assert.equal(tokens.claims()?.aud, clientId);
    }
  });

  test('an id token signed with a key outside the published JWKS is rejected when signatures are checked', async () => {
    const signIn = async (config: oidc.Configuration) => {
      const { url, checks } = await startSignIn(config);
      const page = await signInAtLocalProvider(new TestBrowser(), url, alice());
      return () => oidc.authorizationCodeGrant(config, new URL(page.url), checks);
    };
    const checked = await signIn(await discover());
    // What openid-client does without enableNonRepudiationChecks: the tampered token passes.
    const unchecked = await signIn(
      await oidc.discovery(new URL(idp.issuer), CLIENT_ID, CLIENT_SECRET, undefined, {
        execute: [oidc.allowInsecureRequests],
      }),
    );
    idp.setSigningTampered(true);
    try {
      await assert.rejects(checked(), (error: unknown) => {
        // openid-client's message is generic; the cause says what failed.
        assert.ok(error instanceof oidc.ClientError, String(error));
        assert.equal(error.code, 'OAUTH_INVALID_RESPONSE');
        assert.match(String((error.cause as Error | undefined)?.message), /JWT signature verification failed/);
        return true;
      });
      assert.equal((await unchecked()).claims()?.sub, alice().sub);
    } finally {
      idp.setSigningTampered(false);
    }
  });

  test('an unavailable provider fails discovery and sign-in, and recovers', async () => {
    const config = await discover();
    const { url } = await startSignIn(config);
    idp.setUnavailable(true);
    try {
      await assert.rejects(discover());
      assert.equal((await new TestBrowser().get(url)).status, 503);
    } finally {
      idp.setUnavailable(false);
    }
    await discover();
  });
});
