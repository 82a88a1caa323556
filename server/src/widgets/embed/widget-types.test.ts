// Every widget type through the API: activation rules, what the config carries for the loader
// and runtime (rules on the wire, messenger links, timer instants), and leads of the types that
// collect them.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, formWidgetInput, setTariff, signIn, type Session } from '../../testing/harness.js';

const t = appPerTest();

const ORIGIN = 'https://shop.example.ru';
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const LINKS = { consentUrl: 'https://shop.example.ru/consent', privacyUrl: 'https://shop.example.ru/privacy' };

async function start(tariff = 'advanced') {
  const s = await signIn(t, 'owner@example.ru');
  await setTariff(t, s.accountId, tariff);
  const site = await createSite(s);
  return { s, site };
}

const create = async (s: Session, body: Record<string, unknown>) => {
  const res = await s.request('POST', '/api/widgets', body);
  return { status: res.status, body: (await res.json()) as any };
};

const config = async (siteKey: string) => (await (await t.app.request(`/v1/sites/${siteKey}/config`, { headers: { origin: ORIGIN } })).json()) as any;

let ip = 1;
const submit = (site: string, widget: string, fields: Record<string, unknown>) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': `10.9.0.${ip++}` },
    body: JSON.stringify({ site, widget, fields, consent: true, elapsedMs: 5000, page: 'https://shop.example.ru/' }),
  });

const popupWithForm = (siteId: string) => ({
  type: 'popup',
  name: 'Промокод',
  siteId,
  active: true,
  content: { title: 'Подарок', fields: [{ key: 'email', kind: 'email', label: 'E-mail', required: true }], ...LINKS },
  rules: { trigger: { kind: 'exit' }, frequency: { kind: 'days', days: 7, stopAfterSubmit: true } },
});
const callback = (siteId: string) => ({ type: 'callback', name: 'Звонок', siteId, active: true, content: { ...LINKS } });
const quiz = (siteId: string) => ({
  type: 'quiz',
  name: 'Квиз',
  siteId,
  active: true,
  content: {
    title: 'Подбор',
    questions: [
      { key: 'room', text: 'Что ремонтируем?', options: ['Квартиру', 'Дом'] },
      { key: 'area', text: 'Площадь?', options: ['До 40 м²', 'Больше'] },
    ],
    fields: [{ key: 'phone', kind: 'phone', label: 'Телефон', required: true }],
    ...LINKS,
  },
});

describe('activation', () => {
  it('Free refuses the new types with type_not_in_tariff; Start allows them', async () => {
    const { s, site } = await start('free');
    const refused = await create(s, callback(site.id));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'type_not_in_tariff', details: { upgradeTo: 'start' } });
    await setTariff(t, s.accountId, 'start');
    expect((await create(s, callback(site.id))).status).toBe(201);
  });

  it('types that collect personal data need the consent and privacy links; the others do not', async () => {
    const { s, site } = await start();
    const noLinks = (body: any) => ({ ...body, content: { ...body.content, consentUrl: undefined, privacyUrl: undefined } });
    for (const body of [popupWithForm(site.id), callback(site.id), quiz(site.id)]) {
      const res = await create(s, noLinks(body));
      expect(res.status, body.type).toBe(422);
      expect(res.body.error.code).toBe('widget_not_ready');
    }
    // A popup without a form collects nothing.
    const message = await create(s, { type: 'popup', name: 'Объявление', siteId: site.id, active: true, content: { title: 'Мы открылись', text: 'Ждём вас' } });
    expect(message.status).toBe(201);
    expect(message.body).toMatchObject({ position: 'center', content: { fields: [] } });
    const messengers = await create(s, { type: 'messengers', name: 'M', siteId: site.id, active: true, content: { channels: [{ kind: 'telegram', value: '@tea_shop' }] } });
    expect(messengers.status).toBe(201);
  });

  it('validates what each type needs', async () => {
    const { s, site } = await start();
    const bad = [
      { ...callback(site.id), content: { ...LINKS, fields: [{ key: 'name', kind: 'name', label: 'Имя' }] } }, // no phone
      { type: 'messengers', name: 'M', siteId: site.id, content: { channels: [{ kind: 'telegram', value: 'no spaces allowed' }] } },
      { type: 'messengers', name: 'M', siteId: site.id, content: { channels: [] } },
      { type: 'timer', name: 'T', siteId: site.id, content: { endsAt: '31.12.2026 23:59' } },
      { ...quiz(site.id), content: { ...quiz(site.id).content, questions: [{ key: 'phone', text: 'Q', options: ['a', 'b'] }] } }, // key clash
      { ...quiz(site.id), content: { ...quiz(site.id).content, questions: [{ key: 'q', text: 'Q', options: ['only one'] }] } },
      { ...callback(site.id), position: 'center' }, // floating buttons live in a corner
      { ...popupWithForm(site.id), rules: { trigger: { kind: 'scroll', percent: 150 } } },
      { ...popupWithForm(site.id), rules: { schedule: { from: '2026-12-01', to: '2026-11-01' } } },
      { ...popupWithForm(site.id), rules: { url: { include: [{ match: 'any', value: '' }] } } },
    ];
    for (const body of bad) expect((await create(s, body)).status, JSON.stringify(body).slice(0, 120)).toBe(422);
  });
});

