/**
 * Sign-in links: the single-use, 10-minute links the bot gives one Slack applicant to sign in with
 * a credential provider. Each is a random 128-bit token bound to that applicant's registration;
 * it starts once, from a click in Slack, and its callback must come back to the browser that
 * started it (a cookie), so a forwarded link cannot link someone else's credential.
 */
import { randomBytes } from 'node:crypto';
import type { CredentialProvider, Locale } from '../domain/registration-inputs';
import type { Database } from '../prisma/database';

export type SignInLinkRow = NonNullable<Awaited<ReturnType<Database['signInLink']['findUnique']>>>;

/** The database's enum spells the Sign-In Partner with underscores. */
export const dbProvider = (provider: CredentialProvider): 'gckey' | 'sign_in_partner' =>
  provider === 'gckey' ? 'gckey' : 'sign_in_partner';
export const domainProvider = (provider: 'gckey' | 'sign_in_partner'): CredentialProvider =>
  provider === 'gckey' ? 'gckey' : 'sign-in-partner';

export interface NewLink {
  registrationId: string;
  slackUserId: string;
  provider: CredentialProvider;
  locale: Locale;
  viewId?: string;
  ttlMs: number;
}

export async function createSignInLink(db: Database, input: NewLink): Promise<SignInLinkRow> {
  return db.signInLink.create({
    data: {
      id: randomBytes(16).toString('base64url'),
      registrationId: input.registrationId,
      slackUserId: input.slackUserId,
      provider: dbProvider(input.provider),
      locale: input.locale,
      viewId: input.viewId ?? null,
      expiresAt: new Date(Date.now() + input.ttlMs),
    },
  });
}

/** The applicant clicked the link in Slack (Slack tells the bot who clicked a URL button). */
export async function armSignInLink(db: Database, id: string, slackUserId: string): Promise<boolean> {
  const armed = await db.signInLink.updateMany({
    where: { id, slackUserId, armedAt: null },
    data: { armedAt: new Date() },
  });
  return armed.count === 1;
}

/**
 * Marks the link started by one browser (`browserBinding`: the digest of that browser's secret),
 * once: a second start of the same link finds it taken.
 */
export async function claimSignInStart(
  db: Database,
  id: string,
  flow: { state: string; nonce: string; codeVerifier: string; browserBinding: string },
): Promise<boolean> {
  const claimed = await db.signInLink.updateMany({
    where: { id, startedAt: null, expiresAt: { gt: new Date() } },
    data: {
      startedAt: new Date(),
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.codeVerifier,
      browserBinding: flow.browserBinding,
    },
  });
  return claimed.count === 1;
}

export const findLink = (db: Database, id: string) => db.signInLink.findUnique({ where: { id } });
export const findLinkByState = (db: Database, state: string) => db.signInLink.findUnique({ where: { state } });

export async function recordSubject(db: Database, id: string, subject: string): Promise<void> {
  // The verifier has done its work: it is not kept.
  await db.signInLink.update({ where: { id }, data: { subject, codeVerifier: null } });
}

export async function recordOutcome(db: Database, id: string, outcome: SignInOutcome): Promise<void> {
  await db.signInLink.update({ where: { id }, data: { outcome, completedAt: new Date() } });
}

/** What the callback page says; the same on every reload. */
export type SignInOutcome = 'linked' | 'already_linked' | 'wrong_step';

/** Links are done within minutes; their records (state, verifier, subject) are kept a day, then go. */
export async function pruneSignInLinks(db: Database, now = Date.now()): Promise<number> {
  const { count } = await db.signInLink.deleteMany({
    where: { createdAt: { lt: new Date(now - 24 * 60 * 60 * 1000) } },
  });
  return count;
}
