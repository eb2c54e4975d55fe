/**
 * The Temporal Web UI query and link that list a person's or a business number's workflows. The
 * search attributes carry keyed digests, never the URN or business number (client/search-digests.ts),
 * so the query is built from the digest.
 *
 * Stands in for client/search-queries.ts until that lands: the lead switches this file to it.
 */
import type { Config } from '../../config';
import { SearchDigestKind, searchDigest } from '../../client/search-digests';
import { workflowListLink } from '../../client/support';

export interface WorkflowSearch {
  /** A visibility query for the Web UI's search box or `temporal workflow list --query`. */
  query: string;
  /** The Web UI page listing those workflows (TEMPORAL_UI_URL). */
  url: string;
}

const ATTRIBUTE = {
  [SearchDigestKind.Urn]: 'CersUrnDigest',
  [SearchDigestKind.BusinessNumber]: 'CersBusinessNumberDigest',
} as const;

export function workflowSearch(
  config: Config,
  searchKey: Buffer,
  kind: SearchDigestKind,
  value: string,
): WorkflowSearch {
  const query = `${ATTRIBUTE[kind]} = "${searchDigest(searchKey, kind, value)}"`;
  return { query, url: workflowListLink(config, query) };
}
