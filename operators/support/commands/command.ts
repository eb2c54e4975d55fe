/**
 * What every `npm run support` subcommand is given and gives back. The CLI (../cli.ts) parses the
 * common options, checks the agent, and opens the database and Temporal only when a command asks.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../../config';
import type { Database } from '../../../records';

export const ExitCode = {
  Ok: 0,
  /** Database or Temporal unreachable, or anything unexpected. */
  Failure: 1,
  /** Bad arguments, a value that is not one (e.g. a URN with a wrong check digit), bad configuration. */
  Usage: 2,
  /** The value is well formed but nothing has it. */
  NotFound: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem the agent can fix; its message says how. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface SupportContext {
  config: Config;
  /** The agent as the audit trail names them (`operator:<id>`). */
  actor: string;
  /** Opened on first call, closed by the CLI. */
  db(): Promise<Database>;
  /** Connected lazily: a command runs (and says so) while Temporal is unreachable. */
  temporal(): Promise<Client>;
  /** The search key (CERS_SEARCH_KEY): digests for the audit trail and the Web UI queries. */
  searchKey(): Buffer;
}

export interface CommandResult {
  exitCode: ExitCode;
  /** What a person reads (English). */
  text: string;
  /** What `--json` prints, one line. */
  json: unknown;
}

export interface SupportCommand {
  /** `urn <URN>`: the name and its arguments, as --help shows them. */
  usage: string;
  summary: string;
  run(ctx: SupportContext, args: readonly string[]): Promise<CommandResult>;
}
