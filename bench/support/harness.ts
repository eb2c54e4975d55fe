/**
 * What the benchmarks share: distributions, tables, bounded clean-up of everything they start, and
 * small utilities. Each benchmark prints numbers; none of this judges them.
 */
import pg from 'pg';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms`; for bounding each clean-up step. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Distribution {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  avg: number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    avg: sorted.length ? sum / sorted.length : NaN,
  };
}

/** Runs `work` over `items` with at most `limit` in flight; settles every item. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const runner = async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index]!, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
}

export function errorText(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  const cause = reason.cause instanceof Error ? `: ${reason.cause.message}` : '';
  return `${reason.name}: ${reason.message}${cause}`;
}

// // Clean-up: every started thing registers its stop; run once, in reverse, each step bounded.

export const stops: { name: string; stop: () => Promise<void> }[] = [];
let cleanedUp: Promise<void> | undefined;

export function cleanup(): Promise<void> {
  cleanedUp ??= (async () => {
    for (const { name, stop } of stops.reverse()) {
      try {
        await withTimeout(stop(), 30_000, `stopping ${name}`);
      } catch (error) {
        process.stderr.write(`clean-up: ${errorText(error)}\n`);
      }
    }
  })();
  return cleanedUp;
}

export async function exitAfterCleanup(code: number): Promise<never> {
  // Clean-up itself is bounded; this is the last resort if something in it ignores its bound.
  setTimeout(() => process.exit(code), 120_000).unref();
  await cleanup();
  process.exit(code);
}

export async function serverVersion(databaseUrl: string): Promise<string> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await c.end();
  }
}

/**
 * Runs a benchmark's main to its exit code, cleaning up on every way out: success, failure,
 * Ctrl-C, SIGTERM, or the hard time bound.
 */
export function runToCompletion(main: () => Promise<number>, timeoutMs: number): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: cleaning up\n`);
      void exitAfterCleanup(signal === 'SIGINT' ? 130 : 143);
    });
  }
  const hardStop = setTimeout(() => {
    process.stderr.write(`\nBenchmark exceeded --timeout (${timeoutMs / 60_000} min); cleaning up\n`);
    void exitAfterCleanup(1);
  }, timeoutMs);
  hardStop.unref();

  main().then(
    (code) => exitAfterCleanup(code),
    (error: unknown) => {
      process.stderr.write(
        `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      return exitAfterCleanup(1);
    },
  );
}
