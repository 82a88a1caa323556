// The prepared statements of the embed write paths (events.ts, leads/submit.ts): the daily
// upsert, and the impression reservation with its cap, run as the events endpoint runs them —
// prepared on a transaction's handle, the reservation under the account's impressions lock.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { limitsOf, prepareReserveImpressions } from '../../platform/tariffs/policy.js';
import { prepareBumpDaily } from '../stats/daily.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { signIn } from '../../testing/harness.js';

const t = appPerTest();

describe('prepared embed writes', () => {
  it('the prepared daily upsert adds to one row per widget and day, and ignores non-positive counts', async () => {
    const { accountId } = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const bump = prepareBumpDaily(t.store.db);
    await bump(accountId, 'w1', 'clicks', 2, now, 'UTC');
    await bump(accountId, 'w1', 'clicks', 3, now, 'UTC');
    await bump(accountId, 'w1', 'clicks', 4, now, 'UTC');
    await bump(accountId, 'w1', 'leads', 1, now, 'UTC');
    await bump(accountId, 'w1', 'closes', 0, now, 'UTC');
    await bump(accountId, 'w1', 'impressions', -2, now, 'UTC');
    const { widgetDailyStats } = t.store.tables;
    const rows = await t.store.db.select().from(widgetDailyStats).where(eq(widgetDailyStats.widgetId, 'w1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clicks: 9, leads: 1, closes: 0, impressions: 0 });
  });

  it('prepared on a transaction’s handle, the upsert is part of that transaction', async () => {
    const { accountId } = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const failed = t.store.transaction(async (tx) => {
      await prepareBumpDaily(tx)(accountId, 'w1', 'clicks', 5, now, 'UTC');
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    await t.store.transaction(async (tx) => prepareBumpDaily(tx)(accountId, 'w1', 'clicks', 2, now, 'UTC'));
    const { widgetDailyStats } = t.store.tables;
    const rows = await t.store.db.select().from(widgetDailyStats).where(eq(widgetDailyStats.widgetId, 'w1'));
    expect(rows.map((r) => r.clicks)).toEqual([2]);
  });

  it('the prepared reservation stops at the cap, says which call reached it, and holds under concurrent callers', async () => {
    const { accountId } = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const account = { id: accountId, tariffId: 'free', individualLimits: null, periodAnchorAt: now };
    const cap = limitsOf(account).impressionsPerPeriod!;
    const reserve = (wanted: number) =>
      t.store.transaction(async (tx) => {
        await t.store.lock(tx, `impressions:${accountId}`);
        return prepareReserveImpressions(tx)(account, wanted, now);
      });
    expect(await reserve(cap - 25)).toEqual({ accepted: cap - 25, used: cap - 25, cap, reachedCap: false });
    expect(await reserve(5)).toEqual({ accepted: 5, used: cap - 20, cap, reachedCap: false });
    // 30 callers of one impression each around the last 20.
    const raced = await Promise.all(Array.from({ length: 30 }, () => reserve(1)));
    expect(raced.reduce((n, r) => n + r.accepted, 0)).toBe(20);
    expect(raced.filter((r) => r.reachedCap)).toHaveLength(1);
    expect(await reserve(8)).toEqual({ accepted: 0, used: cap, cap, reachedCap: false });
    const { impressionPeriods } = t.store.tables;
    const [period] = await t.store.db.select().from(impressionPeriods).where(eq(impressionPeriods.accountId, accountId));
    expect(period?.impressions).toBe(cap);
  });
});
