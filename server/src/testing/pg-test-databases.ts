// PostgreSQL databases for test apps, reused instead of created and dropped per test. Making a
// database from the run's template and dropping it cost 1–6 s per test app on a loaded 2-core
// machine (both write and sync the whole copy, and DROP forces a checkpoint of the whole server);
// giving back one a test has finished with costs ~50 ms. So a test takes a free database of this
// run (tests/setup/databases.ts makes a few ahead), or makes one when none is free, and gives it
// back as the template left it: its rows deleted and its emptied tables vacuumed down to no pages
// (so new rows lie in the order they are inserted, as in a fresh copy: queries without a total
// order return them the same way), sequences at their start, the planner's statistics and the
// activity counters as in the template. A database whose schema a test changed (a partition
// created, a table renamed) no longer matches the template's fingerprint and is dropped instead.
// Which databases are free is shared by the worker processes as files: a database is claimed by
// renaming its file from free/ to busy/, which only one process can do.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface PgTestDatabases {
  /** The server's URL (any database of it). */
  serverUrl: string;
  /** The run's migrated template; every database here starts as a copy of it. */
  template: string;
  /** What a database must still match to be reused, and what its emptying restores (`describeTemplate`). */
  shape: TemplateShape;
  /** The folder with free/ and busy/, one empty file per database of this run. */
  dir: string;
}

/** The server's URL with another database name. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TemplateShape {
  fingerprint: string;
  /** The public schema's tables, quoted for SQL. */
  tables: string[];
  /** The planner's size figures of every relation of the public schema, by oid (a copy keeps the oids). */
  sizes: { oid: number; relpages: number; reltuples: number; relallvisible: number }[];
}

/**
 * Every relation outside the system schemas with its oid, kind, columns, constraints and
 * triggers, and the migrations applied, hashed: what a test must leave as it found for its
 * database to be reused.
 */
const FINGERPRINT_SQL = `
  select md5(coalesce(string_agg(concat_ws(':', n.nspname, c.relname, c.oid, c.relkind,
    (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then '!' else '' end, ',' order by a.attnum)
       from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
    (select string_agg(pg_get_constraintdef(k.oid), ',' order by k.conname) from pg_constraint k where k.conrelid = c.oid),
    (select string_agg(g.tgname, ',' order by g.tgname) from pg_trigger g where g.tgrelid = c.oid),
    (select string_agg(i.inhparent::regclass::text, ',') from pg_inherits i where i.inhrelid = c.oid)
  ), ';' order by n.nspname, c.relname), '')
  || (select count(*) from drizzle.__drizzle_migrations)::text) as fingerprint
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`;

const PUBLIC_RELATIONS = `select oid, relpages, reltuples, relallvisible from pg_class where relnamespace = 'public'::regnamespace`;

export async function describeTemplate(url: string): Promise<TemplateShape> {
  return await withClient(url, async (c) => ({
    fingerprint: (await c.query<{ fingerprint: string }>(FINGERPRINT_SQL)).rows[0]!.fingerprint,
    tables: (await c.query<{ name: string }>(`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public' order by 1`)).rows.map((r) => r.name),
    sizes: (await c.query(PUBLIC_RELATIONS)).rows,
  }));
}

/**
 * Back to the template's state. Rows go by DELETE, not TRUNCATE, which makes new files for every
 * table, index and TOAST table (~150 here) and costs as much as a new database; foreign keys and
 * triggers are off for it. Nothing here waits for the disk: only a crash of the test server could
 * undo it, which ends the run anyway.
 */
