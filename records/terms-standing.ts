/**
 * Whether a Slack user's user account has accepted a version of the Terms and Conditions: asked
 * before every action of a registered person, so it is one query on two unique indexes
 * (user_accounts.registration_id, terms_acceptances(user_account_id, version)), and a yes is kept
 * for a while (an acceptance is never withdrawn).
 */
import type { Applicant, Locale } from '../domain/registration-inputs';
import type { Database } from '../prisma/database';
import { registrationWorkflowId } from '../domain/registration-steps';

/** Undefined: no user account (not registered yet, so no terms beyond the registration's own). */
export interface TermsStanding {
  userAccountId: string;
  language: Locale;
  accepted: boolean;
}

export async function termsStandingOf(
  db: Database,
  applicant: Applicant,
  version: string,
): Promise<TermsStanding | undefined> {
  const [row] = await db.$queryRaw<{ id: string; language: Locale; accepted: boolean }[]>`
    SELECT u.id::text AS id, u.language::text AS language,
      EXISTS (SELECT 1 FROM terms_acceptances t WHERE t.user_account_id = u.id AND t.version = ${version}) AS accepted
    FROM user_accounts u
    WHERE u.registration_id = ${registrationWorkflowId(applicant)}`;
  return row ? { userAccountId: row.id, language: row.language, accepted: row.accepted } : undefined;
}

/**
 * The people known to have accepted a version, for `ttlMs`: most actions then cost no query at
 * all. Only yes is kept; a no is asked again, so an acceptance counts at once.
 */
export class AcceptedTermsCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  has(applicant: Applicant, version: string, now = Date.now()): boolean {
    const key = this.key(applicant, version);
    const until = this.seen.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.seen.delete(key);
    return false;
  }

  remember(applicant: Applicant, version: string, now = Date.now()): void {
    if (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(this.key(applicant, version), now + this.ttlMs);
  }

  private key(applicant: Applicant, version: string): string {
    return `${registrationWorkflowId(applicant)}\u0000${version}`;
  }
}
