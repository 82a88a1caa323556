// The funnel and the breakdowns, end to end through the API: beacons and leads as pages send
// them (POST /v1/events, /v1/leads), figures as the dashboard reads them.
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, formWidgetInput, freshIp, signIn, BROWSER_UA, getJson } from '../../testing/harness.js';
import { PATHS_PER_WIDGET_DAY } from './breakdowns.js';

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36';
const TABLET_UA = 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const BOT_UA = 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)';
const ORIGIN = 'https://shop.example.ru';

// The harness clock starts on 2026-11-01 09:00 UTC (12:00 in Moscow, the site's zone).
const t = appPerTest();

const beacon = (body: Record<string, unknown>, ua = BROWSER_UA) =>
  t.app.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': ua, 'x-forwarded-for': freshIp() },
    body: JSON.stringify(body),
  });

const lead = (site: string, widget: string) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': freshIp() },
    body: JSON.stringify({ site, widget, fields: { name: 'Иван', phone: '+7 900 123-45-67' }, consent: true, elapsedMs: 5000 }),
  });

async function setup() {
  const s = await signIn(t, 'owner@example.ru');
  const site = await createSite(s);
  const widget = ((await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string }).id;
  return { s, site, widget };
}

/** One page view's walk down the funnel, as far as `to`. */
async function walk(siteKey: string, widget: string, to: 'impression' | 'interact' | 'start' | 'submit', page: Record<string, unknown>, ua = BROWSER_UA) {
  const steps = ['impression', 'interact', 'start', 'submit'];
  for (const type of steps.slice(0, steps.indexOf(to) + 1)) expect((await beacon({ site: siteKey, events: [{ widget, type }], ...page }, ua)).status).toBe(202);
}

describe('GET /api/stats/funnel', () => {
  it('counts each step from the beacons and the stored leads, with the rate of each step to the one before and to shown', async () => {
    const { s, site, widget } = await setup();
    const page = { path: '/catalog', source: 'yandex', returning: false };
    await walk(site.siteKey, widget, 'impression', page);
    await walk(site.siteKey, widget, 'interact', page);
    await walk(site.siteKey, widget, 'start', page);
    await walk(site.siteKey, widget, 'submit', page);
    expect((await lead(site.siteKey, widget)).status).toBe(201);

    const { status, body } = await getJson(s, `/api/stats/funnel?widgetId=${widget}`);
    expect(status).toBe(200);
    expect(body.timezone).toBe('Europe/Moscow');
    expect(body.steps).toEqual([
      { step: 'impressions', count: 4, ofPrevious: null, ofShown: null },
      { step: 'interactions', count: 3, ofPrevious: 0.75, ofShown: 0.75 },
      { step: 'starts', count: 2, ofPrevious: 2 / 3, ofShown: 0.5 },
      { step: 'submits', count: 1, ofPrevious: 0.5, ofShown: 0.25 },
      { step: 'leads', count: 1, ofPrevious: 1, ofShown: 0.25 },
    ]);
    expect(body.days.at(-1)).toEqual({ day: '2026-11-01', impressions: 4, interactions: 3, starts: 2, submits: 1, leads: 1 });
    expect(body.days).toHaveLength(30);
  });

  it('a bot’s beacons count no step of the funnel (its clicks, as before, still count)', async () => {
    const { s, site, widget } = await setup();
    for (const type of ['impression', 'interact', 'start', 'submit', 'click']) expect((await beacon({ site: site.siteKey, events: [{ widget, type }] }, BOT_UA)).status).toBe(202);
    const { body } = await getJson(s, `/api/stats/funnel?widgetId=${widget}`);
    expect(body.steps.map((x: { count: number }) => x.count)).toEqual([0, 0, 0, 0, 0]);
    expect((await getJson(s, `/api/stats?widgetId=${widget}`)).body.totals.clicks).toBe(1);
    const breakdowns = (await getJson(s, `/api/stats/breakdowns?widgetId=${widget}`)).body.dimensions;
    expect(breakdowns.device.values).toEqual([]);
  });

  it('answers 404 for another account’s widget and 4xx JSON for a bad query, storing nothing', async () => {
    const { widget } = await setup();
    const other = await signIn(t, 'other@example.ru');
    expect((await getJson(other, `/api/stats/funnel?widgetId=${widget}`)).status).toBe(404);
    expect((await getJson(other, `/api/stats/breakdowns?widgetId=${widget}`)).status).toBe(404);
    const missing = await getJson(other, '/api/stats/funnel');
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('validation_failed');
    expect((await getJson(other, `/api/stats/funnel?widgetId=${widget}&from=2026-13-01`)).status).toBe(422);
  });

  it('accepts the optional A/B variant field on events and refuses an unknown event type', async () => {
    const { s, site, widget } = await setup();
    expect((await beacon({ site: site.siteKey, events: [{ widget, type: 'impression', variant: 'b' }] })).status).toBe(202);
    const bad = await beacon({ site: site.siteKey, events: [{ widget, type: 'hover' }] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as any).error.code).toBe('validation_failed');
    expect((await getJson(s, `/api/stats/funnel?widgetId=${widget}`)).body.steps[0].count).toBe(1);
  });
});

