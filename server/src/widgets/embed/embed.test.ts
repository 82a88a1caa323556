import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DAY } from '../../platform/lib/clock.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { bannerWidgetInput, createSite, createTestApp, formWidgetInput, setTariff, signIn } from '../../testing/harness.js';

const t = appPerTest();

const ORIGIN = 'https://shop.example.ru';
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

async function setup(kind: 'form' | 'banner' = 'form') {
  const s = await signIn(t, 'owner@example.ru');
  const site = await createSite(s);
  const res = await s.request('POST', '/api/widgets', kind === 'form' ? formWidgetInput(site.id) : bannerWidgetInput(site.id));
  const widget = (await res.json()) as { id: string };
  return { s, site, widget };
}

const getConfig = (siteKey: string, headers: Record<string, string> = { origin: ORIGIN }) => t.app.request(`/v1/sites/${siteKey}/config`, { headers });

const sendEvents = (site: string, events: { widget: string; type: string }[], headers: Record<string, string> = {}) =>
  t.app.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, ...headers },
    body: JSON.stringify({ site, events }),
  });

let leadIp = 1;
const submitLead = (body: Record<string, unknown> | string, headers: Record<string, string> = {}) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': `10.2.0.${leadIp++ % 250}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const leadBody = (siteKey: string, widgetId: string, over: Record<string, unknown> = {}) => ({
  site: siteKey,
  widget: widgetId,
  fields: { name: 'Иван Петров', phone: '+7 (900) 123-45-67', email: 'ivan@example.ru' },
  consent: true,
  elapsedMs: 4200,
  page: 'https://shop.example.ru/catalog?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn',
  referrer: 'https://ya.ru/',
  ...over,
});

describe('GET /v1/sites/:key/config', () => {
  it('serves the active widgets with the badge on Free, an ETag and CORS', async () => {
    const { site, widget } = await setup();
    const res = await getConfig(site.siteKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const config = (await res.json()) as any;
    expect(config.site).toBe(site.siteKey);
    expect(config.badge).toEqual({ text: 'Сделано на Widgetry', url: `http://localhost:8787/v1/sites/${site.siteKey}/badge` });
    expect(config.widgets).toHaveLength(1);
    expect(config.widgets[0]).toMatchObject({ id: widget.id, type: 'form', consentText: expect.stringContaining('согласие') });
    // Only what the runtime needs: no account, site or timestamps.
    expect(JSON.stringify(config)).not.toMatch(/owner@|acc_|createdAt|siteId/);

    const etag = res.headers.get('etag')!;
    const cached = await getConfig(site.siteKey, { origin: ORIGIN, 'if-none-match': etag });
    expect(cached.status).toBe(304);
  });

  it("names the one-file runtime (rt: 'solo/') while every widget of the site is of one type, and not once two types mix", async () => {
    const { s, site } = await setup('form');
    await setTariff(t, s.accountId, 'network');
    expect(((await (await getConfig(site.siteKey)).json()) as any).rt).toBe('solo/');
    expect((await s.request('POST', '/api/widgets', formWidgetInput(site.id))).status).toBe(201);
    expect(((await (await getConfig(site.siteKey)).json()) as any).rt).toBe('solo/');
    expect((await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).status).toBe(201);
    const mixed = (await (await getConfig(site.siteKey)).json()) as any;
    expect(mixed.widgets.map((w: { type: string }) => w.type).sort()).toEqual(['banner', 'form', 'form']);
    expect(mixed).not.toHaveProperty('rt');
  });

  it('asks for the layout manager (lm: 1) once two widgets take a slot; a pop-up, a modal dialog, takes none', async () => {
    const { s, site } = await setup('form');
    await setTariff(t, s.accountId, 'network');
    expect(await (await getConfig(site.siteKey)).json()).not.toHaveProperty('lm');
    const popup = {
      type: 'popup',
      name: 'Exit popup',
      siteId: site.id,
      active: true,
      content: { title: 'Скидка 10%', text: '', fields: [], consentUrl: 'https://shop.example.ru/consent', privacyUrl: 'https://shop.example.ru/privacy' },
    };
    expect((await s.request('POST', '/api/widgets', popup)).status).toBe(201);
    const withPopup = (await (await getConfig(site.siteKey)).json()) as any;
    expect(withPopup.widgets).toHaveLength(2);
    expect(withPopup).not.toHaveProperty('lm');
    expect((await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).status).toBe(201);
    expect(((await (await getConfig(site.siteKey)).json()) as any).lm).toBe(1);
  });

  it('has no badge on Start', async () => {
    const { s, site } = await setup();
    await setTariff(t, s.accountId, 'start');
    expect(((await (await getConfig(site.siteKey)).json()) as any).badge).toBeNull();
  });

  it('accepts subdomains and the Referer when Origin is absent', async () => {
    const { site } = await setup();
    expect(((await (await getConfig(site.siteKey, { origin: 'https://www.shop.example.ru' })).json()) as any).widgets).toHaveLength(1);
    expect(((await (await getConfig(site.siteKey, { referer: 'https://shop.example.ru/page' })).json()) as any).widgets).toHaveLength(1);
  });

  it('serves no widgets to other domains or without any origin', async () => {
    const { site } = await setup();
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'https://notshop.example.ru' }, {}] as Record<string, string>[]) {
      const res = await getConfig(site.siteKey, headers);
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).widgets).toEqual([]);
    }
  });

  it('answers 404 for unknown or malformed keys', async () => {
    for (const key of ['nosuchsite0000000000', 'BAD KEY', 'x'.repeat(100)]) {
      const res = await getConfig(encodeURIComponent(key));
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).error.code).toBe('not_found');
    }
  });

  it('omits inactive widgets and records when the site was last seen', async () => {
    const { s, site, widget } = await setup();
    await s.request('PATCH', `/api/widgets/${widget.id}`, { active: false });
    expect(((await (await getConfig(site.siteKey)).json()) as any).widgets).toEqual([]);
    const seen = ((await (await s.request('GET', `/api/sites/${site.id}`)).json()) as any).lastSeenAt;
    expect(seen).toBe(t.clock.now());
  });
});

