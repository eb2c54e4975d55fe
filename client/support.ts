/**
 * Support actions, the client side: who may act, and how their input is checked before anything
 * reaches Temporal. Every front end (the support tool, the bot for the support user group) passes
 * the caller it authenticated; only a caller with the support role may act.
 */
import type { z } from 'zod';
import type { Config } from '../config';
import { FailureType, failureDetails, invalidInput } from '../domain/failures';
import { SupportRole, supportAgent } from '../domain/support-schemas';
import { CersFailure } from './failures';
import { webUiLink } from './search-queries';

export { SupportRole } from '../domain/support-schemas';

/** Who asks: the agent's directory name and the roles the front end verified they hold. */
export interface SupportCaller {
  agent: string;
  roles: readonly string[];
}

/** InvalidInput as a CersFailure, listing every field that is wrong (catalogue keys `validation.*`). */
export function parsedOrInvalid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const failure = invalidInput(parsed.error);
  throw new CersFailure(FailureType.InvalidInput, failureDetails(failure)!, { message: failure.message });
}

/** Refuses (PolicyDenied, `support.role_required`) a caller without the support role or a name. */
export function requireSupportRole(caller: SupportCaller): { agent: string } {
  const agent = parsedOrInvalid(supportAgent(), caller.agent);
  if (!caller.roles.includes(SupportRole.Support)) {
    throw new CersFailure(FailureType.PolicyDenied, {
      messageKey: 'support.role_required',
      whatToDo: 'Only a support agent may do this: ask one, or act with the support role.',
      params: { role: SupportRole.Support },
    });
  }
  return { agent };
}

/** The Web UI page of one workflow run (its history, decoded when the UI has the codec server). */
export function workflowLink(config: Config, workflowId: string, runId: string): string {
  const ns = encodeURIComponent(config.temporal.namespace);
  return `${config.temporal.uiUrl}/namespaces/${ns}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`;
}

/** The Web UI's workflow list filtered by a visibility query. */
export function workflowListLink(config: Config, query: string): string {
  return webUiLink(config.temporal.uiUrl, config.temporal.namespace, query);
}
