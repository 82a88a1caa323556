// How often visitors followed an account's "made with" badge (counted by the widget product's
// badge link, widgets/embed/badge.ts): a usage figure both the licensee's tariff page and the
// operator's admin show, so it is answered here, beside the other usage questions.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/store.js';
import { DAY } from '../lib/clock.js';
import { utcDay } from './realtime-policy.js';

/** Visits over the last `days` UTC days, today included: of one account, or (null) of all. */
export async function badgeVisitsOver(db: Db, accountId: string | null, now: number, days = 30): Promise<number> {
  const { badgeVisits } = db.tables;
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${badgeVisits.visits}), 0)` })
    .from(badgeVisits)
    .where(and(gte(badgeVisits.day, utcDay(now - (days - 1) * DAY)), accountId === null ? undefined : eq(badgeVisits.accountId, accountId)));
  return Number(row?.n ?? 0);
}
