// Which of an account's widgets may be served now (policy.ts: servingRule), answered without
// reading the account's other widgets: with no cap on active widgets the widget's own row
// decides; with a cap, the first `limit` servable widgets of the account come from the index
// widgets (account_id, active, created_at), so the cost is that of `limit` rows (at most 40
// on the standard tariffs), not of the account's size.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { WidgetType } from '#contracts/core/widget.js';
import type { Db } from '../../platform/db/store.js';
import { servingRule, type TariffHolder } from '../../platform/tariffs/policy.js';

export interface ServableCandidate {
  id: string;
  type: WidgetType;
  blockedAt: number | null;
}

export type ServableTest = (widget: ServableCandidate) => boolean;

export function createServableCheck(db: Db): (account: TariffHolder & { blockedAt?: number | null }) => Promise<ServableTest> {
  const { widgets } = db.tables;
  const firstOfAccount = db
    .select({ id: widgets.id, type: widgets.type, blockedAt: widgets.blockedAt })
    .from(widgets)
    .where(and(eq(widgets.accountId, sql.placeholder('accountId')), eq(widgets.active, true), isNull(widgets.blockedAt)))
    .orderBy(asc(widgets.createdAt))
    .limit(sql.placeholder('take'))
    .prepare('embed_first_servable_widgets');
  return async (account) => {
    const rule = servingRule(account);
    if (rule.none) return () => false;
    const passes: ServableTest = (w) => !w.blockedAt && rule.allows(w.type);
    if (rule.limit === null) return passes;
    // Widgets of types the tariff excludes do not count towards the cap: read further while
    // they filled the page (rare: a downgrade switches widgets off).
    for (let take = rule.limit; ; take *= 4) {
      const rows = await firstOfAccount.execute({ accountId: account.id, take });
      const first = rows.filter(passes).slice(0, rule.limit);
      if (first.length === rule.limit || rows.length < take) {
        const ids = new Set(first.map((w) => w.id));
        return (w) => ids.has(w.id);
      }
    }
  };
}