describe('GET /api/stats/funnel?variant=', () => {
  it('one A/B variant’s funnel: its page views’ steps and its leads (spam left out), by the site’s day; unknown variants are 404', async () => {
    const { s, site, widget } = await setup();
    const [a, b] = (await (await s.request('POST', `/api/widgets/${widget}/variants`, { content: { title: 'B' } })).json()).variants as { id: string }[];
    const step = (v: string, ...types: string[]) => beacon({ site: site.siteKey, events: types.map((type) => ({ widget, type, v })) });
    expect((await step(a!.id, 'impression', 'interact')).status).toBe(202);
    expect((await step(b!.id, 'impression', 'interact', 'start', 'submit')).status).toBe(202);
    expect((await step(b!.id, 'impression')).status).toBe(202);
    const leadOf = (v: string) =>
      t.app.request('/v1/leads', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': freshIp() },
        body: JSON.stringify({ site: site.siteKey, widget, fields: { name: 'Иван', phone: '+7 900 123-45-67' }, consent: true, elapsedMs: 5000, v }),
      });
    expect((await leadOf(b!.id)).status).toBe(201);
    // 21:30 UTC is 00:30 the next day in Moscow: that lead is the next day's.
    t.clock.set(Date.UTC(2026, 10, 1, 21, 30));
    expect((await leadOf(b!.id)).status).toBe(201);
    expect((await leadOf(a!.id)).status).toBe(201);
    // A's lead is marked as spam: it leaves A's funnel.
    const spam = ((await getJson(s, '/api/leads')).body.leads as { id: string; variant: { id: string } | null }[]).find((l) => l.variant?.id === a!.id);
    expect((await s.request('PATCH', `/api/leads/${spam!.id}`, { status: 'spam' })).status).toBe(200);

    const counts = async (v: string) => {
      const { status, body } = await getJson(s, `/api/stats/funnel?widgetId=${widget}&variant=${v}&from=2026-11-01&to=2026-11-02`);
      expect(status).toBe(200);
      expect(body.variant).toBe(v);
      return { total: body.steps.map((x: { count: number }) => x.count), days: body.days.map((d: { leads: number }) => d.leads) };
    };
    expect(await counts(a!.id)).toEqual({ total: [1, 1, 0, 0, 0], days: [0, 0] });
    expect(await counts(b!.id)).toEqual({ total: [2, 1, 1, 1, 2], days: [1, 1] });
    // The widget's own funnel counts every variant (its leads without spam too).
    expect((await getJson(s, `/api/stats/funnel?widgetId=${widget}&from=2026-11-01&to=2026-11-02`)).body.steps.map((x: { count: number }) => x.count)).toEqual([3, 2, 1, 1, 2]);

    expect((await getJson(s, `/api/stats/funnel?widgetId=${widget}&variant=forged`)).status).toBe(404);
    expect((await getJson(s, `/api/stats/funnel?widgetId=${widget}&variant=${'x'.repeat(200)}`)).status).toBe(422);
  });
});

