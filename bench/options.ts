/**
 * The benchmarks' command lines: integer options, `--help` from the benchmark file's own header
 * comment, and running `main` to an exit code (usage errors exit 2 before anything starts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
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

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
type BenchArgs<T extends OptionSpecs> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: T & typeof COMMON_OPTION_SPECS;
    strict: true;
    allowPositionals: false;
  }>
>['values'];

/**
 * A benchmark's command line: its own options (`own`) and the common ones, nothing else; `--help`
 * prints the header comment of `file` (the benchmark's `__filename`) and exits.
 */
export function parseBenchArgs<T extends OptionSpecs>(argv: string[], own: T, file: string): BenchArgs<T> {
  const { values } = parseArgs({
    args: argv,
    options: { ...own, ...COMMON_OPTION_SPECS },
    strict: true,
    allowPositionals: false,
  });
  if ((values as { help?: boolean }).help) printHelpAndExit(file);
  return values;
}

/** The options of the benchmarks that drive complete registrations through the client. */
export const REGISTRATION_OPTION_SPECS = {
  n: { type: 'string' },
  parallel: { type: 'string' },
  warmup: { type: 'string' },
} as const satisfies OptionSpecs;

export interface RegistrationOptions {
  /** Registrations timed. */
  n: number;
  /** Of those, driven at once. */
  parallel: number;
  /** Untimed registrations first. */
  warmup: number;
}

/** --n, --parallel and --warmup, or `defaults` (--n at least `minN`). */
export function registrationOptions(
  values: { n?: string; parallel?: string; warmup?: string },
  defaults: RegistrationOptions,
  minN = 1,
): RegistrationOptions {
  return {
    n: positiveInt('n', values.n, defaults.n, minN),
    parallel: positiveInt('parallel', values.parallel, defaults.parallel),
    warmup: positiveInt('warmup', values.warmup, defaults.warmup, 0),
  };
}

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
