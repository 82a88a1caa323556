// `npm run restore FILE`: puts a backup back in place of the database, then makes sure nothing
// destroyed since comes back. The erasure journal (platform/erasure/) of the database being
// replaced, and of every backup newer than FILE, is replayed onto the restored one; then the
// retention rules run at today's date, which destroys what fell due since the backup was taken.
// The server must be stopped (SQLite: the file is replaced; PostgreSQL: the schema is).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { DAY } from '../lib/clock.js';
import { migrate } from '../db/migrate.js';
import { openPgStore } from '../db/pg-store.js';
import { openSqliteStore } from '../db/sqlite-store.js';
import type { Store } from '../db/store.js';
import { replayErasures, type ErasureEntry } from '../erasure/replay.js';
import { parseBackupName, type BackupKind } from './files.js';
import { newerJournals, saveReplacedJournal, sqliteJournal, storeJournal } from './journals.js';
import { JOURNAL_MARGIN_MS } from './retention.js';
import { pgClientEnv, type BackupConfig } from './take.js';

const run = promisify(execFile);

export interface RestoreResult {
  /** Journal entries replayed (from the replaced database and newer backups). */
  journal: number;
  /** Records they named that the backup still held, erased again. */
  erased: number;
  /** Where the replaced database's journal was saved before it was dropped (null: it had none). */
  savedJournal: string | null;
  /** Days between the backup and the journal's reach, whose erasures may have come back (0: none). */
  uncoveredDays: number;
}

export interface RestoreOptions {
  /** Restore a backup older than the journal's reach (the CLI's --older-than-journal). */
  olderThanJournal?: boolean;
}

/**
 * Refuses a backup older than the erasure journal reaches back (BACKUP_RETENTION_DAYS plus a
 * day: entries older are purged), unless asked: the erasures made between the backup and that
 * reach cannot be replayed and would come back. Returns the days left uncovered.
 */
function uncoveredDays(config: BackupConfig, file: string, now: number, options: RestoreOptions): number {
  const reach = config.BACKUP_RETENTION_DAYS * DAY + JOURNAL_MARGIN_MS;
  const takenAt = parseBackupName(basename(file))?.takenAt;
  if (takenAt === undefined) {
    if (options.olderThanJournal) return Number.POSITIVE_INFINITY;
    throw new Error(
      `${file} is not named as a backup (widgetry-YYYYMMDDTHHMMSSmmmZ), so its age against the erasure journal cannot be told; restore it with --older-than-journal if you accept that erasures may come back; nothing was changed`,
    );
  }
  const uncovered = Math.max(0, Math.ceil((now - reach - takenAt) / DAY));
  if (uncovered > 0 && !options.olderThanJournal) {
    throw new Error(
      `${file} was taken ${Math.floor((now - takenAt) / DAY)} days ago; the erasure journal reaches back ${reach / DAY} days, so erasures of up to ${uncovered} days before that would come back. Restore a newer backup, or this one with --older-than-journal; nothing was changed`,
    );
  }
  return uncovered;
}

/**
 * Reads the whole backup before anything is replaced. A truncated or corrupt file, or a dump this
 * pg_restore is too old to read, used to fail only after the database (and with it the erasure
 * journal of everything deleted since the last backup) was already gone.
 */
async function assertReadable(file: string, kind: BackupKind): Promise<void> {
  try {
    if (kind === 'pgdump') {
      await run('pg_restore', ['--file=/dev/null', file], { maxBuffer: 1 << 26 });
    } else {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const result = db.pragma('quick_check', { simple: true });
        if (result !== 'ok') throw new Error(String(result));
      } finally {
        db.close();
      }
    }
  } catch (err) {
    const reason = ((err as { stderr?: string }).stderr || (err as Error).message).trim();
    throw new Error(`${file} cannot be read in full (${reason}); nothing was changed`);
  }
}

function readOrNone(read: () => ErasureEntry[]): ErasureEntry[] {
  try {
    return read();
  } catch {
    return [];
  }
}

export async function restoreBackup(
  config: BackupConfig,
  file: string,
  now: number,
  reapplyRetention: (store: Store, now: number) => Promise<void>,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  if (!existsSync(file)) throw new Error(`no such backup: ${file}`);
  const kind: BackupKind = config.DATABASE_URL ? 'pgdump' : 'sqlite';
  if (!file.endsWith(`.${kind}`)) throw new Error(`${file} is not a ${kind === 'sqlite' ? 'SQLite (.sqlite)' : 'PostgreSQL (.pgdump)'} backup, which this configuration restores`);
  const uncovered = uncoveredDays(config, file, now, options);
  await assertReadable(file, kind);
  const entries: ErasureEntry[] = [];
  let savedJournal: string | null;
  let store: Store;

  if (!config.DATABASE_URL) {
    const path = config.DATABASE_PATH;
    // A database too damaged to read its journal is what a restore is for: it has none to save.
    const replaced = existsSync(path) ? readOrNone(() => sqliteJournal(path)) : [];
    entries.push(...replaced, ...(await newerJournals(file, 'sqlite')));
    savedJournal = saveReplacedJournal(config.BACKUP_DIR, replaced, now);
    // Copied beside the database first: a copy that fails (a full disk) leaves the database as it was.
    copyFileSync(file, `${path}.restoring`);
    // The old file's WAL would otherwise be applied to the restored one.
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    renameSync(`${path}.restoring`, path);
    const sqliteStore = openSqliteStore(path);
    // The backup is in rollback-journal mode (take.ts); the server runs in WAL.
    sqliteStore.connection.pragma('journal_mode = WAL');
    store = sqliteStore;
  } else {
    const env = pgClientEnv(config.DATABASE_URL);
    const current = await openPgStore(config.DATABASE_URL, { poolSize: 1 });
    try {
      const replaced = await storeJournal(current);
      entries.push(...replaced, ...(await newerJournals(file, 'pgdump')));
      savedJournal = saveReplacedJournal(config.BACKUP_DIR, replaced, now);
      // Everything the app owns goes, so the dump restores into an empty database: its tables
      // (public) and drizzle's record of applied migrations (schema drizzle).
      await current.db.rows(sql`drop schema if exists drizzle cascade`);
      await current.db.rows(sql`drop schema if exists public cascade`);
      await current.db.rows(sql`create schema public`);
    } finally {
      await current.close();
    }
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${env.PGDATABASE}`, file], { env, maxBuffer: 1 << 26 });
    store = await openPgStore(config.DATABASE_URL, { poolSize: 2 });
  }

  try {
    // A backup from before a schema change is brought up to this version first.
    await migrate(store as Parameters<typeof migrate>[0]);
    const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
    const erased = await replayErasures(store, unique);
    await reapplyRetention(store, now);
    return { journal: unique.length, erased, savedJournal, uncoveredDays: uncovered };
  } finally {
    await store.close();
  }
}
