import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { PayloadKeys } from './encryption-codec';

/**
 * The payload keys from configuration or, in development, from `<dataDir>/payload-keys.json`,
 * created on first run (mode 0600) so the embedded stack encrypts history without any setup.
 */
export function resolvePayloadKeys(config: Config): PayloadKeys {
  if (config.payloadKeys) return config.payloadKeys;
  if (config.env === 'production') throw new Error('CERS_PAYLOAD_KEYS is required in production');
  return readOrCreate<PayloadKeys>(path.join(config.dataDir, 'payload-keys.json'), () => ({
    activeKeyId: 'dev-1',
    keys: { 'dev-1': randomBytes(32).toString('base64') },
  }));
}

/**
 * The search key (client/search-digests.ts) from CERS_SEARCH_KEY or, in development, from
 * `<dataDir>/search-key.json`, created on first run like the payload keys.
 */
export function resolveSearchKey(config: Config): Buffer {
  if (config.searchKey) return Buffer.from(config.searchKey, 'base64');
  if (config.env === 'production') throw new Error('CERS_SEARCH_KEY is required in production');
  const stored = readOrCreate<{ searchKey: string }>(path.join(config.dataDir, 'search-key.json'), () => ({
    searchKey: randomBytes(32).toString('base64'),
  }));
  return Buffer.from(stored.searchKey, 'base64');
}

/** A development secret file: read it, or create it (mode 0600) with what `make` returns. */
function readOrCreate<T>(file: string, make: () => T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = make();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole to a private temporary file, then linked into place: a process starting at the
  // same moment sees either no file or a complete one, never a half-written key.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    // Another process (worker and client starting together) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as T;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
  return value;
}
