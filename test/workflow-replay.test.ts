/**
 * Runs already in flight must survive a deploy: registrations wait up to 30 days, so the code
 * that wakes them must make the same decisions the code that started them made. Every history
 * recorded in test/histories/ (each workflow type through its main paths, recorded by
 * `npm run histories:record`) is replayed against the current workflow code; a change that would
 * break a running workflow (a command added, removed or reordered without `patched()`) fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { DefaultLogger, Runtime, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../client';
import { EncryptionCodec, type PayloadKeys } from '../client/encryption-codec';
import { bundleWorkflows } from '../service/workflow-bundle';
import * as workflows from '../workflows';
import { prebuiltBundle } from './support/workflow-bundles';

// Each replay starts and stops a worker; its state changes are noise, warnings still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

const HISTORIES = path.join(__dirname, 'histories');

interface RecordedHistory {
  name: string;
  payloadKeys: string;
  workflowId: string;
  events: string[];
  history: temporal.api.history.v1.IHistory;
}

function readHistories(): RecordedHistory[] {
  return readdirSync(HISTORIES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const recorded = JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as Omit<
        RecordedHistory,
        'name' | 'history'
      > & { history: string };
      return {
        ...recorded,
        name: file.replace(/\.json$/, ''),
        history: temporal.api.history.v1.History.decode(Buffer.from(recorded.history, 'base64')),
      };
    });
}

/** `id=base64[,id=base64]`, as CERS_PAYLOAD_KEYS is written; the last is the active one. */
function payloadKeys(text: string): PayloadKeys {
  const entries = text.split(',').map((pair) => pair.split('=', 2) as [string, string]);
  return { activeKeyId: entries.at(-1)![0], keys: Object.fromEntries(entries) };
}

function workflowTypeOf(recorded: RecordedHistory): string {
  return recorded.history.events![0]!.workflowExecutionStartedEventAttributes!.workflowType!.name!;
}

/** The worker's own options for what replay needs: the bundle and the codec that reads the payloads. */
async function replayOptions(
  recorded: RecordedHistory,
  keys = payloadKeys(recorded.payloadKeys),
): Promise<ReplayWorkerOptions> {
  const codePath = prebuiltBundle([]);
  return {
    ...(codePath ? { workflowBundle: { codePath } } : { workflowBundle: await bundleWorkflows([]) }),
    dataConverter: {
      // As the worker decodes (service/worker.ts): an unreadable payload becomes a refusal marker,
      // so a wrong key would change the workflow's decisions and fail the replay, not pass it.
      payloadCodecs: [new EncryptionCodec(keys, { refuse: 'mark' })],
      failureConverterPath: FAILURE_CONVERTER_PATH,
    },
  };
}

const recorded = readHistories();

describe('recorded histories replay against the current workflow code', () => {
  it('there is at least one recorded history for every workflow the worker runs', () => {
    assert.deepEqual(
      [...new Set(recorded.map(workflowTypeOf))].sort(),
      Object.keys(workflows).sort(),
      'record the missing ones with `npm run histories:record` (test/histories/record-histories.ts)',
    );
  });

  it.each(recorded.map((r) => [r.name, r] as const))('%s', async (_name, history) => {
    await Worker.runReplayHistory(await replayOptions(history), history.history, history.workflowId);
  });

  it('a history whose recorded commands differ from what the code does fails the replay', async () => {
    // The first activity the completed registration scheduled, renamed: what replaying that run
    // would meet if the code now called another activity at that point.
    const original = recorded.find((r) => r.name === 'registration-completed')!;
    const altered = temporal.api.history.v1.History.decode(
      temporal.api.history.v1.History.encode(original.history).finish(),
    );
    const scheduled = altered.events.find((e) => e.activityTaskScheduledEventAttributes)!;
    scheduled.activityTaskScheduledEventAttributes!.activityType = { name: 'someOtherActivity' };
    await assert.rejects(
      Worker.runReplayHistory(await replayOptions(original), altered, original.workflowId),
      DeterminismViolationError,
    );
  });

  it('the payloads are read with the recorded key: with another key the same history does not replay', async () => {
    const original = recorded.find((r) => r.name === 'registration-completed')!;
    const otherKey = { activeKeyId: 'test-1', keys: { 'test-1': Buffer.alloc(32, 7).toString('base64') } };
    await assert.rejects(
      Worker.runReplayHistory(await replayOptions(original, otherKey), original.history, original.workflowId),
    );
  });
});
