/**
 * The local identity provider's user-facing step: `/interaction/:uid`. oidc-provider sends the
 * browser here when it needs a login (or consent); we show a username/password form, check it
 * against the test accounts, and grant the `openid` scope in the same step (GCKey shows no consent
 * page). The uid in the path must match the provider's interaction cookie, which binds the form to
 * the authorization request that started it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { LocalProviderAccount } from './account';
import { errorPage, loginPage, pageLanguage, type PageLanguage } from './pages';

const VIEW = /^\/interaction\/([\w-]+)$/;
const LOGIN = /^\/interaction\/([\w-]+)\/login$/;
const MAX_FORM_BYTES = 16 * 1024;

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export function isInteractionPath(pathname: string): boolean {
  return pathname.startsWith('/interaction/');
}

export function createInteractionHandler(options: {
  provider: Provider;
  accounts: readonly LocalProviderAccount[];
  providerName: string;
}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { provider, accounts, providerName } = options;

  const showLogin = (
    req: IncomingMessage,
    res: ServerResponse,
    interaction: Interaction,
    extra: { username?: string; wrongCredentials?: boolean } = {},
  ) =>
    sendHtml(
      res,
      200,
      loginPage({
        language: languageOf(req, interaction),
        providerName,
        formAction: `/interaction/${interaction.uid}/login`,
        ...extra,
      }),
    );

  /** Records the login and the `openid` grant together, then sends the browser back to the provider. */
  const finish = async (
    req: IncomingMessage,
    res: ServerResponse,
    interaction: Interaction,
    accountId: string,
    login: boolean,
  ) => {
    const clientId = String(interaction.params.client_id);
    if (login) await forgetOtherAccountsSession(provider, interaction, accountId);
    // Reuse the session's grant only if it belongs to this account; a new login may be someone else.
    const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing?.accountId === accountId ? existing : new provider.Grant({ accountId, clientId });
    grant.addOIDCScope('openid');
    const result: InteractionResults = { consent: { grantId: await grant.save() } };
    if (login) result.login = { accountId };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  };

  return async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    const view = VIEW.exec(pathname);
    const submit = LOGIN.exec(pathname);
    if (!(view && req.method === 'GET') && !(submit && req.method === 'POST')) {
      sendHtml(res, 404, errorPage(languageOf(req), 'not_found', undefined));
      return;
    }
    try {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.uid !== (view ?? submit)?.[1]) {
        sendHtml(res, 400, errorPage(languageOf(req, interaction), 'invalid_request', 'interaction mismatch'));
        return;
      }
      const prompt = interaction.prompt.name;
      if (view) {
        if (prompt === 'login') return showLogin(req, res, interaction);
        // Already signed in, consent requested (e.g. prompt=consent): grant `openid` without a page.
        const accountId = interaction.session?.accountId;
        if (prompt === 'consent' && accountId) return await finish(req, res, interaction, accountId, false);
        await provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: `unsupported prompt ${prompt}`,
        });
        return;
      }
      if (prompt !== 'login') {
        sendHtml(res, 400, errorPage(languageOf(req, interaction), 'invalid_request', 'no login expected'));
        return;
      }
      const form = new URLSearchParams(await readBody(req));
      const username = form.get('username') ?? '';
      const account = findAccount(accounts, username, form.get('password') ?? '');
      if (!account) return showLogin(req, res, interaction, { username, wrongCredentials: true });
      await finish(req, res, interaction, account.sub, true);
    } catch (error) {
      const {
        statusCode,
        error: code,
        error_description,
      } = error as { statusCode?: number; error?: string; error_description?: string };
      if (!code) throw error;
      sendHtml(res, statusCode ?? 400, errorPage(languageOf(req), code, error_description));
    }
  };
}

/**
 * Signing in as someone else in a browser that holds another account's session would make
 * oidc-provider stop at a logout confirmation page (a script-submitted form). Tests switch people
 * freely, so the new login simply replaces the old session.
 */
async function forgetOtherAccountsSession(
  provider: Provider,
  interaction: Interaction,
  accountId: string,
): Promise<void> {
  const previous = interaction.session;
  if (!previous || previous.accountId === accountId) return;
  await (await provider.Session.findByUid(previous.uid))?.destroy();
  delete interaction.session;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
}

function findAccount(
  accounts: readonly LocalProviderAccount[],
  username: string,
  password: string,
): LocalProviderAccount | undefined {
  const account = accounts.find((a) => a.username === username.trim());
  // Compare digests in constant time so the form does not leak password prefixes by timing.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return account && timingSafeEqual(digest(account.password), digest(password)) ? account : undefined;
}

function languageOf(req: IncomingMessage, interaction?: Interaction): PageLanguage {
  return pageLanguage(interaction?.params.ui_locales, req.headers['accept-language']);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES)
      throw Object.assign(new Error('form too large'), { statusCode: 413, error: 'invalid_request' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // No scripts at all; no form-action limit because the sign-in legitimately redirects to the client.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}
