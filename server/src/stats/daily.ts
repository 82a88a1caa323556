// Per-widget, per-UTC-day counters. impressions, clicks and closes come from the runtime's
// beacons (embed/events.ts); `leads` is the submit count of every lead-collecting type (form,
// popup with a form, callback, quiz), bumped in the same transaction that stores the lead, so
// only accepted submits count and a page cannot inflate it (the events endpoint takes no
// "submit" beacon).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { widgetDailyStats } from '../db/schema/index.js';

export type DailyCounter = 'impressions' | 'clicks' | 'closes' | 'leads';

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function bumpDaily(db: Pick<Db, 'insert'>, accountId: string, widgetId: string, counter: DailyCounter, by: number, now: number): void {
  if (by <= 0) return;
  db.insert(widgetDailyStats)
    .values({ widgetId, accountId, day: utcDay(now), [counter]: by })
    .onConflictDoUpdate({ target: [widgetDailyStats.widgetId, widgetDailyStats.day], set: { [counter]: sql`${widgetDailyStats[counter]} + ${by}` } })
    .run();
}
