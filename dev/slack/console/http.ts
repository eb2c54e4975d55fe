/** The console's HTTP plumbing: JSON answers, bounded bodies, and who may ask at all. */
import type http from 'node:http';
import type { Json } from './html';

export interface Reply {
  status: number;
  body: Json;
}

export const reply = (status: number, body: Json): Reply => ({ status, body });
export const refuse = (status: number, error: string, message: string): Reply =>
  reply(status, { ok: false, error, message });

export function sendJson(res: http.ServerResponse, { status, body }: Reply): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

/** The body, or undefined once it passes `limit` bytes (the rest is not read). */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface HostCheck {
  host: string | undefined;
  origin: string | undefined;
  method: string | undefined;
}

/**
 * True when the request is for this server by name (127.0.0.1 or localhost on its port) and, for a
 * POST carrying an Origin, from this server's own pages: another site's page cannot drive the bot.
 */
export function allowedRequest(check: HostCheck, port: string): boolean {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!check.host || !hosts.includes(check.host.toLowerCase())) return false;
  if (check.method !== 'POST' || check.origin === undefined) return true;
  return hosts.some((h) => check.origin?.toLowerCase() === `http://${h}`);
}
