/**
 * Registrations stuck on a step: running, and on the same step for longer than a given time. The
 * visibility store cannot say when a registration reached its step (StartTime is when it began),
 * so a visibility query narrows to running registrations that began before the cutoff, and each
 * one's history says when its step began: the last time the workflow set CersStep (a search
 * attribute, stored in clear), else its start.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Config } from '../config';
import { REGISTRATION_WORKFLOW_TYPE, CersStep, type RegistrationStep } from '../workflows/registration/definitions';
import { cersFailureOf } from './failures';
import { workflowLink, workflowListLink } from './support';

export interface StuckRegistration {
  workflowId: string;
  runId: string;
  step: string;
  /** When it reached its step (ISO). */
  stepSince: string;
  link: string;
}

export interface StuckSearch {
  /** On their step for longer than this. */
  olderThanMs: number;
  /** Only this step (default: any step). */
  step?: RegistrationStep;
  /** At most this many candidates are read, newest first. */
  limit?: number;
  now?: Date;
}

export interface StuckReport {
  /** The visibility query of the candidates, for `temporal workflow list --query` or the Web UI. */
  query: string;
  listLink: string;
  stuck: StuckRegistration[];
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}

/** The visibility query of registrations running since before `cutoff` (on `step`, if given). */
export function stuckCandidatesQuery(cutoff: Date, step?: RegistrationStep): string {
  return [
    `WorkflowType=${quoted(REGISTRATION_WORKFLOW_TYPE)}`,
    `ExecutionStatus="Running"`,
    `StartTime < ${quoted(cutoff.toISOString())}`,
    ...(step ? [`${CersStep.name}=${quoted(step)}`] : []),
  ].join(' AND ');
}

/** When the run reached its current step: the last event that set CersStep, else its start. */
async function stepSince(client: Client, info: WorkflowExecutionInfo): Promise<Date> {
  const history = await client.workflow.getHandle(info.workflowId, info.runId).fetchHistory();
  let since = info.startTime;
  for (const event of history.events ?? []) {
    const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    if (fields && CersStep.name in fields && event.eventTime?.seconds != null) {
      since = new Date(Number(event.eventTime.seconds) * 1000 + Math.floor((event.eventTime.nanos ?? 0) / 1e6));
    }
  }
  return since;
}

export async function findStuckRegistrations(
  client: Client,
  config: Config,
  search: StuckSearch,
): Promise<StuckReport> {
  const now = search.now ?? new Date();
  const cutoff = new Date(now.getTime() - search.olderThanMs);
  const query = stuckCandidatesQuery(cutoff, search.step);
  const limit = search.limit ?? 100;
  try {
    const stuck: StuckRegistration[] = [];
    let read = 0;
    for await (const info of client.workflow.list({ query })) {
      if (read++ >= limit) break;
      const since = await stepSince(client, info);
      if (since > cutoff) continue;
      stuck.push({
        workflowId: info.workflowId,
        runId: info.runId,
        step: String(info.typedSearchAttributes.get(CersStep) ?? 'unknown'),
        stepSince: since.toISOString(),
        link: workflowLink(config, info.workflowId, info.runId),
      });
    }
    stuck.sort((a, b) => a.stepSince.localeCompare(b.stepSince));
    return { query, listLink: workflowListLink(config, query), stuck };
  } catch (error) {
    throw cersFailureOf(error);
  }
}
