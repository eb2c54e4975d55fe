/**
 * The terms acceptance workflow's public contract: a registered person accepts a new version of
 * the Terms and Conditions (the version they accepted at registration is recorded with their user
 * account). Callers (the Slack bot, a future portal) import these names.
 */
export const TERMS_ACCEPTANCE_WORKFLOW_TYPE = 'termsAcceptanceWorkflow';

/**
 * One acceptance per user account and version: a double click, a Slack retry or a second window
 * all start (or find) this one workflow, which records the acceptance once.
 */
export function termsAcceptanceWorkflowId(userAccountId: string, version: string): string {
  return `terms-acceptance:${userAccountId}:${version}`;
}

export interface TermsAcceptanceInput {
  userAccountId: string;
  version: string;
}

/** `accepted`: recorded now. `already_accepted`: it was on record (the time is the first acceptance's). */
export interface TermsAcceptanceResult {
  outcome: 'accepted' | 'already_accepted';
  version: string;
  acceptedAt: string;
}