describe('the served-config cache', () => {
  const widgetCount = async (siteKey: string) => (((await (await getConfig(siteKey)).json()) as any).widgets as unknown[]).length;

  it('drops a cached config on any accepted dashboard change, at once', async () => {
    const { s, site, widget } = await setup();
    expect(await widgetCount(site.siteKey)).toBe(1); // cached now
    await s.request('PATCH', `/api/widgets/${widget.id}`, { active: false });
    expect(await widgetCount(site.siteKey)).toBe(0);
    await s.request('PATCH', `/api/widgets/${widget.id}`, { active: true });
    expect(await widgetCount(site.siteKey)).toBe(1);
  });

  it("forgets the site or account a write touched, and keeps other tenants' configs", async () => {
    const a = await setup();
    const b = await signIn(t, 'other@example.ru');
    const bSite = await createSite(b);
    await b.request('POST', '/api/widgets', formWidgetInput(bSite.id));
    expect(await widgetCount(bSite.siteKey)).toBe(1); // cached now
    // A change that bypasses the API, so only the cache can still show the widget.
    const { widgets } = t.store.tables;
    await t.store.db.update(widgets).set({ active: false }).where(eq(widgets.siteId, bSite.id));
    // Another account's writes (a widget edit, a site edit) leave b's entry alone...
    await a.s.request('PATCH', `/api/widgets/${a.widget.id}`, { name: 'Renamed' });
    await a.s.request('PATCH', `/api/sites/${a.site.id}`, { name: 'Renamed' });
    expect(await widgetCount(bSite.siteKey)).toBe(1);
    // ...and b's own site write drops it.
    await b.request('PATCH', `/api/sites/${bSite.id}`, { name: 'Renamed' });
    expect(await widgetCount(bSite.siteKey)).toBe(0);
  });

  it('drops every site of an account when its tariff changes', async () => {
    const { s, site } = await setup();
    await setTariff(t, s.accountId, 'start');
    const second = await createSite(s, ['second.example.ru']);
    await s.request('POST', '/api/widgets', formWidgetInput(second.id));
    const badge = async (key: string, origin: string) => ((await (await getConfig(key, { origin })).json()) as any).badge;
    expect(await badge(site.siteKey, ORIGIN)).toBeNull();
    expect(await badge(second.siteKey, 'https://second.example.ru')).toBeNull();
    await setTariff(t, s.accountId, 'free');
    expect(await badge(site.siteKey, ORIGIN)).not.toBeNull();
    expect(await badge(second.siteKey, 'https://second.example.ru')).not.toBeNull();
  });

  it('drops it when an events batch reaches the cap, and when the clock moves past its lifetime', async () => {
    const { s, site, widget } = await setup('banner');
    const { periodStartAt } = await import('../../platform/tariffs/policy.js');
    const { impressionPeriods } = t.store.tables;
    await t.store.db.insert(impressionPeriods).values({ accountId: s.accountId, periodStart: periodStartAt({ periodAnchorAt: t.clock.now() }, t.clock.now()), impressions: 9_999 });
    expect(await widgetCount(site.siteKey)).toBe(1);
    await sendEvents(site.siteKey, [{ widget: widget.id, type: 'impression' }]);
    expect(await widgetCount(site.siteKey)).toBe(0);
    // A change that bypasses the API (a job, another process): seen once the entry's lifetime is over.
    await t.store.db.delete(impressionPeriods);
    const { EMBED_CONFIG_TTL_MS } = await import('./config-cache.js');
    t.clock.advance(EMBED_CONFIG_TTL_MS);
    expect(await widgetCount(site.siteKey)).toBe(1);
  });

  it('answers 304 to weak and listed validators, 200 to others', async () => {
    const { site } = await setup();
    const etag = (await getConfig(site.siteKey)).headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    for (const v of [etag, `W/${etag}`, `"x", ${etag}`, '*']) expect((await getConfig(site.siteKey, { origin: ORIGIN, 'if-none-match': v })).status).toBe(304);
    expect((await getConfig(site.siteKey, { origin: ORIGIN, 'if-none-match': '"stale"' })).status).toBe(200);
    // Pages off the site get the empty config under their own validator.
    const other = await getConfig(site.siteKey, { origin: 'https://evil.example', 'if-none-match': etag });
    expect(other.status).toBe(200);
  });
});

