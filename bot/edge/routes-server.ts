/**
 * The bot's own pages (`/healthz`, the sign-in pages) on PORT in Socket Mode, where Slack needs no
 * endpoint but browsers still do. Bolt's SocketModeReceiver can serve custom routes too, but it
 * neither waits for its port nor reports a port in use (the process would crash on it), nor waits
 * for its server to close; this one does all three and routes like Bolt's HTTPReceiver.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildReceiverRoutes, type CustomRoute } from '@slack/bolt';
import type { Logger } from '../../config/logger';

export interface RoutesServer {
  port: number;
  close(): Promise<void>;
}

/** `/auth/start/:linkId` against a path: the parameters, or undefined when it does not match. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? '';
    if (part.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (part !== actual) return undefined;
  }
  return params;
}

export async function listenRoutes(routes: CustomRoute[], port: number, log: Logger): Promise<RoutesServer> {
  const table = buildReceiverRoutes(routes);
  const server = http.createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    for (const [pattern, handlers] of Object.entries(table)) {
      const handler = handlers[method];
      const params = handler ? matchPath(pattern, path) : undefined;
      if (handler && params) return handler(Object.assign(req, { params }), res);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error('bot pages server failed', { error: error.message }));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
