/**
 * The sign-in pages (`/auth/start/<link>`, `/auth/callback`), served beside `/slack/events` by the
 * same HTTP server: the browser's requests go to the work like Slack's (bot/sign-in/handlers.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Config } from '../../config';
import type { Logger } from '../../config/logger';
import type { HttpAnswer, Job } from '../work/jobs';

/** A request as Bolt's custom routes give it: path parameters parsed. */
type Routed = IncomingMessage & { params?: Record<string, string | string[] | undefined> };

type Serve = (job: Extract<Job, { kind: 'signIn' }>) => Promise<HttpAnswer>;

const queryOf = (url: string | undefined) => {
  const at = (url ?? '').indexOf('?');
  return at >= 0 ? url!.slice(at) : '';
};

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

function reply(res: ServerResponse, answer: HttpAnswer): void {
  res.writeHead(answer.status, answer.headers).end(answer.body);
}

/** The Continue form has one short field: anything longer than this is not from our page. */
const MAX_FORM_BYTES = 4 * 1024;

class FormTooLarge extends Error {
  override readonly name = 'FormTooLarge';
}

async function readForm(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type Request = Parameters<Serve>[0]['request'];

export function signInRoutes(config: Config, serve: Serve, log: Logger): CustomRoute[] {
  const handle = (toRequest: (req: Routed) => Request | Promise<Request>) => (req: Routed, res: ServerResponse) => {
    Promise.resolve()
      .then(() => toRequest(req))
      .then((request) => serve({ kind: 'signIn', request }))
      .then((answer) => reply(res, answer))
      .catch((error: Error) => {
        if (error instanceof FormTooLarge) {
          log.warn('sign-in refused', { reason: 'form_too_large' });
          res
            .writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
            .end('Request too large.');
          return;
        }
        log.error('sign-in route failed', { error: error.name });
        res
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
          .end('Sign-in is unavailable right now. Try again in a few minutes.');
      });
  };
  return [
    {
      path: '/auth/start/:linkId',
      method: ['GET'],
      handler: handle((req) => ({
        route: 'start' as const,
        linkId: String(req.params?.['linkId'] ?? ''),
        cookie: req.headers.cookie,
      })),
    },
    {
      path: '/auth/start/:linkId',
      method: ['POST'],
      handler: handle(async (req) => ({
        route: 'continue' as const,
        linkId: String(req.params?.['linkId'] ?? ''),
        origin: header(req, 'origin'),
        fetchSite: header(req, 'sec-fetch-site'),
        cookie: req.headers.cookie,
        form: await readForm(req),
      })),
    },
    {
      path: '/auth/callback',
      method: ['GET'],
      // The URL as the provider redirected to it: the configured redirect URI plus the query.
      handler: handle((req) => ({
        route: 'callback' as const,
        url: `${config.signIn.redirectUri}${queryOf(req.url)}`,
        cookie: req.headers.cookie,
      })),
    },
  ];
}
