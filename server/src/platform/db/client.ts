// Opens the embedded SQLite database with the pragmas every connection needs.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (a second app node, a CLI) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  // Safe with WAL: a power cut loses at most the last commits, never corrupts.
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema });
}
