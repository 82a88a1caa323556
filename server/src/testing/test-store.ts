// Each test file gets a database of its own, copied from a template that was migrated once per
// run (tests/setup/databases.ts): a file copy on SQLite, CREATE DATABASE … TEMPLATE on
// PostgreSQL. The engine is the vitest project's (TEST_DIALECT); no file shares a database.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '../platform/db/migrate.js';
import { openPgStore, type PgStore } from '../platform/db/pg-store.js';
import { openSqliteStore, type SqliteStore } from '../platform/db/sqlite-store.js';

export interface TestStore {
  store: SqliteStore | PgStore;
  /** A temp folder of this test app's own (the SQLite file lives here). */
  dir: string;
  cleanup(): Promise<void>;
}

export const testDialect = (): 'sqlite' | 'postgres' => (process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite');

/** The server's URL with another database name. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function openTestStore(options: { sqlitePath?: string } = {}): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  if (testDialect() === 'sqlite') {
    const path = options.sqlitePath ?? join(dir, 'test.db');
    const template = inject('sqliteTemplate');
    if (template && !options.sqlitePath) copyFileSync(template, path);
    const store = openSqliteStore(path);
    if (!template || options.sqlitePath) await migrate(store);
    const cleanup = async () => {
      await store.close();
      removeDir();
    };
    return { store, dir, cleanup };
  }

  const serverUrl = inject('postgresUrl');
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('the postgres project runs without its template database (tests/setup/databases.ts)');
  const name = `widgetry_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const store = await openPgStore(databaseUrl(serverUrl, name), { poolSize: 4 });
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`).finally(() => drop.end());
      removeDir();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresUrl: string;
    postgresTemplate: string;
  }
}
