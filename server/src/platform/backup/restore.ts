// `npm run restore FILE`: puts a backup back in place of the database, then makes sure nothing
// destroyed since comes back. The erasure journal (platform/erasure/) of the database being
// replaced, and of every backup newer than FILE, is replayed onto the restored one; then the
// retention rules run at today's date, which destroys what fell due since the backup was taken.
// The server must be stopped (SQLite: the file is replaced; PostgreSQL: the schema is).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { migrate } from '../db/migrate.js';
import { openPgStore } from '../db/pg-store.js';
import { openSqliteStore } from '../db/sqlite-store.js';
import type { Store } from '../db/store.js';
import { replayErasures, type ErasureEntry } from '../erasure/replay.js';
import { listBackups, parseBackupName, type BackupKind } from './files.js';
import { pgClientEnv, type BackupConfig } from './take.js';

const run = promisify(execFile);

export interface RestoreResult {
  /** Journal entries replayed (from the replaced database and newer backups). */
  journal: number;
  /** Records they named that the backup still held, erased again. */
  erased: number;
}

const JOURNAL_COLUMNS = 'select id, kind, subject_id as "subjectId", basis, erased_at as "erasedAt" from erasures';

/** The journal of a SQLite file; none when the file predates the journal. */
function sqliteJournal(path: string): ErasureEntry[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(JOURNAL_COLUMNS).all() as ErasureEntry[];
  } catch {
    return [];
  } finally {
    db.close();
  }
}

async function storeJournal(store: Store): Promise<ErasureEntry[]> {
  try {
    return await store.db.rows<ErasureEntry>(sql.raw(JOURNAL_COLUMNS));
  } catch {
    return [];
  }
}

/** The erasures table of a pg_dump file, read as the COPY block pg_restore prints for it. */
export async function pgDumpJournal(path: string): Promise<ErasureEntry[]> {
  const { stdout } = await run('pg_restore', ['--data-only', '--table=erasures', '--file=-', path], { maxBuffer: 1 << 30 });
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => /^COPY \S*erasures \(/.test(l));
  if (start < 0) return [];
  const columns = lines[start]!.replace(/^COPY \S+ \(|\) FROM stdin;$/g, '').split(', ');
  const entries: ErasureEntry[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    const v = Object.fromEntries(line.split('\t').map((x, i) => [columns[i], x]));
    entries.push({ id: v.id!, kind: v.kind as ErasureEntry['kind'], subjectId: v.subject_id!, basis: v.basis as ErasureEntry['basis'], erasedAt: Number(v.erased_at) });
  }
  return entries;
}

/** Journals of the backups in the same folder taken after `file`. */
async function newerBackupJournals(file: string, kind: BackupKind): Promise<ErasureEntry[]> {
  const takenAt = parseBackupName(basename(file))?.takenAt ?? 0;
  const newer = listBackups(dirname(file)).filter((b) => b.kind === kind && b.takenAt > takenAt);
  const journals = await Promise.all(newer.map((b) => (kind === 'sqlite' ? sqliteJournal(b.path) : pgDumpJournal(b.path))));
  return journals.flat();
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

export async function restoreBackup(config: BackupConfig, file: string, now: number, reapplyRetention: (store: Store, now: number) => Promise<void>): Promise<RestoreResult> {
  if (!existsSync(file)) throw new Error(`no such backup: ${file}`);
  const kind: BackupKind = config.DATABASE_URL ? 'pgdump' : 'sqlite';
  if (!file.endsWith(`.${kind}`)) throw new Error(`${file} is not a ${kind === 'sqlite' ? 'SQLite (.sqlite)' : 'PostgreSQL (.pgdump)'} backup, which this configuration restores`);
  await assertReadable(file, kind);
  const entries: ErasureEntry[] = [];
  let store: Store;

  if (!config.DATABASE_URL) {
    const path = config.DATABASE_PATH;
    if (existsSync(path)) entries.push(...sqliteJournal(path));
    entries.push(...(await newerBackupJournals(file, 'sqlite')));
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
      entries.push(...(await storeJournal(current)));
      entries.push(...(await newerBackupJournals(file, 'pgdump')));
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
    return { journal: unique.length, erased };
  } finally {
    await store.close();
  }
}
