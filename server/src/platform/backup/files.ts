// Backup files in BACKUP_DIR: one file per backup, named by the moment it was taken, so the
// folder itself says which are old enough to go and which are newer than a given one.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DAY } from '../lib/clock.js';

export type BackupKind = 'sqlite' | 'pgdump';
export interface BackupFile {
  path: string;
  kind: BackupKind;
  takenAt: number;
}

const NAME = /^widgetry-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.(sqlite|pgdump)$/;
/** A backup being written: renamed to its name only once complete. */
export const PARTIAL = '.partial';

// The erasure journal of a database a restore replaced, saved before anything was dropped
// (restore.ts). Read like a newer backup's journal; kept, and removed, as a backup is.
const JOURNAL_NAME = /^widgetry-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.erasures\.json$/;
const JOURNAL_SUFFIX = '.erasures.json';

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:.]/g, '');
}

export function backupFileName(takenAt: number, kind: BackupKind): string {
  return `widgetry-${stamp(takenAt)}.${kind}`;
}

/** The file a restore at `savedAt` keeps the replaced database's erasure journal in. */
export function savedJournalFileName(savedAt: number): string {
  return `widgetry-${stamp(savedAt)}${JOURNAL_SUFFIX}`;
}

function stampTime(m: RegExpExecArray): number {
  const [, y, mo, d, h, mi, s, ms] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!);
}

export function parseBackupName(name: string): { kind: BackupKind; takenAt: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  return { kind: m[8] as BackupKind, takenAt: stampTime(m) };
}

function folder(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The saved erasure journals in `dir`, oldest first. */
export function listSavedJournals(dir: string): { path: string; savedAt: number }[] {
  return folder(dir)
    .map((name) => {
      const m = JOURNAL_NAME.exec(name);
      return m && { path: join(dir, name), savedAt: stampTime(m) };
    })
    .filter((j): j is { path: string; savedAt: number } => j !== null)
    .sort((a, b) => a.savedAt - b.savedAt);
}

/** The backups in `dir`, oldest first; nothing when the folder does not exist yet. */
export function listBackups(dir: string): BackupFile[] {
  return folder(dir)
    .map((name) => {
      const parsed = parseBackupName(name);
      return parsed && { path: join(dir, name), ...parsed };
    })
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => a.takenAt - b.takenAt);
}

/**
 * Removes the backups taken more than `retentionDays` ago, saved journals as old (the backups
 * their entries could apply to are gone by then), and partial files a day old (a backup that
 * died half-written). Returns the removed paths.
 */
export function pruneBackups(dir: string, now: number, retentionDays: number): string[] {
  const before = now - retentionDays * DAY;
  const removed = [
    ...listBackups(dir)
      .filter((b) => b.takenAt < before)
      .map((b) => b.path),
    ...listSavedJournals(dir)
      .filter((j) => j.savedAt < before)
      .map((j) => j.path),
  ];
  for (const name of folder(dir)) {
    const path = join(dir, name);
    if (name.endsWith(PARTIAL) && statSync(path).mtimeMs < now - DAY) removed.push(path);
  }
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}
