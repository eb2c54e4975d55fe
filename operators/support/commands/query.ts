/**
 * `query urn <URN> | bn <business number> [--ui <Web UI URL>]`: what finds the workflows of a URN
 * or business number an operator was given (spaces, dashes and case as typed): the visibility
 * query, the Web UI link and the `temporal workflow list` command. The visibility store holds keyed
 * digests only, so this needs the search key (CERS_SEARCH_KEY, or the development key) and nothing
 * else: no connection, no payload key, no audit row (it shows no record).
 */
import type { Config } from '../../../config';
import {
  cliListCommand,
  registrationQuery,
  searchKeyOf,
  webUiLink,
  type SearchSubject,
} from '../../../client/search-queries';
import { ExitCode, UsageError, parseCommand, positionalOf, type SupportCommand } from '../command';

/** The lines `query` prints; throws UsageError (or RangeError for a value that is not one) otherwise. */
export function searchQueryLines(args: string[], config: Config): string[] {
  const { values, positionals } = parseCommand(args, { ui: { type: 'string' } });
  const [kind, ...words] = positionals;
  if (kind !== 'urn' && kind !== 'bn') throw new UsageError('say what was given: urn <URN> or bn <business number>');
  const typed = positionalOf(words, kind === 'urn' ? 'URN' : 'business number');
  const subject: SearchSubject = kind === 'urn' ? { urn: typed } : { businessNumber: typed };
  let query: string;
  try {
    query = registrationQuery(subject, searchKeyOf(config));
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const namespace = config.temporal.namespace;
  return [
    `query:   ${query}`,
    `Web UI:  ${webUiLink(values.ui ?? config.temporal.uiUrl, namespace, query)}`,
    `CLI:     ${cliListCommand(namespace, query)}`,
  ];
}

export const query: SupportCommand = {
  name: 'query',
  usage: 'query urn <URN> | bn <business number> [--ui <Web UI URL>]',
  async run(args, deps) {
    for (const line of searchQueryLines(args, deps.config)) deps.out(line);
    return ExitCode.Done;
  },
};
