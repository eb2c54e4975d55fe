/**
 * Embedded PostgreSQL for development and tests: PGlite (PostgreSQL compiled to WebAssembly)
 * served on a local TCP port, so Prisma and `pg` talk to it exactly as to a real server.
 *
 * PGlite is one database session. pglite-socket's own queue interleaves the messages of
 * concurrent connections one by one, so one client's Parse/Bind/Execute could run against
 * another's unnamed statement (wrong parameters, even another client's rows). The queue here
 * gives a connection the session from its first message until its Sync (or simple Query), and
 * for as long as it holds a transaction open.
 */
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Queued {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** A message after which the session may serve another connection (unless in a transaction). */
function endsExchange(message: Uint8Array): boolean {
  const type = message[0];
  // Startup and SSL requests have no type byte: their first byte belongs to a length.
  return type === SYNC || type === SIMPLE_QUERY || type === TERMINATE || type === 0;
}

/** Drop-in for pglite-socket's QueryQueueManager (same methods), exclusive per exchange. */
export class ExchangeQueue {
  private queue: Queued[] = [];
  private processing = false;
  /** The connection that owns the session until its exchange or transaction ends. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = this.owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === this.owner);
        if (index === -1) return; // the owner's next message has not arrived yet
        const [item] = this.queue.splice(index, 1) as [Queued];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          item.reject(error);
          continue;
        }
        this.owner = endsExchange(item.message) && !this.db.isInTransaction() ? null : item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    // A client that vanished mid-exchange or mid-transaction must not hold the session.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }
}

/** @param dataDir where the database lives; omit for an in-memory database. */
export async function startEmbeddedPostgres(options: { dataDir?: string; port: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const queryQueue = new ExchangeQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server = net.createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      // Same interface as pglite-socket's own queue (which it does not export).
      queryQueue: queryQueue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    void handler.attach(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    url: `postgresql://postgres@127.0.0.1:${options.port}/postgres`,
    async stop() {
      await Promise.all([...handlers].map((h) => h.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
