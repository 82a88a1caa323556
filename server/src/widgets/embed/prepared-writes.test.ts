// The prepared statements of the embed write paths (events.ts, leads/submit.ts): the daily
// upsert, and the impression reservation with its transaction rule and its cap.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { impressionPeriods, widgetDailyStats } from '../../platform/db/schema/index.js';
import { limitsOf, prepareReserveImpressions } from '../../platform/tariffs/policy.js';
import { prepareBumpDaily } from '../stats/daily.js';
import { createTestApp, signIn, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.cleanup());

describe('prepared embed writes', () => {
  it('the prepared daily upsert adds to one row per widget and day, and ignores non-positive counts', async () => {
    const { accountId } = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const bump = prepareBumpDaily(t.db);
    bump(accountId, 'w1', 'clicks', 2, now);
    bump(accountId, 'w1', 'clicks', 3, now);
    bump(accountId, 'w1', 'clicks', 4, now);
    bump(accountId, 'w1', 'leads', 1, now);
    bump(accountId, 'w1', 'closes', 0, now);
    bump(accountId, 'w1', 'impressions', -2, now);
    const rows = t.db.select().from(widgetDailyStats).where(eq(widgetDailyStats.widgetId, 'w1')).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clicks: 9, leads: 1, closes: 0, impressions: 0 });
  });

  it('the prepared reservation stops at the cap, says which call reached it, and only runs inside a transaction', async () => {
    const { accountId } = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const account = { id: accountId, tariffId: 'free', individualLimits: null, periodAnchorAt: now };
    const cap = limitsOf(account).impressionsPerPeriod!;
    const reserve = prepareReserveImpressions(t.db);
    expect(() => reserve(account, 1, now)).toThrow(/transaction/);

    const inTx = (wanted: number) => t.db.$client.transaction(() => reserve(account, wanted, now)).immediate();
    expect(inTx(cap - 5)).toEqual({ accepted: cap - 5, used: cap - 5, cap, reachedCap: false });
    expect(inTx(8)).toEqual({ accepted: 5, used: cap, cap, reachedCap: true });
    expect(inTx(8)).toEqual({ accepted: 0, used: cap, cap, reachedCap: false });
    const period = t.db.select().from(impressionPeriods).where(and(eq(impressionPeriods.accountId, accountId))).get();
    expect(period?.impressions).toBe(cap);
  });
});
