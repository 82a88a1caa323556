// Applies the committed drizzle-kit migrations of the store's dialect: drizzle/sqlite or
// drizzle/postgres. Run at start and by `npm run migrate`; on PostgreSQL several nodes may start
// at once, so the migration runs under an advisory lock and the others wait, then find nothing
// left to do.
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../../paths.js';
import type { PgStore } from './pg-store.js';
import type { SqliteStore } from './sqlite-store.js';

/** Any number: one key every node agrees on, so only one of them migrates at a time. */
const MIGRATION_LOCK = 7_202_612;

export async function migrate(store: SqliteStore | PgStore): Promise<void> {
  if (store.dialect === 'sqlite') {
    sqliteMigrate(sqliteDrizzle(store.connection), { migrationsFolder: `${MIGRATIONS_DIR}/sqlite` });
    return;
  }
  // Imported here, not with the app: a server on SQLite never loads node-postgres (pg-store.ts).
  const [{ drizzle: pgDrizzle }, { migrate: pgMigrate }] = await Promise.all([import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]);
  const client = await store.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await pgMigrate(pgDrizzle(client), { migrationsFolder: `${MIGRATIONS_DIR}/postgres` });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
