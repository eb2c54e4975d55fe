/**
 * The sign-in pages (`/auth/start/<link>`, `/auth/callback`), served beside `/slack/events` by the
 * same HTTP server: the browser's requests go to the work like Slack's (bot/handlers/sign-in.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Config } from '../../config';
import type { Logger } from '../../activities/logger';
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

export function signInRoutes(config: Config, serve: Serve, log: Logger): CustomRoute[] {
  const handle = (toRequest: (req: Routed) => Parameters<Serve>[0]['request']) => (req: Routed, res: ServerResponse) => {
    serve({ kind: 'signIn', request: toRequest(req) })
      .then((answer) => reply(res, answer))
      .catch((error: Error) => {
        log.error('sign-in route failed', { error: `${error.name}: ${error.message}` });
        res
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
          .end('Sign-in is unavailable right now. Try again in a few minutes.');
      });
  };
  return [
    {
      path: '/auth/start/:linkId',
      method: ['GET'],
      handler: handle((req) => ({ route: 'start' as const, linkId: String(req.params?.['linkId'] ?? '') })),
    },
    {
      path: '/auth/start/:linkId',
      method: ['POST'],
      handler: handle((req) => ({
        route: 'continue' as const,
        linkId: String(req.params?.['linkId'] ?? ''),
        origin: header(req, 'origin'),
        fetchSite: header(req, 'sec-fetch-site'),
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