describe('GET config over a real socket (@hono/node-server)', () => {
  it('answers 200 with the body and a bodiless 304, and the connection stays usable', async () => {
    const { serve } = await import('@hono/node-server');
    const { site } = await setup();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/v1/sites/${site.siteKey}/config`;
      const first = await fetch(url, { headers: { origin: ORIGIN } });
      expect(first.status).toBe(200);
      const body = await first.text();
      expect(JSON.parse(body).widgets).toHaveLength(1);
      expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      const again = await fetch(url, { headers: { origin: ORIGIN, 'if-none-match': first.headers.get('etag')! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('access-control-allow-origin')).toBe('*');
      // The connection stays usable after a 304 (no stray body bytes on it).
      expect((await fetch(url, { headers: { origin: ORIGIN } })).status).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('impressions and the cap', () => {
  it('counts impressions, clicks and closes per widget per day', async () => {
    const { site, widget } = await setup('banner');
    const res = await sendEvents(site.siteKey, [
      { widget: widget.id, type: 'impression' },
      { widget: widget.id, type: 'click' },
      { widget: widget.id, type: 'close' },
      { widget: 'wdg_unknown', type: 'impression' },
    ]);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 3, refused: 1 });
    const { widgetDailyStats } = t.store.tables;
    const [stats] = await t.store.db.select().from(widgetDailyStats).where(eq(widgetDailyStats.widgetId, widget.id));
    expect(stats).toMatchObject({ day: '2026-11-01', impressions: 1, clicks: 1, closes: 1 });
  });

  it('does not count bots, unless the filter is off', async () => {
    const { site, widget } = await setup('banner');
    const res = await sendEvents(site.siteKey, [{ widget: widget.id, type: 'impression' }], { 'user-agent': 'Mozilla/5.0 HeadlessChrome/140.0' });
    expect(await res.json()).toEqual({ accepted: 0, refused: 1 });
  });

  it('counts nothing for switched-off widgets, and limits beacons per address', async () => {
    const { s, site, widget } = await setup('banner');
    await s.request('PATCH', `/api/widgets/${widget.id}`, { active: false });
    expect(await (await sendEvents(site.siteKey, [{ widget: widget.id, type: 'impression' }])).json()).toEqual({ accepted: 0, refused: 1 });
    expect(await t.store.db.select().from(t.store.tables.impressionPeriods)).toEqual([]);

    const limited = await createTestApp({ env: { EVENTS_RATE_PER_IP_PER_MINUTE: '3' } });
    try {
      const o = await signIn(limited, 'busy@example.ru');
      const site2 = await createSite(o);
      const w = (await (await o.request('POST', '/api/widgets', bannerWidgetInput(site2.id))).json()) as { id: string };
      const send = (ip: string) =>
        limited.app.request('/v1/events', {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': ip },
          body: JSON.stringify({ site: site2.siteKey, events: [{ widget: w.id, type: 'impression' }] }),
        });
      // app.request has no socket: every request is one address ("unknown") unless TRUST_PROXY.
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await send('10.9.0.1'));
      expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 429]);
      // The rest of the minute's window (the test clock stands at a whole minute).
      expect(answers[3]!.headers.get('retry-after')).toBe('60');
      limited.clock.advance(60_000);
      expect((await send('10.9.0.1')).status).toBe(202);
    } finally {
      await limited.cleanup();
    }
  });

  it('refuses events from other origins', async () => {
    const { site, widget } = await setup('banner');
    const res = await sendEvents(site.siteKey, [{ widget: widget.id, type: 'impression' }], { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('origin_not_allowed');
  });

  it('never exceeds the cap under 60 concurrent requests around it, then stops serving widgets', async () => {
    const { s, site, widget } = await setup('banner');
    // Bring the account to 9,970 of 10,000 impressions, then race 60 requests of one impression each.
    const { periodStartAt } = await import('../../platform/tariffs/policy.js');
    const account = { periodAnchorAt: t.clock.now() };
    const { impressionPeriods } = t.store.tables;
    await t.store.db.insert(impressionPeriods).values({ accountId: s.accountId, periodStart: periodStartAt(account, t.clock.now()), impressions: 9_970 });
    const results = await Promise.all(Array.from({ length: 60 }, () => sendEvents(site.siteKey, [{ widget: widget.id, type: 'impression' }])));
    const accepted = (await Promise.all(results.map((r) => r.json()))).reduce((n: number, r: any) => n + r.accepted, 0);
    expect(accepted).toBe(30);
    const [period] = await t.store.db.select().from(impressionPeriods);
    expect(period!.impressions).toBe(10_000);
    expect(((await (await getConfig(site.siteKey)).json()) as any).widgets).toEqual([]);
    // Batches are cut at the cap too.
    const batch = await sendEvents(
      site.siteKey,
      Array.from({ length: 10 }, () => ({ widget: widget.id, type: 'impression' })),
    );
    expect(await batch.json()).toEqual({ accepted: 0, refused: 10 });
    // The next 30-day period starts from zero.
    t.clock.advance(30 * DAY);
    expect(((await (await getConfig(site.siteKey)).json()) as any).widgets).toHaveLength(1);
    // (The session of 30 days ago has expired: sign in again.)
    const fresh = await signIn(t, 'owner@example.ru');
    expect(fresh.accountId).toBe(s.accountId);
    const usage = (await (await fresh.request('GET', '/api/usage')).json()) as any;
    expect(usage.impressions).toEqual({ used: 0, limit: 10_000 });
  });

  it('mails the licensee once at 80 % and once at 100 %', async () => {
    const { site, widget } = await setup('banner');
    const batch = (n: number) =>
      sendEvents(
        site.siteKey,
        Array.from({ length: n }, () => ({ widget: widget.id, type: 'impression' })),
      );
    for (let i = 0; i < 160; i++) await batch(50); // 8,000
    await batch(50);
    const subjects = () =>
      t.devOutbox
        .list()
        .filter((m) => m.to === 'owner@example.ru' && /показов/.test(m.subject))
        .map((m) => m.subject);
    expect(subjects()).toEqual(['Widgetry: использовано 80 % показов']);
    for (let i = 0; i < 40; i++) await batch(50);
    expect(subjects()).toEqual(['Widgetry: использовано 100 % показов', 'Widgetry: использовано 80 % показов']);
  });

  it('writes those mails in the language of the dashboard at sign-in, then in the one the owner switches to', async () => {
    const s = await signIn(t, 'owner@example.com', 'en');
    const site = await createSite(s);
    const widget = (await (await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as { id: string };
    const batch = () =>
      sendEvents(
        site.siteKey,
        Array.from({ length: 50 }, () => ({ widget: widget.id, type: 'impression' })),
      );
    const mails = () => t.devOutbox.list().filter((m) => m.to === 'owner@example.com' && !/code|код/.test(m.subject));
    for (let i = 0; i < 161; i++) await batch();
    expect(mails().map((m) => m.subject)).toEqual(['Widgetry: 80 % of impressions used']);
    expect(mails()[0]!.text).toMatch(/^8000 of 10000 impressions \(80 %\) used in the current period\./);
    expect(mails()[0]!.text).toMatch(/stop being shown: http:\/\/localhost:8787\/app\/\?lang=en$/);
    expect(mails()[0]!.text).not.toMatch(/[а-яё]/i);
    // The person switched the dashboard to Russian: the next mail is in Russian.
    expect((await s.request('PATCH', '/api/me/settings', { lang: 'ru' })).status).toBe(200);
    expect((await s.request('PATCH', '/api/me/settings', { lang: 'de' })).status).toBe(422);
    for (let i = 0; i < 40; i++) await batch();
    expect(mails().map((m) => m.subject)).toEqual(['Widgetry: использовано 100 % показов', 'Widgetry: 80 % of impressions used']);
    expect(mails()[0]!.text).toMatch(/без ограничения показов: http:\/\/localhost:8787\/app\/$/);
  });

  it('answers bad event bodies with 4xx and counts nothing', async () => {
    const { site, widget } = await setup('banner');
    const raw = (body: string, type = 'text/plain') => t.app.request('/v1/events', { method: 'POST', headers: { 'content-type': type, origin: ORIGIN }, body });
    expect((await raw('{not json')).status).toBe(400);
    expect((await raw(JSON.stringify({ site: site.siteKey, events: [{ widget: widget.id, type: 'hover' }] }))).status).toBe(422);
    expect((await raw(JSON.stringify({ site: site.siteKey, events: [] }))).status).toBe(422);
    expect((await raw(JSON.stringify({ site: 42, events: 'x' }))).status).toBe(422);
    expect((await raw(JSON.stringify({ site: site.siteKey, events: Array.from({ length: 51 }, () => ({ widget: widget.id, type: 'click' })) }))).status).toBe(422);
    expect((await raw('x'.repeat(17 * 1024))).status).toBe(413);
    expect((await raw('{}', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await raw(JSON.stringify({ site: 'nosuchsite', events: [{ widget: widget.id, type: 'click' }] }))).status).toBe(404);
    expect(await t.store.db.select().from(t.store.tables.widgetDailyStats)).toHaveLength(0);
  });
});

describe('POST /v1/leads', () => {
  it('stores a lead with UTM, metadata and the consent record', async () => {
    const { s, site, widget } = await setup();
    const res = await submitLead(leadBody(site.siteKey, widget.id), { 'x-forwarded-for': '203.0.113.7' });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const list = (await (await s.request('GET', '/api/leads')).json()) as any;
    expect(list.total).toBe(1);
    const lead = list.leads[0];
    expect(lead.fields).toEqual({ name: 'Иван Петров', phone: '+79001234567', email: 'ivan@example.ru' });
    expect(lead.utm).toEqual({ utm_source: 'yandex', utm_medium: 'cpc', utm_campaign: 'autumn' });
    expect(lead).toMatchObject({ ip: '203.0.113.7', userAgent: BROWSER_UA, referrer: 'https://ya.ru/', siteId: site.id, widgetId: widget.id });
    expect(lead.consent.hash).toMatch(/^[0-9a-f]{64}$/);
    const { consentTexts, widgetDailyStats } = t.store.tables;
    const [consentText] = await t.store.db.select({ text: consentTexts.text }).from(consentTexts).where(eq(consentTexts.hash, lead.consent.hash));
    expect(consentText!.text).toContain('https://shop.example.ru/consent');
    expect(consentText!.text).toContain('https://shop.example.ru/privacy');
    const [daily] = await t.store.db.select().from(widgetDailyStats);
    expect(daily!.leads).toBe(1);
  });

  it('records the English wording for the English runtime (lang: en), the Russian one without lang', async () => {
    const { s, site, widget } = await setup();
    expect((await submitLead(leadBody(site.siteKey, widget.id, { lang: 'en' }))).status).toBe(201);
    expect((await submitLead(leadBody(site.siteKey, widget.id))).status).toBe(201);
    expect((await submitLead(leadBody(site.siteKey, widget.id, { lang: 'de' }))).status).toBe(422);
    const { leads } = (await (await s.request('GET', '/api/leads')).json()) as { leads: { consent: { hash: string }; createdAt: number }[] };
    expect(leads).toHaveLength(2);
    const { consentTexts } = t.store.tables;
    const recorded = async (hash: string) => (await t.store.db.select({ text: consentTexts.text }).from(consentTexts).where(eq(consentTexts.hash, hash)))[0]!.text;
    const texts = await Promise.all(leads.map((l) => recorded(l.consent.hash)));
    expect(texts.sort()).toEqual([
      'I consent to the processing of my personal data. Consent: https://shop.example.ru/consent. Privacy policy: https://shop.example.ru/privacy.',
      'Я даю согласие на обработку моих персональных данных. Согласие: https://shop.example.ru/consent. Политика конфиденциальности: https://shop.example.ru/privacy.',
    ]);
  });

  it('records the label the English runtime says it showed; one none of ours showed is refused and nothing stored', async () => {
    const { s, site, widget } = await setup();
    expect((await submitLead(leadBody(site.siteKey, widget.id, { lang: 'en', consentLabel: 'I consent to the processing of my personal data' }))).status).toBe(201);
    for (const shown of [
      { lang: 'en', consentLabel: 'I agree to anything' },
      { lang: 'en', consentLabel: 'Я даю согласие на обработку моих персональных данных' },
      { consentLabel: 'I consent to the processing of my personal data' },
    ]) {
      const res = await submitLead(leadBody(site.siteKey, widget.id, shown));
      expect(res.status, JSON.stringify(shown)).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('consent_required');
    }
    const { leads } = (await (await s.request('GET', '/api/leads')).json()) as { leads: { consent: { hash: string } }[] };
    expect(leads).toHaveLength(1);
    const { consentTexts, widgetDailyStats } = t.store.tables;
    expect((await t.store.db.select({ text: consentTexts.text }).from(consentTexts)).map((r) => r.text)).toEqual([
      'I consent to the processing of my personal data. Consent: https://shop.example.ru/consent. Privacy policy: https://shop.example.ru/privacy.',
    ]);
    expect((await t.store.db.select().from(widgetDailyStats))[0]!.leads).toBe(1);
  });

  it('keeps personal data out of the logs', async () => {
    const { site, widget } = await setup();
    await submitLead(leadBody(site.siteKey, widget.id));
    await submitLead(leadBody(site.siteKey, widget.id, { fields: { name: 'Иван Петров', phone: 'bad' } }));
    const logs = t.logLines.join('\n');
    // The phone as typed and as stored: its whole digits, not a fragment such as "900", which a
    // log line's millisecond timestamp can hold by chance.
    for (const pd of ['Иван', '123-45-67', '9001234567', 'ivan@example.ru', '10.2.0']) expect(logs).not.toContain(pd);
  });

  it('refuses bad submissions with 4xx and stores nothing', async () => {
    const { site, widget } = await setup();
    const cases: [Record<string, unknown> | string, number, string][] = [
      ['{"site":', 400, 'invalid_json'],
      [leadBody(site.siteKey, widget.id, { consent: false }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { consent: undefined }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { fields: { name: 'Иван', phone: '12' } }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { fields: { name: '', phone: '+79001234567' } }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { fields: { name: 'Иван', phone: '+79001234567', email: 'not-mail' } }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { fields: { name: 'Иван', phone: '+79001234567', passport: '1234' } }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { fields: { name: 42, phone: '+79001234567' } }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { elapsedMs: 'slow' }), 422, 'validation_failed'],
      [leadBody(site.siteKey, widget.id, { hp: 'http://spam.example' }), 422, 'spam_rejected'],
      [leadBody(site.siteKey, widget.id, { elapsedMs: 300 }), 422, 'spam_rejected'],
      [leadBody(site.siteKey, 'wdg_nosuchwidget'), 404, 'not_found'],
      [leadBody('nosuchsitekey', widget.id), 404, 'not_found'],
      [leadBody(site.siteKey, widget.id, { fields: { name: 'x'.repeat(17 * 1024) } }), 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const res = await submitLead(body);
      const error = ((await res.json()) as any).error;
      expect([JSON.stringify(body).slice(0, 80), res.status, error.code]).toEqual([JSON.stringify(body).slice(0, 80), status, code]);
    }
    const problems = ((await (await submitLead(leadBody(site.siteKey, widget.id, { fields: { name: 'Иван', phone: '12' } }))).json()) as any).error.details.fields;
    expect(problems).toEqual([{ field: 'phone', problem: 'phone', message: expect.stringContaining('международном') }]);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
  });

  it('a heuristic refusal says when to send again, and the owner sees a count per widget, day and reason, without personal data', async () => {
    const { s, site, widget } = await setup();
    // LEAD_MIN_FILL_MS is 1000 in tests: 300 ms is 700 short, rounded up to whole seconds.
    const fast = await submitLead(leadBody(site.siteKey, widget.id, { elapsedMs: 300 }));
    expect(((await fast.json()) as any).error).toMatchObject({ code: 'spam_rejected', details: { reason: 'too_fast', retryInMs: 1000 } });
    const trap = await submitLead(leadBody(site.siteKey, widget.id, { hp: 'autofilled' }));
    expect(((await trap.json()) as any).error).toMatchObject({ code: 'spam_rejected', details: { reason: 'honeypot', retryInMs: 3000 } });
    await submitLead(leadBody(site.siteKey, widget.id, { elapsedMs: 10 }));
    // Sent again after the wait (as the runtime does), it is taken.
    expect((await submitLead(leadBody(site.siteKey, widget.id, { elapsedMs: 1300 }))).status).toBe(201);

    const refused = (await (await s.request('GET', '/api/stats/refused')).json()) as any;
    expect(refused.refused).toEqual([{ day: '2026-11-01', widgetId: widget.id, widgetName: 'Lead form', tooFast: 2, honeypot: 1 }]);
    const [daily] = await t.store.db.select().from(t.store.tables.widgetDailyStats);
    expect(daily).toMatchObject({ leads: 1, refusedTooFast: 2, refusedHoneypot: 1 });
    // Another account sees none of it.
    const other = await signIn(t, 'other@example.ru');
    expect(((await (await other.request('GET', '/api/stats/refused')).json()) as any).refused).toEqual([]);
  });

  it("refuses leads from other origins and for another account's widget", async () => {
    const { site, widget } = await setup();
    const other = await signIn(t, 'other@example.ru');
    const otherSite = await createSite(other, ['other.example.ru']);
    expect((await submitLead(leadBody(site.siteKey, widget.id), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await submitLead(leadBody(otherSite.siteKey, widget.id), { origin: 'https://other.example.ru' })).status).toBe(404);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
  });

  it('rate-limits per IP and per widget', async () => {
    const { site, widget } = await setup();
    const sameIp = { 'x-forwarded-for': '198.51.100.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submitLead(leadBody(site.siteKey, widget.id), sameIp)).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    const perWidget: number[] = [];
    for (let i = 0; i < 55; i++) perWidget.push((await submitLead(leadBody(site.siteKey, widget.id))).status);
    // 10 already stored; the widget takes 60 a minute.
    expect(perWidget.filter((s) => s === 201)).toHaveLength(50);
    expect(perWidget.at(-1)).toBe(429);
  });

  it('takes hidden field values from the widget, not the page', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    const input = formWidgetInput(site.id) as any;
    input.content.fields.push({ key: 'campaign', kind: 'hidden', label: 'campaign', value: 'autumn' });
    const w = (await (await s.request('POST', '/api/widgets', input)).json()) as any;
    await submitLead(leadBody(site.siteKey, w.id, { fields: { name: 'Иван', phone: '+79001234567', campaign: 'forged' } }));
    const lead = ((await (await s.request('GET', '/api/leads')).json()) as any).leads[0];
    expect(lead.fields.campaign).toBe('autumn');
  });
});