describe('the config each type gets', () => {
  it('carries rules in their compact wire form, only when they differ from the defaults', async () => {
    const { s, site } = await start();
    const plain = await create(s, { ...callback(site.id) });
    const ruled = await create(s, {
      ...popupWithForm(site.id),
      urlRule: { match: 'starts_with', value: '/catalog' },
      rules: {
        url: { include: [{ match: 'contains', value: 'sale' }], exclude: [{ match: 'equals', value: '/cart' }] },
        device: 'mobile',
        trigger: { kind: 'scroll', percent: 60 },
        frequency: { kind: 'session', days: 1, stopAfterSubmit: true },
        schedule: { from: '2026-11-01', weekdays: [6, 7, 6], hours: { from: '10:00', to: '20:00' } },
        utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }],
        referrer: [{ match: 'contains', value: 'yandex.' }],
      },
    });
    expect(ruled.status).toBe(201);
    const cfg = await config(site.siteKey);
    const byId = Object.fromEntries(cfg.widgets.map((w: any) => [w.id, w]));
    expect(byId[plain.body.id].rules).toBeUndefined();
    expect(byId[ruled.body.id].rules).toEqual({
      // The legacy single rule joins the include list: one shape for the loader.
      url: [
        { match: 'contains', value: 'sale' },
        { match: 'starts_with', value: '/catalog' },
      ],
      notUrl: [{ match: 'equals', value: '/cart' }],
      device: 'mobile',
      scroll: 60,
      session: 1,
      once: 1,
      from: '2026-11-01',
      weekdays: [6, 7],
      hours: ['10:00', '20:00'],
      utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }],
      ref: [{ match: 'contains', value: 'yandex.' }],
    });
    // A schedule needs the site's zone; the default zone is Moscow.
    expect(cfg.tz).toBe('Europe/Moscow');
  });

  it('sends no time zone when no widget has a schedule, and the site analytics settings', async () => {
    const { s, site } = await start();
    await create(s, callback(site.id));
    expect((await config(site.siteKey)).tz).toBeUndefined();
    expect((await config(site.siteKey)).dataLayer).toBeUndefined();
    const patched = await s.request('PATCH', `/api/sites/${site.id}`, { dataLayer: true, metrikaCounterId: 98765432 });
    expect(patched.status).toBe(200);
    const cfg = await config(site.siteKey);
    expect(cfg).toMatchObject({ dataLayer: true, metrika: 98765432 });
  });

  it('serves widgets stored before display rules existed (a legacy urlRule only)', async () => {
    const { s, site } = await start();
    const w = await create(s, callback(site.id));
    const { widgets } = t.store.tables;
    const [row] = await t.store.db.select().from(widgets).where(eq(widgets.id, w.body.id));
    const { rules: _dropped, ...legacy } = row!.definition as any;
    await t.store.db
      .update(widgets)
      .set({ definition: { ...legacy, urlRule: { match: 'equals', value: '/contacts' } } })
      .where(eq(widgets.id, w.body.id));
    expect((await config(site.siteKey)).widgets[0].rules).toEqual({ url: [{ match: 'equals', value: '/contacts' }] });
  });

  it('messengers: the server builds the links; the runtime gets https: and tel: only', async () => {
    const { s, site } = await start();
    const res = await create(s, {
      type: 'messengers',
      name: 'M',
      siteId: site.id,
      active: true,
      content: {
        channels: [
          { kind: 'telegram', value: 'https://t.me/tea_shop' },
          { kind: 'whatsapp', value: '8 (900) 123-45-67' },
          { kind: 'vk', value: 'vk.com/teashop', label: 'Мы ВКонтакте' },
          { kind: 'max', value: 'https://max.ru/u/f9LHodD0cOI' },
          { kind: 'phone', value: '+7 900 123-45-67' },
        ],
      },
    });
    expect(res.status).toBe(201);
    const w = (await config(site.siteKey)).widgets[0];
    expect(w.content).toEqual({
      buttonText: 'Написать нам',
      title: '',
      channels: [
        { kind: 'telegram', href: 'https://t.me/tea_shop', label: 'Telegram' },
        { kind: 'whatsapp', href: 'https://wa.me/79001234567', label: 'WhatsApp' },
        { kind: 'vk', href: 'https://vk.me/teashop', label: 'Мы ВКонтакте' },
        { kind: 'max', href: 'https://max.ru/u/f9LHodD0cOI', label: 'Max' },
        { kind: 'phone', href: 'tel:+79001234567', label: 'Позвонить' },
      ],
    });
    // Only what the runtime draws: the raw values stay on the server.
    expect(JSON.stringify(w)).not.toContain('8 (900)');
  });

  it('timer: the end is an instant resolved in the site zone; a run-out timer is not sent', async () => {
    const { s, site } = await start();
    await s.request('PATCH', `/api/sites/${site.id}`, { timezone: 'Asia/Yekaterinburg' });
    // The test clock is 2026-11-01 09:00 UTC.
    const soon = await create(s, { type: 'timer', name: 'T', siteId: site.id, active: true, content: { title: 'До конца акции', endsAt: '2026-11-02T00:00' } });
    const past = await create(s, { type: 'timer', name: 'T2', siteId: site.id, active: true, content: { endsAt: '2026-11-01T13:59' } });
    expect([soon.status, past.status]).toEqual([201, 201]);
    const cfg = await config(site.siteKey);
    expect(cfg.widgets.map((w: any) => w.id)).toEqual([soon.body.id]);
    // Midnight in Yekaterinburg (UTC+5) is 19:00 UTC the day before.
    expect(cfg.widgets[0]).toMatchObject({ type: 'timer', position: 'top-bar', content: { title: 'До конца акции', end: Date.UTC(2026, 10, 1, 19, 0) } });
    expect(cfg.widgets[0].content.endsAt).toBeUndefined();
  });

  it('lead-collecting types carry the consent wording; every widget the text colour for its accent', async () => {
    const { s, site } = await start();
    await create(s, popupWithForm(site.id));
    await create(s, { ...quiz(site.id), colors: { background: '#ffffff', text: '#111111', accent: '#ffd60a' } });
    const [popup, q] = (await config(site.siteKey)).widgets;
    expect(popup).toMatchObject({ type: 'popup', consentText: expect.stringContaining('согласие'), colors: { onAccent: '#fff' } });
    expect(q).toMatchObject({ type: 'quiz', consentText: expect.stringContaining('согласие'), colors: { onAccent: '#111' } });
  });
});

