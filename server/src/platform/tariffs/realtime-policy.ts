// The only place that knows realtime limits: may a project be used, may it open one more
// connection, may it send n more messages today, what a period or an upgrade is, what it may buy.
//
// One message = one accepted publish: a POST /events call (whatever the number of channels it
// names), each event of a /batch_events call, each client- event sent over WebSocket. System
// frames (subscription replies, presence member_added/removed, pings) are not messages.
import { and, eq, sql } from 'drizzle-orm';
import { PAID_REALTIME_TARIFF_IDS, type PaidRealtimeTariffId } from '#contracts/schemas/realtime.js';
import type { Db } from '../db/store.js';
import { DAY } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { usageThresholdCrossed } from './policy.js';
import { chargedKopecks, realtimeMonthlyPrice } from './prices.js';
import { isRealtimeTariffId, REALTIME_TARIFFS, REALTIME_UPGRADE_ORDER, type RealtimeLimits, type RealtimeTariff } from './realtime-catalogue.js';

type Reader = Pick<Db, 'select' | 'tables'>;

export interface RealtimeTariffHolder {
  tariffId: string;
  periodEnd: number | null;
  blockedAt: number | null;
}

/** 'blocked' wins over everything; a paid tariff works only inside its prepaid period (offer 000 §4.3.1: no autopay). */
export type ProjectAccess = 'active' | 'pending_payment' | 'expired' | 'blocked';

export function realtimeTariffOf(p: Pick<RealtimeTariffHolder, 'tariffId'>): RealtimeTariff {
  return isRealtimeTariffId(p.tariffId) ? REALTIME_TARIFFS[p.tariffId] : REALTIME_TARIFFS.rt_free;
}

export const realtimeLimitsOf = (p: Pick<RealtimeTariffHolder, 'tariffId'>): RealtimeLimits => realtimeTariffOf(p).limits;

/** `accountBlocked`: the account is blocked by the operator or by the inactivity rule. */
export function projectAccess(p: RealtimeTariffHolder, now: number, accountBlocked: boolean): ProjectAccess {
  if (p.blockedAt !== null || accountBlocked) return 'blocked';
  if (realtimeTariffOf(p).monthlyPriceKopecks === 0) return 'active';
  if (p.periodEnd === null) return 'pending_payment';
  return p.periodEnd > now ? 'active' : 'expired';
}

/** Offer 000 §4.4.2: the Free tariff covers one project per account. */
export function assertCanCreateFreeProject(freeProjects: number): void {
  if (freeProjects >= 1) {
    throw new AppError(403, 'limit_realtime_projects', 'Бесплатный проект у аккаунта может быть только один. Выберите платный тариф для нового проекта.', {
      limit: 1,
      upgradeTo: 'rt_start',
    });
  }
}

/** Whether one more connection may open while `openNow` are held (across every node: the broker counts). */
export const mayOpenConnection = (p: Pick<RealtimeTariffHolder, 'tariffId'>, openNow: number): boolean => openNow < realtimeLimitsOf(p).connections;

let lastDay = Number.NaN;
let lastDayText = '';
/** The UTC day of `now` as YYYY-MM-DD; remembered for the current day (every realtime connect asks). */
export const utcDay = (now: number): string => {
  const day = Math.floor(now / DAY);
  if (day !== lastDay) {
    lastDay = day;
    lastDayText = new Date(day * DAY).toISOString().slice(0, 10);
  }
  return lastDayText;
};

/** Milliseconds until the next UTC midnight, when the daily counter starts again. */
export const msUntilNextUtcDay = (now: number): number => DAY - (now % DAY);

export interface Consumed {
  ok: boolean;
  /** Messages accepted today, after this call. */
  used: number;
  limit: number;
  /** This call created the day's counter: the project's first activity of the day. */
  firstOfDay: boolean;
}

export type ConsumeMessages = (project: { id: string; tariffId: string }, n: number, now: number) => Promise<Consumed>;

/**
 * Takes n messages from today's allowance, all or none. One conditional UPDATE is both the check
 * and the increment, so parallel publishers (requests, sockets, other processes on the same
 * database) can never push the count past the limit; each statement is atomic by itself, so no
 * transaction is needed. The statements are prepared once per app (realtime/service.ts) on the
 * handle given and run on it: given the store's, call the result outside any transaction (inside
 * one, SQLite refuses the store's handle). This runs on every publish, and building the three
 * drizzle queries from scratch cost more than running them (bench/src/analysis.ts, realtime).
 */
export function prepareConsumeMessages(db: Db): ConsumeMessages {
  const s = prepareConsume(db);
  return async (project, n, now) => {
    const day = utcDay(now);
    const limit = realtimeLimitsOf(project).messagesPerDay;
    const [created] = await s.createDay.execute({ projectId: project.id, day });
    const [taken] = await s.take.execute({ projectId: project.id, day, n, limit });
    if (taken) return { ok: true, used: taken.messages, limit, firstOfDay: !!created };
    const [refused] = await s.refuse.execute({ projectId: project.id, day, n });
    return { ok: false, used: refused?.messages ?? 0, limit, firstOfDay: !!created };
  };
}

