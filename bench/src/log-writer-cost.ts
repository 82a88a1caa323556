// Process CPU per message-log row through the log writer on a migrated SQLite file (or PostgreSQL
// with DATABASE_URL): batches of BATCH rows, median of the per-batch figures.
//   npx tsx bench/src/log-writer-cost.ts [BATCHES] [BATCH] [PRELOAD_ROWS]
import { sql } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../server/src/platform/db/migrate.js';
import { openStore } from '../../server/src/platform/db/open-store.js';
import { createLogger } from '../../server/src/platform/lib/logger.js';
import { createRealtimeLogWriter } from '../../server/src/realtime/log-writer.js';
import { insertRealtimeProjectRow } from '../../server/src/testing/realtime-project-row.js';
import { summarize } from './stats.js';

const BATCHES = Number(process.argv[2] ?? 100);
const BATCH = Number(process.argv[3] ?? 1000);
const PRELOAD = Number(process.argv[4] ?? 0);
const store = await openStore({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'lwc-')), 'x.db'), DATABASE_URL: process.env.DATABASE_URL });
await migrate(store);
for (const idx of (process.env.DROP_INDEXES ?? '').split(',').filter(Boolean)) await store.db.rows(sql.raw(`drop index ${idx}`));
await insertRealtimeProjectRow(store);
const logs = createRealtimeLogWriter(store, createLogger('silent'), { flushMs: 3_600_000, maxRows: 10_000_000 });
const PAD = 'x'.repeat(120);
let at = Date.now();
const row = () => {
  const payload = `{"t":${(Math.random() * 1e6).toFixed(3)},"order":"${PAD}"}`;
  return {
    projectId: 'prj_1',
    accountId: 'acc_1',
    at: at++,
    source: 'api' as const,
    event: 'order-created',
    channels: ['bench'],
    socketId: null,
    ip: '127.0.0.1',
    recipients: 0,
    payloadBytes: payload.length,
    payload,
  };
};
for (let done = 0; done < PRELOAD; done += 10_000) {
  logs.messages(Array.from({ length: 10_000 }, row));
  await logs.flush();
}
const per: number[] = [];
for (let b = 0; b < BATCHES + 5; b++) {
  const rows = Array.from({ length: BATCH }, row);
  const c0 = process.cpuUsage();
  logs.messages(rows);
  await logs.flush();
  const c = process.cpuUsage(c0);
  if (b >= 5) per.push((c.user + c.system) / BATCH);
}
const s = summarize(per);
console.log(`${process.env.LABEL ?? ''} ${BATCH} rows per batch, ${PRELOAD} preloaded: ${s.median.toFixed(2)} µs CPU per row (${s.min.toFixed(2)}–${s.max.toFixed(2)})`);
await store.close();
