// `npm run restore FILE`: replaces the database with a backup (stop the server first), replays
// the erasure journal so nothing destroyed since comes back, and applies the retention rules as
// of today. Bundled as dist/server/restore.js.
import { applyRetention } from './jobs.js';
import { loadEnv } from './env.js';
import { restoreBackup } from './platform/backup/restore.js';
import { createLogger } from './platform/lib/logger.js';
import { destroyExpiredRealtimeLogs } from './realtime/retention.js';

const OLDER_THAN_JOURNAL = '--older-than-journal';
const args = process.argv.slice(2);
const files = args.filter((a) => a !== OLDER_THAN_JOURNAL);
const file = files[0];
if (!file || files.length > 1 || files[0]!.startsWith('--')) {
  console.error(`usage: npm run restore -- [${OLDER_THAN_JOURNAL}] FILE   (a .sqlite or .pgdump file from BACKUP_DIR)`);
  process.exit(2);
}
const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const result = await restoreBackup(
  env,
  file,
  Date.now(),
  async (store, now) => {
    await applyRetention(store, now, logger);
    await destroyExpiredRealtimeLogs(store, now);
  },
  { olderThanJournal: args.includes(OLDER_THAN_JOURNAL) },
).catch((err: unknown) => {
  // A refusal (unreadable or too old a backup) is the operator's answer, not a crash: its message
  // alone. Anything else keeps its stack.
  if (err instanceof Error && err.message.endsWith('nothing was changed')) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
});
console.log(`Restored ${file}: ${result.journal} erasure journal entries replayed, ${result.erased} records erased again.`);
if (result.savedJournal) console.log(`The replaced database's erasure journal is kept in ${result.savedJournal} (removed with the backups of its age).`);
if (result.uncoveredDays > 0) {
  const days = Number.isFinite(result.uncoveredDays) ? `${result.uncoveredDays} days` : 'an unknown number of days';
  console.warn(`Warning: the backup is older than the erasure journal's reach: erasures of ${days} before that reach could not be replayed and may have come back.`);
}
