// How a project looks to its owner in the dashboard: never the secret (shown once elsewhere),
// always what to paste into a client to connect.
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../deps.js';
import { usedPercent } from '../platform/tariffs/policy.js';
import { realtimeLimitsOf, realtimeOffers, realtimeTariffOf, utcDay, type ProjectAccess } from '../platform/tariffs/realtime-policy.js';
import type { ProjectRow } from './projects.js';
import type { Realtime } from './service.js';

/** Host settings for pusher-js, Laravel Echo and the `pusher` server SDK, from PUBLIC_URL. */
export function connectionSettings(publicUrl: string, p: Pick<ProjectRow, 'appId' | 'key'>) {
  const url = new URL(publicUrl);
  const useTLS = url.protocol === 'https:';
  const port = Number(url.port || (useTLS ? 443 : 80));
  return {
    appId: p.appId,
    key: p.key,
    host: url.hostname,
    port,
    useTLS,
    websocketUrl: `${useTLS ? 'wss' : 'ws'}://${url.host}/app/${p.key}?protocol=7`,
    httpApiUrl: `${url.origin}/apps/${p.appId}`,
    /** new Pusher(key, pusherJs) */
    pusherJs: { cluster: 'mt1', wsHost: url.hostname, wsPort: port, wssPort: port, forceTLS: useTLS, enabledTransports: ['ws', 'wss'] },
    /** new Pusher(pusherServer) from the `pusher` npm package */
    pusherServer: { appId: p.appId, key: p.key, secret: '<secret>', host: url.hostname, port: String(port), useTLS },
  };
}

export async function projectView(deps: AppDeps, rt: Realtime, p: ProjectRow, access: ProjectAccess) {
  const now = deps.clock.now();
  const day = utcDay(now);
  const limits = realtimeLimitsOf(p);
  const { db } = deps.store;
  const { realtimeUsageDaily } = db.tables;
  const [today] = await db
    .select()
    .from(realtimeUsageDaily)
    .where(and(eq(realtimeUsageDaily.projectId, p.id), eq(realtimeUsageDaily.day, day)));
  const messages = today?.messages ?? 0;
  const tariff = realtimeTariffOf(p);
  return {
    id: p.id,
    name: p.name,
    status: access,
    blockReason: p.blockReason,
    tariff: { id: tariff.id, name: tariff.name, limits, paid: tariff.monthlyPriceKopecks > 0 },
    period: p.periodEnd === null ? null : { start: p.periodStart, end: p.periodEnd },
    offers: realtimeOffers(p, access, now),
    settings: { allowedOrigins: p.allowedOrigins, clientEvents: p.clientEvents },
    secret: { hint: `…${p.secretHint}`, rotatedAt: p.secretRotatedAt },
    connection: connectionSettings(deps.env.PUBLIC_URL, p),
    usage: {
      day,
      messages,
      messagesLimit: limits.messagesPerDay,
      percent: usedPercent(messages, limits.messagesPerDay),
      /** The 80/100 % warning the dashboard shows for today (offer 000 §4.5.1), 0 when none. */
      warningPercent: today?.notifiedPercent ?? 0,
      connections: await rt.connectionsNow(p.id),
      connectionsLimit: limits.connections,
    },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
