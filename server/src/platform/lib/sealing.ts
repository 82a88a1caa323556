// AES-256-GCM sealing at rest (integration settings: URLs, tokens, secrets, chat ids; realtime
// project secrets). The row id is bound in as associated data, so a sealed blob copied onto
// another row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Env } from '../../env.js';
import { resolveSealingKey } from './sealing-key.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Buffer, rowId: string, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(rowId));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function unseal<T>(key: Buffer, rowId: string, sealed: string): T {
  const [version, packed] = sealed.split('.');
  if (version !== VERSION || !packed) throw new Error('unknown sealed format');
  const raw = Buffer.from(packed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(rowId));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as T;
}

/** Seals and opens with the app's key. One per app (composeDeps), so the key is read once. */
export interface Sealer {
  /** The key itself, for what derives other secrets from it (the platform's own realtime app). */
  key(): Buffer;
  seal(rowId: string, value: unknown): string;
  unseal<T>(rowId: string, sealed: string): T;
}

/**
 * The key is read on first use, not here: an app that never seals (most tests, the dev outbox
 * page in production) needs no key; the delivery worker asks for it at start, so production
 * without INTEGRATIONS_KEY still refuses to start.
 */
export function createSealer(env: Env): Sealer {
  let cached: Buffer | undefined;
  const key = () => (cached ??= resolveSealingKey(env));
  return {
    key,
    seal: (rowId, value) => seal(key(), rowId, value),
    unseal: <T>(rowId: string, sealed: string) => unseal<T>(key(), rowId, sealed),
  };
}
