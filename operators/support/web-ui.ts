/**
 * The Temporal Web UI query (and, when the UI's address is known, the link) that lists a person's
 * or a business number's workflows. The search attributes carry keyed digests, never the URN or
 * business number (client/search-digests.ts), so the query is built from the digest.
 *
 * Stands in for client/search-queries.ts until that lands: the lead switches this file to it.
 */
import type { Config } from '../../config';
import { SearchDigestKind, searchDigest } from '../../client/search-digests';

export interface WorkflowSearch {
  /** A visibility query for the Web UI's search box or `temporal workflow list --query`. */
  query: string;
  /** The Web UI page listing those workflows; absent when the UI's address is not known here. */
  url?: string;
}

const ATTRIBUTE = {
  [SearchDigestKind.Urn]: 'CersUrnDigest',
  [SearchDigestKind.BusinessNumber]: 'CersBusinessNumberDigest',
} as const;

/** The embedded dev server's UI; a Temporal elsewhere has a UI this configuration does not name. */
function webUiBase(config: Config): string | undefined {
  return config.temporal.externalAddress ? undefined : `http://localhost:${config.temporal.devUiPort}`;
}

export function workflowSearch(
  config: Config,
  searchKey: Buffer,
  kind: SearchDigestKind,
  value: string,
): WorkflowSearch {
  const query = `${ATTRIBUTE[kind]} = "${searchDigest(searchKey, kind, value)}"`;
  const base = webUiBase(config);
  const url = base
    ? `${base}/namespaces/${encodeURIComponent(config.temporal.namespace)}/workflows?query=${encodeURIComponent(query)}`
    : undefined;
  return { query, ...(url ? { url } : {}) };
}
