/**
 * A stalled database, for fault tests: a second connection takes table locks that block every
 * write to those tables (reads go on), holds them, then lets go, as a long migration, a vacuum
 * full or a stuck transaction would.
 */
import pg from 'pg';

export interface Stall {
  /** Resolves once the locks are held. */
  held: Promise<void>;
  /** Resolves once they are released. */
  released: Promise<void>;
}

/** Holds EXCLUSIVE locks on `tables` (inserts, updates, deletes and row locks wait) for `ms`. */
export function stallWrites(databaseUrl: string, tables: string[], ms: number): Stall {
  const client = new pg.Client({ connectionString: databaseUrl });
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const released = (async () => {
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`LOCK TABLE ${tables.map((t) => `"${t}"`).join(', ')} IN EXCLUSIVE MODE`);
      markHeld();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  })();
  return { held: Promise.race([held, released]), released };
}
