/**
 * Temporal Cloud's billable actions in one workflow history, counted by its published rules
 * (docs.temporal.io/cloud/actions): what a registration would cost on Temporal Cloud, and, on a
 * self-hosted cluster, a fair proxy for the server work it causes.
 *
 * Counted from history, as the Cloud UI's own estimate is: a workflow start, each accepted update,
 * each signal, each timer started, each search-attribute upsert (not those made at start, nor one
 * that only sets TemporalChangeVersion), each activity attempt (the started event carries the
 * attempt number, so retries count), the local activities of one workflow task as one, a child
 * workflow as two, each options update. Not in history, so not here: queries (each one the worker
 * answers is an action), rejected updates, heartbeats; the caller adds those it knows of.
 */
import { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

export const BillableAction = {
  WorkflowStarted: 'workflow started',
  Update: 'update accepted',
  Signal: 'signal',
  Timer: 'timer started',
  SearchAttributeUpsert: 'search attributes upserted',
  Activity: 'activity attempt',
  LocalActivities: 'local activities (one per workflow task)',
  ChildWorkflow: 'child workflow (start + execution)',
  OptionsUpdated: 'workflow options updated',
} as const;
export type BillableAction = (typeof BillableAction)[keyof typeof BillableAction];

export interface ActionCount {
  total: number;
  byAction: Partial<Record<BillableAction, number>>;
}

/** The SDK's marker for a local activity's result (patch markers, `core_patch`, are free). */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
const CHANGE_VERSION_ATTRIBUTE = 'TemporalChangeVersion';

export function billableActions(events: readonly HistoryEvent[]): ActionCount {
  const byAction: Partial<Record<BillableAction, number>> = {};
  const add = (action: BillableAction, count = 1) => {
    if (count > 0) byAction[action] = (byAction[action] ?? 0) + count;
  };
  // Local activity markers are grouped by the workflow task that recorded them.
  let workflowTask = 0;
  const tasksWithLocalActivities = new Set<number>();
  for (const event of events) {
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        add(BillableAction.WorkflowStarted);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        add(BillableAction.Update);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        add(BillableAction.Signal);
        break;
      case EventType.EVENT_TYPE_TIMER_STARTED:
        add(BillableAction.Timer);
        break;
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const fields = Object.keys(
          event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
        );
        if (fields.some((field) => field !== CHANGE_VERSION_ATTRIBUTE)) add(BillableAction.SearchAttributeUpsert);
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
        add(BillableAction.Activity, Math.max(1, event.activityTaskStartedEventAttributes?.attempt ?? 1));
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        workflowTask += 1;
        break;
      case EventType.EVENT_TYPE_MARKER_RECORDED:
        if (event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER)
          tasksWithLocalActivities.add(workflowTask);
        break;
      case EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
        add(BillableAction.ChildWorkflow, 2);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_OPTIONS_UPDATED:
        add(BillableAction.OptionsUpdated);
        break;
      default:
        break;
    }
  }
  add(BillableAction.LocalActivities, tasksWithLocalActivities.size);
  const total = Object.values(byAction).reduce((sum, count) => sum + count, 0);
  return { total, byAction };
}

/** The action counts of several histories: the distribution of totals and the average per kind. */
export function averageActions(counts: readonly ActionCount[]): {
  min: number;
  avg: number;
  max: number;
  avgByAction: Partial<Record<BillableAction, number>>;
} {
  const totals = counts.map((c) => c.total);
  const avgByAction: Partial<Record<BillableAction, number>> = {};
  for (const action of Object.values(BillableAction)) {
    const sum = counts.reduce((total, c) => total + (c.byAction[action] ?? 0), 0);
    if (sum > 0) avgByAction[action] = sum / counts.length;
  }
  return {
    min: Math.min(...totals),
    avg: totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length),
    max: Math.max(...totals),
    avgByAction,
  };
}
