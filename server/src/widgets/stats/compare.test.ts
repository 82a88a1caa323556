import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, formWidgetInput, setTariff, signIn, BROWSER_UA, getJson } from '../../testing/harness.js';

// The harness clock starts on 2026-11-01 09:00 UTC.
const t = appPerTest();

describe('days in the site’s time zone', () => {
  it('counts an impression at 22:30 UTC on the next day in Moscow, on the same day in UTC, and says which zone', async () => {
    const s = await signIn(t, 'owner@example.ru');
    await setTariff(t, s.accountId, 'start');
    const moscow = await createSite(s, ['shop.example.ru']);
    t.clock.advance(1000); // the first site is the older one
    const utc = await createSite(s, ['utc.example.ru']);
    await t.store.db.update(t.store.tables.sites).set({ timezone: 'UTC' }).where(eq(t.store.tables.sites.id, utc.id));
    const wm = (await (await s.request('POST', '/api/widgets', formWidgetInput(moscow.id))).json()) as { id: string };
    const wu = (await (await s.request('POST', '/api/widgets', formWidgetInput(utc.id))).json()) as { id: string };
    t.clock.set(Date.parse('2026-11-01T22:30:00Z'));
    for (const [site, host, widget] of [
      [moscow, 'shop.example.ru', wm.id],
      [utc, 'utc.example.ru', wu.id],
    ] as const) {
      const res = await t.app.request('/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: `https://${host}`, 'user-agent': BROWSER_UA },
        body: JSON.stringify({ site: site.siteKey, events: [{ widget, type: 'impression' }] }),
      });
      expect(res.status).toBeLessThan(300);
    }
    const m = (await getJson(s, `/api/stats?siteId=${moscow.id}`)).body;
    expect(m.timezone).toBe('Europe/Moscow');
    // "Today" is Moscow's today too: already Nov 2 there.
    expect(m.to).toBe('2026-11-02');
    expect(m.days.at(-1)).toMatchObject({ day: '2026-11-02', impressions: 1 });
    const u = (await getJson(s, `/api/stats?siteId=${utc.id}`)).body;
    expect(u.timezone).toBe('UTC');
    expect(u.to).toBe('2026-11-01');
    expect(u.days.at(-1)).toMatchObject({ day: '2026-11-01', impressions: 1 });
    // All sites: the first site's zone.
    expect((await getJson(s, '/api/stats')).body.timezone).toBe('Europe/Moscow');
  });

  it('with no site at all the account’s days are Moscow’s', async () => {
    const s = await signIn(t, 'owner@example.ru');
    t.clock.set(Date.parse('2026-11-01T21:30:00Z'));
    const body = (await getJson(s, '/api/stats')).body;
    expect(body).toMatchObject({ timezone: 'Europe/Moscow', to: '2026-11-02', totals: { impressions: 0, leads: 0, conversion: null } });
  });
});

describe('GET /api/stats/compare', () => {
  async function setup() {
    const s = await signIn(t, 'owner@example.ru');
    await setTariff(t, s.accountId, 'start');
    const site = await createSite(s, ['a.example.ru']);
    const other = await createSite(s, ['b.example.ru']);
    const post = async (siteId: string, name: string) => {
      t.clock.advance(1000); // created one after another: the table keeps that order
      return ((await (await s.request('POST', '/api/widgets', formWidgetInput(siteId, { name }))).json()) as { id: string }).id;
    };
    const a = await post(site.id, 'A');
    const b = await post(site.id, 'B');
    const elsewhere = await post(other.id, 'C');
    const put = (widgetId: string, day: string, impressions: number, leads: number) =>
      t.store.db.insert(t.store.tables.widgetDailyStats).values({ widgetId, accountId: s.accountId, day, impressions, leads });
    // Range Oct 25..31 (7 days); the previous period is Oct 18..24.
    await put(a, '2026-10-20', 100, 2);
    await put(a, '2026-10-30', 200, 8);
    await put(b, '2026-10-31', 50, 0);
    await put(b, '2026-10-17', 999, 99); // before the previous period: not counted
    await put(elsewhere, '2026-10-30', 10, 1);
    return { s, site, a, b, elsewhere };
  }

  it('gives the site’s widgets this period and the previous one of equal length, with the change', async () => {
    const { s, site, a, b } = await setup();
    const { status, body } = await getJson(s, `/api/stats/compare?siteId=${site.id}&from=2026-10-25&to=2026-10-31`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2026-10-25', to: '2026-10-31', previousFrom: '2026-10-18', previousTo: '2026-10-24', timezone: 'Europe/Moscow' });
    expect(body.widgets.map((w: any) => w.id)).toEqual([a, b]);
    const [wa, wb] = body.widgets;
    expect(wa).toMatchObject({ name: 'A', impressions: 200, leads: 8, previous: { impressions: 100, leads: 2 } });
    expect(wa.conversion).toBeCloseTo(0.04);
    expect(wa.change.impressions).toBeCloseTo(1);
    expect(wa.change.leads).toBeCloseTo(3);
    expect(wa.change.conversionPoints).toBeCloseTo(0.04 - 0.02);
    // Nothing before: no change to claim; no leads: 0 % of 50 is a measurement.
    expect(wb).toMatchObject({ impressions: 50, leads: 0, conversion: 0, previous: { impressions: 0, leads: 0, conversion: null } });
    expect(wb.change).toEqual({ impressions: null, leads: null, conversionPoints: null });
  });

  it('leaves spam out: a lead marked as spam leaves its widget’s figures', async () => {
    const { s, site } = await setup();
    const widget = ((await getJson(s, `/api/stats/compare?siteId=${site.id}`)).body.widgets as any[])[0].id as string;
    // A real lead through the embed API, then moved into spam by the owner.
    const lead = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://a.example.ru', 'user-agent': BROWSER_UA },
      body: JSON.stringify({ site: site.siteKey, widget, fields: { name: 'Иван', phone: '+79000000000' }, consent: true, elapsedMs: 60_000 }),
    });
    expect(lead.status, await lead.clone().text()).toBe(201);
    const leadsNow = async () => (await getJson(s, `/api/stats/compare?siteId=${site.id}&from=2026-11-01&to=2026-11-01`)).body.widgets[0].leads as number;
    expect(await leadsNow()).toBe(1);
    const { id } = ((await getJson(s, '/api/leads')).body.leads as { id: string }[])[0]!;
    expect((await s.request('PATCH', `/api/leads/${id}`, { status: 'spam' })).status).toBe(200);
    expect(await leadsNow()).toBe(0);
  });

  it('refuses bad input with 422, another account’s site with 404, and shows nothing of another account', async () => {
    const { s, site } = await setup();
    for (const q of ['?from=2026-13-01', '?from=2026-11-02&to=2026-11-01', '?from=2024-01-01&to=2026-11-01', `?siteId=${'x'.repeat(65)}`]) {
      const { status, body } = await getJson(s, `/api/stats/compare${q}`);
      expect(status, q).toBe(422);
      expect(body.error.code).toBe('validation_failed');
    }
    const other = await signIn(t, 'other@example.ru');
    expect((await getJson(other, `/api/stats/compare?siteId=${site.id}`)).status).toBe(404);
    expect((await getJson(other, '/api/stats/compare')).body.widgets).toEqual([]);
    // Without a site: every widget of the account.
    expect((await getJson(s, '/api/stats/compare')).body.widgets).toHaveLength(3);
    expect((await t.app.request('/api/stats/compare')).status).toBe(401);
  });
});
