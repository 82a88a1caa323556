import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../platform/lib/clock.js';
import { mailDueNotices } from '../../platform/notices/notices.js';
import { prepareBumpDaily } from '../stats/daily.js';
import { bannerWidgetInput, createSite, createTestApp, formWidgetInput, setTariff, signIn, type TestApp } from '../../testing/harness.js';
import { runMonthlyReports } from './monthly-report.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
});
afterEach(async () => t.cleanup());

const json = async (res: Response) => (await res.json()) as any;

describe('widget requests of all-inclusive tariffs', () => {
  it('Single allows one request a week, Multi two; others are told which tariff includes it', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    const ask = () => s.request('POST', '/api/service-requests', { kind: 'create', description: 'Сделайте поп-ап со скидкой 10 % на первый заказ' });
    const refused = await ask();
    expect(refused.status).toBe(403);
    expect((await json(refused)).error).toMatchObject({ code: 'limit_service_requests', details: { upgradeTo: 'single' } });

    await setTariff(t, s.accountId, 'single');
    expect((await ask()).status).toBe(201);
    expect((await json(await ask())).error.details).toMatchObject({ limit: 1 });
    t.clock.advance(7 * DAY);
    const fresh = await signIn(t, 'owner@example.ru');
    expect((await fresh.request('POST', '/api/service-requests', { kind: 'create', description: 'Ещё один баннер на главную страницу' })).status).toBe(201);

    await setTariff(t, s.accountId, 'multi');
    expect((await fresh.request('POST', '/api/service-requests', { kind: 'create', description: 'Таймер до конца распродажи' })).status).toBe(201);
    expect((await fresh.request('POST', '/api/service-requests', { kind: 'create', description: 'Таймер до конца распродажи' })).status).toBe(403);

    const ops2 = await signIn(t, 'ops@widgetry.test');
    const list = (await json(await ops2.request('GET', '/api/admin/service-requests'))).requests;
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ email: 'owner@example.ru', status: 'new' });
    const done = await ops2.request('PUT', `/api/admin/service-requests/${list[0].id}`, { status: 'done', operatorComment: 'Готово' });
    expect((await json(done)).status).toBe('done');
    expect((await fresh.request('PUT', `/api/admin/service-requests/${list[0].id}`, { status: 'done' })).status).toBe(403);
    void ops;
  });

  it('tells the operator of a new request in the language of the operator’s account', async () => {
    const s = await signIn(t, 'owner@example.ru');
    await setTariff(t, s.accountId, 'multi');
    const ops = await signIn(t, 'ops@widgetry.test', 'en');
    const site = await createSite(s);
    const widget = await json(await s.request('POST', '/api/widgets', bannerWidgetInput(site.id)));
    const ask = async (body: object) => (await json(await s.request('POST', '/api/service-requests', body))).id as string;
    const toOps = (id: string) => t.devOutbox.list().find((m) => m.to === 'ops@widgetry.test' && m.subject.includes(id))!;
    const created = await ask({ kind: 'create', description: 'Сделайте поп-ап со скидкой 10 %' });
    expect([toOps(created).subject, toOps(created).text]).toEqual([`Widgetry: widget work request ${created}`, 'A new request: a new widget. http://localhost:8787/app/admin/requests?lang=en']);
    expect((await ops.request('PATCH', '/api/me/settings', { lang: 'ru' })).status).toBe(200);
    const changed = await ask({ kind: 'change', widgetId: widget.id, description: 'Поменяйте цвет кнопки' });
    expect([toOps(changed).subject, toOps(changed).text]).toEqual([`Widgetry: запрос на доработку ${changed}`, 'Новый запрос: изменение виджета. http://localhost:8787/app/admin/requests']);
  });

  it('tells the dashboard the weekly quota and how much of it is used', async () => {
    const s = await signIn(t, 'owner@example.ru');
    expect((await json(await s.request('GET', '/api/service-requests'))).quota).toEqual({ perWeek: null, usedThisWeek: 0 });
    await setTariff(t, s.accountId, 'multi');
    await s.request('POST', '/api/service-requests', { kind: 'create', description: 'Поп-ап со скидкой на первый заказ' });
    const list = await json(await s.request('GET', '/api/service-requests'));
    expect(list.quota).toEqual({ perWeek: 2, usedThisWeek: 1 });
    expect(list.requests).toHaveLength(1);
  });

  it('validates requests and widget ownership', async () => {
    const s = await signIn(t, 'owner@example.ru');
    await setTariff(t, s.accountId, 'network');
    expect((await s.request('POST', '/api/service-requests', { kind: 'change', description: 'Поменяйте цвет кнопки' })).status).toBe(422);
    expect((await s.request('POST', '/api/service-requests', { kind: 'create', description: 'short' })).status).toBe(422);
    expect((await s.request('POST', '/api/service-requests', { kind: 'change', widgetId: 'wdg_other', description: 'Поменяйте цвет кнопки' })).status).toBe(404);
  });
});

