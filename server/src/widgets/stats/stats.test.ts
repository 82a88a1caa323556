import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/lib/clock.js';
import { bannerWidgetInput, createSite, createTestApp, formWidgetInput, setTariff, signIn, type Session, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  // The harness clock starts on 2026-11-01 09:00 UTC; Start lifts the one-active-widget limit.
  t = await createTestApp();
});
afterEach(() => t.cleanup());

async function setup() {
  const s = await signIn(t, 'owner@example.ru');
  await setTariff(t, s.accountId, 'start');
  const siteA = await createSite(s, ['a.example.ru']);
  const siteB = await createSite(s, ['b.example.ru']);
  const post = async (body: unknown) => ((await (await s.request('POST', '/api/widgets', body)).json()) as { id: string }).id;
  const formA = await post(formWidgetInput(siteA.id));
  const bannerA = await post(bannerWidgetInput(siteA.id));
  const formB = await post(formWidgetInput(siteB.id));
  const put = (widgetId: string, day: string, impressions: number, clicks: number, leads: number) =>
    t.store.db.insert(t.store.tables.widgetDailyStats).values({ widgetId, accountId: s.accountId, day, impressions, clicks, leads });
  await put(formA, '2026-10-30', 100, 0, 4);
  await put(formA, '2026-11-01', 50, 0, 1);
  await put(bannerA, '2026-11-01', 200, 10, 0);
  await put(formB, '2026-11-01', 10, 0, 5);
  return { s, siteA, siteB, formA, bannerA, formB };
}

const get = async (s: Session, query: string) => {
  const res = await s.request('GET', `/api/stats${query}`);
  return { status: res.status, body: (await res.json()) as any };
};

describe('GET /api/stats', () => {
  it('gives one row per day of the range, zeros included, for a widget', async () => {
    const { s, formA } = await setup();
    const { status, body } = await get(s, `?widgetId=${formA}&from=2026-10-29&to=2026-11-01`);
    expect(status).toBe(200);
    expect(body.days.map((d: any) => [d.day, d.impressions, d.leads])).toEqual([
      ['2026-10-29', 0, 0],
      ['2026-10-30', 100, 4],
      ['2026-10-31', 0, 0],
      ['2026-11-01', 50, 1],
    ]);
    expect(body.days[0].conversion).toBeNull();
    expect(body.days[1].conversion).toBeCloseTo(0.04);
    expect(body.totals).toEqual({ impressions: 150, clicks: 0, leads: 5, conversion: 5 / 150 });
  });

  it('sums a site’s widgets, or the whole account, and defaults to the last 30 days', async () => {
    const { s, siteA } = await setup();
    const site = (await get(s, `?siteId=${siteA.id}&from=2026-11-01&to=2026-11-01`)).body;
    expect(site.totals).toMatchObject({ impressions: 250, clicks: 10, leads: 1 });
    const all = (await get(s, '')).body;
    expect(all.from).toBe('2026-10-03');
    expect(all.to).toBe('2026-11-01');
    expect(all.days).toHaveLength(30);
    expect(all.totals).toMatchObject({ impressions: 360, clicks: 10, leads: 10 });
  });

  it('totals per widget for the widget list', async () => {
    const { s, formA, bannerA, formB } = await setup();
    const res = await s.request('GET', '/api/stats/widgets?from=2026-11-01&to=2026-11-01');
    const body = (await res.json()) as any;
    const by = Object.fromEntries(body.widgets.map((w: any) => [w.widgetId, [w.impressions, w.clicks, w.leads]]));
    expect(by).toEqual({ [formA]: [50, 0, 1], [bannerA]: [200, 10, 0], [formB]: [10, 0, 5] });
  });

  it('refuses bad ranges and parameters with 422 in the one error shape', async () => {
    const { s, formA, siteA } = await setup();
    for (const q of ['?from=yesterday', '?from=2026-02-30', '?from=2026-11-02&to=2026-11-01', '?from=2024-01-01&to=2026-11-01', `?widgetId=${formA}&siteId=${siteA.id}`]) {
      const { status, body } = await get(s, q);
      expect(status, q).toBe(422);
      expect(body.error.code).toBe('validation_failed');
    }
  });

  it('answers 404 for another account’s widget or site, and 401 without a session', async () => {
    const { formA, siteA } = await setup();
    const other = await signIn(t, 'other@example.ru');
    expect((await get(other, `?widgetId=${formA}`)).status).toBe(404);
    expect((await get(other, `?siteId=${siteA.id}`)).status).toBe(404);
    expect((await get(other, '?widgetId=wdg_nosuchwidget')).body.error.code).toBe('not_found');
    // Their own totals do not include ours.
    expect((await get(other, '')).body.totals.impressions).toBe(0);
    const other2 = (await (await other.request('GET', '/api/stats/widgets')).json()) as any;
    expect(other2.widgets).toEqual([]);
    expect((await t.app.request('/api/stats')).status).toBe(401);
  });

  it('reads only inside the range', async () => {
    const { s } = await setup();
    expect((await get(s, '?from=2026-11-02&to=2026-11-20')).body.totals.impressions).toBe(0);
    // "Today" moves with the clock: 29 days on, the default range still starts on Oct 31.
    t.clock.advance(29 * DAY);
    expect((await get(s, '')).body.totals).toMatchObject({ impressions: 260, leads: 6 });
  });
});
