/**
 * What the benchmarks print and how: human lines (stdout, or stderr when --json keeps stdout for
 * the result), numbers as the reader expects them, the machine they ran on, the result as JSON.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { CommonOptions } from './options';
import { table } from './support/harness';

let jsonMode = false;

export function setJsonMode(on: boolean): void {
  jsonMode = on;
}

/** Human output: stdout, or stderr when --json keeps stdout for the result. */
export function say(line = ''): void {
  (jsonMode ? process.stderr : process.stdout).write(`${line}\n`);
}

/** A number with `digits` decimals, grouped as in English Canada (1,234.5). */
export const formatNumber = (value: number, digits = 1) =>
  value.toLocaleString('en-CA', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export interface Machine extends Record<string, string | number> {
  cores: number;
  cpu: string;
  memoryGb: number;
  platform: string;
  node: string;
}

/** Prints the benchmark's title and the machine it runs on, and returns the machine for the result. */
export function introduce(title: string): Machine {
  const cpus = os.cpus();
  const machine: Machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
  say(title);
  say(
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ${machine.platform}, Node ${process.version}`,
  );
  return machine;
}

/** The first rows of a summary table: the machine and the database; `blank` columns follow. */
export function machineRows(machine: Machine | Record<string, string | number>, blank: number): string[][] {
  const pad = Array.from({ length: blank }, () => '');
  return [
    ['machine', `${machine.cores} cores, Node ${process.version}`, ...pad],
    ['database', process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL server)' : 'embedded PGlite', ...pad],
  ];
}

/**
 * The summary: a blank line, `title`, the table of `rows` (the first is the header) with a last
 * row counting the failures (goal 0), then each failure on a line of its own.
 */
export function saySummary(title: string, rows: string[][], failures: readonly string[]): void {
  const width = rows[0]!.length;
  const failureRow = ['failures', String(failures.length), ...Array.from({ length: width - 2 }, () => '')];
  failureRow[width - 1] = '0';
  say();
  say(title);
  say(table([...rows, failureRow]));
  for (const failure of failures) say(`FAILURE: ${failure}`);
}

/** The result as JSON: to --json-out's file, and as the last line on stdout with --json. */
export function writeResults(options: CommonOptions, results: unknown): void {
  if (options.jsonOut) writeFileSync(options.jsonOut, `${JSON.stringify(results, null, 2)}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(results)}\n`);
}
