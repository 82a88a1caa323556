// Applies the committed drizzle-kit migrations (./drizzle) at start and in tests.
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../../paths.js';
import type { Db } from './client.js';

export function migrate(db: Db, migrationsFolder = MIGRATIONS_DIR): void {
  drizzleMigrate(db, { migrationsFolder });
}
