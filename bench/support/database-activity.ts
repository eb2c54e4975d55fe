/**
 * What the database did over a phase, from PostgreSQL's own statistics (pg_stat_database):
 * transactions committed and rows written, to divide by the registrations of that phase. Other
 * sessions report their counts when idle (at most every second, or after 10 s idle), so a reading
 * after a phase first waits for the counts to stop moving.
 */
import pg from 'pg';
import { sleep } from './harness';

export interface DatabaseActivity {
  commits: number;
  rollbacks: number;
  inserted: number;
  updated: number;
  deleted: number;
}

async function read(url: string): Promise<DatabaseActivity> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<keyof DatabaseActivity, string>>(
      `SELECT xact_commit AS commits, xact_rollback AS rollbacks, tup_inserted AS inserted,
              tup_updated AS updated, tup_deleted AS deleted
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    const row = rows[0];
    if (!row) throw new Error('pg_stat_database has no row for this database');
    return {
      commits: Number(row.commits),
      rollbacks: Number(row.rollbacks),
      inserted: Number(row.inserted),
      updated: Number(row.updated),
      deleted: Number(row.deleted),
    };
  } finally {
    await client.end();
  }
}

/** The counters now, once every session has reported (two readings 11 s apart agree on writes). */
export async function settledDatabaseActivity(url: string, maxWaitMs = 60_000): Promise<DatabaseActivity> {
  const deadline = Date.now() + maxWaitMs;
  let last = await read(url);
  for (;;) {
    await sleep(11_000);
    const now = await read(url);
    const writes = (a: DatabaseActivity) => a.inserted + a.updated + a.deleted;
    if (writes(now) === writes(last) || Date.now() > deadline) return now;
    last = now;
  }
}

/** The difference (the few readings' own transactions included: negligible per registration). */
export function activityBetween(before: DatabaseActivity, after: DatabaseActivity): DatabaseActivity {
  return {
    commits: after.commits - before.commits,
    rollbacks: after.rollbacks - before.rollbacks,
    inserted: after.inserted - before.inserted,
    updated: after.updated - before.updated,
    deleted: after.deleted - before.deleted,
  };
}
