// Ingests a batch of widget events: impressions go through the tariff's atomic cap, every
// accepted event lands in the daily statistics.
import { and, eq, inArray } from 'drizzle-orm';
import type { EventsBatch } from '../contracts/embed.js';
import { widgets } from '../db/schema/index.js';
import type { Account, AppDeps } from '../deps.js';
import { reserveImpressions } from '../tariffs/policy.js';
import { bumpDaily, type DailyCounter } from '../stats/daily.js';
import { noticeImpressionUsage } from './usage-notices.js';

const COUNTER: Record<EventsBatch['events'][number]['type'], DailyCounter> = { impression: 'impressions', click: 'clicks', close: 'closes' };

export interface IngestResult {
  accepted: number;
  refused: number;
  /** This batch took the account to its impression cap: served configs must change now. */
  capReached: boolean;
}

export async function ingestEvents(deps: AppDeps, account: Account, siteId: string, batch: EventsBatch, countImpressions: boolean): Promise<IngestResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const ids = [...new Set(batch.events.map((e) => e.widget))];
  const known = new Set(
    db.select({ id: widgets.id }).from(widgets).where(and(eq(widgets.siteId, siteId), inArray(widgets.id, ids))).all().map((w) => w.id),
  );
  const events = batch.events.filter((e) => known.has(e.widget) && (e.type !== 'impression' || countImpressions));
  const wantedImpressions = events.filter((e) => e.type === 'impression').length;
  const reservation = wantedImpressions > 0 ? reserveImpressions(db, account, wantedImpressions, now) : null;

  let impressionsLeft = reservation?.accepted ?? 0;
  const tally = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'impression') {
      if (impressionsLeft === 0) continue;
      impressionsLeft -= 1;
    }
    const key = `${e.widget}\u0000${COUNTER[e.type]}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  db.transaction((tx) => {
    for (const [key, n] of tally) {
      const [widgetId, counter] = key.split('\u0000') as [string, DailyCounter];
      bumpDaily(tx, account.id, widgetId, counter, n, now);
    }
  });
  if (reservation) await noticeImpressionUsage(deps, account, reservation.used, reservation.cap, now);
  const accepted = [...tally.values()].reduce((a, b) => a + b, 0);
  const capReached = reservation !== null && reservation.cap !== null && reservation.used >= reservation.cap && reservation.used - reservation.accepted < reservation.cap;
  return { accepted, refused: batch.events.length - accepted, capReached };
}
