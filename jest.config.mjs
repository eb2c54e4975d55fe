// @ts-check
/**
 * Jest: every test/**\/*.test.ts, compiled to CommonJS by swc (types are checked by `npm run
 * typecheck`, not here). The stack (Temporal, PostgreSQL, workflow bundles) starts once per run in
 * test/support/global-setup.ts. See docs/decisions/test-runner-and-stack.md.
 */

/**
 * Packages swc compiles to CommonJS like our own code: the ESM-only ones Jest's CommonJS runtime
 * cannot load, and PGlite, whose CommonJS build loads Node built-ins with import(), which Jest's VM
 * refuses without --experimental-vm-modules (swc turns those into require()).
 */
const COMPILED_PACKAGES = ['openid-client', 'oauth4webapi', 'jose', 'oidc-provider', '@electric-sql/pglite'];

/** @type {import('jest').Config} */
const config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/single-realm.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    '^.+\\.[mc]?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${COMPILED_PACKAGES.join('|')})/)`],
  // node:test had no default timeout; suites that need longer say so themselves.
  testTimeout: 60_000,
};

export default config;
