/**
 * The people a developer can be in the console: the local identity provider's test accounts
 * (alice, bob and chloe in dev/identity/local-provider.ts, each a Slack user in the language that fits
 * them), and anyone added from the page, so a second or third business needs no fresh `.data/`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SlackUser } from './workspace';

export type DevUser = Partial<SlackUser> & { id: string };

/**
 * Alice and Chloé keep the ids the console always had (tests and bookmarks use them); Slack ids are
 * opaque, people are told apart by name. `name` is also their username at the local sign-in page.
 */
export const DEV_USERS: readonly DevUser[] = Object.freeze([
  { id: 'U0DEVEN001', name: 'alice', realName: 'Alice Martin', locale: 'en-US' },
  { id: 'U0DEVEN002', name: 'bob', realName: 'Bob Singh', locale: 'en-US' },
  { id: 'U0DEVFR001', name: 'chloe', realName: 'Chloé Tremblay', locale: 'fr-CA' },
]);

/** The languages a person added from the page can speak, as Slack locales. */
const LOCALES = { en: 'en-US', fr: 'fr-CA' } as const;

/** A person added from the page: a name as people write it, and the language of their Slack. */
export const NewDevPerson = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'enter a name')
    .max(80, 'a name has at most 80 characters')
    .regex(
      /^\p{L}[\p{L}\p{M} .'’-]*$/u,
      'a name is letters, spaces, apostrophes, periods and hyphens, starting with a letter',
    ),
  language: z.enum(['en', 'fr'], 'language is en or fr'),
});
export type NewDevPerson = z.infer<typeof NewDevPerson>;

/**
 * The username for a name: lower-case Latin letters and digits joined by dots ("Chloé Tremblay"
 * → `chloe.tremblay`); a name in another script gets `person.` and a digest of it.
 */
export function usernameFor(name: string): string {
  const latin = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40)
    .replace(/\.+$/, '');
  return latin || `person.${digest(name.normalize('NFC')).slice(0, 8).toLowerCase()}`;
}

/**
 * The Slack user for a person added from the page. The id comes from the username, so the same
 * person added again after a restart is the same Slack user, and finds their registration again.
 */
export function devUserFor(person: NewDevPerson): DevUser & Pick<SlackUser, 'name' | 'realName' | 'locale'> {
  const username = usernameFor(person.name);
  return {
    id: `U1${digest(username).slice(0, 9)}`,
    name: username,
    realName: person.name,
    locale: LOCALES[person.language],
  };
}

/** Upper-case letters and digits, as Slack ids are made of. */
function digest(text: string): string {
  return createHash('sha256')
    .update(text)
    .digest('base64url')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * The local identity provider when one runs beside the stand-in (`npm start` in development): a
 * person added in the console gets a test account there, and the console says how each signs in.
 */
export interface DevSignIn {
  /** How `username` signs in at the local provider; undefined when they have no account there. */
  credentialsOf(username: string): { username: string; password: string } | undefined;
  /** Gives `username` an account (the same one each time: a stable subject). */
  addAccount(username: string): void;
}
