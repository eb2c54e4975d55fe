/**
 * `npm run support -- <command> [arguments]`: what a support agent does beside the Web UI. Look a
 * person up by URN or e-mail, or a business account by number (audited); find registrations stuck
 * on a step, read one, remind its applicant, cancel it safely, lift a shared-secret lock. Commands that act need the agent's name (`--agent`, else CERS_SUPPORT_AGENT) and the
 * support role (`--role support`); each acts through a workflow, audited. `--lang fr` answers in
 * French. Exit codes: 0 done; 1 could not (Temporal unreachable, Slack did not deliver);
 * 2 bad arguments, input or role; 3 nothing to do (no lock in force, registration already ended).
 */
import type { Client } from '@temporalio/client';
import { CersFailure, connectCersClient } from '../../client';
import { ConfigError, loadConfig } from '../../config';
import { FailureType } from '../../domain/failures';
import { hasMessage, translate, translator } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/grammar';
import { createDatabase, type Database } from '../../records';
import { NoDatabaseError, operatorDatabaseUrl } from '../../records/database-url';
import { ExitCode, UsageError, type SupportDeps } from './command';
import { SUPPORT_COMMANDS } from './commands';

function usage(): string {
  return [
    'Usage: npm run support -- <command> [arguments] [--lang en|fr]',
    '',
    ...SUPPORT_COMMANDS.map((command) => `  ${command.name} ${command.usage.replace(/^\S+\s*/, '')}`),
  ].join('\n');
}

/** What a failure says, in the agent's language: its message, then each field that is wrong. */
function describeFailure(locale: Locale, failure: CersFailure): string[] {
  const say = (key: string, params?: Record<string, string | number>, english?: string) =>
    hasMessage(key) ? translate(locale, key, params) : (english ?? key);
  return [
    translate(locale, 'support.failed', { type: failure.type }),
    say(failure.details.messageKey, failure.details.params, failure.details.whatToDo),
    ...(failure.details.issues ?? []).map(
      (issue) => `  ${issue.field}: ${say(issue.messageKey, issue.params, issue.message)}`,
    ),
  ];
}

function exitCodeOf(failure: CersFailure): ExitCode {
  switch (failure.type) {
    case FailureType.InvalidInput:
    case FailureType.PolicyDenied:
      return ExitCode.Refused;
    case FailureType.WrongStep:
      return ExitCode.NothingToDo;
    default:
      return ExitCode.Failed;
  }
}

async function main(argv: string[]): Promise<ExitCode> {
  const [name, ...args] = argv;
  // Known before the command parses its arguments, so that even a usage error is in the agent's language.
  const langAt = argv.indexOf('--lang');
  const locale: Locale = (langAt >= 0 && argv[langAt + 1] === 'fr') || argv.includes('--lang=fr') ? 'fr' : 'en';
  const t = translator(locale);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!name || name === '--help' || name === '-h') {
    out(usage());
    return name ? ExitCode.Done : ExitCode.Refused;
  }
  const command = SUPPORT_COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(
      `${t('support.unknown_command', { command: name, commands: SUPPORT_COMMANDS.map((c) => c.name).join(', ') })}\n\n${usage()}\n`,
    );
    return ExitCode.Refused;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
    return ExitCode.Refused;
  }
  let connected: Promise<Client> | undefined;
  let database: Promise<Database> | undefined;
  const deps: SupportDeps = {
    config,
    t,
    out,
    // Lazy: a lookup still answers from the database (saying so) while Temporal is unreachable.
    client: () => (connected ??= connectCersClient({ config, lazy: true })),
    db: () => (database ??= operatorDatabaseUrl(config).then((url) => createDatabase(url, { maxConnections: 2 }))),
  };
  try {
    return await command.run(args, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `${t('support.bad_arguments', { problem: error.message })}\n\nnpm run support -- ${command.usage}\n`,
      );
      return ExitCode.Refused;
    }
    if (error instanceof NoDatabaseError) {
      process.stderr.write(`${error.message}\n`);
      return ExitCode.Failed;
    }
    if (error instanceof CersFailure) {
      process.stderr.write(`${describeFailure(locale, error).join('\n')}\n`);
      return exitCodeOf(error);
    }
    throw error;
  } finally {
    await Promise.allSettled([
      connected?.then((client) => client.connection.close()),
      database?.then((db) => db.$disconnect()),
    ]);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Identifiers only: an unexpected error's message may quote a value.
    process.stderr.write(`Unexpected failure: ${error instanceof Error ? error.name : 'unknown'}\n`);
    process.exit(ExitCode.Failed);
  },
);
