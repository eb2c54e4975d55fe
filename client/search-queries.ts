/**
 * What operators (and the support tool) type instead of a URN or business number: the visibility
 * query that finds its workflows, as a Temporal Web UI link or a `temporal workflow list` command.
 * The visibility store holds keyed digests only (workflows/search-attributes.ts), so the query is
 * computed here, with the search key, from the value as typed (spaces, dashes, lower case).
 */
import type { Config } from '../config';
import { resolveSearchKey } from './payload-keys';
import { SearchDigestKind, searchDigest } from './search-digests';
import { CersBusinessNumberDigest, CersUrnDigest } from '../workflows/search-attributes';

/** A person's URN, or a business number, as an operator typed it. */
export type SearchSubject = { urn: string } | { businessNumber: string };

/**
 * The query that finds the workflows of `subject`: a URN finds the person's registration, the role
 * requests they made and the account changes they made; a business number finds the registration
 * that created its business account, its role requests and its account changes. Throws RangeError (in English) when the value is not a URN or export business number.
 */
export function registrationQuery(subject: SearchSubject, searchKey: Buffer): string {
  return 'urn' in subject
    ? `${CersUrnDigest.name}="${searchDigest(searchKey, SearchDigestKind.Urn, subject.urn)}"`
    : `${CersBusinessNumberDigest.name}="${searchDigest(searchKey, SearchDigestKind.BusinessNumber, subject.businessNumber)}"`;
}

/** The Web UI's workflow list filtered by `query` (e.g. http://localhost:8233/namespaces/default/workflows?query=…). */
export function webUiLink(uiBaseUrl: string, namespace: string, query: string): string {
  const base = uiBaseUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
}

/** The same search with the Temporal CLI, ready to paste into a POSIX shell. */
export function cliListCommand(namespace: string, query: string): string {
  // Single quotes keep the query's double quotes; a digest query has no single quote to escape.
  return `temporal workflow list --namespace ${shellWord(namespace)} --query ${shellWord(query)}`;
}

function shellWord(value: string): string {
  return /^[\w.@%+=:,/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const searchKeys = new WeakMap<Config, Buffer>();

/** The configuration's search key, read once per configuration (in development it is a file). */
export function searchKeyOf(config: Config): Buffer {
  let key = searchKeys.get(config);
  if (!key) {
    key = resolveSearchKey(config);
    searchKeys.set(config, key);
  }
  return key;
}
