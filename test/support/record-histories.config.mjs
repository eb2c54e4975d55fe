// @ts-check
/**
 * Jest for `npm run histories:record` only: the stack project (Temporal, PostgreSQL, bundles from
 * the global setup) running test/histories/record-histories.ts, which `npm test` never runs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import base from '../../jest.config.mjs';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const stack = /** @type {import('jest').Config} */ (
  (base.projects ?? []).find((project) => typeof project === 'object' && project.displayName === 'stack')
);

/** @type {import('jest').Config} */
export default {
  ...base,
  rootDir,
  reporters: ['default'],
  projects: [{ ...stack, rootDir, displayName: 'record', testMatch: ['**/test/histories/record-histories.ts'] }],
};
