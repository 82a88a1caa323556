// The delivery worker's statements, prepared once per worker. Building a drizzle query costs more
// than SQLite running it: with ~10 built per delivery, query building was about half of the
// server's CPU per lead mail while a backlog drained, on SQLite (bench/src/delivery-drain.ts drives
// a file database: 2,072 -> 1,188 us of server CPU per delivery). Placeholders carry what changes;
// the worker's name is fixed at preparation. On PostgreSQL each statement has a name of its own,
// so a pooled connection parses it once (by design, not measured); inside a transaction it runs on
// the transaction's connection (platform/db/pg-store.ts), as on SQLite.
import { and, asc, eq, getTableColumns, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';

const ph = (name: string) => sql.placeholder(name);
/** A bare placeholder for SET: its value goes to the driver as it is (null, a number, text). */
const value = (name: string) => sql`${ph(name)}`;

export function prepareWorkerQueries(db: Db, owner: string) {
  const { accounts, deliveries, deliveryAttempts, integrations, leads, sites, widgets } = db.tables;
  const mine = and(eq(deliveries.id, ph('id')), eq(deliveries.leaseOwner, owner));
  /** Pending, due at `now` and not leased (or its lease lapsed). */
  const claimable = and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, ph('now')), or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, ph('now'))));
  const renewals = new Map<number, { execute(params: Record<string, unknown>): Promise<unknown> }>();

  return {
    due: db.select({ id: deliveries.id }).from(deliveries).where(claimable).orderBy(asc(deliveries.nextAttemptAt)).limit(ph('limit')).prepare('delivery_due'),
    claim: db
      .update(deliveries)
      .set({ leaseOwner: owner, leaseUntil: value('leaseUntil') })
      .where(and(eq(deliveries.id, ph('id')), claimable))
      .returning()
      .prepare('delivery_claim'),
    /** Renews the leases of `ids` (one statement per count of ids, prepared when first needed). */
    renew(ids: readonly string[], leaseUntil: number): Promise<unknown> {
      let stmt = renewals.get(ids.length);
      if (!stmt) {
        const names = ids.map((_, i) => `id${i}`);
        stmt = db
          .update(deliveries)
          .set({ leaseUntil: value('leaseUntil') })
          .where(and(eq(deliveries.leaseOwner, owner), inArray(deliveries.id, names.map(ph))))
          .prepare(`delivery_renew_${ids.length}`);
        renewals.set(ids.length, stmt);
      }
      const params: Record<string, unknown> = { leaseUntil };
      ids.forEach((id, i) => {
        params[`id${i}`] = id;
      });
      return stmt.execute(params);
    },
    release: db.update(deliveries).set({ leaseOwner: null, leaseUntil: null }).where(mine).prepare('delivery_release'),
    releaseUntil: db
      .update(deliveries)
      .set({ leaseOwner: null, leaseUntil: null, nextAttemptAt: value('nextAttemptAt') })
      .where(mine)
      .prepare('delivery_release_until'),
    /**
     * Everything one send needs, in one statement: the lead, its destination, the account, and
     * the site and widget the message names. No row when the lead, the destination or the
     * account is gone; the site and widget may be (then the message falls back to field keys).
     */
    context: db
      .select({
        lead: getTableColumns(leads),
        integration: getTableColumns(integrations),
        account: getTableColumns(accounts),
        // Nested per joined table: drizzle gives null for the object when the row is missing.
        site: { name: sites.name, timezone: sites.timezone },
        widget: { name: widgets.name, type: widgets.type, definition: widgets.definition },
      })
      .from(leads)
      .innerJoin(integrations, eq(integrations.id, ph('integrationId')))
      .innerJoin(accounts, eq(accounts.id, ph('accountId')))
      .leftJoin(sites, eq(sites.id, leads.siteId))
      .leftJoin(widgets, eq(widgets.id, leads.widgetId))
      .where(eq(leads.id, ph('leadId')))
      .prepare('delivery_context'),
    /**
     * Reads the row through a no-op write, within the outcome's transaction: on PostgreSQL it
     * holds the row's lock until the commit (see record() in worker.ts).
     */
    lockMine: db.update(deliveries).set({ leaseOwner: owner }).where(mine).returning().prepare('delivery_lock_mine'),
    /** The outcome of a try: every column a try may change, the unchanged ones with the values they had. */
    writeOutcome: db
      .update(deliveries)
      .set({
        status: value('status'),
        attempts: value('attempts'),
        failures: value('failures'),
        nextAttemptAt: value('nextAttemptAt'),
        lastStatusCode: value('lastStatusCode'),
        lastError: value('lastError'),
        progress: value('progress'),
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: value('updatedAt'),
        deliveredAt: value('deliveredAt'),
      })
      .where(eq(deliveries.id, ph('id')))
      .prepare('delivery_write_outcome'),
    insertAttempt: db
      .insert(deliveryAttempts)
      .values({ deliveryId: ph('deliveryId'), at: ph('at'), durationMs: ph('durationMs'), outcome: ph('outcome'), statusCode: ph('statusCode'), error: ph('error') })
      .prepare('delivery_insert_attempt'),
  };
}
