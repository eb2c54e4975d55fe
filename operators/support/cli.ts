/**
 * `npm run support -- <command> <value> [--agent <id>] [--json]` (in the production image:
 * `node dist/operators/support/cli.js …`): the support agent's tool. Every command is audited under
 * the agent's name (--agent, else CERS_SUPPORT_AGENT; one is required).
 *
 * Database: DATABASE_URL if set, else the embedded PostgreSQL of a running `npm start`. Temporal
 * and the search key as the service's configuration says (TEMPORAL_*, CERS_SEARCH_KEY).
 */
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { connectCersClient } from '../../client';
import { resolveSearchKey } from '../../client/payload-keys';
import { ConfigError, SUPPORT_AGENT_PATTERN, loadConfig, type Config } from '../../config';
import { createDatabase, type Database } from '../../records';
import { NoDatabaseError, operatorDatabaseUrl } from '../../records/database-url';
import { ExitCode, SUPPORT_COMMANDS, UsageError, type SupportContext } from './commands';

function usage(): string {
  const width = Math.max(...Object.values(SUPPORT_COMMANDS).map((c) => c.usage.length)) + 2;
  const commands = Object.values(SUPPORT_COMMANDS).map((c) => `  ${c.usage.padEnd(width)}${c.summary}`);
  return `Usage: npm run support -- <command> [arguments] [--agent <your id>] [--json]

Commands:
${commands.join('\n')}

Options:
  --agent <id>   who you are, recorded with every command in the audit trail (default: CERS_SUPPORT_AGENT)
  --json         print one JSON line instead of text
  --help         show this help

Exit codes: 0 found or done; 1 database or Temporal failure; 2 bad arguments or configuration; 3 not found.
`;
}

interface Options {
  command?: string;
  args: string[];
  agent?: string;
  json: boolean;
  help: boolean;
}

function parseOptions(argv: string[]): Options {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { agent: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    const [command, ...args] = positionals;
    return { command, args, agent: values.agent, json: values.json === true, help: values.help === true };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage()}`);
  }
}

function agentOf(options: Options, config: Config): string {
  const agent = options.agent ?? config.support.agent;
  if (agent === undefined) {
    throw new UsageError(
      'Say who you are: --agent <your id>, or set CERS_SUPPORT_AGENT. Every lookup is audited under that name.',
    );
  }
  if (!SUPPORT_AGENT_PATTERN.test(agent)) {
    throw new UsageError('--agent: expected your identifier: letters, digits, . _ @ - (at most 64 characters).');
  }
  return agent;
}

/** The database and Temporal connections a command opened, opened once and closed at the end. */
function connections(config: Config) {
  let db: Promise<Database> | undefined;
  let temporal: Promise<Client> | undefined;
  return {
    db: () => (db ??= operatorDatabaseUrl(config).then((url) => createDatabase(url, { maxConnections: 2 }))),
    temporal: () => (temporal ??= connectCersClient({ config, lazy: true })),
    async close() {
      await Promise.allSettled([db?.then((d) => d.$disconnect()), temporal?.then((c) => c.connection.close())]);
    },
  };
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.help || options.command === undefined) {
    await write(options.help ? process.stdout : process.stderr, usage());
    return options.help ? ExitCode.Ok : ExitCode.Usage;
  }
  const command = Object.hasOwn(SUPPORT_COMMANDS, options.command) ? SUPPORT_COMMANDS[options.command] : undefined;
  if (!command) {
    throw new UsageError(`Unknown command "${options.command.slice(0, 40)}".\n\n${usage()}`);
  }
  const config = loadConfig();
  const actor = `operator:${agentOf(options, config)}`;
  const open = connections(config);
  const ctx: SupportContext = {
    config,
    actor,
    db: open.db,
    temporal: open.temporal,
    searchKey: () => resolveSearchKey(config),
  };
  try {
    const result = await command.run(ctx, options.args);
    await write(process.stdout, options.json ? `${JSON.stringify(result.json)}\n` : result.text);
    return result.exitCode;
  } finally {
    await open.close();
  }
}

/** With --json, stdout is always one JSON line: a failure too, beside its message on stderr. */
async function fail(json: boolean, exitCode: ExitCode, message: string): Promise<never> {
  if (json) await write(process.stdout, `${JSON.stringify({ error: message, exitCode })}\n`);
  await write(process.stderr, `${message}\n`);
  process.exit(exitCode);
}

const argv = process.argv.slice(2);
const json = argv.includes('--json');
main(argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) return fail(json, ExitCode.Usage, error.message);
    if (error instanceof ConfigError) return fail(json, ExitCode.Usage, `${error.message}\nSee docs/configuration.md.`);
    if (error instanceof NoDatabaseError) return fail(json, ExitCode.Failure, error.message);
    // The message only: it names what failed, never a value looked up (those are not in errors).
    const message = error instanceof Error ? error.message : String(error);
    return fail(json, ExitCode.Failure, `support failed: ${message}`);
  },
);
