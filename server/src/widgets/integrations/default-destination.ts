// A site's default destination: e-mail to the account's sign-in address. That address was proven
// by the sign-in code, so it works from the first lead without a confirmation link. The row keeps
// no address (the account's is read when a lead is sent); every new site gets one in the
// transaction that creates it, and a migration gave one to every site that never had a destination.
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '../../platform/db/store.js';
import { newIntegrationId } from './store.js';

export function signInDestination(accountId: string, siteId: string, now: number) {
  return { id: newIntegrationId(), accountId, siteId, kind: 'email' as const, status: 'active' as const, signInAddress: true, config: null, createdAt: now, updatedAt: now };
}

/**
 * While another address awaits its confirmation, leads must still go somewhere: a site with no
 * working destination for all its leads gets its default one back (it was disconnected). It stays
 * after the confirmation; the owner may disconnect it then.
 */
export async function ensureSignInDestination(store: Store, accountId: string, siteId: string, now: number): Promise<void> {
  const { integrations } = store.tables;
  // Look, then add, under the site's lock: two connects at once add one (a second would mail every lead twice).
  await store.transaction(async (tx) => {
    await store.lock(tx, `sign-in-destination:${siteId}`);
    const [working] = await tx
      .select({ id: integrations.id })
      .from(integrations)
      .where(and(eq(integrations.siteId, siteId), isNull(integrations.widgetId), eq(integrations.status, 'active')))
      .limit(1);
    if (!working) await tx.insert(integrations).values(signInDestination(accountId, siteId, now));
  });
}
