// Chooses the engine from the configuration: PostgreSQL when DATABASE_URL is set, else the
// embedded SQLite file at DATABASE_PATH. The PostgreSQL driver is imported only in the first case.
import { openPgStore, type PgStore } from './pg-store.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

export interface StoreConfig {
  DATABASE_URL?: string | undefined;
  DATABASE_PATH: string;
  DATABASE_POOL_SIZE?: number | undefined;
}

export async function openStore(config: StoreConfig, onConnectionError?: (err: Error) => void): Promise<SqliteStore | PgStore> {
  return config.DATABASE_URL ? openPgStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE, onConnectionError }) : openSqliteStore(config.DATABASE_PATH);
}
