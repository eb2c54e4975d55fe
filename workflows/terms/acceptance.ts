/**
 * A registered person accepts a version of the Terms and Conditions. Short-lived: the bot waits
 * for its result. Its id is made of the user account and the version, so however often the person
 * clicks, one workflow records one acceptance and one `terms.accepted` audit event.
 */
import { workflowInfo } from '@temporalio/workflow';
import { waitedOn } from '../activity-options';
import { termsAcceptanceInput } from '../../domain/terms-schemas';
import { parseOrReject } from '../failures';
import type { TermsAcceptanceInput, TermsAcceptanceResult } from './definitions';

const store = waitedOn();

export async function termsAcceptanceWorkflow(raw: TermsAcceptanceInput): Promise<TermsAcceptanceResult> {
  const { userAccountId, version } = parseOrReject(termsAcceptanceInput(), raw);
  return store.recordTermsAcceptance({ userAccountId, version, workflowId: workflowInfo().workflowId });
}
