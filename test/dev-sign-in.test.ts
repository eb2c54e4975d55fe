/**
 * A person added in the Slack console can sign in at the local identity provider that `npm start`
 * runs (service/local-sign-in.ts): as `<username>`, password `<username>-password`, with a subject
 * that depends on the username only, so after a restart the same person is the same credential.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import * as oidc from 'openid-client';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
  type LocalProviderAccount,
} from '../dev/identity/local-provider';
import { devSignIn } from '../service/local-sign-in';
import { signInAtLocalProvider, TestBrowser } from './support/browser';

const CLIENT_ID = 'cers-dev-sign-in-test';
const CLIENT_SECRET = 'dev-sign-in-secret';

let idp: LocalIdentityProvider;
let callbackServer: Server;
let redirectUri: string;

beforeAll(async () => {
  callbackServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('callback'));
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
  idp = await startLocalIdentityProvider({
    port: 0,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }],
  });
});

afterAll(async () => {
  await idp?.close();
  await new Promise((resolve) => callbackServer?.close(resolve));
});

/** Signs `account` in through the provider's login page and returns the id token's subject. */
async function subjectOf(account: Pick<LocalProviderAccount, 'username' | 'password'>): Promise<string> {
  const config = await oidc.discovery(new URL(idp.issuer), CLIENT_ID, CLIENT_SECRET, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const expectedState = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state: expectedState,
  });
  const page = await signInAtLocalProvider(new TestBrowser(), url.href, account);
  assert.ok(page.url.startsWith(redirectUri), `landed on ${page.url}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url), { pkceCodeVerifier, expectedState });
  return tokens.claims()!.sub;
}

describe('development sign-in for people added in the console', () => {
  test('alice, bob and chloe can sign in as they are; an added person after addAccount, with a stable subject', async () => {
    const signIn = devSignIn(idp);
    assert.deepEqual(signIn.credentialsOf('chloe'), { username: 'chloe', password: 'chloe-password' });
    assert.equal(signIn.credentialsOf('dana.roy'), undefined);

    signIn.addAccount('dana.roy');
    signIn.addAccount('dana.roy'); // the same account again: nothing changes
    assert.equal(idp.accounts.filter((a) => a.username === 'dana.roy').length, 1);
    assert.deepEqual(signIn.credentialsOf('dana.roy'), { username: 'dana.roy', password: 'dana.roy-password' });

    const sub = await subjectOf({ username: 'dana.roy', password: 'dana.roy-password' });
    assert.equal(sub, idp.accounts.find((a) => a.username === 'dana.roy')?.sub);
    assert.notEqual(sub, await subjectOf({ username: 'alice', password: 'alice-password' }));

    // The same username on a freshly started provider (after a restart) is the same subject.
    const restarted: LocalProviderAccount[] = [];
    devSignIn({ ...idp, accounts: restarted, addAccount: (account) => restarted.push(account) }).addAccount('dana.roy');
    assert.equal(restarted[0]?.sub, sub);
  });

  test('an account cannot take over another’s username or subject', () => {
    assert.throws(() => idp.addAccount({ username: 'alice', password: 'x', sub: 'pai-new' }), /already has an account/);
    const alice = idp.accounts.find((a) => a.username === 'alice')!;
    assert.throws(
      () => idp.addAccount({ username: 'mallory', password: 'x', sub: alice.sub }),
      /already has an account/,
    );
    assert.equal(idp.accounts.filter((a) => a.sub === alice.sub).length, 1);
  });
});
