/**
 * `npm run search-query -- urn <URN> | bn <business number> [--ui <Web UI URL>]`
 *
 * Turns a URN or business number an operator was given (spaces, dashes and case as typed) into
 * what finds its workflows: the visibility query, the Web UI link and the `temporal workflow list`
 * command. The visibility store holds keyed digests only, so this needs the search key
 * (CERS_SEARCH_KEY, or the development key in .data/search-key.json) and nothing else: no
 * connection, no payload key. Exit codes: 0 printed; 2 bad arguments or configuration.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config';
import {
  cliListCommand,
  registrationQuery,
  searchKeyOf,
  webUiLink,
  type SearchSubject,
} from '../client/search-queries';

const USAGE = `Usage: npm run search-query -- urn <URN> | bn <business number> [--ui <Web UI URL>]

Prints the Temporal visibility query, the Web UI link and the temporal CLI command that find the
workflows of a URN (the person's registration, role requests and account changes) or a business
number (the registration that created its business account, its role requests and account changes).

  --ui URL   the Web UI's address (default TEMPORAL_UI_URL, else the embedded one)
  --help     show this help
`;

/** The lines to print for `args`; throws Error (in English) on arguments it cannot use. */
export function searchQueryLines(args: string[], config: Config): string[] {
  const { values, positionals } = parseArgs({
    args,
    options: { ui: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) return [USAGE];
  const [kind, ...words] = positionals;
  const typed = words.join(' ');
  if ((kind !== 'urn' && kind !== 'bn') || !typed) throw new Error(USAGE);
  const subject: SearchSubject = kind === 'urn' ? { urn: typed } : { businessNumber: typed };
  const query = registrationQuery(subject, searchKeyOf(config));
  const namespace = config.temporal.namespace;
  const ui = values.ui ?? config.temporal.uiUrl;
  return [
    `query:   ${query}`,
    `Web UI:  ${webUiLink(ui, namespace, query)}`,
    `CLI:     ${cliListCommand(namespace, query)}`,
  ];
}

if (require.main === module) {
  try {
    console.log(searchQueryLines(process.argv.slice(2), loadConfig()).join('\n'));
  } catch (error) {
    const hint = error instanceof ConfigError ? '\nSee docs/configuration.md.' : '';
    console.error(`${error instanceof Error ? error.message : String(error)}${hint}`);
    process.exitCode = 2;
  }
}
