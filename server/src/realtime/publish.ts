// The one way a message enters the service (HTTP API, client events): take it from the daily
// allowance, log it, then fan it out — or, over the limit, refuse it whole and deliver nothing.
import { eq } from 'drizzle-orm';
import { realtimeMessageLogs, realtimeProjects } from '../db/schema/index.js';
import type { AppDeps } from '../deps.js';
import { tryConsumeMessages } from '../tariffs/realtime-policy.js';
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

export function publishMessages(deps: AppDeps, rt: Realtime, project: ProjectRow, from: PublishSource, events: OutgoingEvent[]): PublishResult {
  const now = deps.clock.now();
  const consumed = deps.db.transaction(
    (tx) => {
      const c = tryConsumeMessages(tx, project, events.length, now);
      if (!c.ok) return c;
      tx.insert(realtimeMessageLogs)
        .values(
          events.map((e) => ({
            projectId: project.id,
            accountId: project.accountId,
            at: now,
            source: from.source,
            event: e.event,
            channels: e.channels,
            socketId: e.socketId ?? from.socketId ?? null,
            ip: from.ip ?? null,
            recipients: e.channels.reduce((n, ch) => n + rt.hub.subscriberCount(project.id, ch), 0),
            payloadBytes: Buffer.byteLength(e.data, 'utf8'),
            payload: e.data,
          })),
        )
        .run();
      if (c.firstOfDay) tx.update(realtimeProjects).set({ lastActivityAt: now }).where(eq(realtimeProjects.id, project.id)).run();
      return c;
    },
    { behavior: 'immediate' },
  );
  void noticeMessageUsage(deps, rt, project, consumed, now);
  if (!consumed.ok) return { ok: false, used: consumed.used, limit: consumed.limit };
  for (const e of events) {
    for (const channel of e.channels) {
      rt.broker.publish({ projectId: project.id, channel, frame: frame(e.event, e.data, channel, from.userId), exceptSocketId: e.socketId ?? from.socketId });
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
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  for (const channel of channels) rt.broker.publish({ projectId, channel, frame: frame(event, payload, channel) });
}
