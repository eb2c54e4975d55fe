/**
 * Credential sign-in from Slack: the buttons that issue a sign-in link (and arm it when the
 * applicant opens it), and the browser's pages of the flow (sign-in/flow.ts), which deliver the
 * credential to the applicant's registration and move their Slack modal on by itself.
 */
import type { ButtonAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { CredentialProvider } from '../../domain/registration-inputs';
import { credentialVerified, registrationWorkflowId, slackUserOfRegistration } from '../../client';
import { finishSignIn, showSignInStart, startSignIn, type SignInDeps } from '../../sign-in/flow';
import { armSignInLink, createSignInLink, domainProvider, type SignInLinkRow } from '../../sign-in/links';
import { signInPage, type HttpAnswer } from '../../sign-in/pages';
import { applicantOf, type BotContext } from '../context';
import { showRegistration } from '../registration/modal';
import { publishHome } from '../home/publish';
import { updateModal, type OpenView } from '../ui/modal';
import type { SignInRequest } from '../work/jobs';
import { signInLinkView } from '../registration/views';
import type { Applicant, Locale } from '../../domain/registration-inputs';
import { translator } from '../../i18n/catalogue';

export interface SignInTarget {
  applicant: Applicant;
  view: OpenView;
  locale: Locale;
}

/** "Sign in with …" (or "Get a new link"): a fresh single-use link, shown in the modal. */
export async function issueSignInLink(
  ctx: BotContext,
  client: WebClient,
  target: SignInTarget,
  action: ButtonAction,
): Promise<'issued' | 'refused'> {
  const provider = CredentialProvider.safeParse(action.value);
  // Only a configured provider; a forged value naming another is refused.
  if (!provider.success || !ctx.providers.has(provider.data)) return 'refused';
  const status = await ctx.gateway.status(target.applicant);
  if (status?.step !== 'credential') return 'refused';
  const link = await createSignInLink(ctx.db, {
    registrationId: registrationWorkflowId(target.applicant),
    slackUserId: target.applicant.userId,
    provider: provider.data,
    locale: target.locale,
    viewId: target.view.id,
    ttlMs: ctx.signIn.linkTtlMs,
  });
  await updateModal(ctx, client, { id: target.view.id }, await linkView(ctx, client, link));
  return 'issued';
}

/** The credential step showing `link`, with what its page just said above it. */
async function linkView(ctx: BotContext, client: WebClient, link: SignInLinkRow, banner?: string): Promise<ModalView> {
  const { timeZone } = await ctx.profiles.get(client, link.slackUserId);
  return signInLinkView({
    locale: link.locale,
    provider: domainProvider(link.provider),
    url: `${ctx.signIn.publicUrl}/auth/start/${link.id}`,
    linkId: link.id,
    expiresAt: link.expiresAt,
    timeZone,
    banner,
  });
}

/** The applicant opened the link from Slack: from now on (and only now) it may start. */
export async function armLink(ctx: BotContext, applicant: Applicant, action: ButtonAction): Promise<void> {
  const linkId = action.value ?? '';
  if (!/^[A-Za-z0-9_-]{22}$/.test(linkId)) return;
  const armed = await armSignInLink(ctx.db, linkId, applicant.userId);
  if (!armed) ctx.log.info('sign-in link not armed (another user, or already armed)');
}

function signInDeps(ctx: BotContext, client: WebClient): SignInDeps {
  const applicantOfLink = (registrationId: string) => {
    const slack = slackUserOfRegistration(registrationId);
    return slack ? applicantOf(slack.teamId, slack.userId) : undefined;
  };
  return {
    db: ctx.db,
    providers: ctx.providers,
    config: ctx.signIn,
    log: ctx.log,
    async verify(link, credential, updateId) {
      const applicant = applicantOfLink(link.registrationId);
      if (!applicant) return { ok: false, type: 'WrongStep' };
      // A browser is waiting: if Temporal does not answer in 10 s, the page says try again (a
      // reload resends the same update id: still one effect).
      const outcome = await ctx.gateway.send(applicant, credentialVerified, credential, updateId, {
        timeoutMs: 10_000,
      });
      return outcome.ok ? { ok: true } : { ok: false, type: outcome.failure.type };
    },
    async ownerName(link) {
      return (await ctx.profiles.get(client, link.slackUserId)).name ?? link.slackUserId;
    },
    providerName(link) {
      return translator(link.locale)(
        link.provider === 'gckey' ? 'bot.signin.provider_gckey' : 'bot.signin.provider_partner',
      );
    },
    async tellSlack(link, page, linkUsable) {
      const applicant = applicantOfLink(link.registrationId);
      if (!applicant) return;
      // The same news as the page; nothing to add when it worked.
      const banner =
        page === 'linked' || page === 'wrong_step' ? undefined : translator(link.locale)(`signin.page.${page}`);
      if (!link.viewId) return publishHome(ctx, client, applicant);
      // The link still works: the modal keeps it, with the news above it (unless the registration
      // has moved on meanwhile, with another link).
      if (linkUsable && (await ctx.gateway.status(applicant))?.step === 'credential') {
        await updateModal(ctx, client, { id: link.viewId }, await linkView(ctx, client, link, banner));
        return;
      }
      await showRegistration(ctx, client, applicant, { id: link.viewId }, banner);
    },
  };
}

/** A sign-in page; anything unexpected is the "try again" page, never a stack trace. */
export async function handleSignIn(ctx: BotContext, client: WebClient, request: SignInRequest): Promise<HttpAnswer> {
  const deps = signInDeps(ctx, client);
  try {
    switch (request.route) {
      case 'start':
        return await showSignInStart(deps, request.linkId, { cookie: request.cookie });
      case 'continue':
        return await startSignIn(deps, request.linkId, {
          origin: request.origin,
          fetchSite: request.fetchSite,
          cookie: request.cookie,
          form: new URLSearchParams(request.form ?? ''),
        });
      case 'callback':
        return await finishSignIn(deps, new URL(request.url), request.cookie);
    }
  } catch (error) {
    ctx.log.error('sign-in page failed', {
      route: request.route,
      error: `${(error as Error).name}: ${(error as Error).message}`,
    });
    return signInPage('unavailable', 'en');
  }
}
