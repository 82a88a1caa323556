// The erasure journals a restore replays (restore.ts): the replaced database's, those of the
// backups newer than the one restored, and those earlier restores saved to BACKUP_DIR before
// they replaced a database.
import { execFile } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Store } from '../db/store.js';
import type { ErasureEntry } from '../erasure/replay.js';
import { listBackups, listSavedJournals, PARTIAL, parseBackupName, savedJournalFileName, type BackupKind } from './files.js';

const run = promisify(execFile);

const JOURNAL_COLUMNS = 'select id, kind, subject_id as "subjectId", basis, erased_at as "erasedAt" from erasures';

/** The journal of a SQLite file; none when the file predates the journal (no erasures table). */
export function sqliteJournal(path: string): ErasureEntry[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(JOURNAL_COLUMNS).all() as ErasureEntry[];
  } catch (err) {
    if (/no such table/.test((err as Error).message)) return [];
    throw err;
  } finally {
    db.close();
  }
}

export async function storeJournal(store: Store): Promise<ErasureEntry[]> {
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

/**
 * Journals of the backups in the same folder taken after `file`, and of the databases earlier
 * restores replaced after it. A newer backup that cannot be read stops the restore, naming it:
 * going on would silently bring back what only its journal records.
 */
export async function newerJournals(file: string, kind: BackupKind): Promise<ErasureEntry[]> {
  const dir = dirname(file);
  const takenAt = parseBackupName(basename(file))?.takenAt ?? 0;
  const newer = listBackups(dir).filter((b) => b.kind === kind && b.takenAt > takenAt);
  const journals = await Promise.all(
    newer.map(async (b) => {
      try {
        return kind === 'sqlite' ? sqliteJournal(b.path) : await pgDumpJournal(b.path);
      } catch (err) {
        const reason = ((err as { stderr?: string }).stderr || (err as Error).message).trim();
        throw new Error(
          `${b.path}, a backup newer than ${basename(file)}, cannot be read (${reason}); its erasure journal is replayed by this restore. Move it out of ${dir} and run the restore again (erasures only it records will then not be replayed); nothing was changed`,
        );
      }
    }),
  );
  for (const saved of listSavedJournals(dir).filter((j) => j.savedAt > takenAt)) {
    journals.push(JSON.parse(readFileSync(saved.path, 'utf8')) as ErasureEntry[]);
  }
  return journals.flat();
}

/**
 * Writes the journal of the database about to be replaced to BACKUP_DIR before anything is
 * dropped, so a restore that fails halfway (pg_restore killed, a full disk) cannot lose it: the
 * next restore reads it like a newer backup's. Owner-only, as the backups: ids, not data, but
 * ids of people's records. Returns the path, or null when there was nothing to save.
 */
export function saveReplacedJournal(backupDir: string, entries: readonly ErasureEntry[], now: number): string | null {
  if (entries.length === 0) return null;
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  // Two restores in one millisecond (tests) must not overwrite the first one's file.
  let at = now;
  while (existsSync(join(backupDir, savedJournalFileName(at)))) at++;
  const path = join(backupDir, savedJournalFileName(at));
  // On disk before the drop that follows, not in the page cache of a machine that may crash.
  const fd = openSync(path + PARTIAL, 'w', 0o600);
  try {
    writeFileSync(fd, JSON.stringify(entries));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(path + PARTIAL, path);
  return path;
}
