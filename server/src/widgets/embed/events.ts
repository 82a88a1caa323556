// Ingests a batch of widget events: impressions go through the tariff's atomic cap, every
// accepted event lands in the daily statistics, and impressions and submits also in the
// breakdowns by the page view's segment (stats/breakdowns.ts).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { EventsBatch } from '#contracts/core/embed.js';
import type { Db } from '../../platform/db/store.js';
import type { Account, AppDeps } from '../../deps.js';
import { prepareReserveImpressions, type ImpressionReservation } from '../../platform/tariffs/policy.js';
import { dayInZone } from '#contracts/core/timezone.js';
import { prepareBumpDaily, prepareBumpVariantDaily, type BumpDaily, type BumpVariantDaily, type DailyCounter, type VariantCounter } from '../stats/daily.js';
import { prepareBumpBreakdowns, type BreakdownCounter, type BumpBreakdowns, type Segment } from '../stats/breakdowns.js';
import type { ImpressionRefusal } from '../../platform/observe/metrics.js';
import { noticeImpressionUsage } from './usage-notices.js';
import { prepareVariantIds } from '../ab/variant-ids.js';

const RELAXED = { durability: 'relaxed' } as const;
type Event = EventsBatch['events'][number];
const COUNTER: Record<Event['type'], DailyCounter> = { impression: 'impressions', click: 'clicks', close: 'closes', interact: 'interactions', start: 'starts', submit: 'submits' };
const BROKEN_DOWN: Partial<Record<DailyCounter, BreakdownCounter>> = { impressions: 'impressions', submits: 'submits' };
/** What a bot's beacon still counts (as before the funnel): its clicks and closes; never an impression or a funnel step. */
const countedFromBots = (e: Event) => e.type === 'click' || e.type === 'close';
/** What an A/B variant counts of the events naming it (README "A/B tests"). */
const VARIANT_COUNTER: Record<Event['type'], VariantCounter> = { impression: 'impressions', click: 'clicks', close: 'closes', interact: 'interactions', start: 'starts', submit: 'submits' };

export interface IngestResult {
  accepted: number;
  refused: number;
  /** The batch's impressions: how many were counted, and why the others were not (the metrics). */
  impressions: { accepted: number; refused: Partial<Record<Exclude<ImpressionRefusal, 'rate'>, number>> };
  /** This batch took the account to its impression cap: served configs must change now. */
  capReached: boolean;
}

/** `human`: false for a bot's User-Agent (embed/bots.ts); `segment`: the page view, for the breakdowns. */
export type EventIngest = (account: Account, site: { id: string; timezone: string }, batch: EventsBatch, human: boolean, segment: Segment) => Promise<IngestResult>;

/**
 * Made once per app: its statements are prepared here, because on this endpoint (every page
 * view) building drizzle queries from scratch cost more than running them (bench/src/analysis.ts).
 */
