// The reuse of PostgreSQL test databases: a database given back comes out as the template made
// it (no row, sequences at their start, new rows laid out as in a fresh copy), and one whose
// schema a test changed is dropped rather than handed to the next test. A pool of this file's own
// (one database), so no other test file can take the database between the steps.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { claimDatabase, databaseUrl, makeFreeDatabases, type PgTestDatabases, releaseDatabase } from './pg-test-databases.js';
import { testDialect } from './test-store.js';

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(testDialect() === 'postgres')('PostgreSQL test databases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-pg-pool-'));
  const run = testDialect() === 'postgres' ? inject('postgresDatabases') : undefined;
  const pool: PgTestDatabases = { ...run!, dir };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a database given back is emptied, its sequences restarted, and handed to the next test', async () => {
    await makeFreeDatabases(pool, 1);
    const name = await claimDatabase(pool);
    const url = databaseUrl(pool.serverUrl, name);
    // An account with a site (a foreign key to empty around) and a journal row (a sequence).
    await query(
      url,
      `insert into accounts (id, email, period_anchor_at, consent_at, consent_version, created_at) values ('a1', 'a@example.ru', 0, 0, 'v1', 0);
       insert into sites (id, account_id, name, site_key, domains, created_at, updated_at) values ('s1', 'a1', 'Shop', 'k1', '[]', 0, 0);
       insert into lead_access_journal (operator_id, account_id, what, at) values ('o', 'a1', 'x', 0), ('o', 'a1', 'y', 0);
       insert into rate_limits select 'k' || g, 1, 0 from generate_series(1, 500) g;
       analyze rate_limits;`,
    );
    await releaseDatabase(pool, name);
    expect(readdirSync(join(dir, 'free'))).toEqual([name]);

    expect(await claimDatabase(pool)).toBe(name);
    expect(await query(url, 'select (select count(*) from accounts) + (select count(*) from sites) + (select count(*) from lead_access_journal) as n')).toEqual([{ n: '0' }]);
    expect(await query(url, `insert into lead_access_journal (operator_id, account_id, what, at) values ('o', 'a1', 'z', 0) returning id`)).toEqual([{ id: '1' }]);
    // Laid out as in a fresh copy: new rows from the first page on, in the order inserted (what a
    // query without a total order returns), the planner's figures and statistics as the template's.
    expect(await query(url, `select relpages, reltuples from pg_class where relname = 'rate_limits'`)).toEqual([{ relpages: 0, reltuples: -1 }]);
    expect(await query(url, `select count(*) as n from pg_statistic where starelid = 'rate_limits'::regclass`)).toEqual([{ n: '0' }]);
    await query(url, `insert into rate_limits values ('z', 1, 0); insert into rate_limits values ('y', 1, 0); insert into rate_limits values ('x', 1, 0)`);
    expect(await query(url, 'select key, ctid::text from rate_limits')).toEqual([
      { key: 'z', ctid: '(0,1)' },
      { key: 'y', ctid: '(0,2)' },
      { key: 'x', ctid: '(0,3)' },
    ]);

    // A test that changed the schema: the database goes, the next test gets a new copy.
    await query(url, 'create table left_behind (x int)');
    await releaseDatabase(pool, name);
    expect(readdirSync(join(dir, 'free'))).toEqual([]);
    expect(readdirSync(join(dir, 'busy'))).toEqual([]);
    expect(await query(pool.serverUrl, `select count(*) as n from pg_database where datname = '${name}'`)).toEqual([{ n: '0' }]);
    const next = await claimDatabase(pool);
    expect(next).not.toBe(name);
    expect(await query(databaseUrl(pool.serverUrl, next), `select to_regclass('left_behind') as t`)).toEqual([{ t: null }]);
    await releaseDatabase(pool, next);
  });
});
