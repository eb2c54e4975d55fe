/**
 * One parse per update. An update's argument is checked twice, by its validator (before the update
 * is accepted) and by its handler (which must not trust a replayed history's validator, since
 * validators do not run on replay), and the SDK decodes the argument afresh for each. Building a
 * step's schema and parsing with it cost more than the rest of the step's workflow code, so the
 * validator keeps what it parsed under the update's id and the handler takes it; a handler whose
 * validator did not run (replay) parses for itself, with the same schema.
 */
import { currentUpdateInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import { parseOrReject } from './failures';

export interface UpdateInputs {
  /** In a validator: parses (or rejects) and keeps the result for this update's handler. */
  validate<S extends z.ZodType>(schema: () => S, raw: unknown): z.output<S>;
  /** In a handler: what this update's validator parsed with the same schema, else a parse of its own. */
  take<S extends z.ZodType>(schema: () => S, raw: unknown): z.output<S>;
}

/** More than the updates one workflow task can carry in practice (a double click is two). */
const KEPT_AT_MOST = 8;

export function updateInputs(): UpdateInputs {
  // An entry lives from a validator to its handler. A handler that never takes it (a resent
  // submission answered from the step's settled result) leaves it: the oldest go beyond a few.
  const parsed = new Map<string, { schema: () => z.ZodType; value: unknown }>();
  return {
    validate(schema, raw) {
      const value = parseOrReject(schema(), raw);
      const updateId = currentUpdateInfo()?.id;
      if (updateId === undefined) return value;
      parsed.set(updateId, { schema, value });
      for (const oldest of parsed.keys()) {
        if (parsed.size <= KEPT_AT_MOST) break;
        parsed.delete(oldest);
      }
      return value;
    },
    take<S extends z.ZodType>(schema: () => S, raw: unknown): z.output<S> {
      const updateId = currentUpdateInfo()?.id;
      const kept = updateId === undefined ? undefined : parsed.get(updateId);
      if (updateId !== undefined) parsed.delete(updateId);
      return kept?.schema === schema ? (kept.value as z.output<S>) : parseOrReject(schema(), raw);
    },
  };
}
