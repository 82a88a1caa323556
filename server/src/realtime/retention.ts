// Destroys realtime logs when 149-FZ art. 10.1 (offer 000 §3.5.3, §5.1.5) stops requiring them:
// message payloads 6 months after the message, metadata (message facts, IPs, devices, session
// times, socket ids) 3 years after the action ended. Hard deletes, in small batches so a backlog
// never holds the write lock for long; on PostgreSQL the messages' metadata goes in whole
// half-month partitions instead (Store.expire), at most 16 days after its three years.
import { and, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Store } from '../platform/db/store.js';
import { inBatches as inBatchesOf } from '../platform/lib/batches.js';
import { addCalendarMonths } from '../platform/tariffs/realtime-policy.js';

const PAYLOAD_RETENTION_MONTHS = 6;
const METADATA_RETENTION_MONTHS = 36;
const BATCH = 2000;

/** One batch at a time with a turn of the event loop between them (platform/lib/batches.ts). */
const inBatches = (step: () => Promise<number>) => inBatchesOf(step, BATCH);

/** One retention pass; says how many payloads it destroyed and message and connection rows it deleted. */
export async function destroyExpiredRealtimeLogs(store: Store, now: number) {
  const { db } = store;
  const { realtimeConnectionLogs, realtimeMessageLogs } = db.tables;
  const payloadCutoff = addCalendarMonths(now, -PAYLOAD_RETENTION_MONTHS);
  const metadataCutoff = addCalendarMonths(now, -METADATA_RETENTION_MONTHS);

  const payloadsDestroyed = await inBatches(async () => {
    const ids = (
      await db
        .select({ id: realtimeMessageLogs.id })
        .from(realtimeMessageLogs)
        .where(and(lte(realtimeMessageLogs.at, payloadCutoff), isNotNull(realtimeMessageLogs.payload)))
        .limit(BATCH)
    ).map((r) => r.id);
    if (ids.length === 0) return 0;
    return (await db.update(realtimeMessageLogs).set({ payload: null, payloadDestroyedAt: now }).where(inArray(realtimeMessageLogs.id, ids)).returning({ id: realtimeMessageLogs.id })).length;
  });

  const messagesDeleted = await store.expire(realtimeMessageLogs, realtimeMessageLogs.at, metadataCutoff);

  // A session's metadata counts from its end; a row never closed (a crashed node) from its start.
  const ended = sql`coalesce(${realtimeConnectionLogs.disconnectedAt}, ${realtimeConnectionLogs.connectedAt})`;
  const connectionsDeleted = await inBatches(async () => {
    const ids = (
      await db
        .select({ id: realtimeConnectionLogs.socketId })
        .from(realtimeConnectionLogs)
        // connected_at <= cutoff first: the index narrows the scan to old sessions.
        .where(and(lte(realtimeConnectionLogs.connectedAt, metadataCutoff), lte(ended, metadataCutoff)))
        .limit(BATCH)
    ).map((r) => r.id);
    if (ids.length === 0) return 0;
    return (await db.delete(realtimeConnectionLogs).where(inArray(realtimeConnectionLogs.socketId, ids)).returning({ id: realtimeConnectionLogs.socketId })).length;
  });

  return { payloadsDestroyed, messagesDeleted, connectionsDeleted };
}
