/**
 * The workflow bundles the test run builds once, in Jest's global setup (test/support/global-setup.ts),
 * instead of once per test file: webpack takes seconds and about 100 MB of heap each time. The paths
 * reach the test workers through CERS_TEST_WORKFLOW_BUNDLES (JSON: interceptor modules → file).
 */
import path from 'node:path';

/** Divides every activity timeout the workflows ask for by 15 (test/fixtures/short-activity-timeouts.ts). */
export const SHORT_ACTIVITY_TIMEOUTS = path.join(__dirname, '..', 'fixtures', 'short-activity-timeouts.ts');

/** The interceptor-module sets the test files use; each gets a bundle of its own. */
export const BUNDLE_VARIANTS: readonly string[][] = [[], [SHORT_ACTIVITY_TIMEOUTS]];

export const BUNDLES_ENV = 'CERS_TEST_WORKFLOW_BUNDLES';

export function bundleKey(interceptorModules: readonly string[]): string {
  return interceptorModules.map((m) => path.resolve(m)).join(',');
}

/** The bundle the global setup built with these interceptor modules, if it built one. */
export function prebuiltBundle(
  interceptorModules: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const bundles = JSON.parse(env[BUNDLES_ENV] ?? '{}') as Record<string, string>;
  return bundles[bundleKey(interceptorModules)];
}
