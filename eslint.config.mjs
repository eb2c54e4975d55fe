// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { LAYERS } from './layers.mjs';

/** Bundled into the workflow sandbox: workflow code and what it imports. */
const SANDBOXED = ['workflows', 'domain', 'i18n'];
const DETERMINISTIC = 'Workflow code is deterministic: no Node built-ins (do I/O in activities).';
const NODE_BUILT_INS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)].map((name) => ({
  name,
  message: DETERMINISTIC,
}));
const WORKFLOW_SANDBOX = [
  { group: ['node:*'], message: DETERMINISTIC },
  {
    regex: '(^|/)activities(/|$)',
    allowTypeImports: true,
    message: 'Workflows import activity types only (import type).',
  },
  { group: ['@prisma/*', 'pg', '@slack/*'], message: 'Workflows never touch the database or Slack; activities do.' },
];

/**
 * One `no-restricted-imports` block per folder and depth, from layers.mjs (the layering as data). A
 * file `depth` folders down reaches the root with exactly `depth` `../`, so `^(../){depth}bot(/|$)`
 * names the top-level bot/ and never a sub-folder of the same name (dev/slack is not slack/).
 */
const MAX_DEPTH = 5;
const layerRules = Object.entries(LAYERS).flatMap(([folder, { mayNotImport, why }]) =>
  Array.from({ length: MAX_DEPTH }, (_, index) => ({
    files: [`${folder}/${'*/'.repeat(index)}*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...(SANDBOXED.includes(folder) ? { paths: NODE_BUILT_INS } : {}),
          patterns: [
            ...(SANDBOXED.includes(folder) ? WORKFLOW_SANDBOX : []),
            ...mayNotImport.map((target) => ({
              regex: `^(\\.\\./){${index + 1}}${target}(/|$)`,
              message: `${folder}/ may not import ${target}/: ${why}`,
            })),
          ],
        },
      ],
    },
  })),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'prisma/generated/', '.data/', 'dist/', 'test-output/'] },
  js.configs.recommended,
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'test/support/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Ports (notifiers, codecs) implement async interfaces whose local implementations need no await.
      '@typescript-eslint/require-await': 'off',
      // Cleanup callbacks are arrow-function properties, not methods that need `this`.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...layerRules,
  {
    // No module may be part of an import cycle (types included): layers only work one way.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The console page's script: a classic browser script, type-checked through its own tsconfig
    // (lib DOM), which also reports undefined names, so no-undef (without browser globals) is off.
    files: ['dev/slack/console/static/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: { 'no-undef': 'off' },
  },
);
