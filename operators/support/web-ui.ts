/**
 * The Temporal Web UI query and link that list a person's or a business number's workflows. The
 * search attributes carry keyed digests, never the URN or business number (client/search-digests.ts),
 * so the query is built from the digest (client/search-queries.ts).
 */
import type { Config } from '../../config';
import { SearchDigestKind } from '../../client/search-digests';
import { registrationQuery } from '../../client/search-queries';
import { workflowListLink } from '../../client/support';

export interface WorkflowSearch {
  /** A visibility query for the Web UI's search box or `temporal workflow list --query`. */
  query: string;
  /** The Web UI page listing those workflows (TEMPORAL_UI_URL). */
  url: string;
}

export function workflowSearch(
  config: Config,
  searchKey: Buffer,
  kind: SearchDigestKind,
  value: string,
): WorkflowSearch {
  const query = registrationQuery(
    kind === SearchDigestKind.Urn ? { urn: value } : { businessNumber: value },
    searchKey,
  );
  return { query, url: workflowListLink(config, query) };
}
