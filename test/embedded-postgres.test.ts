/**
 * The embedded PostgreSQL serves many connections on one PGlite session without mixing them up:
 * each client's extended-protocol exchange and transaction runs whole.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import pg from 'pg';
import { ExchangeQueue, startEmbeddedPostgres, type EmbeddedPostgres } from '../service/embedded/postgres';
import { freePort } from '../testkit/ports';

let embedded: EmbeddedPostgres;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ port: await freePort() });
  for (let i = 0; i < 3; i++) pools.push(new pg.Pool({ connectionString: embedded.url, max: 8 }));
  await pools[0]!.query('CREATE TABLE counters (pool int NOT NULL, n int NOT NULL)');
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await embedded.stop();
});

describe('embedded PostgreSQL under concurrency', () => {
  it('answers every concurrent parameterised query with its own parameters', async () => {
    const queries = Array.from({ length: 300 }, (_, i) => ({
      pool: pools[i % pools.length]!,
      text: `value-${i}`,
      n: i,
    }));
    // Every query's SQL differs (and so does its parameter count), so a Bind that reached
    // another client's statement would fail or return the wrong n.
    const results = await Promise.all(
      queries.map(({ pool, text, n }) =>
        n % 2 === 0
          ? pool.query<{ v: string; n: number }>(`SELECT $1::text AS v, ${n}::int AS n`, [text])
          : pool
              .query<{ v: string; n: number }>(`SELECT $1::text AS v, $2::int AS n, ${n} AS check_${n}`, [text, n])
              .then((r) => ({
                rows: r.rows.map(({ v, n: m }) => ({ v, n: m })),
              })),
      ),
    );
    results.forEach((result, i) => assert.deepEqual(result.rows, [{ v: `value-${i}`, n: i }]));
  });

  it('runs concurrent transactions whole, and releases the session when a client vanishes mid-transaction', async () => {
    const abandoned = await pools[2]!.connect();
    await abandoned.query('BEGIN');
    await abandoned.query('INSERT INTO counters VALUES (99, 1)');
    abandoned.release(new Error('client gone')); // destroys the connection with the transaction open

    const transactions = Array.from({ length: 30 }, async (_, i) => {
      const client = await pools[i % 2]!.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO counters VALUES ($1, $2)', [i % 2, i]);
        const { rows } = await client.query<{ n: number }>('SELECT n FROM counters WHERE n = $1', [i]);
        await client.query('COMMIT');
        return rows.map((r) => r.n);
      } finally {
        client.release();
      }
    });
    const seen = await Promise.all(transactions);
    seen.forEach((rows, i) => assert.deepEqual(rows, [i]));
    const { rows } = await pools[0]!.query<{ count: string }>('SELECT count(*) FROM counters WHERE pool = 99');
    assert.equal(rows[0]!.count, '0', 'the abandoned transaction was rolled back');
  });
});

describe('ExchangeQueue', () => {
  /** A stand-in PGlite session that records the order messages reach it. */
  function fakeSession() {
    const order: string[] = [];
    let inTransaction = false;
    const db = {
      runExclusive: <T>(fn: () => Promise<T>) => fn(),
      execProtocolRawStream: (message: Uint8Array) => {
        const text = Buffer.from(message.subarray(1)).toString();
        order.push(text);
        if (text.endsWith('BEGIN')) inTransaction = true;
        if (text.endsWith('COMMIT')) inTransaction = false;
        return Promise.resolve();
      },
      isInTransaction: () => inTransaction,
      exec: () => Promise.resolve([]),
    };
    return { order, db: db as unknown as ConstructorParameters<typeof ExchangeQueue>[0] };
  }
  const msg = (type: string, text: string) => new Uint8Array(Buffer.from(type + text));

  it('keeps a client’s Parse/Bind/Execute together until its Sync, even when others queued in between', async () => {
    const { order, db } = fakeSession();
    const queue = new ExchangeQueue(db);
    const noop = () => undefined;
    // Queued in this interleaved order, as pglite-socket's own queue would run them.
    await Promise.all([
      queue.enqueue(1, msg('P', 'A parse'), noop),
      queue.enqueue(2, msg('P', 'B parse'), noop),
      queue.enqueue(1, msg('B', 'A bind'), noop),
      queue.enqueue(2, msg('B', 'B bind'), noop),
      queue.enqueue(1, msg('S', 'A sync'), noop),
      queue.enqueue(2, msg('S', 'B sync'), noop),
    ]);
    assert.deepEqual(order, ['A parse', 'A bind', 'A sync', 'B parse', 'B bind', 'B sync']);
  });

  it('keeps the session for a client while its transaction is open', async () => {
    const { order, db } = fakeSession();
    const queue = new ExchangeQueue(db);
    const noop = () => undefined;
    await Promise.all([
      queue.enqueue(1, msg('Q', 'A BEGIN'), noop),
      queue.enqueue(2, msg('Q', 'B select'), noop),
      queue.enqueue(1, msg('Q', 'A insert'), noop),
      queue.enqueue(1, msg('Q', 'A COMMIT'), noop),
    ]);
    assert.deepEqual(order, ['A BEGIN', 'A insert', 'A COMMIT', 'B select']);
  });
});