describe('GET /api/stats/breakdowns', () => {
  it('splits impressions and submits by device, path, source and visitor, with no query string kept', async () => {
    const { s, site, widget } = await setup();
    await walk(site.siteKey, widget, 'submit', { path: '/catalog?email=ivan@example.ru#x', source: 'Yandex', returning: true });
    await walk(site.siteKey, widget, 'impression', { path: '/catalog', source: 'www.google.com', returning: false }, PHONE_UA);
    await walk(site.siteKey, widget, 'impression', { path: '/', source: '', returning: false }, TABLET_UA);
    // A referrer on the site itself: another page of it, whose own source is not known here.
    await walk(site.siteKey, widget, 'impression', { path: '/about', source: 'shop.example.ru', returning: true });
    // An older runtime sends no page fields.
    await walk(site.siteKey, widget, 'impression', {});

    const { status, body } = await getJson(s, `/api/stats/breakdowns?widgetId=${widget}`);
    expect(status).toBe(200);
    const d = body.dimensions;
    expect(d.device.values).toEqual([
      { value: 'desktop', impressions: 3, submits: 1, conversion: 1 / 3 },
      { value: 'mobile', impressions: 1, submits: 0, conversion: 0 },
      { value: 'tablet', impressions: 1, submits: 0, conversion: 0 },
    ]);
    expect(d.path.values).toEqual([
      { value: '/catalog', impressions: 2, submits: 1, conversion: 0.5 },
      { value: '(unknown)', impressions: 1, submits: 0, conversion: 0 },
      { value: '/', impressions: 1, submits: 0, conversion: 0 },
      { value: '/about', impressions: 1, submits: 0, conversion: 0 },
    ]);
    expect(d.source.values.map((v: { value: string }) => v.value)).toEqual(['(direct)', '(internal)', '(unknown)', 'www.google.com', 'yandex']);
    expect(d.visitor.values).toEqual([
      { value: 'new', impressions: 2, submits: 0, conversion: 0 },
      { value: 'returning', impressions: 2, submits: 1, conversion: 0.5 },
      { value: '(unknown)', impressions: 1, submits: 0, conversion: 0 },
    ]);
    // Nothing personal stored: no query string, no e-mail.
    const rows = await t.store.db.select().from(t.store.tables.widgetDailyBreakdowns);
    expect(JSON.stringify(rows)).not.toContain('ivan');
  });

  it(`keeps at most ${PATHS_PER_WIDGET_DAY} distinct paths per widget and day, counting further ones as "(other)", also when batches race`, async () => {
    const { s, site, widget } = await setup();
    const paths = Array.from({ length: PATHS_PER_WIDGET_DAY + 20 }, (_, i) => `/p${i}`);
    await Promise.all(paths.map((path) => beacon({ site: site.siteKey, events: [{ widget, type: 'impression' }], path, source: '', returning: false })));
    const rows = await t.store.db.select().from(t.store.tables.widgetDailyBreakdowns);
    const pathRows = rows.filter((r) => r.dimension === 'path');
    expect(pathRows).toHaveLength(PATHS_PER_WIDGET_DAY + 1);
    expect(pathRows.find((r) => r.value === '(other)')?.impressions).toBe(20);
    const d = (await getJson(s, `/api/stats/breakdowns?widgetId=${widget}`)).body.dimensions;
    expect(d.path.values).toHaveLength(10);
    expect(d.path.values[0]).toMatchObject({ value: '(other)', impressions: 20 });
    expect(d.path.rest).toEqual({ values: PATHS_PER_WIDGET_DAY - 9, impressions: PATHS_PER_WIDGET_DAY - 9, submits: 0 });
  });
});
