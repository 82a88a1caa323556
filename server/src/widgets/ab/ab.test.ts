// A/B tests through the API, on both engines: variants and their split, refusals that store
// nothing, the served config, events and leads per variant, results, promotion, and the tariff
// (one widget's impressions and one active widget, whatever the variants).
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../platform/lib/clock.js';
import { BROWSER_UA, createSite, createTestApp, formWidgetInput, signIn, type Session, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.cleanup());

const ORIGIN = 'https://shop.example.ru';

async function setup() {
  const s = await signIn(t, 'owner@example.ru');
  const site = await createSite(s);
  const widget = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  return { s, site, widget };
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const config = async (siteKey: string) => (await (await t.app.request(`/v1/sites/${siteKey}/config`, { headers: { origin: ORIGIN } })).json()) as any;
const sendEvents = (site: string, events: { widget: string; type: string; v?: string }[]) =>
  t.app.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA },
    body: JSON.stringify({ site, events }),
  });
let ip = 1;
const submitLead = (siteKey: string, widgetId: string, v: string | undefined) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': `10.3.0.${ip++ % 250}` },
    body: JSON.stringify({ site: siteKey, widget: widgetId, fields: { name: 'Иван', phone: '+7 900 123-45-67' }, consent: true, elapsedMs: 5000, ...(v ? { v } : {}) }),
  });
const addVariant = (s: Session, widgetId: string, body: unknown) => s.request('POST', `/api/widgets/${widgetId}/variants`, body);

