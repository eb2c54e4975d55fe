/**
 * Jest setup file (runs in every test file's VM context before its tests). Jest gives the context
 * Node's own structuredClone, from the outer realm: what it returns is built from the outer realm's
 * Object and Array, so `value.constructor === Object` checks in the code under test fail there, and
 * only there (oidc-provider clones its client metadata and JWKs, then refuses them as not plain
 * objects). Outside Jest there is one realm. So the clone's plain objects and arrays are rebuilt
 * here, in this realm; everything else (Dates, Maps, buffers…) is left as cloned.
 */
const nativeStructuredClone = globalThis.structuredClone;

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

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
  const copy: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = adopt(item, seen);
  return copy;
}

globalThis.structuredClone = ((value: unknown, options?: Parameters<typeof structuredClone>[1]) =>
  adopt(nativeStructuredClone(value, options), new WeakMap())) as typeof structuredClone;
