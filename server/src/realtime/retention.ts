// Destroys realtime logs when 149-FZ art. 10.1 (offer 000 §3.5.3, §5.1.5) stops requiring them:
// message payloads 6 months after the message, metadata (message facts, IPs, devices, session
// times, socket ids) 3 years after the action ended. Hard deletes, in small batches so a backlog
// never holds the write lock for long.
import { and, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.js';
import { realtimeConnectionLogs, realtimeMessageLogs } from '../platform/db/schema/index.js';
import { addCalendarMonths } from '../platform/tariffs/realtime-policy.js';

const PAYLOAD_RETENTION_MONTHS = 6;
const METADATA_RETENTION_MONTHS = 36;
const BATCH = 2000;

export interface RetentionResult {
  payloadsDestroyed: number;
  messagesDeleted: number;
  connectionsDeleted: number;
}

/** Repeats `step` (one batch, returning how many rows it touched) until a batch comes back short. */
function inBatches(step: () => number): number {
  let total = 0;
  for (;;) {
    const n = step();
    total += n;
    if (n < BATCH) return total;
  }
}

export function destroyExpiredRealtimeLogs(db: Db, now: number): RetentionResult {
  const payloadCutoff = addCalendarMonths(now, -PAYLOAD_RETENTION_MONTHS);
  const metadataCutoff = addCalendarMonths(now, -METADATA_RETENTION_MONTHS);

  const payloadsDestroyed = inBatches(() => {
    const ids = db
      .select({ id: realtimeMessageLogs.id })
      .from(realtimeMessageLogs)
      .where(and(lte(realtimeMessageLogs.at, payloadCutoff), isNotNull(realtimeMessageLogs.payload)))
      .limit(BATCH)
      .all()
      .map((r) => r.id);
    if (ids.length === 0) return 0;
    return db.update(realtimeMessageLogs).set({ payload: null, payloadDestroyedAt: now }).where(inArray(realtimeMessageLogs.id, ids)).run().changes;
  });

  const messagesDeleted = inBatches(() => {
    const ids = db.select({ id: realtimeMessageLogs.id }).from(realtimeMessageLogs).where(lte(realtimeMessageLogs.at, metadataCutoff)).limit(BATCH).all().map((r) => r.id);
    if (ids.length === 0) return 0;
    return db.delete(realtimeMessageLogs).where(inArray(realtimeMessageLogs.id, ids)).run().changes;
  });

  // A session's metadata counts from its end; a row never closed (a crashed node) from its start.
  const ended = sql`coalesce(${realtimeConnectionLogs.disconnectedAt}, ${realtimeConnectionLogs.connectedAt})`;
  const connectionsDeleted = inBatches(() => {
    const ids = db
      .select({ id: realtimeConnectionLogs.socketId })
      .from(realtimeConnectionLogs)
      // connected_at <= cutoff first: the index narrows the scan to old sessions.
      .where(and(lte(realtimeConnectionLogs.connectedAt, metadataCutoff), lte(ended, metadataCutoff)))
      .limit(BATCH)
      .all()
      .map((r) => r.id);
    if (ids.length === 0) return 0;
    return db.delete(realtimeConnectionLogs).where(inArray(realtimeConnectionLogs.socketId, ids)).run().changes;
  });

  return { payloadsDestroyed, messagesDeleted, connectionsDeleted };
}
