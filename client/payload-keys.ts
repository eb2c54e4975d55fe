import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const file = path.join(config.dataDir, 'payload-keys.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PayloadKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys: PayloadKeys = { activeKeyId: 'dev-1', keys: { 'dev-1': randomBytes(32).toString('base64') } };
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (worker and client starting together) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as PayloadKeys;
    throw error;
  }
  return keys;
}
