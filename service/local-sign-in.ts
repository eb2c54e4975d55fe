/**
 * Development sign-in for `npm start`: the local identity provider (dev/identity/local-provider.ts)
 * registered as both GCKey and the Sign-In Partner broker, each with its own client, so the bot's
 * sign-in is the real OpenID Connect flow end to end without any account anywhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../dev/identity/local-provider';
import type { DevSignIn } from '../dev/slack/dev-users';

export async function startLocalSignIn(
  config: Config,
): Promise<{ issuer: string; devSignIn: DevSignIn; close: () => Promise<void> }> {
  const redirectUris = [config.signIn.redirectUri];
  const gckey = { clientId: 'cers-local-gckey', clientSecret: randomBytes(24).toString('base64url'), redirectUris };
  const partner = {
    clientId: 'cers-local-sign-in-partner',
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUris,
  };
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
  return { issuer: provider.issuer, devSignIn: devSignIn(provider), close: () => provider.close() };
}

/**
 * The local provider as the Slack console uses it: a person added there gets an account here, with
 * the password `<username>-password` like alice, bob and chloe, and a subject derived from the
 * username, so after a restart the same person links the same credential again.
 */
export function devSignIn(provider: LocalIdentityProvider): DevSignIn {
  return {
    credentialsOf: (username) => {
      const account = provider.accounts.find((a) => a.username === username);
      return account ? { username: account.username, password: account.password } : undefined;
    },
    addAccount: (username) => {
      const sub = `pai-${username}-${createHash('sha256').update(username).digest('hex').slice(0, 12)}`;
      provider.addAccount({ username, password: `${username}-password`, sub });
    },
  };
}
