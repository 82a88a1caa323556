// When the oldest delivery still waiting in the outbox was created: the metrics' measure of a
// backlog (a destination down, a worker that stopped).
import { eq, min } from 'drizzle-orm';
import type { Store } from '../../platform/db/store.js';

export async function oldestUndeliveredAt(store: Store): Promise<number | null> {
  const { deliveries } = store.tables;
  const [row] = await store.db
    .select({ oldest: min(deliveries.createdAt) })
    .from(deliveries)
    .where(eq(deliveries.status, 'pending'));
  return row?.oldest == null ? null : Number(row.oldest);
}
