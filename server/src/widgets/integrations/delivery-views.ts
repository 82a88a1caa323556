// A lead's deliveries as the dashboard shows them: status, attempts, the attempt log, retry.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DeliveryView } from '#contracts/schemas/integrations.js';
import type { Db } from '../../platform/db/store.js';
import type { Account } from '../../deps.js';
import type { Sealer } from '../../platform/lib/sealing.js';
import { integrationAllowed } from '../../platform/tariffs/policy.js';
import { integrationView } from './store.js';

export async function leadDeliveries(db: Db, sealer: Sealer, account: Account, leadId: string, now: number): Promise<DeliveryView[]> {
  const { deliveries, deliveryAttempts, integrations } = db.tables;
  const rows = await db
    .select({ delivery: deliveries, integration: integrations })
    .from(deliveries)
    .innerJoin(integrations, eq(integrations.id, deliveries.integrationId))
    .where(eq(deliveries.leadId, leadId))
    .orderBy(asc(deliveries.createdAt), asc(deliveries.id));
  if (rows.length === 0) return [];
  const log = await db
    .select()
    .from(deliveryAttempts)
    .where(
      inArray(
        deliveryAttempts.deliveryId,
        rows.map((r) => r.delivery.id),
      ),
    )
    .orderBy(asc(deliveryAttempts.id));
  return rows.map(({ delivery: d, integration: i }) => {
    const target = integrationView(sealer, account, i);
    const retryable = (d.status === 'failed' || d.status === 'cancelled') && i.status === 'active' && integrationAllowed(account, i.kind);
    return {
      id: d.id,
      integrationId: i.id,
      kind: i.kind,
      label: i.status === 'disconnected' ? 'отключено' : target.label,
      /** The licensee disconnected the destination: the dashboard says so in its own language. */
      destinationDisconnected: i.status === 'disconnected',
      crossBorder: target.crossBorder,
      status: d.status === 'pending' && d.leaseUntil !== null && d.leaseUntil > now ? 'sending' : d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
      deliveredAt: d.deliveredAt,
      createdAt: d.createdAt,
      log: log.filter((a) => a.deliveryId === d.id).map((a) => ({ at: a.at, durationMs: a.durationMs, outcome: a.outcome, statusCode: a.statusCode, error: a.error })),
      canRetry: retryable,
    };
  });
}
