/**
 * Jest setup file: runs in every test file's VM context before its tests. Jest runs each test file
 * in a context of its own, with its own Object, Array and Error, while Node's built-ins (and the
 * globals Jest copies in from Node: structuredClone, fetch) build their results in Node's realm.
 * Outside Jest there is one realm, so the code and the tests rely on what one realm gives; this
 * restores it where the suite meets the difference:
 * - structuredClone: the clone's plain objects and arrays are rebuilt in this realm, else
 *   `value.constructor === Object` fails (oidc-provider clones client metadata and JWKs, then
 *   refuses them as not plain objects);
 * - fetch: `response.json()` parses in this realm, so node:assert's deepStrictEqual, which compares
 *   prototypes, sees the same objects a single realm gives;
 * - `instanceof Error` holds for Node's own errors (e.g. a failed decipher), as in one realm.
 */
import { types } from 'node:util';

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    proto === null ||
    (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]')
  );
}

/** `value` with its plain objects and arrays (from any realm) rebuilt in this one. */
function adopt(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value as unknown[]) copy.push(adopt(item, seen));
    return copy;
  }
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> =
    Object.getPrototypeOf(value) === null ? (Object.create(null) as Record<string, unknown>) : {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = adopt(item, seen);
  return copy;
}

const nativeStructuredClone = globalThis.structuredClone;
globalThis.structuredClone = ((value: unknown, options?: Parameters<typeof structuredClone>[1]) =>
  adopt(nativeStructuredClone(value, options), new WeakMap())) as typeof structuredClone;

const nativeFetch = globalThis.fetch;
globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  const response = await nativeFetch(...args);
  Object.defineProperty(response, 'json', { value: async (): Promise<unknown> => JSON.parse(await response.text()) });
  return response;
};

const ordinaryHasInstance = (ctor: unknown, value: unknown): boolean =>
  Function.prototype[Symbol.hasInstance].call(ctor, value);
Object.defineProperty(Error, Symbol.hasInstance, {
  // Subclasses inherit this: for them (`this` is the subclass) it stays the ordinary check.
  value(this: unknown, value: unknown): boolean {
    return ordinaryHasInstance(this, value) || (this === Error && types.isNativeError(value));
  },
});
