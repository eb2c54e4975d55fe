/**
 * The three lookups (`urn`, `email`, `bn`) differ only in what they look up. Any agent may look up
 * (no role): each lookup is audited under their name. Text in English; `--json` prints one line.
 */
import { supportLookup } from '../lookup';
import { foundNothing } from '../lookup';
import { parseSupportQuery, type LookupKind } from '../query';
import { formatLookup } from '../format';
import { resolveSearchKey } from '../../../client/payload-keys';
import { ExitCode, UsageError, callerOf, parseCommand, positionalOf, type SupportCommand } from '../command';

const WHAT: Record<LookupKind, string> = { urn: 'URN', bn: 'business number', email: 'e-mail address' };

export function lookupCommand(kind: LookupKind, usage: string): SupportCommand {
  return {
    name: kind,
    usage: `${usage} [--json] --agent <name>`,
    async run(args, deps) {
      const { values, positionals } = parseCommand(args, { json: { type: 'boolean' } });
      const { agent } = callerOf(values, deps);
      // `bn 123 456 782 RM 0001` arrives as several words: they are one value.
      const parsed = parseSupportQuery(kind, positionalOf(positionals, WHAT[kind]));
      if (!parsed.ok) throw new UsageError(deps.t(parsed.problem.messageKey, parsed.problem.params));
      const [db, temporal] = await Promise.all([deps.db(), deps.client()]);
      const result = await supportLookup(
        { config: deps.config, db, temporal, searchKey: resolveSearchKey(deps.config) },
        { actor: `operator:${agent}`, via: 'cli' },
        parsed.query,
      );
      deps.out(values.json ? JSON.stringify(result) : formatLookup(result).trimEnd());
      return foundNothing(result) ? ExitCode.NothingToDo : ExitCode.Done;
    },
  };
}
