// The licensee's usage against the tariff: widgets, sites, impressions this period; and the
// visits the "made with" badge brought in the last 30 days.
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { badgeVisitsOver } from '../../platform/tariffs/badge-visits.js';
import { impressionsUsed, limitsOf, periodEndAt, periodStartAt, tariffOf } from '../../platform/tariffs/policy.js';

export function createUsageRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { sites, widgets } = db.tables;
  return new Hono<AuthedEnv>().get('/', async (c) => {
    const account = c.get('account');
    const now = clock.now();
    const limits = limitsOf(account);
    const count = async (table: typeof sites | typeof widgets, extra?: ReturnType<typeof eq>) =>
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(table)
          .where(and(eq(table.accountId, account.id), extra))
      )[0]?.n ?? 0;
    return c.json({
      tariff: { id: tariffOf(account).id, name: tariffOf(account).name, limits },
      period: { start: periodStartAt(account, now), end: periodEndAt(account, now) },
      widgets: { active: await count(widgets, eq(widgets.active, true)), limit: limits.activeWidgets },
      sites: { count: await count(sites), limit: limits.sites },
      impressions: { used: await impressionsUsed(db, account, now), limit: limits.impressionsPerPeriod },
      // Visits the "made with" link on this account's widgets brought to the product's page.
      badgeVisits: { last30Days: await badgeVisitsOver(db, account.id, now) },
    });
  });
}
