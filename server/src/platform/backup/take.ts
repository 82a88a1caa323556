// `npm run backup`: an online, consistent copy of the database while the server keeps serving.
// SQLite: the engine's online backup API (better-sqlite3's backup()) from a connection of its
// own — a snapshot of one committed state, copied in steps so the server's writes go on. PostgreSQL:
// pg_dump (one repeatable-read snapshot) in its custom format, which pg_restore reads.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { backupFileName, PARTIAL, pruneBackups } from './files.js';

const run = promisify(execFile);

export interface BackupConfig {
  DATABASE_URL?: string | undefined;
  DATABASE_PATH: string;
  BACKUP_DIR: string;
  BACKUP_RETENTION_DAYS: number;
}

/**
 * libpq's variables for a postgres:// URL, so the password travels in the child's environment
 * rather than on its command line (where `ps` shows it to every user of the machine).
 */
export function pgClientEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const vars: Record<string, string> = {
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
  if (u.username) vars.PGUSER = decodeURIComponent(u.username);
  if (u.password) vars.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) vars.PGSSLMODE = sslmode;
  // The rest of the environment is passed on as it is: pg_dump is found on its PATH.
  return { ...process.env, ...vars };
}

/** Takes a backup into BACKUP_DIR, then removes the ones past the retention. Returns its path. */
export async function takeBackup(config: BackupConfig, now: number): Promise<{ path: string; pruned: string[] }> {
  // Backups hold personal data: the folder and files are the owner's only.
  mkdirSync(config.BACKUP_DIR, { recursive: true, mode: 0o700 });
  const path = join(config.BACKUP_DIR, backupFileName(now, config.DATABASE_URL ? 'pgdump' : 'sqlite'));
  const partial = path + PARTIAL;
  try {
    if (config.DATABASE_URL) {
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], { env: pgClientEnv(config.DATABASE_URL) });
    } else {
      const db = new Database(config.DATABASE_PATH, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        await db.backup(partial);
      } finally {
        db.close();
      }
      // A self-contained file: a rollback journal instead of WAL, so reading it (a restore, or
      // the journal of a newer backup) leaves no -wal or -shm files beside it.
      const copy = new Database(partial);
      copy.pragma('journal_mode = DELETE');
      copy.close();
    }
    chmodSync(partial, 0o600);
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return { path, pruned: pruneBackups(config.BACKUP_DIR, now, config.BACKUP_RETENTION_DAYS) };
}
