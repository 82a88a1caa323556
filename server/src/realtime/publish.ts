// The one way a message enters the service (HTTP API, client events): take it from the daily
// allowance, log it, then fan it out — or, over the limit, refuse it whole and deliver nothing.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/store.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../platform/lib/errors.js';
import type { ProjectRow } from './projects.js';
import { frame } from './protocol.js';
import type { Realtime } from './service.js';
import { noticeMessageUsage } from './usage-notices.js';

export interface OutgoingEvent {
  channels: string[];
  event: string;
  /** Already a string, as on the wire (the SDKs JSON-encode objects before sending). */
  data: string;
  /** The API's socket_id for this event: that socket does not receive it. */
  socketId?: string;
}

export interface PublishSource {
  source: 'api' | 'client';
  /** Sender (client event) or the API's socket_id: this socket does not receive the event. */
  socketId?: string;
  ip?: string | null;
  /** Presence client events carry the sender's user id (protocol 7). */
  userId?: string;
}

export type PublishResult = { ok: true } | { ok: false; used: number; limit: number };

export type PublishStatements = ReturnType<typeof preparePublishStatements>;

/** Prepared once per app (realtime/service.ts): these run on every publish (bench/src/analysis.ts, realtime). */
export function preparePublishStatements(db: Db) {
  const { realtimeProjects } = db.tables;
  const p = (name: string) => sql.placeholder(name);
  return {
    touch: db
      .update(realtimeProjects)
      .set({ lastActivityAt: sql`${p('now')}` })
      .where(eq(realtimeProjects.id, p('projectId')))
      .prepare('realtime_publish_touch'),
  };
}

/**
 * Counts, logs, then delivers. No transaction around the steps: the allowance is taken by one
 * conditional UPDATE of its own (atomic on either engine, also between nodes), and the statements
 * are prepared on the store's handle. Nothing is delivered that was not counted and queued for the
 * log first; the log rows reach the database in the next batch (log-writer.ts, at most
 * REALTIME_LOG_FLUSH_MS later; a failed batch is retried). A usage notice that falls due is stored
 * before the answer; its mail is not waited for.
 */
export async function publishMessages(deps: AppDeps, rt: Realtime, project: ProjectRow, from: PublishSource, events: OutgoingEvent[]): Promise<PublishResult> {
  // Refused before anything is counted: a message that cannot reach the other nodes is not taken.
  if (!rt.broker.available()) throw realtimeUnavailable();
  const now = deps.clock.now();
  const s = rt.publishing;
  const consumed = await rt.consumeMessages(project, events.length, now);
  if (consumed.ok) {
    // Recipients across the cluster, one round trip for all the channels of the call.
    const channels = [...new Set(events.flatMap((e) => e.channels))];
    const counts = new Map<string, number>(channels.map((ch) => [ch, 0]));
    const known = await rt.broker.subscriptionCounts(project.id, channels).catch(() => null);
    if (known) channels.forEach((ch, i) => counts.set(ch, known[i] ?? 0));
    const rows = events.map((e) => ({
      projectId: project.id,
      accountId: project.accountId,
      at: now,
      source: from.source,
      event: e.event,
      channels: e.channels,
      socketId: e.socketId ?? from.socketId ?? null,
      ip: from.ip ?? null,
      recipients: e.channels.reduce((n, ch) => n + (counts.get(ch) ?? 0), 0),
      payloadBytes: Buffer.byteLength(e.data, 'utf8'),
      payload: e.data,
    }));
    // Queued for the next batch of log rows (log-writer.ts: its crash bound), in the publish's order.
    rt.logs.messages(rows);
    if (rt.logs.writeThrough) await rt.logs.flush();
    if (consumed.firstOfDay) await s.touch.execute({ now, projectId: project.id });
  }
  try {
    await noticeMessageUsage(deps, rt, project, consumed, now);
  } catch (err) {
    // The messages are counted and logged: a notice that failed must not turn them into an error.
    deps.logger.error('realtime.usage_notice_failed', { projectId: project.id, error: err instanceof Error ? err.stack : String(err) });
  }
  if (!consumed.ok) {
    deps.metrics.realtimeMessagesRefused.inc({ source: from.source }, events.length);
    return { ok: false, used: consumed.used, limit: consumed.limit };
  }
  if (!rt.broker.available()) throw realtimeUnavailable();
  deps.metrics.realtimeMessagesAccepted.inc({ source: from.source }, events.length);
  for (const e of events) {
    for (const channel of e.channels) {
      rt.broker.publish({ kind: 'frame', projectId: project.id, channel, frame: frame(e.event, e.data, channel, from.userId), exceptSocketId: e.socketId ?? from.socketId });
    }
  }
  return { ok: true };
}

/**
 * For the platform's own server code (live leads in the dashboard, the chat widget): delivers
 * without counting against a licensee's allowance and without a payload log, because it is not
 * the licensee's traffic and its payload (a lead) has its own retention rules.
 */
export function publishInternal(rt: Realtime, projectId: string, channels: string[], event: string, data: unknown): void {
  // Live updates are a convenience on top of what is stored: without Redis they are skipped, and
  // the dashboard reads the same data from the database when it loads or reconnects.
  if (!rt.broker.available()) return;
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  for (const channel of channels) rt.broker.publish({ kind: 'frame', projectId, channel, frame: frame(event, payload, channel) });
}

/** 503 with Retry-After: the SDKs retry, and the message is not counted. */
export const realtimeUnavailable = () =>
  new AppError(503, 'realtime_unavailable', 'Realtime is unavailable right now (the nodes cannot reach their shared state): nothing was published or counted; retry shortly', undefined, {
    'retry-after': '5',
  });
