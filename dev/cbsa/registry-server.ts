/**
 * A local stand-in for CBSA's authorization registry service, speaking registry-protocol.ts over
 * HTTP in front of any {@link AuthorizationRegistry} (normally the local one). Tests use it to
 * exercise the HTTP client exactly as production would.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthorizationRegistry } from '../../activities/cbsa/authorization-registry';
import { ConfirmationBody, LockLiftBody, RedemptionBody } from '../../activities/cbsa/registry-protocol';

const ROUTE = /^\/v1\/authorizations\/([0-9A-Z]{15})\/(redemptions|confirmations|lock-lifts)$/;

export interface RegistryServer {
  url: string;
  close(): Promise<void>;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startRegistryServer(
  registry: AuthorizationRegistry,
  options: { token: string; port?: number },
): Promise<RegistryServer> {
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const match = ROUTE.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return reply(404, { error: 'not_found' });
    if (!sameToken((req.headers.authorization ?? '').replace(/^Bearer /, ''), options.token))
      return reply(401, { error: 'invalid_token' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(400, { error: 'malformed_json' });
      }
      const businessNumber = match[1]!;
      const answer = (outcome: Promise<unknown>): void => {
        outcome.then(
          (value) => reply(200, value),
          () => reply(503, { error: 'unavailable' }),
        );
      };
      if (match[2] === 'lock-lifts') {
        const body = LockLiftBody.safeParse(json);
        if (!body.success)
          return reply(400, { error: 'invalid_body', fields: body.error.issues.map((i) => i.path.join('.')) });
        return answer(registry.liftLock({ businessNumber, ...body.data }));
      }
      if (match[2] === 'confirmations') {
        const body = ConfirmationBody.safeParse(json);
        if (!body.success)
          return reply(400, { error: 'invalid_body', fields: body.error.issues.map((i) => i.path.join('.')) });
        return answer(registry.confirm({ businessNumber, ...body.data }));
      }
      const body = RedemptionBody.safeParse(json);
      if (!body.success)
        return reply(400, { error: 'invalid_body', fields: body.error.issues.map((i) => i.path.join('.')) });
      return answer(registry.redeem({ businessNumber, ...body.data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
