// Each test app gets a database of its own, in the state of a template that was migrated once
// per run (tests/setup/databases.ts): a file copy on SQLite; on PostgreSQL a copy of the
// template that an earlier test emptied and gave back, or a new one (./pg-test-databases.ts).
// The engine is the vitest project's (TEST_DIALECT); no two test apps share a database at once.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { migrate } from '../platform/db/migrate.js';
import { openPgStore, type PgStore } from '../platform/db/pg-store.js';
import { openSqliteStore, type SqliteStore } from '../platform/db/sqlite-store.js';
import { claimDatabase, databaseUrl, type PgTestDatabases, releaseDatabase } from './pg-test-databases.js';

export { databaseUrl };

export interface TestStore {
  store: SqliteStore | PgStore;
  /** A temp folder of this test app's own (the SQLite file lives here). */
  dir: string;
  cleanup(): Promise<void>;
}

export const testDialect = (): 'sqlite' | 'postgres' => (process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite');

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
  const databases = inject('postgresDatabases');
  if (!serverUrl || !template || !databases) throw new Error('the postgres project runs without its template database (tests/setup/databases.ts)');
  const name = await claimDatabase(databases);
  const store = await openPgStore(databaseUrl(serverUrl, name), { poolSize: 4 }).catch(async (err) => {
    await releaseDatabase(databases, name);
    throw err;
  });
  // Once only: the database given back may already be another test's by a second call.
  let released: Promise<void> | undefined;
  const cleanup = () =>
    (released ??= (async () => {
      await store.close();
      await releaseDatabase(databases, name);
      removeDir();
    })());
  return { store, dir, cleanup };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresUrl: string;
    postgresTemplate: string;
    postgresDatabases: PgTestDatabases;
  }
}
