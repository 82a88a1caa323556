import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { signIn } from '../../testing/harness.js';

const t = appPerTest();

describe('GET /api/tariffs', () => {
  it('lists every tariff with its contents and price, cheapest first, without a session', async () => {
    const res = await t.app.request('/api/tariffs');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.periodDays).toBe(30);
    expect(body.tariffs.map((x: any) => x.id)).toEqual(['free', 'start', 'advanced', 'single', 'multi', 'network', 'individual']);
    const [free, start] = body.tariffs;
    expect(free).toMatchObject({
      name: { ru: 'Начальный', en: 'Free' },
      limits: { activeWidgets: 1, widgetTypes: ['banner', 'form'], impressionsPerPeriod: 10_000, sites: 1, badge: true, integrations: ['email'] },
      price: { rub: 0, discountPercent: 0 },
    });
    expect(start.limits).toMatchObject({ activeWidgets: 5, widgetTypes: 'all', impressionsPerPeriod: null, badge: false });
    expect(start.price.rub).toBeGreaterThan(0);
    expect(body.tariffs.at(-1).price).toBeNull();
  });

  it('shows the operator’s price and discount', async () => {
    await t.store.db.insert(t.store.tables.tariffPrices).values({ tariffId: 'start', priceKopecks: 1_490_00, discountPercent: 10, updatedAt: t.clock.now() });
    const body = (await (await t.app.request('/api/tariffs')).json()) as any;
    expect(body.tariffs[1].price).toEqual({ rub: 1490, discountPercent: 10 });
  });

  it('is read-only', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const res = await s.request('POST', '/api/tariffs', {});
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('not_found');
  });
});