async function empty(c: pg.Client, shape: TemplateShape): Promise<void> {
  const holding = (await c.query<{ name: string }>(`select name from (values ${shape.tables.map((t) => `('${t}', exists (select from ${t}))`).join(', ')}) v(name, rows) where rows`)).rows.map(
    (r) => r.name,
  );
  await c.query('set synchronous_commit = off; set session_replication_role = replica');
  if (holding.length > 0) {
    await c.query(`begin; ${holding.map((t) => `delete from ${t};`).join(' ')} commit`);
    // Emptied pages go, so the next rows are laid out from the first page as in a fresh copy.
    await c.query(`vacuum ${holding.join(', ')}`);
  }
  await c.query(
    `do $$ declare s record; begin
       for s in select schemaname, sequencename, start_value from pg_sequences where schemaname = 'public' loop
         perform setval(format('%I.%I', s.schemaname, s.sequencename), s.start_value, false);
       end loop;
     end $$`,
  );
  // The planner sees the template's sizes and no column statistics (an autovacuum may have
  // analysed a table the test filled), and autovacuum counts from zero.
  await c.query(
    `update pg_class c set relpages = s.relpages, reltuples = s.reltuples, relallvisible = s.relallvisible
       from json_to_recordset($1::json) s(oid oid, relpages int, reltuples real, relallvisible int)
       where c.oid = s.oid and (c.relpages, c.reltuples, c.relallvisible) is distinct from (s.relpages, s.reltuples, s.relallvisible)`,
    [JSON.stringify(shape.sizes)],
  );
  await c.query(`delete from pg_statistic where starelid in (select oid from pg_class where relnamespace = 'public'::regnamespace); select pg_stat_reset()`);
}

/** A copy of the template. */
export async function createDatabaseCopy(serverUrl: string, template: string, name: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query(`create database ${name} template ${template}`));
}

export function prepareFolders(dir: string): void {
  mkdirSync(join(dir, 'free'), { recursive: true });
  mkdirSync(join(dir, 'busy'), { recursive: true });
}

/** Makes `count` databases ahead, side by side, and lists them as free. */
export async function makeFreeDatabases(pool: PgTestDatabases, count: number): Promise<void> {
  prepareFolders(pool.dir);
  await Promise.all(
    Array.from({ length: count }, async () => {
      const name = `${pool.template}_${randomBytes(4).toString('hex')}`;
      await createDatabaseCopy(pool.serverUrl, pool.template, name);
      writeFileSync(join(pool.dir, 'free', name), '');
    }),
  );
}

/** A database of this run no other test is using: a free one, or a new copy when none is. */
export async function claimDatabase(pool: PgTestDatabases): Promise<string> {
  for (const name of readdirSync(join(pool.dir, 'free'))) {
    try {
      renameSync(join(pool.dir, 'free', name), join(pool.dir, 'busy', name));
      return name;
    } catch {
      // another worker took it first
    }
  }
  const name = `${pool.template}_${randomBytes(4).toString('hex')}`;
  writeFileSync(join(pool.dir, 'busy', name), '');
  await createDatabaseCopy(pool.serverUrl, pool.template, name);
  return name;
}

/**
 * Gives a database back after its test: emptied and free for the next when its schema is still
 * the template's, dropped otherwise. Connections still open to it (a server process the test
 * started) are ended first, as DROP … WITH (FORCE) would.
 */
export async function releaseDatabase(pool: PgTestDatabases, name: string): Promise<void> {
  const busy = join(pool.dir, 'busy', name);
  const reusable = await withClient(databaseUrl(pool.serverUrl, name), async (c) => {
    await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    if ((await c.query<{ fingerprint: string }>(FINGERPRINT_SQL)).rows[0]!.fingerprint !== pool.shape.fingerprint) return false;
    await empty(c, pool.shape);
    return true;
  }).catch(() => false);
  if (reusable) {
    renameSync(busy, join(pool.dir, 'free', name));
    return;
  }
  await withClient(pool.serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
  rmSync(busy, { force: true });
}

/** Drops every database of this run but the template (the end of the run). */
export async function dropRunDatabases(serverUrl: string, template: string): Promise<void> {
  await withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [`${template}_`]);
    for (const { datname } of rows) await c.query(`drop database if exists ${datname} with (force)`);
  });
}
