/**
 * Development sign-in for `npm start`: the local identity provider (identity/local-provider.ts)
 * registered as both GCKey and the Sign-In Partner broker, each with its own client, so the bot's
 * sign-in is the real OpenID Connect flow end to end without any account anywhere.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { startLocalIdentityProvider } from '../identity/local-provider';

export async function startLocalSignIn(config: Config): Promise<{ issuer: string; close: () => Promise<void> }> {
  const redirectUris = [config.signIn.redirectUri];
  const gckey = { clientId: 'cers-local-gckey', clientSecret: randomBytes(24).toString('base64url'), redirectUris };
  const partner = { clientId: 'cers-local-sign-in-partner', clientSecret: randomBytes(24).toString('base64url'), redirectUris };
  const provider = await startLocalIdentityProvider({
    port: config.signIn.localProviderPort,
    clients: [gckey, partner],
    name: 'GCKey / Sign-In Partner (local)',
  });
  // The bot reads these when it starts (it is created after this).
  config.signIn.providers = {
    gckey: { issuer: provider.issuer, clientId: gckey.clientId, clientSecret: gckey.clientSecret },
    'sign-in-partner': { issuer: provider.issuer, clientId: partner.clientId, clientSecret: partner.clientSecret },
  };
  return { issuer: provider.issuer, close: () => provider.close() };
}
