/**
 * The benchmark's count of Temporal Cloud actions follows the published rules: what counts once,
 * what counts per attempt, what is grouped per workflow task, and what is free.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import { BillableAction, averageActions, billableActions } from '../testkit/billable-actions';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const T = temporal.api.enums.v1.EventType;
const event = (eventType: temporal.api.enums.v1.EventType, attributes: Partial<HistoryEvent> = {}): HistoryEvent => ({
  eventType,
  ...attributes,
});
const task = () => [
  event(T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
  event(T.EVENT_TYPE_WORKFLOW_TASK_STARTED),
  event(T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
];
const marker = (markerName: string) =>
  event(T.EVENT_TYPE_MARKER_RECORDED, { markerRecordedEventAttributes: { markerName } });
const upsert = (...names: string[]) =>
  event(T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, {
    upsertWorkflowSearchAttributesEventAttributes: {
      searchAttributes: { indexedFields: Object.fromEntries(names.map((n) => [n, {}])) },
    },
  });
const activityStarted = (attempt: number) =>
  event(T.EVENT_TYPE_ACTIVITY_TASK_STARTED, { activityTaskStartedEventAttributes: { attempt } });

describe('billable actions in a history', () => {
  it('counts each kind by the published rules', () => {
    const history = [
      event(T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
      ...task(),
      event(T.EVENT_TYPE_TIMER_STARTED),
      ...task(),
      event(T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
      // Two local activities and a patch in one workflow task: one action.
      marker('core_local_activity'),
      marker('core_patch'),
      marker('core_local_activity'),
      upsert('CersStep', 'CersBusinessDigest'), // several attributes, one upsert: one action
      upsert('TemporalChangeVersion'), // versioning's own: free
      event(T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED),
      event(T.EVENT_TYPE_TIMER_CANCELED), // cancelling is free
      event(T.EVENT_TYPE_TIMER_STARTED),
      event(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
      activityStarted(3), // retried twice: three attempts
      event(T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED),
      event(T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED),
      ...task(),
      marker('core_local_activity'), // another workflow task: another action
      marker('core_patch'), // a patch alone: free
      event(T.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED),
      event(T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED),
    ];
    const counted = billableActions(history);
    assert.deepEqual(counted.byAction, {
      [BillableAction.WorkflowStarted]: 1,
      [BillableAction.Timer]: 2,
      [BillableAction.Update]: 1,
      [BillableAction.SearchAttributeUpsert]: 1,
      [BillableAction.Activity]: 3,
      [BillableAction.Signal]: 1,
      [BillableAction.ChildWorkflow]: 2,
      [BillableAction.LocalActivities]: 2,
    });
    assert.equal(counted.total, 13);
  });

  it('an activity scheduled but never started costs nothing yet; averages are per history', () => {
    const waiting = billableActions([
      event(T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
      ...task(),
      event(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    ]);
    assert.equal(waiting.total, 1);
    const twoTimers = billableActions([
      event(T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
      event(T.EVENT_TYPE_TIMER_STARTED),
      event(T.EVENT_TYPE_TIMER_STARTED),
    ]);
    const average = averageActions([waiting, twoTimers]);
    assert.deepEqual([average.min, average.avg, average.max], [1, 2, 3]);
    assert.deepEqual(average.avgByAction, { [BillableAction.WorkflowStarted]: 1, [BillableAction.Timer]: 1 });
  });
});
