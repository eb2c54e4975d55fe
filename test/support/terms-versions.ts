/**
 * A Terms and Conditions version published after the people of a test registered: a scratch
 * CERS_TERMS_DIR holding the repository's documents plus this version in English and French.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_TERMS_DIR } from '../../config/terms';

export interface TestTermsVersion {
  version: string;
  date: string;
  /** CERS_TERMS_DIR and CERS_TERMS_VERSION for the stack that publishes it. */
  env: { CERS_TERMS_DIR: string; CERS_TERMS_VERSION: string };
  title: { en: string; fr: string };
  text: { en: string; fr: string };
}

export function publishTestTermsVersion(version = '2099-01', date = '2099-01-15'): TestTermsVersion {
  const dir = mkdtempSync(path.join(tmpdir(), 'cers-terms-'));
  cpSync(DEFAULT_TERMS_DIR, dir, { recursive: true });
  mkdirSync(path.join(dir, version));
  const title = { en: `Test terms, version ${version}`, fr: `Conditions de test, version ${version}` };
  const text = { en: 'The text of the test version.', fr: 'Le texte de la version de test.' };
  for (const language of ['en', 'fr'] as const) {
    writeFileSync(
      path.join(dir, version, `${language}.md`),
      `---\nversion: ${version}\ndate: ${date}\ntitle: ${title[language]}\n---\n\n## ${title[language]}\n\n${text[language]}\n`,
    );
  }
  return { version, date, env: { CERS_TERMS_DIR: dir, CERS_TERMS_VERSION: version }, title, text };
}
