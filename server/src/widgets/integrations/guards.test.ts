// Pure rules: private addresses, the cross-border flag, the retry schedule, sealing, the key.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../env.js';
import { isCrossBorder } from '#contracts/core/cross-border.js';
import { guardedLookup, httpRequest, HttpError } from './http-client.js';
import { KEY_FILE_NAME, resolveSealingKey } from '../../platform/lib/sealing-key.js';
import { isPrivateAddress } from './private-address.js';
import { MAX_ATTEMPTS, retryDelay } from './schedule.js';
import { seal, unseal } from '../../platform/lib/sealing.js';
import { startFakeServer } from '../../../../tests/support/fakes/server.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('private addresses', () => {
  it('knows loopback, private, link-local, CGNAT and mapped addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['77.88.55.242', '8.8.8.8', '2a02:6b8::2:242', '::ffff:77.88.55.242']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses to connect to a private address, also when only DNS says so', async () => {
    const server = await startFakeServer((_req, res) => void res.end('ok'));
    try {
      await expect(httpRequest({ url: `${server.url}/`, allowPrivate: false })).rejects.toMatchObject({ failure: 'private_address' });
      // A name passes the literal check; the socket's lookup refuses what DNS answers for it.
      const looked = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', {}, (err) => resolve(err)));
      expect(looked?.code).toBe('EPRIVATEADDR');
      expect((await httpRequest({ url: `${server.url}/`, allowPrivate: true })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('gives up after the deadline', async () => {
    const server = await startFakeServer(() => undefined);
    try {
      const err = await httpRequest({ url: `${server.url}/`, allowPrivate: true, timeoutMs: 150 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HttpError);
      expect(err).toMatchObject({ failure: 'timeout' });
    } finally {
      await server.close();
    }
  });
});

describe('cross-border flag (152-FZ)', () => {
  it('is set for Telegram and hosts outside .ru, .рф and .su', () => {
    expect(isCrossBorder('telegram', [])).toBe(true);
    expect(isCrossBorder('webhook', ['hooks.example.ru'])).toBe(false);
    expect(isCrossBorder('webhook', ['xn--80ak6aa92e.xn--p1ai'])).toBe(false);
    expect(isCrossBorder('bitrix24', ['portal.bitrix24.com'])).toBe(true);
    expect(isCrossBorder('email', ['yandex.ru', 'gmail.com'])).toBe(true);
  });
});

describe('retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h with ±20 % jitter, then gives up', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    expect(retryDelay(1, () => 0)).toBe(4000);
    expect(retryDelay(1, () => 1)).toBe(6000);
    expect(retryDelay(9, () => 0.5)).toBe(24 * 3600_000);
    expect(retryDelay(10, () => 0.5)).toBeNull();
  });
});

describe('sealing at rest', () => {
  const key = Buffer.alloc(32, 7);
  it('round-trips, is bound to its row and detects tampering', () => {
    const sealed = seal(key, 'intg_1', { url: 'https://x.ru/secret' });
    expect(sealed).not.toContain('secret');
    expect(unseal(key, 'intg_1', sealed)).toEqual({ url: 'https://x.ru/secret' });
    expect(() => unseal(key, 'intg_2', sealed)).toThrow();
    expect(() => unseal(Buffer.alloc(32, 8), 'intg_1', sealed)).toThrow();
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    expect(() => unseal(key, 'intg_1', flipped)).toThrow();
  });

  it('takes INTEGRATIONS_KEY as base64 or hex, 32 bytes only', () => {
    const hex = 'ab'.repeat(32);
    expect(loadEnv({ INTEGRATIONS_KEY: hex }).INTEGRATIONS_KEY).toEqual(Buffer.from(hex, 'hex'));
    expect(loadEnv({ INTEGRATIONS_KEY: Buffer.alloc(32, 1).toString('base64') }).INTEGRATIONS_KEY).toEqual(Buffer.alloc(32, 1));
    expect(() => loadEnv({ INTEGRATIONS_KEY: 'c2hvcnQ=' })).toThrowError(/INTEGRATIONS_KEY/);
  });

  it('refuses to run in production without a key', () => {
    // Everything else production needs is there: only the key is missing, and it is named.
    const production = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.ru:587', PUBLIC_URL: 'https://widgets.example.ru', OPERATOR_EMAILS: 'ops@example.ru' };
    expect(() => loadEnv(production)).toThrowError(/INTEGRATIONS_KEY/);
    expect(resolveSealingKey(loadEnv({ ...production, INTEGRATIONS_KEY: 'ab'.repeat(32) }))).toHaveLength(32);
  });

  it('in development makes one key next to the database, private to the user, and keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'widgetry-key-'));
    dirs.push(dir);
    const env = () => loadEnv({ NODE_ENV: 'development', DATABASE_PATH: join(dir, 'w.db') });
    const first = resolveSealingKey(env());
    const path = join(dir, KEY_FILE_NAME);
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(resolveSealingKey(env())).toEqual(first);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toEqual(first);
    // On PostgreSQL nothing has made DATABASE_PATH's folder: the key makes it.
    const pg = loadEnv({ NODE_ENV: 'development', DATABASE_URL: 'postgres://localhost/w', DATABASE_PATH: join(dir, 'not-yet', 'w.db') });
    expect(resolveSealingKey(pg)).toHaveLength(32);
    expect(existsSync(join(dir, 'not-yet', KEY_FILE_NAME))).toBe(true);
  });
});
