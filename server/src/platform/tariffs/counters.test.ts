// The two counters the tariffs guard on hot paths — impressions per period and realtime messages
// per day — stay exact when many callers (here on one store's pool, as other processes would be)
// take from them at once, on whichever engine this vitest project runs.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testDialect, type TestStore } from '../../testing/test-store.js';
import { TARIFFS } from './catalogue.js';
import { prepareReserveImpressions, type TariffHolder } from './policy.js';
import { REALTIME_TARIFFS } from './realtime-catalogue.js';
import { prepareConsumeMessages, utcDay } from './realtime-policy.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.cleanup());

const NOW = Date.UTC(2026, 10, 1, 9);

async function account(id: string, tariffId = 'free'): Promise<TariffHolder> {
  await t.store.db.insert(t.store.tables.accounts).values({ id, email: `${id}@example.ru`, tariffId, periodAnchorAt: NOW, consentAt: NOW, consentVersion: 'v1', createdAt: NOW });
  return { id, tariffId, individualLimits: null, periodAnchorAt: NOW };
}

describe(`impression reservation (${testDialect()})`, () => {
  it('accepts up to the cap, says which call reached it, and refuses after', async () => {
    const reserve = prepareReserveImpressions(t.store.db);
    const a = await account('acc_seq');
    const cap = TARIFFS.free.limits.impressionsPerPeriod!;
    expect(await reserve(a, cap - 5, NOW)).toEqual({ accepted: cap - 5, used: cap - 5, cap, reachedCap: false });
    expect(await reserve(a, 8, NOW)).toEqual({ accepted: 5, used: cap, cap, reachedCap: true });
    expect(await reserve(a, 8, NOW)).toEqual({ accepted: 0, used: cap, cap, reachedCap: false });
    // A new period starts from nothing.
    expect(await reserve(a, 3, NOW + 30 * 86_400_000)).toEqual({ accepted: 3, used: 3, cap, reachedCap: false });
  });

  it('never passes the cap under 200 parallel batches, and exactly one of them reaches it', async () => {
    const reserve = prepareReserveImpressions(t.store.db);
    const a = await account('acc_par');
    const cap = TARIFFS.free.limits.impressionsPerPeriod!;
    // 200 batches of 70 and 90 ask for 16 000: more than the cap, with a remainder to split.
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => reserve(a, i % 2 ? 70 : 90, NOW)));
    expect(results.reduce((sum, r) => sum + r.accepted, 0)).toBe(cap);
    expect(results.filter((r) => r.reachedCap)).toHaveLength(1);
    const { impressionPeriods } = t.store.tables;
    const [row] = await t.store.db
      .select()
      .from(impressionPeriods)
      .where(and(eq(impressionPeriods.accountId, a.id), eq(impressionPeriods.periodStart, NOW)));
    expect(row!.impressions).toBe(cap);
  });

  it('counts everything on a tariff without a cap', async () => {
    const reserve = prepareReserveImpressions(t.store.db);
    const a = await account('acc_start', 'start');
    const results = await Promise.all(Array.from({ length: 50 }, () => reserve(a, 3, NOW)));
    expect(results.every((r) => r.accepted === 3 && r.cap === null && !r.reachedCap)).toBe(true);
    expect(Math.max(...results.map((r) => r.used))).toBe(150);
  });
});

describe(`realtime message allowance (${testDialect()})`, () => {
  it('takes messages all or none and never passes the daily limit under parallel publishers', async () => {
    const consume = prepareConsumeMessages(t.store.db);
    await account('acc_rt');
    const { realtimeProjects, realtimeUsageDaily } = t.store.tables;
    await t.store.db.insert(realtimeProjects).values({
      id: 'rtp_1',
      accountId: 'acc_rt',
      name: 'P',
      appId: '1001',
      key: 'key_1',
      secretSealed: 'x',
      secretHint: 'abcd',
      secretRotatedAt: NOW,
      allowedOrigins: [],
      lastActivityAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
    });
    const project = { id: 'rtp_1', tariffId: 'rt_free' };
    const limit = REALTIME_TARIFFS.rt_free.limits.messagesPerDay;
    // Fill to 10 below the limit, then 40 publishers of 3 race for the rest.
    const first = await consume(project, limit - 10, NOW);
    expect(first).toEqual({ ok: true, used: limit - 10, limit, firstOfDay: true });
    const results = await Promise.all(Array.from({ length: 40 }, () => consume(project, 3, NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.some((r) => r.firstOfDay)).toBe(false);
    const [row] = await t.store.db
      .select()
      .from(realtimeUsageDaily)
      .where(and(eq(realtimeUsageDaily.projectId, 'rtp_1'), eq(realtimeUsageDaily.day, utcDay(NOW))));
    expect(row).toMatchObject({ messages: limit - 1, rejectedMessages: 37 * 3 });
    // The last message fits; the next day starts again.
    expect(await consume(project, 1, NOW)).toMatchObject({ ok: true, used: limit });
    expect(await consume(project, 1, NOW + 86_400_000)).toEqual({ ok: true, used: 1, limit, firstOfDay: true });
  });
});