describe('monthly reports', () => {
  it('mails one report per 30 days; the extended one has the daily series and UTM sources', async () => {
    const s = await signIn(t, 'owner@example.ru');
    await setTariff(t, s.accountId, 'multi');
    const site = await createSite(s);
    const w = await json(await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { name: 'Осенний баннер' })));
    const start = t.clock.now();
    const bumpDaily = prepareBumpDaily(t.store.db);
    await bumpDaily(s.accountId, w.id, 'impressions', 200, start + DAY, 'UTC');
    await bumpDaily(s.accountId, w.id, 'clicks', 20, start + DAY, 'UTC');
    await bumpDaily(s.accountId, w.id, 'leads', 5, start + 2 * DAY, 'UTC');
    t.clock.set(start + 29 * DAY);
    await runMonthlyReports(t.deps);
    expect(t.devOutbox.list().filter((m) => m.subject.includes('отчёт'))).toHaveLength(0);
    t.clock.set(start + 30 * DAY + HOUR);
    await runMonthlyReports(t.deps);
    await runMonthlyReports(t.deps);
    const reports = t.devOutbox.list().filter((m) => m.subject.includes('отчёт'));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.text).toContain('Осенний баннер: показы 200, клики 20, заявки 5, конверсия 2.5 %');
    expect(reports[0]!.html).toContain('По дням');
    expect(reports[0]!.html).toContain('utm_source');
  });

  it('cuts the period on the site’s days, as the statistics page does: the last evening in Moscow is in, and the heading names the zone', async () => {
    const s = await signIn(t, 'owner@example.ru');
    await setTariff(t, s.accountId, 'multi');
    const site = await createSite(s);
    const w = await json(await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { name: 'Вечерний баннер' })));
    const start = t.clock.now(); // 2026-11-01 09:00 UTC
    const runAt = start + 30 * DAY + 13 * HOUR; // 2026-12-01 22:00 UTC, already 01:00 on Dec 2 in Moscow
    // 23:30 on Dec 1 in Moscow (20:30 UTC): a UTC cut ("before Dec 1") would leave it out.
    await prepareBumpDaily(t.store.db)(s.accountId, w.id, 'impressions', 7, runAt - 90 * 60 * 1000, 'Europe/Moscow');
    t.clock.set(runAt);
    await runMonthlyReports(t.deps);
    const [report] = t.devOutbox.list().filter((m) => m.subject.includes('отчёт'));
    expect(report!.text).toContain('Вечерний баннер: показы 7');
    expect(report!.html).toContain('с 2026-11-02 по 2026-12-01 (Europe/Moscow)');
  });
  it('is written in the account’s language: English for an account whose dashboard is in English', async () => {
    const s = await signIn(t, 'owner@example.com', 'en');
    await setTariff(t, s.accountId, 'multi');
    const site = await createSite(s);
    const form = await json(await s.request('POST', '/api/widgets', formWidgetInput(site.id, { name: 'Spring form' })));
    const start = t.clock.now();
    t.clock.advance(DAY);
    const lead = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
      body: JSON.stringify({ site: site.siteKey, widget: form.id, fields: { name: 'Ann', phone: '+79031112233' }, consent: true, elapsedMs: 3000 }),
    });
    expect(lead.status).toBe(201);
    const bumpDaily = prepareBumpDaily(t.store.db);
    await bumpDaily(s.accountId, form.id, 'impressions', 40, start + DAY, 'UTC');
    // A widget deleted since still has its figures: the report names it as deleted.
    await bumpDaily(s.accountId, 'wdg_gone', 'impressions', 3, start + DAY, 'UTC');
    t.clock.set(start + 30 * DAY + HOUR);
    await runMonthlyReports(t.deps);
    const [report] = t.devOutbox.list().filter((m) => m.to === 'owner@example.com' && m.subject.includes('report'));
    expect(report!.subject).toBe('Widgetry: your 30-day report');
    expect(report!.text.split('\n').sort()).toEqual(['(deleted): impressions 3, clicks 0, leads 0, conversion 0 %', 'Spring form: impressions 40, clicks 0, leads 1, conversion 2.5 %']);
    expect(report!.html).toContain('<h2>By day</h2>');
    expect(report!.html).toContain('<tr><td>(no tag)</td><td>1</td></tr>');
    expect(report!.subject + report!.text + report!.html).not.toMatch(/[а-яё]/i);
  });
});

