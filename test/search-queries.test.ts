import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { SearchDigestKind, searchDigest } from '../client/search-digests';
import { cliListCommand, registrationQuery, searchKeyOf, webUiLink } from '../client/search-queries';
import { searchQueryLines } from '../operators/support/commands/query';
import { CERS_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

describe('operator search queries', () => {
  const key = randomBytes(32);

  test('a typed URN becomes the CersUrnDigest query, spaces or dashes alike', () => {
    const query = registrationQuery({ urn: '1234 5678 9018' }, key);
    expect(query).toBe(`CersUrnDigest="${searchDigest(key, SearchDigestKind.Urn, '1234-5678-9018')}"`);
    expect(registrationQuery({ urn: '123456789018' }, key)).toBe(query);
    expect(query).not.toContain('5678');
  });

  test('a typed business number becomes the CersBusinessNumberDigest query, whatever its case and spaces', () => {
    const query = registrationQuery({ businessNumber: '123456782 rm 0001' }, key);
    expect(query).toBe(
      `CersBusinessNumberDigest="${searchDigest(key, SearchDigestKind.BusinessNumber, '123456782RM0001')}"`,
    );
    expect(query).not.toContain('123456782');
  });

  test('a value that is neither is refused with what it should look like', () => {
    expect(() => registrationQuery({ urn: 'alice@example.ca' }, key)).toThrow(/Not a URN/);
    expect(() => registrationQuery({ businessNumber: '12345' }, key)).toThrow(/Not an export business number/);
  });

  test('the Web UI link opens the namespace’s workflow list filtered by the query', () => {
    const query = 'CersUrnDigest="0123456789abcdef0123456789abcdef"';
    const link = webUiLink('http://localhost:8233/', 'default', query);
    expect(link).toBe(
      'http://localhost:8233/namespaces/default/workflows?query=CersUrnDigest%3D%220123456789abcdef0123456789abcdef%22',
    );
    const url = new URL(link);
    expect(url.searchParams.get('query')).toBe(query);
    expect(new URL(webUiLink('https://ui.example.ca/temporal', 'cers prod', query)).pathname).toBe(
      '/temporal/namespaces/cers%20prod/workflows',
    );
  });

  test('the CLI form quotes the query for a POSIX shell', () => {
    const query = 'CersBusinessNumberDigest="0123456789abcdef0123456789abcdef"';
    expect(cliListCommand('default', query)).toBe(
      `temporal workflow list --namespace default --query 'CersBusinessNumberDigest="0123456789abcdef0123456789abcdef"'`,
    );
    expect(cliListCommand("it's", 'x')).toBe(`temporal workflow list --namespace 'it'\\''s' --query x`);
  });

  test('the search key is the configured one, or the development file, read once per configuration', () => {
    const configured = randomBytes(32);
    const config = loadConfig({ CERS_SEARCH_KEY: configured.toString('base64') });
    expect(searchKeyOf(config).equals(configured)).toBe(true);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'cers-search-key-'));
    const development = loadConfig({ CERS_DATA_DIR: dataDir });
    const first = searchKeyOf(development);
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'search-key.json'), 'utf8')) as { searchKey: string };
    expect(first.equals(Buffer.from(stored.searchKey, 'base64'))).toBe(true);
    expect(searchKeyOf(development)).toBe(first);
  });

  test('npm run support -- query prints the query, the Web UI link and the CLI command, or says what to type', () => {
    const configured = randomBytes(32);
    const config = loadConfig({ CERS_SEARCH_KEY: configured.toString('base64'), TEMPORAL_DEV_UI_PORT: '8299' });
    const query = registrationQuery({ urn: '1234-5678-9018' }, configured);
    expect(searchQueryLines(['urn', '1234', '5678', '9018'], config)).toEqual([
      `query:   ${query}`,
      `Web UI:  ${webUiLink('http://localhost:8299', 'default', query)}`,
      `CLI:     ${cliListCommand('default', query)}`,
    ]);
    const bn = registrationQuery({ businessNumber: '123456782RM0001' }, configured);
    expect(searchQueryLines(['bn', '123456782rm0001', '--ui', 'https://ui.example.ca'], config)[1]).toBe(
      `Web UI:  ${webUiLink('https://ui.example.ca', 'default', bn)}`,
    );
    expect(() => searchQueryLines(['email', 'a@example.ca'], config)).toThrow(/urn <URN> or bn <business number>/);
    expect(() => searchQueryLines(['bn', '12345'], config)).toThrow(/Not an export business number/);
  });
});

describe('the search attributes are registered and documented wherever a namespace is set up', () => {
  const names = CERS_SEARCH_ATTRIBUTES.map((key) => key.name);
  const read = (file: string) => readFileSync(path.join(__dirname, '..', file), 'utf8');

  test('the compose one-shot registers exactly these', () => {
    const line = /for name in ([\w ]+); do/.exec(read('docker-compose.yml'))?.[1];
    expect(line?.split(' ')).toEqual(names);
  });

  test.each(['docs/security.md', 'docs/operations.md', 'docs/workflow-api.md', 'docs/configuration.md'])(
    '%s names each of them',
    (file) => {
      const text = read(file);
      for (const name of names) expect(text).toContain(`\`${name}\``);
    },
  );
});
