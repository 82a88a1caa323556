// One migrated SQLite file per test run, copied for each test app: applying every migration to
// every app's fresh database was most of a server test's setup. Each app still gets its own file.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../platform/db/client.js';
import { migrate } from '../platform/db/migrate.js';

/** Set by the unit tests' globalSetup (vitest.config.ts) for every test worker it starts. */
export const TEMPLATE_ENV = 'WIDGETRY_TEST_DB_TEMPLATE';

/** vitest globalSetup: migrates the template once, and removes it when the run ends. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-template-'));
  const path = join(dir, 'template.db');
  const db = openDb(path);
  migrate(db);
  // One self-contained file: everything checkpointed out of the WAL, and no WAL left to copy.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.pragma('journal_mode = DELETE');
  db.$client.close();
  process.env[TEMPLATE_ENV] = path;
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * A migrated database at `path`: a copy of the run's template when there is one, else migrated
 * here (a runner without the globalSetup, such as the e2e config or a single-file tool).
 */
export function openMigratedDb(path: string): Db {
  const template = process.env[TEMPLATE_ENV];
  // An existing file is reopened as it is (migrations apply on top); a copy would overwrite it.
  if (template && existsSync(template) && !existsSync(path)) {
    copyFileSync(template, path);
    return openDb(path);
  }
  const db = openDb(path);
  migrate(db);
  return db;
}