describe('notices', () => {
  it('maintenance shows and is mailed 24 h ahead, once; late announcements are refused', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    const now = t.clock.now();
    expect((await ops.request('POST', '/api/admin/notices', { kind: 'maintenance', title: 'Плановые работы', body: 'Кабинет будет недоступен 30 минут.', effectiveAt: now + 2 * HOUR })).status).toBe(
      422,
    );
    expect((await ops.request('POST', '/api/admin/notices', { kind: 'maintenance', title: 'Плановые работы', body: 'Кабинет будет недоступен 30 минут.', effectiveAt: now + 30 * HOUR })).status).toBe(
      201,
    );
    expect((await json(await s.request('GET', '/api/notices'))).notices).toHaveLength(0);
    await mailDueNotices(t.deps);
    expect(t.devOutbox.list().filter((m) => m.subject.includes('Плановые работы'))).toHaveLength(0);
    t.clock.advance(6 * HOUR);
    expect((await json(await s.request('GET', '/api/notices'))).notices).toMatchObject([{ kind: 'maintenance', title: 'Плановые работы' }]);
    await mailDueNotices(t.deps);
    await mailDueNotices(t.deps);
    expect(
      t.devOutbox
        .list()
        .filter((m) => m.subject.includes('Плановые работы'))
        .map((m) => m.to),
    ).toEqual(['owner@example.ru']);
    expect((await s.request('POST', '/api/admin/notices', { kind: 'documents', title: 'x', body: 'y', effectiveAt: now })).status).toBe(403);
  });

  it('is mailed in the account’s language: the operator’s English version to English accounts, else the text as written', async () => {
    await signIn(t, 'owner@example.ru');
    const en = await signIn(t, 'owner@example.com', 'en');
    const ops = await signIn(t, 'ops@widgetry.test');
    const at = Date.UTC(2026, 10, 3, 9, 0); // 12:00 in Moscow
    const announce = (body: object) => ops.request('POST', '/api/admin/notices', { kind: 'maintenance', effectiveAt: at, ...body });
    const bilingual = { title: 'Плановые работы', body: 'Кабинет будет недоступен 30 минут.', titleEn: 'Planned maintenance', bodyEn: 'The dashboard will be unavailable for 30 minutes.' };
    expect((await announce({ ...bilingual, bodyEn: undefined })).status).toBe(422);
    expect((await announce(bilingual)).status).toBe(201);
    expect((await announce({ title: 'Обновление', body: 'Только по-русски.' })).status).toBe(201);
    t.clock.set(at - 12 * HOUR);
    await mailDueNotices(t.deps);
    const to = (email: string) =>
      t.devOutbox
        .list()
        .filter((m) => m.to === email && !/code|код/.test(m.subject))
        .map((m) => [m.subject, m.text])
        .sort();
    expect(to('owner@example.com')).toEqual([
      ['Widgetry: Planned maintenance', 'The dashboard will be unavailable for 30 minutes.\n\nTakes effect: 03/11/2026, 12:00:00 (Moscow time).'],
      // No English from the operator: the text as written, deliberately, under an English line.
      ['Widgetry: Обновление', 'Только по-русски.\n\nTakes effect: 03/11/2026, 12:00:00 (Moscow time).'],
    ]);
    expect(to('owner@example.ru')).toEqual([
      ['Widgetry: Обновление', 'Только по-русски.\n\nВступает в силу: 03.11.2026, 12:00:00 (МСК).'],
      ['Widgetry: Плановые работы', 'Кабинет будет недоступен 30 минут.\n\nВступает в силу: 03.11.2026, 12:00:00 (МСК).'],
    ]);
    // The dashboard gets the English version too, and picks by its language (dashboard/src/notifications/notice-lang.ts).
    const visible = (await json(await en.request('GET', '/api/notices'))).notices as { title: string }[];
    expect(visible.find((n) => n.title === bilingual.title)).toMatchObject(bilingual);
    expect(visible.find((n) => n.title === 'Обновление')).toMatchObject({ titleEn: null, bodyEn: null });
    const copies = (await json(await en.request('GET', '/api/notifications?limit=10'))).notifications.filter((n: any) => n.kind === 'notice');
    expect(copies.map((n: any) => n.params.titleEn ?? null).sort()).toEqual(['Planned maintenance', null]);
  });
});
