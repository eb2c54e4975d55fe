/**
 * workflows/update-inputs.ts: an update's argument is parsed once, by its validator, and the
 * handler of the same update gets that result; a handler whose validator did not run (replay)
 * or that asks with another schema parses for itself. The workflow API is stood in for: the
 * helper reads only the current update's id.
 */
import assert from 'node:assert/strict';
import { beforeAll, beforeEach, describe, it, jest } from '@jest/globals';
import { z } from 'zod';
import type { updateInputs as UpdateInputsFactory } from '../workflows/update-inputs';

let currentUpdateId: string | undefined;
jest.doMock('@temporalio/workflow', () => ({
  currentUpdateInfo: () => (currentUpdateId === undefined ? undefined : { id: currentUpdateId, name: 'step' }),
}));
let updateInputs: typeof UpdateInputsFactory;
beforeAll(async () => {
  ({ updateInputs } = await import('../workflows/update-inputs'));
});

/** A schema builder that counts how many schemas it built (one per parse, as the domain's do). */
function countingSchema() {
  const built = { count: 0 };
  const schema = () => {
    built.count++;
    return z.strictObject({ name: z.string().min(1) });
  };
  return { schema, built };
}

describe('update inputs', () => {
  beforeEach(() => {
    currentUpdateId = undefined;
  });

  it('gives the handler what the validator of the same update parsed, without parsing again', () => {
    const inputs = updateInputs();
    const { schema, built } = countingSchema();
    currentUpdateId = 'u1';
    const validated = inputs.validate(schema, { name: 'Ada' });
    const taken = inputs.take(schema, { name: 'Ada' });
    assert.equal(taken, validated);
    assert.equal(built.count, 1);
  });

  it('parses in the handler when its validator did not run (replay), and rejects what is invalid', () => {
    const inputs = updateInputs();
    const { schema, built } = countingSchema();
    currentUpdateId = 'replayed';
    assert.deepEqual(inputs.take(schema, { name: 'Ada' }), { name: 'Ada' });
    assert.equal(built.count, 1);
    assert.throws(() => inputs.take(schema, { name: '' }));
  });

  it('keeps each update’s parse apart, and hands it over once', () => {
    const inputs = updateInputs();
    const { schema, built } = countingSchema();
    currentUpdateId = 'a';
    inputs.validate(schema, { name: 'A' });
    currentUpdateId = 'b';
    inputs.validate(schema, { name: 'B' });
    assert.deepEqual(inputs.take(schema, { name: 'B' }), { name: 'B' });
    currentUpdateId = 'a';
    assert.deepEqual(inputs.take(schema, { name: 'A' }), { name: 'A' });
    assert.equal(built.count, 2);
    // Taken: a second handler run for the same id (none should) parses afresh.
    inputs.take(schema, { name: 'A' });
    assert.equal(built.count, 3);
  });

  it('parses again when the handler asks with another schema than its validator used', () => {
    const inputs = updateInputs();
    const first = countingSchema();
    const second = countingSchema();
    currentUpdateId = 'u1';
    inputs.validate(first.schema, { name: 'Ada' });
    inputs.take(second.schema, { name: 'Ada' });
    assert.equal(second.built.count, 1);
  });

  it('does not keep the parses of updates whose handlers never take them beyond a few', () => {
    const inputs = updateInputs();
    const { schema, built } = countingSchema();
    for (let i = 0; i < 20; i++) {
      currentUpdateId = `u${i}`;
      inputs.validate(schema, { name: `N${i}` });
    }
    currentUpdateId = 'u0';
    inputs.take(schema, { name: 'N0' });
    assert.equal(built.count, 21, 'the oldest was dropped: its handler parses itself');
    currentUpdateId = 'u19';
    inputs.take(schema, { name: 'N19' });
    assert.equal(built.count, 21, 'the newest is kept');
  });
});
