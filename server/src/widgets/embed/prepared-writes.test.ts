// The prepared statements of the embed write paths (events.ts, leads/submit.ts) against the
// query-per-call versions they replace, and the transaction rule of the prepared reservation.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { impressionPeriods, widgetDailyStats } from '../../platform/db/schema/index.js';
import { limitsOf, prepareReserveImpressions, reserveImpressions } from '../../platform/tariffs/policy.js';
import { bumpDaily, prepareBumpDaily } from '../stats/daily.js';
import { createTestApp, signIn, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.cleanup());

describe('prepared embed writes', () => {
  it('the prepared daily upsert adds to the same row as bumpDaily, and ignores non-positive counts', async () => {
    const { accountId } = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const bump = prepareBumpDaily(t.db);
    bump(accountId, 'w1', 'clicks', 2, now);
    bumpDaily(t.db, accountId, 'w1', 'clicks', 3, now);
    bump(accountId, 'w1', 'clicks', 4, now);
    bump(accountId, 'w1', 'leads', 1, now);
    bump(accountId, 'w1', 'closes', 0, now);
    const row = t.db.select().from(widgetDailyStats).where(eq(widgetDailyStats.widgetId, 'w1')).get();
    expect(row).toMatchObject({ clicks: 9, leads: 1, closes: 0, impressions: 0 });
  });

  it('the prepared reservation stops at the cap like reserveImpressions, and only runs inside a transaction', async () => {
    const { accountId } = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const account = { id: accountId, tariffId: 'free', individualLimits: null, periodAnchorAt: now };
    const cap = limitsOf(account).impressionsPerPeriod!;
    const reserve = prepareReserveImpressions(t.db);
    expect(() => reserve(account, 1, now)).toThrow(/transaction/);

    expect(reserveImpressions(t.db, account, cap - 5, now)).toEqual({ accepted: cap - 5, used: cap - 5, cap });
    const inTx = t.db.$client.transaction(() => reserve(account, 8, now));
    expect(inTx.immediate()).toEqual({ accepted: 5, used: cap, cap });
    expect(inTx.immediate()).toEqual({ accepted: 0, used: cap, cap });
    const period = t.db.select().from(impressionPeriods).where(and(eq(impressionPeriods.accountId, accountId))).get();
    expect(period?.impressions).toBe(cap);
  });
});
