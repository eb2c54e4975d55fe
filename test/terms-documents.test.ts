/**
 * The Terms and Conditions documents (issue 15, point 5): the current version is published in
 * both languages; start-up refuses a CERS_TERMS_VERSION whose documents are missing or malformed;
 * the pages are escaped, accessible HTML.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../config';
import { DEFAULT_TERMS_DIR, readTermsDocument, termsProblems } from '../config/terms';
import { CURRENT_TERMS_VERSION } from '../workflows/registration/definitions';
import { renderMarkdown, termsNotFoundPage, termsPage } from '../bot/terms/page';

function configProblems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  return [];
}

function scratchTerms(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cers-terms-unit-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const doc = (version: string, title = 'Title') =>
  `---\nversion: ${version}\ndate: 2027-03-01\ntitle: ${title}\n---\n\nText.\n`;

describe('the published documents', () => {
  test('the current version (CURRENT_TERMS_VERSION) is in the repository in English and French', () => {
    assert.deepEqual(termsProblems(DEFAULT_TERMS_DIR, CURRENT_TERMS_VERSION), []);
    const en = readTermsDocument(DEFAULT_TERMS_DIR, CURRENT_TERMS_VERSION, 'en');
    const fr = readTermsDocument(DEFAULT_TERMS_DIR, CURRENT_TERMS_VERSION, 'fr');
    assert.ok(typeof en !== 'string' && typeof fr !== 'string');
    assert.equal(en.date, fr.date, 'one date per version');
    // What the guide says, quoted; where the authoritative text is.
    assert.match(
      en.body,
      /have accepted the CERS Portal Terms and Conditions, they may create a CERS Portal user account/,
    );
    assert.match(en.body, /does not reproduce their text/);
    assert.match(fr.body, /n’en reproduit pas le texte/);
  });
});

describe('CERS_TERMS_VERSION at start-up', () => {
  test('the repository’s version starts; unset takes the default', () => {
    assert.deepEqual(configProblems({ CERS_TERMS_VERSION: CURRENT_TERMS_VERSION }), []);
    assert.equal(loadConfig({}).terms.dir, DEFAULT_TERMS_DIR);
  });

  test('a version with no documents is refused, naming each missing file', () => {
    const problems = configProblems({ CERS_TERMS_VERSION: '2031-09' });
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /^CERS_TERMS_VERSION: has no publishable documents: .*2031-09\/en\.md is missing/);
    assert.match(problems[1]!, /2031-09\/fr\.md is missing \(publish terms\/2031-09\/en\.md and fr\.md first/);
  });

  test('a version missing in one language only, or with a malformed header, is refused', () => {
    const dir = scratchTerms({
      '2031-09/en.md': doc('2031-09'),
      '2031-10/en.md': doc('2031-10'),
      '2031-10/fr.md': 'version: 2031-10\n\nno front matter\n',
      '2031-11/en.md': doc('2031-12'),
      '2031-11/fr.md': doc('2031-11'),
    });
    assert.match(
      configProblems({ CERS_TERMS_VERSION: '2031-09', CERS_TERMS_DIR: dir }).join('\n'),
      /fr\.md is missing/,
    );
    assert.match(
      configProblems({ CERS_TERMS_VERSION: '2031-10', CERS_TERMS_DIR: dir }).join('\n'),
      /fr\.md: expected a front matter/,
    );
    assert.match(
      configProblems({ CERS_TERMS_VERSION: '2031-11', CERS_TERMS_DIR: dir }).join('\n'),
      /en\.md: header says version 2031-12, its folder 2031-11/,
    );
  });

  test('a version that could leave the folder is refused before any file is read', () => {
    assert.match(
      configProblems({ CERS_TERMS_VERSION: '../secrets' }).join('\n'),
      /^CERS_TERMS_VERSION: expected a version/,
    );
    assert.equal(typeof readTermsDocument(DEFAULT_TERMS_DIR, '../2026-01', 'en'), 'string');
  });
});

describe('the pages', () => {
  test('escaped HTML: headings, lists, quotations, https links only', () => {
    const html = renderMarkdown(
      '## Head <b>\n\n- one\n- [two](https://example.ca/x?a=1&b=2)\n\n> quoted `code`\n\n[bad](javascript:alert(1)) <script>x</script>',
    );
    assert.equal(
      html,
      [
        '<h2>Head &lt;b&gt;</h2>',
        '<ul><li>one</li><li><a href="https://example.ca/x?a=1&amp;b=2">two</a></li></ul>',
        '<blockquote><p>quoted <code>code</code></p></blockquote>',
        '<p>[bad](javascript:alert(1)) &lt;script&gt;x&lt;/script&gt;</p>',
      ].join('\n'),
    );
  });

  test('a document’s page has its language, title, version and date, and no script', () => {
    const fr = readTermsDocument(DEFAULT_TERMS_DIR, CURRENT_TERMS_VERSION, 'fr');
    assert.ok(typeof fr !== 'string');
    const page = termsPage(fr);
    assert.equal(page.status, 200);
    assert.match(page.body, /<html lang="fr-CA">/);
    assert.match(page.body, new RegExp(`Version ${CURRENT_TERMS_VERSION}, publiée le ${fr.date}\\.`));
    assert.match(page.body, /<a href=".\/en" lang="en-CA" hreflang="en-CA">English version<\/a>/);
    assert.doesNotMatch(page.body, /<script/);
    assert.match(page.headers['content-security-policy']!, /default-src 'none'/);
    assert.equal(termsNotFoundPage().status, 404);
  });
});
