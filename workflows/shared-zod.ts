/**
 * Zod, evaluated once per worker thread and shared by every workflow (service/workflow-bundle.ts
 * preloads this module), instead of once for each workflow created or replayed: about 1 MB of
 * heap per cached workflow and a few milliseconds of CPU each time the worker loads one.
 *
 * The SDK deep-freezes what it shares, and zod sets some of its state lazily, on first use, which
 * would then throw. Using it once here sets that state before the freeze: the default locale and
 * memoizer (`globalThis.__zod_globalConfig`) and whether code generation is allowed
 * (`util.allowsEval`). Schemas stay per workflow (domain/*-schemas.ts builds them per parse): zod
 * resets `lastIndex` on a schema's regular expression, so workflow schemas never use zod's own
 * shared, frozen ones (the default pattern of `z.email()`). test/domain/fuzz-boundaries fuzzes every
 * schema with zod frozen as the SDK freezes it (test/support/frozen-zod.ts); test/workflow-replay
 * replays every recorded history through the shared copy.
 *
 * Sharing is safe for determinism: what zod keeps between calls (its configuration, the memoizer's
 * scratch state while one parse runs) is set here or cleared within the synchronous parse, and
 * one workflow thread runs one activation at a time.
 */
import { z } from 'zod';

z.object({ warm: z.string().min(1), kind: z.enum(['a']) }).safeParse({ warm: '', kind: 'b' });
