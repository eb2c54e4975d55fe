/**
 * The shape of a support tool command, and what every command shares: the options that say who
 * acts (`--agent`, `--role`), the language of the output (`--lang`), and how an argument problem
 * is reported. One file per command in commands/, listed in commands/index.ts.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import type { SupportCaller } from '../../client/support';
import type { Translate } from '../../i18n/catalogue';
import type { Database } from '../../records';

/** 0 done; 1 could not (Temporal unreachable, ...); 2 bad arguments, input or role; 3 nothing to do. */
export const ExitCode = { Done: 0, Failed: 1, Refused: 2, NothingToDo: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface SupportDeps {
  config: Config;
  /** Connected on first use; the tool closes it. */
  client(): Promise<Client>;
  /** The database (DATABASE_URL, else a running `npm start`'s), opened on first use; the tool closes it. */
  db(): Promise<Database>;
  t: Translate;
  out(line: string): void;
}

export interface SupportCommand {
  name: string;
  /** One line: the arguments, after `npm run support -- <name>`. */
  usage: string;
  run(args: string[], deps: SupportDeps): Promise<ExitCode>;
}

/** An argument the agent can fix; the tool prints it with the usage and exits 2. */
export class UsageError extends Error {}

type OwnOptions = NonNullable<ParseArgsConfig['options']>;

const WHO_ACTS = {
  agent: { type: 'string' },
  role: { type: 'string', multiple: true },
  request: { type: 'string' },
  lang: { type: 'string' },
} as const satisfies OwnOptions;

/** Parses a command's arguments: its own options and the shared ones. */
export function parseCommand<O extends OwnOptions>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...WHO_ACTS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The caller: `--agent` (else CERS_SUPPORT_AGENT) and the roles given with `--role`. */
export function callerOf(values: { agent?: string; role?: string[] }, deps: SupportDeps): SupportCaller {
  const agent = values.agent ?? deps.config.support.agent;
  if (!agent) throw new UsageError(deps.t('support.agent_required'));
  return { agent, roles: values.role ?? [] };
}

/** The request id given with `--request`, else a new one the tool prints so the agent can retry it. */
export function requestIdOf(values: { request?: string }, deps: SupportDeps): string {
  if (values.request) return values.request;
  const requestId = randomUUID();
  deps.out(deps.t('support.request_id', { requestId }));
  return requestId;
}

/** The one positional argument a command takes (several words are one: `123 456 782 RM 0001`). */
export function positionalOf(positionals: string[], what: string): string {
  const value = positionals.join(' ').trim();
  if (!value) throw new UsageError(`give the ${what}`);
  return value;
}
