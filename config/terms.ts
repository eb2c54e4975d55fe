/**
 * The Terms and Conditions documents: one Markdown file per version and language,
 * `terms/<version>/<en|fr>.md`, each opening with a front matter between `---` lines (`version:`,
 * `date:`, `title:`). They live in the repository so every version people accepted stays readable; the
 * build copies them beside the compiled code. Start-up refuses a CERS_TERMS_VERSION whose
 * documents are missing or malformed in either language. index.ts spreads these into its schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The repository's `terms/` (`dist/terms/` in a production build). */
export const DEFAULT_TERMS_DIR = path.join(__dirname, '..', 'terms');

export const TERMS_LANGUAGES = ['en', 'fr'] as const;
export type TermsLanguage = (typeof TERMS_LANGUAGES)[number];

/** A version names a folder and goes into URLs and workflow ids: letters, digits, `.`, `_`, `-`. */
export const TERMS_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export interface TermsDocument {
  version: string;
  language: TermsLanguage;
  /** ISO date (YYYY-MM-DD) the version was published. */
  date: string;
  title: string;
  /** The text, in the small Markdown subset bot/terms/page.ts renders. */
  body: string;
}

const Header = z.strictObject({
  version: z.string().regex(TERMS_VERSION_PATTERN),
  date: z.iso.date(),
  title: z.string().min(1).max(200),
});

/** Parses one document; a string says what is wrong with it. */
export function parseTermsDocument(text: string, version: string, language: TermsLanguage): TermsDocument | string {
  const end = text.indexOf('\n---\n', 4);
  if (!text.startsWith('---\n') || end < 0)
    return 'expected a front matter (version:, date:, title:) between two lines "---"';
  const fields = Object.fromEntries(
    text
      .slice(4, end)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      }),
  );
  const header = Header.safeParse(fields);
  if (!header.success)
    return `header: ${header.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
  if (header.data.version !== version) return `header says version ${header.data.version}, its folder ${version}`;
  const body = text.slice(end + 5).trim();
  if (!body) return 'the text is empty';
  return { ...header.data, language, body };
}

/** Reads `<dir>/<version>/<language>.md`; a string says why it cannot be served. */
export function readTermsDocument(dir: string, version: string, language: TermsLanguage): TermsDocument | string {
  if (!TERMS_VERSION_PATTERN.test(version)) return `"${version}" is not a terms version`;
  const file = path.join(dir, version, `${language}.md`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return `${file} is missing`;
  }
  const parsed = parseTermsDocument(text.replace(/\r\n/g, '\n'), version, language);
  return typeof parsed === 'string' ? `${file}: ${parsed}` : parsed;
}

/** What is wrong with a version's documents, in both languages (empty: it can be published). */
export function termsProblems(dir: string, version: string): string[] {
  return TERMS_LANGUAGES.map((language) => readTermsDocument(dir, version, language)).filter(
    (d): d is string => typeof d === 'string',
  );
}

export const termsVariables = {
  CERS_TERMS_VERSION: z
    .string()
    .regex(TERMS_VERSION_PATTERN, {
      message: 'expected a version such as 2026-01 (letters, digits, ".", "_" or "-", at most 40 characters)',
    })
    .optional(),
  CERS_TERMS_DIR: z.string().min(1).optional(),
};

export interface TermsConfig {
  /** Where the documents are: `terms/` unless CERS_TERMS_DIR names another folder. */
  dir: string;
}

export function termsConfig(env: { CERS_TERMS_DIR?: string }): TermsConfig {
  return { dir: env.CERS_TERMS_DIR ? path.resolve(env.CERS_TERMS_DIR) : DEFAULT_TERMS_DIR };
}

/** Start-up refuses a chosen version whose documents are missing in either language. */
export function termsIssues(env: { CERS_TERMS_VERSION?: string; CERS_TERMS_DIR?: string }): string[] {
  if (!env.CERS_TERMS_VERSION || !TERMS_VERSION_PATTERN.test(env.CERS_TERMS_VERSION)) return [];
  return termsProblems(termsConfig(env).dir, env.CERS_TERMS_VERSION).map(
    (problem) =>
      `has no publishable documents: ${problem} (publish terms/${env.CERS_TERMS_VERSION}/en.md and fr.md first; docs/operations.md)`,
  );
}