describe('leads from the new types', () => {
  it('popup, callback and quiz take leads; quiz answers are checked like any select', async () => {
    const { s, site } = await start();
    const p = (await create(s, popupWithForm(site.id))).body;
    const c = (await create(s, callback(site.id))).body;
    const q = (await create(s, quiz(site.id))).body;
    expect((await submit(site.siteKey, p.id, { email: 'ivan@example.ru' })).status).toBe(201);
    expect((await submit(site.siteKey, c.id, { name: 'Иван', phone: '+7 900 123-45-67' })).status).toBe(201);
    expect((await submit(site.siteKey, q.id, { room: 'Дом', area: 'Больше', phone: '+79001234567' })).status).toBe(201);
    const notAnOption = await submit(site.siteKey, q.id, { room: 'Замок', area: 'Больше', phone: '+79001234567' });
    expect(notAnOption.status).toBe(422);
    const unanswered = await submit(site.siteKey, q.id, { area: 'Больше', phone: '+79001234567' });
    expect(unanswered.status).toBe(422);
    const leads = ((await (await s.request('GET', '/api/leads')).json()) as any).leads;
    expect(leads.map((l: any) => l.fields)).toEqual(
      expect.arrayContaining([{ email: 'ivan@example.ru' }, { name: 'Иван', phone: '+79001234567' }, { room: 'Дом', area: 'Больше', phone: '+79001234567' }]),
    );
    // Submits are counted per widget per day with the stored lead (the "leads" counter).
    const counted = await t.store.db.select().from(t.store.tables.widgetDailyStats);
    expect(Object.fromEntries(counted.map((r) => [r.widgetId, r.leads]))).toEqual({ [p.id]: 1, [c.id]: 1, [q.id]: 1 });
  });

  it('types that collect nothing take no leads', async () => {
    const { s, site } = await start();
    const message = (await create(s, { type: 'popup', name: 'P', siteId: site.id, active: true, content: { title: 'Привет' } })).body;
    const m = (await create(s, { type: 'messengers', name: 'M', siteId: site.id, active: true, content: { channels: [{ kind: 'phone', value: '+79001234567' }] } })).body;
    for (const id of [message.id, m.id]) expect((await submit(site.siteKey, id, { email: 'x@example.ru' })).status).toBe(404);
  });

  it('a submit beacon counts the funnel’s "submitted" step, never a lead: leads are counted when stored', async () => {
    const { s, site } = await start();
    const f = (await create(s, formWidgetInput(site.id))).body;
    const res = await t.app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': BROWSER_UA },
      body: JSON.stringify({ site: site.siteKey, events: [{ widget: f.id, type: 'submit' }] }),
    });
    expect(res.status).toBe(202);
    const [daily] = await t.store.db.select().from(t.store.tables.widgetDailyStats);
    expect(daily).toMatchObject({ submits: 1, leads: 0 });
  });
});
