// What the built server loads: on SQLite, without REDIS_URL, and before anyone asks for an
// invoice, neither PostgreSQL's driver (pg), nor Redis's client (ioredis), nor the PDF library
// (pdfmake) is in the process: each is imported when first needed (pg-store.ts, redis/client.ts,
// invoice-pdf.ts), since each adds megabytes to a server at rest. The server is started with a
// preload that lists, at its exit, the CommonJS files it loaded; with DATABASE_URL and REDIS_URL
// set, the same list names pg and ioredis.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../../server/src/testing/test-store.js';
import { postgresAnswers, redisAnswers, TEST_DATABASE_URL, TEST_REDIS_URL } from '../setup/services.js';
import { freePort } from './support/platform.js';
import { ROOT, run, waitFor } from './support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'widgetry-footprint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const services = (await postgresAnswers()) && (await redisAnswers());

/** Starts the built server, asks it a few things, stops it with SIGTERM: the packages it loaded. */
async function packagesLoaded(name: string, env: Record<string, string>): Promise<Set<string>> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = join(dir, `${name}.txt`);
  const server = run(process.execPath, ['--require', join(ROOT, 'tests/e2e/support/loaded-files.cjs'), 'dist/server/index.js'], {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_PATH: join(dir, `${name}.db`),
    LOG_LEVEL: 'warn',
    LOADED_FILES_OUT: out,
    ...env,
  });
  try {
    await waitFor(server, `${url}/readyz`);
    // The demo page (its site seeded at start), the dashboard, the API, metrics.
    for (const path of ['/demo/', '/app/', '/api/me', '/metrics']) expect((await fetch(`${url}${path}`)).status, path).toBeLessThan(500);
  } finally {
    server.kill('SIGTERM');
  }
  expect((await server.exited).code, server.output()).toBe(0);
  const packages = new Set<string>();
  for (const file of readFileSync(out, 'utf8').split('\n')) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (m) packages.add(m[1]!);
  }
  return packages;
}

describe('the built server loads a database driver only for its database', () => {
  it('on SQLite: better-sqlite3, and neither pg nor ioredis nor pdfmake', async () => {
    const packages = await packagesLoaded('sqlite', {});
    expect(packages).toContain('better-sqlite3');
    for (const absent of ['pg', 'pg-pool', 'ioredis', 'pdfmake']) expect(packages, absent).not.toContain(absent);
  });

  it.skipIf(!services)('on PostgreSQL with Redis: pg and ioredis (the same list sees them when they are used)', async () => {
    const name = `widgetry_footprint_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const packages = await packagesLoaded('postgres', { DATABASE_URL: databaseUrl(TEST_DATABASE_URL, name), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `${name}:` });
      for (const present of ['pg', 'pg-pool', 'ioredis']) expect(packages, present).toContain(present);
      expect(packages).not.toContain('pdfmake');
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
