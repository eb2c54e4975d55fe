/** The three lookups (`urn`, `bn`, `email`) differ only in what they look up. */
import { translate } from '../../../i18n/catalogue';
import { foundNothing, supportLookup } from '../lookup';
import { parseSupportQuery, type LookupKind } from '../query';
import { formatLookup } from '../format';
import { ExitCode, UsageError, type SupportCommand } from './command';

const NOUN: Record<LookupKind, string> = { urn: 'URN', bn: 'business number', email: 'e-mail' };

export function lookupCommand(kind: LookupKind, usage: string, summary: string): SupportCommand {
  return {
    usage,
    summary,
    async run(ctx, args) {
      // `npm run support -- bn 123 456 782 RM 0001` arrives as several words: they are one value.
      const typed = args.join(' ');
      const parsed = parseSupportQuery(kind, typed);
      if (!parsed.ok) {
        const why = translate('en', parsed.problem.messageKey, parsed.problem.params);
        throw new UsageError(typed.trim() === '' ? why : `Not a valid ${NOUN[kind]}: ${why}`);
      }
      const [db, temporal] = await Promise.all([ctx.db(), ctx.temporal()]);
      const result = await supportLookup(
        { config: ctx.config, db, temporal, searchKey: ctx.searchKey() },
        { actor: ctx.actor, via: 'cli' },
        parsed.query,
      );
      return {
        exitCode: foundNothing(result) ? ExitCode.NotFound : ExitCode.Ok,
        text: formatLookup(result),
        json: result,
      };
    },
  };
}
