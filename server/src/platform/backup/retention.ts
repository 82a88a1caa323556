// The hourly backup_retention job: removes backups older than BACKUP_RETENTION_DAYS from
// BACKUP_DIR (as `npm run backup` does after each backup, for installs whose cron only backs up)
// and drops erasure-journal entries that no remaining backup can need.
import type { AppDeps } from '../../deps.js';
import { DAY } from '../lib/clock.js';
import { purgeErasuresBefore } from '../erasure/journal.js';
import { pruneBackups } from './files.js';

/**
 * An entry is needed while a backup taken before it exists: at most BACKUP_RETENTION_DAYS. A day
 * more covers a backup job that ran late; a copy kept elsewhere for longer is outside this bound
 * (README, "Backups").
 */
export const JOURNAL_MARGIN_MS = DAY;

export async function runBackupRetention(deps: AppDeps): Promise<void> {
  const { env, clock, logger } = deps;
  const now = clock.now();
  const removed = pruneBackups(env.BACKUP_DIR, now, env.BACKUP_RETENTION_DAYS);
  if (removed.length > 0) logger.info('job.backups_removed', { count: removed.length });
  const purged = await purgeErasuresBefore(deps.store.db, now - env.BACKUP_RETENTION_DAYS * DAY - JOURNAL_MARGIN_MS);
  if (purged > 0) logger.info('job.erasure_journal_purged', { entries: purged });
}
