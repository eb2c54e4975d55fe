/**
 * zod as workflow code sees it. The worker evaluates zod once per workflow thread and shares it,
 * deep-frozen by the SDK, with every workflow (workflows/shared-zod.ts); whatever zod writes to its
 * own shared state during a parse then throws, inside a workflow task. Importing this module first
 * does the same here: zod is warmed as the preload warms it, then frozen as the SDK freezes it, so
 * the schemas tested after it are built and parsed in the state the workflows use them in.
 */
import '../../workflows/shared-zod';
import * as zod from 'zod';

/**
 * The SDK's own algorithm (private to @temporalio/worker/lib/workflow/reusable-vm.js): freeze an
 * object's properties' values before the object; functions are frozen but not walked, prototypes
 * are not visited, and what cannot be frozen (typed arrays) is left. One difference: objects
 * already frozen are walked too. Here zod's namespaces arrive frozen (CommonJS interop), in the
 * worker's bundle they are webpack's plain export objects, which the SDK walks.
 */
function deepFreeze(object: unknown, visited = new WeakSet<object>()): unknown {
  if (object == null || (typeof object !== 'object' && typeof object !== 'function')) return object;
  if (visited.has(object)) return object;
  visited.add(object);
  if (typeof object === 'object') {
    for (const name of [...Object.getOwnPropertyNames(object), ...Object.getOwnPropertySymbols(object)]) {
      const value: unknown = (object as Record<PropertyKey, unknown>)[name];
      try {
        deepFreeze(value, visited);
      } catch {
        // As the SDK: some objects cannot be frozen.
      }
    }
  }
  return Object.freeze(object);
}

deepFreeze(zod);
deepFreeze((globalThis as { __zod_globalConfig?: object }).__zod_globalConfig);
