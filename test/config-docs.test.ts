/**
 * docs/configuration.md is the reference for operators: its table must list exactly the variables
 * the configuration schema reads, no more (a removed variable still documented) and no fewer.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from '@jest/globals';
import { CONFIG_VARIABLES } from '../config';

/** The variable names in the table's first column; `PREFIX_*` stands for the GCKey rows' suffixes under PREFIX_. */
function documentedVariables(markdown: string): string[] {
  const names = [...markdown.matchAll(/^\| `([A-Z0-9_*]+)` +\|/gm)].map((match) => match[1]!);
  const gckeySuffixes = names.filter((n) => n.startsWith('OIDC_GCKEY_')).map((n) => n.slice('OIDC_GCKEY_'.length));
  return names.flatMap((name) =>
    name.endsWith('_*') ? gckeySuffixes.map((suffix) => `${name.slice(0, -1)}${suffix}`) : [name],
  );
}

describe('docs/configuration.md', () => {
  const documented = documentedVariables(readFileSync(path.join(__dirname, '..', 'docs', 'configuration.md'), 'utf8'));

  test('lists every variable the configuration schema reads', () => {
    assert.deepEqual(
      CONFIG_VARIABLES.filter((name) => !documented.includes(name)),
      [],
    );
  });

  test('lists no variable the schema does not read, and none twice', () => {
    assert.deepEqual(
      documented.filter((name) => !CONFIG_VARIABLES.includes(name)),
      [],
    );
    assert.equal(new Set(documented).size, documented.length);
  });
});
