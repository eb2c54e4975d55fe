/**
 * Where a registration is, and whose it is: the steps in order and the registration's id, which
 * names its Slack user. Shared by the workflow, the activities and every client.
 */
import type { Applicant } from './registration-inputs';

export const RegistrationStep = {
  Credential: 'credential',
  Terms: 'terms',
  UserAccount: 'userAccount',
  BusinessAccount: 'businessAccount',
  Completed: 'completed',
  Expired: 'expired',
  Cancelled: 'cancelled',
} as const;
export type RegistrationStep = (typeof RegistrationStep)[keyof typeof RegistrationStep];

/**
 * What a run of the registration workflow is for: the first registration (the four steps), or a
 * business account registered later by a person whose user account exists (after joining others,
 * as a second business, or again after deleting one). Such a run starts at the business-account
 * step with the person's user account; the credential and the URN stay as they are.
 */
export const RegistrationPurpose = {
  Registration: 'registration',
  BusinessAccount: 'businessAccount',
} as const;
export type RegistrationPurpose = (typeof RegistrationPurpose)[keyof typeof RegistrationPurpose];

export const FINAL_STEPS: readonly RegistrationStep[] = ['completed', 'expired', 'cancelled'];

/** The steps an applicant works through, in order: the one numbering every message and script uses. */
export const NUMBERED_STEPS = [
  'credential',
  'terms',
  'userAccount',
  'businessAccount',
] as const satisfies readonly RegistrationStep[];

/** "Step 4 of 4": a step's place among the numbered steps; undefined for a final step. */
export function stepProgress(step: RegistrationStep): { number: number; total: number } | undefined {
  const index = (NUMBERED_STEPS as readonly RegistrationStep[]).indexOf(step);
  return index === -1 ? undefined : { number: index + 1, total: NUMBERED_STEPS.length };
}

/** One registration per applicant: a Slack user in a Slack workspace. */
export function registrationWorkflowId(applicant: Pick<Applicant, 'teamId' | 'userId'>): string {
  return `registration:${applicant.teamId}:${applicant.userId}`;
}

/** The Slack user behind a registration id (the inverse of {@link registrationWorkflowId}). */
export function slackUserOfRegistration(registrationId: string): { teamId: string; userId: string } | undefined {
  const match = /^registration:([^:]+):([^:]+)$/.exec(registrationId);
  return match ? { teamId: match[1]!, userId: match[2]! } : undefined;
}
