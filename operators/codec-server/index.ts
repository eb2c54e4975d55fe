/**
 * The codec server (a CERS_COMPONENTS component): lets the Temporal Web UI and the `temporal` CLI
 * read the encrypted payloads of the workflows, by role, authenticated and audited. See
 * docs/security.md ("Reading payloads: the codec server") and docs/operations.md.
 */
import { once } from 'node:events';
import { EncryptionCodec } from '../../client/encryption-codec';
import { resolvePayloadKeys } from '../../client/payload-keys';
import type { Config } from '../../config';
import type { Logger } from '../../config/logger';
import type { Database } from '../../records';
import { createAuthenticator } from './authenticate';
import { createCodecHttpServer, listeningUrl } from './server';

export interface RunningCodecServer {
  /** Base URL: the Web UI's codec endpoint. */
  url: string;
  close(): Promise<void>;
}

export async function startCodecServer(options: {
  config: Config;
  db: Database;
  log: Logger;
}): Promise<RunningCodecServer> {
  const { config, db, log } = options;
  const server = createCodecHttpServer({
    // Reads every configured key id (old ones included); encodes with the active one.
    codec: new EncryptionCodec(resolvePayloadKeys(config)),
    authenticate: createAuthenticator(config.codec, config.env),
    db,
    allowedOrigins: config.codec.allowedOrigins,
    defaultNamespace: config.temporal.namespace,
    log,
  });
  server.listen(config.codec.port, config.codec.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'EADDRINUSE'
          ? `Port ${config.codec.port} (CERS_CODEC_PORT) is already in use: choose another port for the codec server`
          : `The codec server cannot listen on ${config.codec.host}:${config.codec.port}: ${(error as Error).message}`,
      );
    }),
  ]);
  const url = listeningUrl(server, config.codec.host);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The URL a browser on this host reaches the codec server at (the Web UI's `--ui-codec-endpoint`). */
export function codecEndpoint(codec: Config['codec']): string {
  const host = codec.host === '0.0.0.0' ? '127.0.0.1' : codec.host === '::' ? '::1' : codec.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${codec.port}`;
}

export { createCodecHttpServer } from './server';
export { createAuthenticator } from './authenticate';
