// Moves SQLite's WAL checkpoints off the thread that serves requests. With the default
// automatic checkpoint, the commit that crosses 1,000 WAL pages copies them into the database
// file and fsyncs it right there, stalling every request behind it for 5-20 ms (more on a busy
// disk): at 500 leads/s that happened ~3 times a second and set the p99 (bench/src/analysis.ts).
// Here the app's connection never checkpoints; a worker thread with its own connection runs a
// PASSIVE checkpoint every interval (it never blocks writers or readers). Should the worker die,
// the app's connection takes automatic checkpoints back, so the WAL can never grow unbounded.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteStore } from './sqlite-store.js';
import type { Logger } from '../lib/logger.js';

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

// Inline (eval) so the server can stay one bundled file; better-sqlite3 comes by absolute path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage({ error: String(err) }); }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } finally { db.close(); parentPort.close(); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(store: SqliteStore, logger: Logger, intervalMs = 1000): Checkpointer {
  const { connection, path } = store;
  if (path === ':memory:') return { stop: async () => {} };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs } });
  connection.pragma('wal_autocheckpoint = 0');
  let running = true;
  const fallBack = (reason: string) => {
    if (!running) return;
    running = false;
    connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    logger.error('db.checkpointer_failed', { reason });
  };
  worker.on('message', (m: { error?: string }) => m.error && logger.warn('db.checkpoint_failed', { error: m.error }));
  worker.on('error', (err) => fallBack(String(err)));
  worker.on('exit', (code) => code !== 0 && fallBack(`exit ${code}`));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (!running) return resolve();
        running = false;
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
