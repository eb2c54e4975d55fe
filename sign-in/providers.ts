/**
 * The OpenID providers, as openid-client (a certified relying-party library) sees them: discovered
 * from their issuer once, then reused; discovered again after a failure, so a provider that was
 * down is used as soon as it is back. No token or signature is checked here by hand.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import * as oidc from 'openid-client';
import type { OidcProviderConfig, SignInConfig } from '../config';
import type { CredentialProvider } from '../domain/registration-inputs';

/** The provider did not answer (discovery, token endpoint, keys): nothing changed, try again. */
export class ProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super(`OpenID provider unreachable: ${(cause as Error).message}`);
    this.name = 'ProviderUnavailable';
  }
}

async function clientAuth(provider: OidcProviderConfig): Promise<oidc.ClientAuth> {
  if (!provider.privateKeyPath) return oidc.ClientSecretBasic(provider.clientSecret);
  const key = createPrivateKey(readFileSync(provider.privateKeyPath));
  const algorithm =
    key.asymmetricKeyType === 'ec'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  // A WebCrypto key for private_key_jwt: openid-client signs the client assertion with it.
  const der = key.export({ type: 'pkcs8', format: 'der' });
  return oidc.PrivateKeyJwt(await globalThis.crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']));
}

export class OidcProviders {
  private readonly discovered = new Map<CredentialProvider, Promise<oidc.Configuration>>();

  constructor(private readonly config: SignInConfig) {}

  configured(): CredentialProvider[] {
    return Object.keys(this.config.providers) as CredentialProvider[];
  }

  has(provider: CredentialProvider): boolean {
    return this.config.providers[provider] !== undefined;
  }

  /** Discover again next time: the provider stopped answering (it may have moved or rotated keys). */
  forget(provider: CredentialProvider): void {
    this.discovered.delete(provider);
  }

  /** The provider's configuration (discovery document, keys); ProviderUnavailable if it does not answer. */
  async get(provider: CredentialProvider): Promise<oidc.Configuration> {
    const settings = this.config.providers[provider];
    if (!settings) throw new Error(`No OpenID provider configured for ${provider}`);
    let pending = this.discovered.get(provider);
    if (!pending) {
      const insecure = settings.issuer.startsWith('http:');
      pending = clientAuth(settings).then((auth) =>
        oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, auth, {
          // The ID token's signature is checked against the provider's published keys: openid-client
          // otherwise trusts the TLS channel alone for the token response. Plain http only reaches
          // here outside production (the configuration refuses it there): the local provider.
          execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])],
          timeout: 10,
        }),
      );
      this.discovered.set(provider, pending);
      // A failed discovery is not kept: the next sign-in tries again.
      pending.catch(() => this.discovered.delete(provider));
    }
    try {
      return await pending;
    } catch (error) {
      throw new ProviderUnavailable(error);
    }
  }
}