describe('variants and their split', () => {
  it('adds, changes, splits and removes variants; the served config carries them', async () => {
    const { s, site, widget } = await setup();
    expect((await json(await s.request('GET', `/api/widgets/${widget.id}/variants`))).body).toEqual({ testId: null, startedAt: null, variants: [] });

    const b = await json(await addVariant(s, widget.id, { content: { title: 'Перезвоним за минуту' }, colors: { background: '#ffffff', text: '#111111', accent: '#dc2626' } }));
    expect(b.status).toBe(201);
    expect(b.body.variants.map((v: any) => [v.label, v.weight, v.control])).toEqual([
      ['A', 50, true],
      ['B', 50, false],
    ]);
    expect(b.body.variants[0].id).toBe(b.body.testId);
    const [a, vb] = b.body.variants;
    expect(vb.definition.content.title).toBe('Перезвоним за минуту');
    // The rest of B is A's: a copy with the changes.
    expect(vb.definition.content.fields).toEqual(a.definition.content.fields);

    const c = await json(await addVariant(s, widget.id, {}));
    expect(c.body.variants.map((v: any) => [v.label, v.weight])).toEqual([
      ['A', 34],
      ['B', 33],
      ['C', 33],
    ]);
    const vc = c.body.variants[2];
    const patched = await json(await s.request('PATCH', `/api/widgets/${widget.id}/variants/${vc.id}`, { position: 'bottom-left', content: { submitText: 'Жду звонка' } }));
    expect(patched.status).toBe(200);
    expect(patched.body.variants[2].definition).toMatchObject({ position: 'bottom-left', content: { submitText: 'Жду звонка', title: 'Call me' } });

    const split = await json(await s.request('PUT', `/api/widgets/${widget.id}/variants/split`, { weights: { [a.id]: 20, [vb.id]: 30, [vc.id]: 50 } }));
    expect(split.body.variants.map((v: any) => v.weight)).toEqual([20, 30, 50]);

    const servedConfig = await config(site.siteKey);
    // The loader imports rt/ab.js, the draw, only for a site running a test.
    expect(servedConfig.ab).toBe('ab');
    const served = servedConfig.widgets[0];
    expect(served).toMatchObject({ id: widget.id, v: a.id, p: 20, content: { title: 'Call me' } });
    expect(served.ab).toHaveLength(2);
    expect(served.ab[0]).toMatchObject({ id: widget.id, type: 'form', v: vb.id, p: 30, content: { title: 'Перезвоним за минуту' }, colors: { accent: '#dc2626', onAccent: '#fff' } });
    expect(served.ab[1]).toMatchObject({ id: widget.id, v: vc.id, p: 50, position: 'bottom-left' });
    expect(served.ab[0].ab).toBeUndefined();

    const removed = await json(await s.request('DELETE', `/api/widgets/${widget.id}/variants/${vc.id}`));
    expect(removed.body.variants.map((v: any) => [v.label, v.weight])).toEqual([
      ['A', 50],
      ['B', 50],
    ]);
    // Removing the last variant ends the test: the config has the widget alone again.
    await s.request('DELETE', `/api/widgets/${widget.id}/variants/${vb.id}`);
    const plainConfig = await config(site.siteKey);
    expect(plainConfig.ab).toBeUndefined();
    const plain = plainConfig.widgets[0];
    expect(plain.v).toBeUndefined();
    expect(plain.ab).toBeUndefined();
    // A new test has a new id for A, so a browser's kept variant of the old one does not carry over.
    const again = await json(await addVariant(s, widget.id, {}));
    expect(again.body.testId).not.toBe(a.id);
  });

  it('refuses bad variants and splits with 4xx and stores nothing', async () => {
    const { s, widget } = await setup();
    const { widgetVariants } = t.store.tables;
    const count = async () => (await t.store.db.select().from(widgetVariants)).length;

    for (const body of [{ colors: { background: 'red' } }, { name: 'B' }, { active: false }, { content: { fields: [] } }, { position: 'middle' }]) {
      const res = await json(await addVariant(s, widget.id, body));
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    // The widget is live: a variant must be ready to go live as well (no template examples).
    const example = await json(await addVariant(s, widget.id, { content: { consentUrl: 'https://example.ru/consent' } }));
    expect(example).toMatchObject({ status: 422, body: { error: { code: 'widget_example_values' } } });
    expect(await count()).toBe(0);

    const first = await json(await addVariant(s, widget.id, {}));
    const [a, b] = first.body.variants;
    for (const weights of [{ [a.id]: 60, [b.id]: 50 }, { [b.id]: 100 }, { [a.id]: 50, [b.id]: 50, other: 0 }, { [a.id]: 50.5, [b.id]: 49.5 }, { [a.id]: -10, [b.id]: 110 }]) {
      const res = await json(await s.request('PUT', `/api/widgets/${widget.id}/variants/split`, { weights }));
      expect(res.status, JSON.stringify(weights)).toBe(422);
    }
    expect((await t.store.db.select().from(widgetVariants))[0]!.weight).toBe(50);

    expect((await s.request('PATCH', `/api/widgets/${widget.id}/variants/nope`, { content: { title: 'x' } })).status).toBe(404);
    expect((await s.request('POST', `/api/widgets/${widget.id}/variants/nope/promote`)).status).toBe(404);
    for (let i = 0; i < 3; i++) expect((await addVariant(s, widget.id, {})).status).toBe(201);
    const fifth = await json(await addVariant(s, widget.id, {}));
    expect(fifth).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(await count()).toBe(4);

    // Another account's widget is not found, whatever it asks.
    const other = await signIn(t, 'other@example.ru');
    expect((await other.request('GET', `/api/widgets/${widget.id}/variants`)).status).toBe(404);
    expect((await addVariant(other, widget.id, {})).status).toBe(404);
    expect((await other.request('GET', `/api/widgets/${widget.id}/variants/results`)).status).toBe(404);
  });
});

describe('events, leads and results per variant', () => {
  it('counts impressions and leads per variant, drops unknown variant ids, and computes the results', async () => {
    const { s, site, widget } = await setup();
    const test = (await json(await addVariant(s, widget.id, { content: { title: 'B' } }))).body;
    const [a, b] = test.variants;
    const impressions = (v: string, n: number) => Array.from({ length: n }, () => ({ widget: widget.id, type: 'impression', v }));
    expect((await sendEvents(site.siteKey, [...impressions(a.id, 30), ...impressions(b.id, 20)])).status).toBe(202);
    expect(
      (
        await sendEvents(site.siteKey, [
          { widget: widget.id, type: 'click', v: b.id },
          { widget: widget.id, type: 'impression', v: 'forged' },
        ])
      ).status,
    ).toBe(202);
    for (const v of [a.id, b.id, b.id, 'forged', undefined]) {
      expect((await submitLead(site.siteKey, widget.id, v)).status).toBe(201);
      t.clock.advance(MINUTE);
    }
    // The widget's own counts take every event and lead; the forged id makes no row of its own.
    const { variantDailyStats, widgetDailyStats, leads } = t.store.tables;
    const [daily] = await t.store.db.select().from(widgetDailyStats);
    expect(daily).toMatchObject({ impressions: 51, clicks: 1, leads: 5 });
    expect((await t.store.db.select().from(variantDailyStats)).map((r) => r.variantId).sort()).toEqual([a.id, b.id].sort());
    const stored = await t.store.db.select({ v: leads.variantId }).from(leads);
    expect(stored.map((r) => r.v ?? 'none').sort()).toEqual([a.id, b.id, b.id, 'none', 'none'].sort());

    const results = (await json(await s.request('GET', `/api/widgets/${widget.id}/variants/results`))).body;
    expect(results.enoughData).toBe(false);
    expect(results.leader).toBeNull();
    const [ra, rb] = results.variants;
    expect(ra).toMatchObject({ id: a.id, label: 'A', impressions: 30, clicks: 0, leads: 1, conversion: 1 / 30 });
    expect(rb).toMatchObject({ id: b.id, label: 'B', impressions: 20, clicks: 1, leads: 2, conversion: 2 / 20 });
    expect(ra.pBest + rb.pBest).toBeCloseTo(1, 9);
    expect(rb.pBest).toBeGreaterThan(ra.pBest);
    for (const r of [ra, rb]) expect(r.interval[0] < r.conversion && r.conversion < r.interval[1]).toBe(true);

    // A lead marked as spam leaves its variant's count, as it leaves the statistics.
    const [spam] = await t.store.db.select().from(leads).where(eq(leads.variantId, a.id));
    expect((await s.request('PATCH', `/api/leads/${spam!.id}`, { status: 'spam' })).status).toBe(200);
    expect((await json(await s.request('GET', `/api/widgets/${widget.id}/variants/results`))).body.variants[0].leads).toBe(0);

    // Enough data: every variant past the minimum of impressions and the test past its leads.
    await t.store.db.update(variantDailyStats).set({ impressions: 2000 }).where(eq(variantDailyStats.variantId, a.id));
    await t.store.db.update(variantDailyStats).set({ impressions: 2000 }).where(eq(variantDailyStats.variantId, b.id));
    for (let i = 0; i < 12; i++) {
      expect((await submitLead(site.siteKey, widget.id, b.id)).status).toBe(201);
      t.clock.advance(MINUTE);
    }
    const decided = (await json(await s.request('GET', `/api/widgets/${widget.id}/variants/results`))).body;
    expect(decided.enoughData).toBe(true);
    expect(decided.variants[1].leads).toBe(14);
    expect(decided.variants[1].pBest).toBeGreaterThan(0.95);
    expect(decided.leader).toBe(b.id);
  });
});

describe('the variant a lead came from', () => {
  it('the lead list, one lead and the CSV name it: the label while the test runs, the id once it ended', async () => {
    const { s, site, widget } = await setup();
    const test = (await json(await addVariant(s, widget.id, { content: { title: 'B' } }))).body;
    const [a, b] = test.variants;
    for (const v of [a.id, b.id, undefined]) {
      expect((await submitLead(site.siteKey, widget.id, v)).status).toBe(201);
      t.clock.advance(MINUTE);
    }
    const listed = async () => (await json(await s.request('GET', '/api/leads'))).body.leads.map((l: any) => l.variant);
    // Newest first.
    expect(await listed()).toEqual([null, { id: b.id, label: 'B' }, { id: a.id, label: 'A' }]);
    const [, fromB] = (await json(await s.request('GET', '/api/leads'))).body.leads;
    expect((await json(await s.request('GET', `/api/leads/${fromB.id}`))).body.variant).toEqual({ id: b.id, label: 'B' });
    const csvColumn = async () => {
      const rows = (await (await s.request('GET', '/api/leads/export.csv')).text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((r) => r.split(';'));
      const at = rows[0]!.indexOf('Вариант A/B-теста');
      expect(at).toBeGreaterThan(0);
      return rows.slice(1).map((r) => r[at]);
    };
    expect(await csvColumn()).toEqual(['', 'B', 'A']);

    // Promoting B ends the test: its rows go, the leads keep the ids.
    expect((await s.request('POST', `/api/widgets/${widget.id}/variants/${b.id}/promote`)).status).toBe(200);
    expect(await listed()).toEqual([null, { id: b.id, label: null }, { id: a.id, label: null }]);
    expect(await csvColumn()).toEqual(['', b.id, a.id]);
  });
});

describe('switching on a widget with variants', () => {
  it('checks each variant as the widget is checked: a variant with a template’s example keeps the widget off', async () => {
    const { s, site, widget } = await setup();
    expect((await s.request('PATCH', `/api/widgets/${widget.id}`, { active: false })).status).toBe(200);
    // Saved while the widget is off: not checked for going live then.
    expect((await addVariant(s, widget.id, { content: { consentUrl: 'https://example.ru/consent' } })).status).toBe(201);
    const on = await json(await s.request('PATCH', `/api/widgets/${widget.id}`, { active: true }));
    expect(on).toMatchObject({ status: 422, body: { error: { code: 'widget_example_values', details: { variant: 'B' } } } });
    expect(on.body.error.message).toMatch(/^Вариант B: /);
    expect((await json(await s.request('GET', `/api/widgets/${widget.id}`))).body.active).toBe(false);
    expect((await config(site.siteKey)).widgets).toEqual([]);
  });
});

describe('ending a test', () => {
  it('promoting B makes its fields the widget’s and ends the test; promoting A keeps the widget', async () => {
    const { s, site, widget } = await setup();
    const [, b] = (await json(await addVariant(s, widget.id, { content: { title: 'Победитель' }, position: 'bottom-left' }))).body.variants;
    const promoted = await json(await s.request('POST', `/api/widgets/${widget.id}/variants/${b.id}/promote`));
    expect(promoted).toEqual({ status: 200, body: { promoted: 'B' } });
    const after = (await json(await s.request('GET', `/api/widgets/${widget.id}`))).body;
    expect(after).toMatchObject({ name: 'Lead form', active: true, type: 'form', position: 'bottom-left', content: { title: 'Победитель' } });
    expect((await json(await s.request('GET', `/api/widgets/${widget.id}/variants`))).body.testId).toBeNull();
    const served = (await config(site.siteKey)).widgets[0];
    expect(served).toMatchObject({ position: 'bottom-left', content: { title: 'Победитель' } });
    expect(served.ab).toBeUndefined();

    const test = (await json(await addVariant(s, widget.id, { content: { title: 'Проигравший' } }))).body;
    expect((await json(await s.request('POST', `/api/widgets/${widget.id}/variants/${test.testId}/promote`))).body).toEqual({ promoted: 'A' });
    expect((await json(await s.request('GET', `/api/widgets/${widget.id}`))).body.content.title).toBe('Победитель');
    expect((await config(site.siteKey)).widgets[0].ab).toBeUndefined();
  });
});

describe('the tariff sees one widget', () => {
  it('a test is one active widget on Free, and its variants’ impressions stop together at the cap', async () => {
    const { s, site, widget } = await setup();
    const [a, b] = (await json(await addVariant(s, widget.id, { content: { title: 'B' } }))).body.variants;
    await addVariant(s, widget.id, { content: { title: 'C' } });
    // Free allows one active widget: the test's variants took no second place…
    const second = await json(await s.request('POST', '/api/widgets', formWidgetInput(site.id, { name: 'Second' })));
    expect(second).toMatchObject({ status: 403, body: { error: { code: 'limit_widgets' } } });
    const usage = (await json(await s.request('GET', '/api/usage'))).body;
    expect(usage.widgets).toMatchObject({ active: 1, limit: 1 });

    // …and the period's 10,000 impressions are the widget's, whichever variant showed.
    const { periodStartAt } = await import('../../platform/tariffs/policy.js');
    const { impressionPeriods, variantDailyStats } = t.store.tables;
    await t.store.db.insert(impressionPeriods).values({ accountId: s.accountId, periodStart: periodStartAt({ periodAnchorAt: t.clock.now() }, t.clock.now()), impressions: 9_990 });
    const batch = [a.id, b.id].flatMap((v) => Array.from({ length: 8 }, () => ({ widget: widget.id, type: 'impression', v })));
    expect(await (await sendEvents(site.siteKey, batch)).json()).toEqual({ accepted: 10, refused: 6 });
    const [period] = await t.store.db.select().from(impressionPeriods);
    expect(period!.impressions).toBe(10_000);
    const perVariant = await t.store.db.select().from(variantDailyStats);
    expect(perVariant.reduce((n, r) => n + r.impressions, 0)).toBe(10);
    expect((await config(site.siteKey)).widgets).toEqual([]);
  });
});
