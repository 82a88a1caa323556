// `npm run backup`: an online, consistent backup into BACKUP_DIR while the server runs, then
// removes the backups older than BACKUP_RETENTION_DAYS. Bundled as dist/server/backup.js.
import { loadEnv } from './env.js';
import { takeBackup } from './platform/backup/take.js';

const env = loadEnv();
const { path, pruned } = await takeBackup(env, Date.now());
console.log(`Backup written: ${path}${pruned.length ? ` (${pruned.length} older than ${env.BACKUP_RETENTION_DAYS} days removed)` : ''}`);
