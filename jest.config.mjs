// @ts-check
/**
 * Jest: every test/**\/*.test.ts, compiled to CommonJS by swc (types are checked by `npm run
 * typecheck`, not here). Two projects: `unit`, the files that need no Temporal and no database,
 * and `stack`, the rest, for which test/support/global-setup.ts starts the stack (Temporal,
 * PostgreSQL, the workflow bundles) once per run. `npm test -- --selectProjects unit` runs the unit
 * files alone, with no stack. See docs/decisions/test-runner-and-stack.md.
 */

/**
 * Packages swc compiles to CommonJS like our own code: the ESM-only ones Jest's CommonJS runtime
 * cannot load, and PGlite, whose CommonJS build loads Node built-ins with import(), which Jest's VM
 * refuses without --experimental-vm-modules (swc turns those into require()).
 */
const COMPILED_PACKAGES = ['openid-client', 'oauth4webapi', 'jose', 'oidc-provider', '@electric-sql/pglite'];

/** Test files that start what they need themselves, if anything: no Temporal, no database. */
const UNIT_TESTS = [
  'test/domain/**/*.test.ts',
  'test/billable-actions.test.ts',
  'test/update-inputs.test.ts',
  'test/bot-block-kit-limits.test.ts',
  'test/bot-credential-view.test.ts',
  'test/config.test.ts',
  'test/config-docs.test.ts',
  'test/embedded-postgres.test.ts',
  'test/encryption-codec.test.ts',
  'test/i18n.test.ts',
  'test/local-identity-provider.test.ts',
  'test/dev-sign-in.test.ts',
  'test/mrkdwn-escape.test.ts',
  'test/search-digests.test.ts',
  'test/search-queries.test.ts',
  'test/sign-in-providers.test.ts',
  'test/slack-block-kit-api.test.ts',
  'test/slack-block-kit-rules.test.ts',
  'test/slack-console.test.ts',
  'test/slack-envelope.test.ts',
  'test/slack-socket-mode.test.ts',
  'test/slack-stand-in.test.ts',
  'test/terms-documents.test.ts',
  'test/test-ports.test.ts',
].map((glob) => `**/${glob}`);

/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/support/single-realm.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    '^.+\\.[mc]?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${COMPILED_PACKAGES.join('|')})/)`],
};

/** @type {import('jest').Config} */
const config = {
  projects: [
    { ...common, displayName: 'unit', testMatch: UNIT_TESTS },
    {
      ...common,
      displayName: 'stack',
      testMatch: ['**/test/**/*.test.ts', ...UNIT_TESTS.map((glob) => `!${glob}`)],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  // One test file at a time, as Node's runner ran them on CI's 2-core machines: two or three at a time
  // are faster (about 4.5 and 3.5 min against 7) but crowd the bot tests' Slack windows (3 s trigger
  // ids, 2 s and 300 ms ack budgets), and runs failed there. Measured in
  // docs/decisions/test-runner-and-stack.md; `npm test -- --maxWorkers=2` on a quiet machine.
  maxWorkers: 1,
  // node:test had no default timeout; suites that need longer say so themselves. (A run-wide option:
  // Jest ignores it in a project.)
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.mjs'],
};

export default config;