export function createEventIngest(deps: AppDeps): EventIngest {
  const { store, clock } = deps;
  const { widgets } = store.tables;
  const widgetOfSite = store.db
    .select({ id: widgets.id })
    .from(widgets)
    // Only widgets that can be on a page count: a switched-off or blocked widget's "impressions"
    // come from a forged beacon, and would eat the account's cap.
    .where(and(eq(widgets.id, sql.placeholder('id')), eq(widgets.siteId, sql.placeholder('siteId')), eq(widgets.active, true), isNull(widgets.blockedAt)))
    .prepare('embed_widget_of_site');
  const variantIdsOf = prepareVariantIds(store.db);
  // A prepared statement runs on the handle it was built from, so the writes below are prepared
  // on the transaction's handle; kept per handle, so where the engine hands every transaction
  // the same one they are built once.
  const writers = new WeakMap<Db, { reserve: ReturnType<typeof prepareReserveImpressions>; bump: BumpDaily; bumpVariant: BumpVariantDaily; breakdowns: BumpBreakdowns }>();
  const writerOf = (tx: Db) => {
    let w = writers.get(tx);
    if (!w) {
      w = { reserve: prepareReserveImpressions(tx), bump: prepareBumpDaily(tx), bumpVariant: prepareBumpVariantDaily(tx), breakdowns: prepareBumpBreakdowns(tx, store) };
      writers.set(tx, w);
    }
    return w;
  };

  // One write transaction per batch: the reservation reads the period's count and adds to it,
  // so it first takes the account's impressions lock — no interleaving of requests (in this
  // process or another on the same database) can pass the cap — and the daily counters commit
  // with the reservation. Relaxed durability: every batch of an account (and of a widget) waits
  // for the rows this one holds, and on PostgreSQL the wait for the disk at commit was most of
  // that time (bench part 7); a database crash may lose the last moment's counts, never a lead.
  const write = (account: Account, tz: string, events: EventsBatch['events'], wantedImpressions: number, now: number, segment: Segment) =>
    store.transaction(async (tx) => {
      const { reserve, bump, bumpVariant, breakdowns } = writerOf(tx);
      let reservation: ImpressionReservation | null = null;
      if (wantedImpressions > 0) {
        await store.lock(tx, `impressions:${account.id}`);
        reservation = await reserve(account, wantedImpressions, now);
      }
      let impressionsLeft = reservation?.accepted ?? 0;
      const tally = new Map<string, number>();
      // A variant's counts: only the events the widget's own counts take (an impression over the cap is neither).
      const variantTally = new Map<string, number>();
      for (const e of events) {
        if (e.type === 'impression') {
          if (impressionsLeft === 0) continue;
          impressionsLeft -= 1;
        }
        const key = `${e.widget}\u0000${COUNTER[e.type]}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        const variantCounter = VARIANT_COUNTER[e.type];
        if (e.v) {
          const vkey = `${e.widget}\u0000${e.v}\u0000${variantCounter}`;
          variantTally.set(vkey, (variantTally.get(vkey) ?? 0) + 1);
        }
      }
      let accepted = 0;
      // In one order (by widget) in every transaction, so that two batches writing the same
      // widgets' rows cannot each wait for the other.
      for (const [key, n] of [...tally].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [widgetId, counter] = key.split('\u0000') as [string, DailyCounter];
        await bump(account.id, widgetId, counter, n, now, tz);
        const broken = BROKEN_DOWN[counter];
        if (broken) await breakdowns(account.id, widgetId, dayInZone(now, tz), segment, broken, n);
        accepted += n;
      }
      for (const [key, n] of [...variantTally].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [widgetId, variantId, counter] = key.split('\u0000') as [string, string, VariantCounter];
        await bumpVariant(account.id, widgetId, variantId, counter, n, now, tz);
      }
      return { reservation, accepted };
    }, RELAXED);

  return async (account, site, batch, human, segment) => {
    const siteId = site.id;
    const now = clock.now();
    const known = new Set<string>();
    const impressionsOf = (events: EventsBatch['events']) => events.reduce((n, e) => n + (e.type === 'impression' ? 1 : 0), 0);
    const sent = impressionsOf(batch.events);
    if (account.blockedAt) return { accepted: 0, refused: batch.events.length, capReached: false, impressions: { accepted: 0, refused: { blocked: sent } } };
    for (const id of new Set(batch.events.map((e) => e.widget))) if ((await widgetOfSite.execute({ id, siteId })).length > 0) known.add(id);
    // A variant id the widget's test does not have (an ended test, a forged beacon) is dropped:
    // the event still counts for the widget, and no row is made for the stray id.
    const variants = new Map<string, Set<string>>();
    for (const id of new Set(batch.events.filter((e) => e.v && known.has(e.widget)).map((e) => e.widget))) variants.set(id, await variantIdsOf(id));
    const ofKnown = batch.events.filter((e) => known.has(e.widget)).map((e) => (e.v && !variants.get(e.widget)?.has(e.v) ? { widget: e.widget, type: e.type } : e));
    const events = human ? ofKnown : ofKnown.filter(countedFromBots);
    const wantedImpressions = impressionsOf(events);
    const { reservation, accepted }: { reservation: ImpressionReservation | null; accepted: number } =
      events.length > 0 ? await write(account, site.timezone, events, wantedImpressions, now, segment) : { reservation: null, accepted: 0 };
    if (reservation) await noticeImpressionUsage(deps, account, reservation.used, reservation.cap, now);
    const counted = reservation?.accepted ?? 0;
    const impressions = {
      accepted: counted,
      refused: { unknown_widget: sent - impressionsOf(ofKnown), bot: impressionsOf(ofKnown) - wantedImpressions, cap: wantedImpressions - counted },
    };
    return { accepted, refused: batch.events.length - accepted, capReached: reservation?.reachedCap ?? false, impressions };
  };
}
