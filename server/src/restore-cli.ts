// `npm run restore FILE`: replaces the database with a backup (stop the server first), replays
// the erasure journal so nothing destroyed since comes back, and applies the retention rules as
// of today. Bundled as dist/server/restore.js.
import { applyRetention } from './jobs.js';
import { loadEnv } from './env.js';
import { restoreBackup } from './platform/backup/restore.js';
import { createLogger } from './platform/lib/logger.js';
import { destroyExpiredRealtimeLogs } from './realtime/retention.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- FILE   (a .sqlite or .pgdump file from BACKUP_DIR)');
  process.exit(2);
}
const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const result = await restoreBackup(env, file, Date.now(), async (store, now) => {
  await applyRetention(store, now, logger);
  await destroyExpiredRealtimeLogs(store, now);
});
console.log(`Restored ${file}: ${result.journal} erasure journal entries replayed, ${result.erased} records erased again.`);
