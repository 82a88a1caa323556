// The AES-256-GCM key that seals secrets at rest (integration settings, realtime project
// secrets): from INTEGRATIONS_KEY, or — only outside production — one generated once and kept
// next to the database file. Read once per app, by its sealer (sealing.ts).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Env } from '../../env.js';

export const KEY_FILE_NAME = 'integrations.key';

/** Throws in production without INTEGRATIONS_KEY, so the server refuses to start. */
export function resolveSealingKey(env: Env): Buffer {
  if (env.INTEGRATIONS_KEY) return env.INTEGRATIONS_KEY;
  if (env.NODE_ENV === 'production') {
    throw new Error('INTEGRATIONS_KEY is required in production: 32 bytes, base64 or hex (e.g. `openssl rand -base64 32`)');
  }
  // Tests and in-memory databases have nothing worth protecting and no directory to write to.
  if (env.NODE_ENV === 'test' || env.DATABASE_PATH === ':memory:') return createHash('sha256').update('widgetry-test-integrations-key').digest();
  return persistedDevKey(join(dirname(env.DATABASE_PATH), KEY_FILE_NAME));
}

/** A random key written once (never overwritten: that would make every sealed secret unreadable). */
function persistedDevKey(path: string): Buffer {
  // On PostgreSQL nothing else makes the folder DATABASE_PATH names (the SQLite store does): a
  // first start without ./data died here with ENOENT.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return key;
}
