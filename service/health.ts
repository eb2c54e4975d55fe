/**
 * Whether the service's dependencies answer: Temporal (the frontend's system info) and PostgreSQL
 * (`SELECT 1`), each probe bounded in time. A watcher probes every few seconds and says in the log
 * when one goes away and when it comes back, so losing Temporal or the database is visible within
 * seconds, not on the next person's click; `/healthz` reports the same, fresh, as JSON.
 */
import { Connection } from '@temporalio/client';
import pg from 'pg';
import type { Logger } from '../config/logger';
import type { TemporalConnectionOptions } from '../client';

export type DependencyName = 'temporal' | 'postgres';

export interface DependencyStatus {
  ok: boolean;
  /** How long the probe took (up to the timeout when it did not answer). */
  latencyMs: number;
  /** Why it failed: the error's message (addresses, never credentials). */
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checkedAt: string;
  dependencies: Record<DependencyName, DependencyStatus>;
}

export interface DependencyWatcher {
  /** Probes now (one probe at a time: concurrent callers share it); never takes much over `timeoutMs`. */
  check(): Promise<HealthReport>;
  stop(): Promise<void>;
}

export interface DependencyWatcherOptions {
  temporal: TemporalConnectionOptions;
  databaseUrl: string;
  log: Logger;
  /** Between probes; default 2 s. */
  intervalMs?: number;
  /** Per probe; default 2 s. */
  timeoutMs?: number;
  /** While a dependency stays down, it is said again this often; default 60 s. */
  remindEveryMs?: number;
}

const LABEL: Record<DependencyName, string> = { temporal: 'Temporal', postgres: 'PostgreSQL' };

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)),
  );
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

export function watchDependencies(options: DependencyWatcherOptions): DependencyWatcher {
  const { log, databaseUrl } = options;
  const intervalMs = options.intervalMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const remindEveryMs = options.remindEveryMs ?? 60_000;
  // One connection while Temporal answers; after a failure a new one, so a server that came back
  // is seen at the next probe instead of after gRPC's reconnect back-off.
  let temporal: Connection | undefined;

  async function probeTemporal(): Promise<void> {
    // No interceptors: none of the SDK's retries, whose timers would outlive a probe (and call a
    // connection closed meanwhile, which throws outside any handler). Each probe is one call.
    temporal ??= await Connection.connect({ ...options.temporal, connectTimeout: timeoutMs, interceptors: [] });
    const connection = temporal;
    try {
      await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({}));
    } catch (error) {
      temporal = undefined;
      void connection.close().catch(() => undefined);
      throw error;
    }
  }

  async function probePostgres(): Promise<void> {
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    // A connection error after the probe ended must not become an unhandled 'error' event.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      void client.end().catch(() => undefined);
    }
  }

  const probes: Record<DependencyName, () => Promise<void>> = { temporal: probeTemporal, postgres: probePostgres };
  const down = new Map<DependencyName, { since: number; saidAt: number }>();

  async function probe(name: DependencyName): Promise<DependencyStatus> {
    const started = Date.now();
    try {
      await withTimeout(probes[name](), timeoutMs + 500, LABEL[name]);
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      return { ok: false, latencyMs: Date.now() - started, error: message(error) };
    }
  }

  /** Logs a dependency going away, staying away (now and then) and coming back. */
  function tell(name: DependencyName, status: DependencyStatus): void {
    const now = Date.now();
    const was = down.get(name);
    if (!status.ok && !was) {
      down.set(name, { since: now, saidAt: now });
      log.error(`${LABEL[name]} is unreachable`, { dependency: name, error: status.error });
    } else if (!status.ok && was && now - was.saidAt >= remindEveryMs) {
      was.saidAt = now;
      log.error(`${LABEL[name]} is still unreachable`, {
        dependency: name,
        forSeconds: Math.round((now - was.since) / 1000),
        error: status.error,
      });
    } else if (status.ok && was) {
      down.delete(name);
      log.info(`${LABEL[name]} is reachable again`, {
        dependency: name,
        afterSeconds: Math.round((now - was.since) / 1000),
      });
    }
  }

  let inFlight: Promise<HealthReport> | undefined;
  function check(): Promise<HealthReport> {
    inFlight ??= (async () => {
      const [t, p] = await Promise.all([probe('temporal'), probe('postgres')]);
      tell('temporal', t);
      tell('postgres', p);
      return {
        status: t.ok && p.ok ? 'ok' : 'unavailable',
        checkedAt: new Date().toISOString(),
        dependencies: { temporal: t, postgres: p },
      } as const;
    })().finally(() => (inFlight = undefined));
    return inFlight;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (stopped) return;
    void check().finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs).unref();
    });
  };
  loop();

  return {
    check,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight?.catch(() => undefined);
      await temporal?.close().catch(() => undefined);
    },
  };
}
