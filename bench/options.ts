/**
 * The benchmarks' command lines: integer options, `--help` from the benchmark file's own header
 * comment, and running `main` to an exit code (usage errors exit 2 before anything starts).
 */
import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { setJsonMode } from './report';
import { runToCompletion } from './support/harness';

export class UsageError extends Error {}

/** An integer option of at least `min`, or `fallback` when it was not given. */
export function positiveInt(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} expects an integer of at least ${min}, got "${text}"`);
  return value;
}

/** `--help`: the header comment of the benchmark's file (`__filename` there), as plain text. */
export function printHelpAndExit(file: string): never {
  const header = readFileSync(file, 'utf8').split('*/')[0] ?? '';
  process.stdout.write(`${header.replace(/^\/\*\*|^ \* ?/gm, '')}\n`);
  process.exit(0);
}

/** What every benchmark's options hold besides its own. */
export interface CommonOptions {
  timeoutMs: number;
  json: boolean;
  jsonOut?: string;
}

/** The options every benchmark takes (its header comment says what they do), for `parseArgs`. */
export const COMMON_OPTION_SPECS = {
  timeout: { type: 'string' },
  json: { type: 'boolean', default: false },
  'json-out': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** The common options from what `parseArgs` read; --timeout is in minutes. */
export function commonOptions(
  values: { timeout?: string; json: boolean; 'json-out'?: string },
  defaultTimeoutMinutes: number,
): CommonOptions {
  return {
    timeoutMs: positiveInt('timeout', values.timeout, defaultTimeoutMinutes) * 60_000,
    json: values.json,
    jsonOut: values['json-out'],
  };
}

/**
 * Parses the command line (on a usage error: the message and `usage`, exit 2), then runs `main`
 * with clean-up on every way out, bounded by --timeout.
 */
export function runFromCommandLine<O extends CommonOptions>(
  parse: (argv: string[]) => O,
  usage: string,
  main: (options: O) => Promise<number>,
): void {
  let options: O;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nUsage: ${usage}\n`);
    process.exit(2);
  }
  setJsonMode(options.json);
  runToCompletion(() => main(options), options.timeoutMs);
}
