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

export function backupFileName(takenAt: number, kind: BackupKind): string {
  const stamp = new Date(takenAt).toISOString().replace(/[-:.]/g, '');
  return `widgetry-${stamp}.${kind}`;
}

export function parseBackupName(name: string): { kind: BackupKind; takenAt: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, kind] = m;
  return { kind: kind as BackupKind, takenAt: Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!) };
}

/** The backups in `dir`, oldest first; nothing when the folder does not exist yet. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => {
      const parsed = parseBackupName(name);
      return parsed && { path: join(dir, name), ...parsed };
    })
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => a.takenAt - b.takenAt);
}

/**
 * Removes the backups taken more than `retentionDays` ago, and partial files a day old (a backup
 * that died half-written). Returns the removed paths.
 */
export function pruneBackups(dir: string, now: number, retentionDays: number): string[] {
  const removed = listBackups(dir)
    .filter((b) => b.takenAt < now - retentionDays * DAY)
    .map((b) => b.path);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {}
  for (const name of names) {
    const path = join(dir, name);
    if (name.endsWith(PARTIAL) && statSync(path).mtimeMs < now - DAY) removed.push(path);
  }
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}
