// Why each widget of an account is or is not served right now, as the config decides it: the
// debug answer of the embed (embed/diagnosis.ts) and the widget list both read it, and the
// decisions themselves are the tariff policy's (whyNotServed, upgradeToServe).
import { asc, eq } from 'drizzle-orm';
import type { ServeReason } from '#contracts/core/debug.js';
import type { Db } from '../../platform/db/store.js';
import type { accounts } from '../../platform/db/schema/index.js';
import { impressionCapReached, periodEndAt, servableWidgetIds, upgradeToServe, whyNotServed, type TariffRef } from '../../platform/tariffs/policy.js';

type Account = typeof accounts.$inferSelect;

export interface ServeVerdict {
  reason: ServeReason | null;
  /** impression_cap: when the next period starts and widgets are served again. */
  resetsAt?: number;
  /** The tariff that would serve it again (type, widget count, impression cap). */
  upgradeTo?: TariffRef | null;
}

/** Verdicts for every widget of the account, by id. */
export async function serveVerdicts(db: Db, account: Account, now: number): Promise<Map<string, ServeVerdict>> {
  const { widgets, widgetSuspensions } = db.tables;
  const all = await db
    .select({ id: widgets.id, type: widgets.type, active: widgets.active, blockedAt: widgets.blockedAt })
    .from(widgets)
    .where(eq(widgets.accountId, account.id))
    .orderBy(asc(widgets.createdAt), asc(widgets.id));
  const suspended = new Set((await db.select({ id: widgetSuspensions.widgetId }).from(widgetSuspensions).where(eq(widgetSuspensions.accountId, account.id))).map((r) => r.id));
  const active = all.filter((w) => w.active);
  const servable = servableWidgetIds(account, active);
  const capReached = await impressionCapReached(db, account, now);
  const out = new Map<string, ServeVerdict>();
  for (const w of all) {
    const reason = whyNotServed(account, w, servable, suspended.has(w.id), capReached);
    const verdict: ServeVerdict = { reason };
    if (reason === 'impression_cap') verdict.resetsAt = periodEndAt(account, now);
    const upgradeTo = upgradeToServe(account, reason, w.type, active.length);
    if (upgradeTo) verdict.upgradeTo = upgradeTo;
    out.set(w.id, verdict);
  }
  return out;
}