function prepareConsume(db: Db) {
  const { realtimeUsageDaily } = db.tables;
  const n = sql.placeholder('n');
  const where = and(eq(realtimeUsageDaily.projectId, sql.placeholder('projectId')), eq(realtimeUsageDaily.day, sql.placeholder('day')));
  return {
    createDay: db
      .insert(realtimeUsageDaily)
      .values({ projectId: sql.placeholder('projectId'), day: sql.placeholder('day') })
      .onConflictDoNothing()
      .returning({ day: realtimeUsageDaily.day })
      .prepare('rt_policy_create_day'),
    take: db
      .update(realtimeUsageDaily)
      .set({ messages: sql`${realtimeUsageDaily.messages} + ${n}` })
      .where(and(where, sql`${realtimeUsageDaily.messages} + ${n} <= ${sql.placeholder('limit')}`))
      .returning({ messages: realtimeUsageDaily.messages })
      .prepare('rt_policy_take_messages'),
    refuse: db
      .update(realtimeUsageDaily)
      .set({ rejectedMessages: sql`${realtimeUsageDaily.rejectedMessages} + ${n}` })
      .where(where)
      .returning({ messages: realtimeUsageDaily.messages })
      .prepare('rt_policy_refuse_messages'),
  };
}

/** Which notice (80 or 100 %) is due; a refusal always means 100 %: messages are being dropped. */
export function realtimeNoticeDue(c: Consumed, alreadyNotified: number): 0 | 80 | 100 {
  if (!c.ok && alreadyNotified < 100) return 100;
  return usageThresholdCrossed(c.used, c.limit, alreadyNotified);
}

/** Adds calendar months in UTC, keeping the day or the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addCalendarMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

export interface PeriodPlan {
  /** Where the new period starts: now, or — renewing the same tariff early — at the current end. */
  start: number;
  end: number;
}

/**
 * A prepaid period of `tariffId`. Renewing the running tariff appends to its end (no day is
 * lost); another tariff while a period runs is "increase limits" (planUpgrade), not a new period.
 */
export function planPeriod(p: RealtimeTariffHolder, tariffId: PaidRealtimeTariffId, months: number, now: number): PeriodPlan {
  const running = paidPeriodRunning(p, now);
  if (running && p.tariffId !== tariffId) {
    throw new AppError(409, 'conflict', 'Период уже оплачен по другому тарифу: используйте «Увеличить лимиты» или продлите текущий тариф.', { tariffId: p.tariffId, periodEnd: p.periodEnd });
  }
  const start = running ? p.periodEnd! : now;
  return { start, end: addCalendarMonths(start, months) };
}

const MIN_PAYMENT_KOPECKS = 100; // YooKassa takes at least 1 ₽

/** "Increase limits" (offer 000 §4.1.3): the price difference for the days left in the period. */
export async function planUpgrade(db: Reader, p: RealtimeTariffHolder, to: PaidRealtimeTariffId, now: number): Promise<{ amountKopecks: number; periodEnd: number }> {
  if (!paidPeriodRunning(p, now)) throw new AppError(409, 'conflict', 'Увеличить лимиты можно внутри оплаченного периода; сначала оплатите период.');
  const from = realtimeTariffOf(p).id;
  if (REALTIME_UPGRADE_ORDER.indexOf(to) <= REALTIME_UPGRADE_ORDER.indexOf(from)) {
    throw new AppError(409, 'conflict', 'Выберите тариф с большими лимитами, чем текущий.', { tariffId: from });
  }
  const diff = chargedKopecks(await realtimeMonthlyPrice(db, to)) - chargedKopecks(await realtimeMonthlyPrice(db, from));
  const daysLeft = (p.periodEnd! - now) / DAY;
  // A month is taken as 30 days here: the price of the days left, never of whole months.
  const amountKopecks = Math.max(MIN_PAYMENT_KOPECKS, Math.ceil((Math.max(diff, 0) * daysLeft) / 30));
  return { amountKopecks, periodEnd: p.periodEnd! };
}

/** A paid tariff inside its prepaid period. */
export const paidPeriodRunning = (p: RealtimeTariffHolder, now: number): boolean => p.periodEnd !== null && p.periodEnd > now && realtimeTariffOf(p).monthlyPriceKopecks > 0;

/** What the owner may buy for a project now: the dashboard offers exactly this, the server checks the same. */
export interface RealtimeOffers {
  /** A paid period is running (renewing appends to it). */
  running: boolean;
  /** Tariffs a prepaid period may be bought for: while a period runs, its own tariff only (a renewal). */
  periodTariffs: PaidRealtimeTariffId[];
  /** "Increase limits" targets, cheapest first: higher paid tariffs, only inside a running period. */
  upgradeTo: PaidRealtimeTariffId[];
  /** Back to Free: a paid tariff whose period is over or was never paid. */
  mayReturnToFree: boolean;
}

export function realtimeOffers(p: RealtimeTariffHolder, access: ProjectAccess, now: number): RealtimeOffers {
  const running = paidPeriodRunning(p, now);
  if (access === 'blocked') return { running, periodTariffs: [], upgradeTo: [], mayReturnToFree: false };
  const paid = [...PAID_REALTIME_TARIFF_IDS];
  const current = realtimeTariffOf(p).id;
  return {
    running,
    periodTariffs: running ? paid.filter((id) => id === current) : paid,
    upgradeTo: running ? paid.filter((id) => REALTIME_UPGRADE_ORDER.indexOf(id) > REALTIME_UPGRADE_ORDER.indexOf(current)) : [],
    mayReturnToFree: current !== 'rt_free' && !running,
  };
}
