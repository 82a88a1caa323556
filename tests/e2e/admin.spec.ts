// The operator runs the platform from the browser: finds an account, blocks a widget with a
// reason (the host page stops getting it, the licensee sees why), changes a price, creates a
// promo code, marks an invoice paid, and handles a complaint sent through the public form.
// A licensee gets no admin navigation and the API refuses them. axe on every admin page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { bannerWidgetInput } from '../../server/src/testing/widget-inputs.js';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { closeAll, desktopPage, launchBrowser } from './support/browser.js';
import { eventually, fillIn, screenshot, seriousViolations, signUp, tabTo } from './support/dashboard.js';
import { startPlatform, type Platform } from './support/platform.js';

const OPS = 'ops@widgetry.test';
const OWNER = 'owner@shop.example';
const REASON = 'Нарушение прав на товарный знак';
const requisites = { name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', address: 'Москва, ул. Вавилова, 19' };

let platform: Platform;
let browser: BrowserContext;
let page: Page;
let owner: ApiSession;
let siteKey: string;
let widgetId: string;

/** Served widgets of the owner's site, as the loader on shop.example.ru asks for them. */
const served = async () => {
  const res = await fetch(`${platform.url}/v1/sites/${siteKey}/config`, { headers: { origin: 'https://shop.example.ru' } });
  return ((await res.json()) as { widgets: unknown[] }).widgets.length;
};

async function scan(name: string) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => {});
  // Each test answers for the pages it scanned (not a list that only the last test checks).
  expect(await seriousViolations(page), name).toEqual([]);
}

async function adminTab(name: string) {
  await page.getByRole('navigation', { name: 'Разделы администрирования' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform({ OPERATOR_EMAILS: OPS }), launchBrowser()]);
  page = await desktopPage(browser);
  owner = await apiSignIn(platform.url, OWNER);
  const site = await owner.request('POST', '/api/sites', { name: 'Shop', domains: ['shop.example.ru'] });
  siteKey = site.body.siteKey;
  const widget = await owner.request('POST', '/api/widgets', bannerWidgetInput(site.body.id));
  expect(widget.status).toBe(201);
  widgetId = widget.body.id;
  // A company asks for an invoice (method 2); without YooKassa the operator confirms payments.
  expect((await owner.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites })).status).toBe(201);
}, 60_000);

afterAll(() => closeAll(browser, platform));

describe('operator admin', () => {
  it('the operator signs in and sees the admin section with platform totals', async () => {
    await signUp(page, platform.url, OPS);
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Администрирование' }).click();
    await page.getByRole('heading', { level: 1, name: 'Администрирование' }).waitFor();
    const totals = page.getByRole('region', { name: 'Итоги платформы' });
    await totals.getByText('Аккаунтов').waitFor();
    expect(await totals.textContent()).toContain('Активных виджетов1');
    await scan('overview');
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Prices and promo codes' }).waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Администрирование' }).waitFor();
  });

  it('finds the account and blocks its widget with a reason: the site stops getting it', async () => {
    expect(await served()).toBe(1);
    await adminTab('Аккаунты');
    await page.getByLabel('E-mail содержит').fill('owner@');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('link', { name: OWNER }).click();
    await page.getByRole('heading', { level: 1, name: OWNER }).waitFor();
    await scan('account');
    await page.getByRole('button', { name: 'Заблокировать виджет «Sale banner»' }).click();
    const dialog = page.getByRole('dialog');
    // A block needs a reason: an empty one is refused in place.
    await dialog.getByRole('button', { name: 'Заблокировать' }).click();
    await dialog.getByText('Не короче 3 символов.').waitFor();
    await dialog.getByLabel('Причина').fill(REASON);
    await dialog.getByRole('button', { name: 'Заблокировать' }).click();
    await page.getByRole('button', { name: 'Разблокировать виджет «Sale banner»' }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain(REASON);
    expect(await served()).toBe(0);
    await screenshot(page, 'admin-account');
  });

  it('reads the licensee leads only on request, and each read lands in the access journal', async () => {
    await page.getByText('Каждый просмотр записывается в журнал доступа', { exact: false }).waitFor();
    await page.getByText('Заявки этого аккаунта никто не просматривал.').waitFor();
    await page.getByRole('button', { name: 'Показать заявки (записать в журнал)' }).click();
    await page.getByText('Заявок нет.').waitFor();
    await page.getByText('leads page 1', { exact: false }).waitFor();
  });

  it('changes the price of Start for new periods', async () => {
    await adminTab('Цены и промокоды');
    await scan('prices');
    const start = page.getByRole('form', { name: 'Старт' });
    await start.getByLabel('Цена, ₽').fill('1490');
    await start.getByLabel('Скидка, %').fill('10');
    await start.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Цена тарифа «Старт» сохранена').waitFor();
    const catalogue = (await (await fetch(`${platform.url}/api/tariffs`)).json()) as { tariffs: { id: string; price: { rub: number; discountPercent: number } | null }[] };
    expect(catalogue.tariffs.find((x) => x.id === 'start')!.price).toEqual({ rub: 1490, discountPercent: 10 });
  });

  it('creates a promo code with a usage limit; the licensee can apply it', async () => {
    const form = page.getByRole('form', { name: 'Новый промокод' });
    await form.getByLabel('Код').fill('winter30');
    await form.getByLabel('Скидка, %').fill('30');
    await form.getByLabel('Лимит использований').fill('5');
    await form.getByRole('button', { name: 'Создать промокод' }).click();
    await page.getByRole('cell', { name: 'WINTER30 действует' }).waitFor();
    expect(await page.getByRole('row', { name: /WINTER30/ }).textContent()).toContain('0 / 5');
    const quote = await owner.request('POST', '/api/billing/quote', { tariffId: 'start', promoCode: 'WINTER30' });
    expect(quote.body).toMatchObject({ discountPercent: 30, promoCode: 'WINTER30', totalKopecks: 104_300 });
  });

  it('marks the invoice paid, which starts the licensee period', async () => {
    await adminTab('Счета');
    await scan('invoices');
    const row = page.getByRole('row', { name: /ООО «Ромашка»/ });
    expect(await row.textContent()).toContain('Ждёт оплаты');
    await row.getByRole('button', { name: 'Отметить счёт № 1 оплаченным' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отметить оплаченным' }).click();
    await page.getByText('Счёт № 1 оплачен, период начался').waitFor();
    await row.getByText('Оплачен', { exact: true }).waitFor();
    expect((await owner.request('GET', '/api/me')).body.tariff.id).toBe('start');
  });

  it('extends the paid period by hand with a reason, keyboard only', async () => {
    const before = (await owner.request('GET', '/api/billing')).body.subscription.periodEnd as number;
    await adminTab('Аккаунты');
    await page.getByRole('link', { name: OWNER }).click();
    await page.getByRole('heading', { level: 1, name: OWNER }).waitFor();
    await tabTo(page, 'Продлить период');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await tabTo(page, 'На сколько дней');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('7');
    await tabTo(page, 'Причина');
    await page.keyboard.type('Компенсация за сбой 1 декабря');
    await tabTo(page, 'Продлить');
    await page.keyboard.press('Enter');
    await page.getByText('Период продлён').waitFor();
    const after = (await owner.request('GET', '/api/billing')).body.subscription.periodEnd as number;
    expect(after - before).toBe(7 * 86_400_000);
  });

  it('switches the tariff by hand to Single; the licensee request reaches the queue and is done', async () => {
    await page.getByRole('button', { name: 'Сменить тариф' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Тариф').selectOption('single');
    await dialog.getByLabel('Причина').fill('Переход по договору');
    await dialog.getByRole('button', { name: 'Сменить тариф' }).click();
    await page.getByText('Тариф изменён').waitFor();
    expect((await owner.request('GET', '/api/me')).body.tariff.id).toBe('single');

    expect((await owner.request('POST', '/api/service-requests', { kind: 'create', description: 'Баннер новогодней распродажи на главную' })).status).toBe(201);
    await adminTab('Запросы на доработку');
    const card = page.getByRole('listitem').filter({ hasText: 'Баннер новогодней распродажи' });
    expect(await card.textContent()).toContain(OWNER);
    await card.getByLabel('Статус').selectOption('done');
    await card.getByLabel('Комментарий для лицензиата').fill('Готово, баннер в списке виджетов');
    await card.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Запрос обновлён').waitFor();
    expect((await owner.request('GET', '/api/service-requests')).body.requests[0]).toMatchObject({ status: 'done', operatorComment: 'Готово, баннер в списке виджетов' });
  });

  it('grants an Individual tariff with its own limits and price, then blocks and unblocks the account', async () => {
    await adminTab('Аккаунты');
    await page.getByRole('link', { name: OWNER }).click();
    await page.getByRole('heading', { level: 1, name: OWNER }).waitFor();
    await page.getByRole('button', { name: 'Сменить тариф' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Тариф').selectOption('individual');
    await fillIn(dialog, { 'Цена за 30 дней, ₽': '25000', 'Активных виджетов': '3', Сайтов: '2', Причина: 'Договор № 7 от 01.12.2026' });
    await dialog.getByRole('button', { name: 'Сменить тариф' }).click();
    await page.getByText(/Индивидуальный · 25[\s\u00a0]000,00[\s\u00a0]₽/).waitFor();
    expect((await owner.request('GET', '/api/me')).body.tariff).toMatchObject({ id: 'individual', limits: { activeWidgets: 3, sites: 2, impressionsPerPeriod: null } });
    // Its own price (the unused part of the paid Start period is credited against it).
    expect((await owner.request('POST', '/api/billing/quote', { tariffId: 'individual' })).body).toMatchObject({ baseKopecks: 2_500_000 });

    await page.getByRole('button', { name: 'Заблокировать аккаунт' }).click();
    await page.getByRole('dialog').getByLabel('Причина').fill('Проверка платежа');
    await page.getByRole('dialog').getByRole('button', { name: 'Заблокировать аккаунт' }).click();
    await page.getByText(/Аккаунт заблокирован .*: Проверка платежа/).waitFor();
    expect((await owner.request('GET', '/api/me')).body.blocked).toMatchObject({ reason: 'Проверка платежа' });
    await page.getByRole('button', { name: 'Разблокировать аккаунт' }).click();
    await page.getByRole('button', { name: 'Заблокировать аккаунт' }).waitFor();
    expect((await owner.request('GET', '/api/me')).body.blocked).toBeNull();
  });

  it('announces maintenance at least 24 hours ahead and deletes the notice', async () => {
    await adminTab('Объявления');
    const form = page.getByRole('form', { name: 'Новое объявление' });
    await form.getByLabel('Заголовок', { exact: true }).fill('Плановые работы');
    await form.getByLabel('Текст', { exact: true }).fill('Кабинет будет недоступен 30 минут.');
    // The English version, for licensees whose dashboard and mails are in English.
    await form.getByLabel('Заголовок по-английски').fill('Planned maintenance');
    await form.getByLabel('Текст по-английски').fill('The dashboard will be unavailable for 30 minutes.');
    const soon = new Date(Date.now() + 2 * 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await form.getByLabel('Начало (ваше местное время)').fill(`${soon.getFullYear()}-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}T${pad(soon.getHours())}:${pad(soon.getMinutes())}`);
    await form.getByRole('button', { name: 'Опубликовать' }).click();
    await form.getByRole('alert').getByText('Не позже чем за 24 часа до начала работ.').waitFor();
    const later = new Date(Date.now() + 30 * 3_600_000);
    await form.getByLabel('Начало (ваше местное время)').fill(`${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:00`);
    const published = page.waitForResponse((r) => r.url().endsWith('/api/admin/notices') && r.request().method() === 'POST' && r.status() === 201);
    await form.getByRole('button', { name: 'Опубликовать' }).click();
    expect(await (await published).json()).toMatchObject({ title: 'Плановые работы', titleEn: 'Planned maintenance', bodyEn: 'The dashboard will be unavailable for 30 minutes.' });
    await page.getByText('Объявление опубликовано').waitFor();
    const card = page.getByRole('listitem').filter({ hasText: 'Кабинет будет недоступен 30 минут.' });
    await card.getByRole('button', { name: 'Удалить' }).click();
    await page.getByText('Объявление удалено').waitFor();
    await page.getByText('Объявлений нет.').waitFor();
  });

  it('receives a complaint from the public form (no sign-in) and handles it within the deadline', async () => {
    // A stranger's browser: a profile of its own, no session cookie.
    const visitor = await launchBrowser();
    const pub = await visitor.newPage();
    try {
      await pub.goto(`${platform.url}/app/abuse`);
      await pub.getByRole('heading', { level: 1, name: 'Жалоба на виджет' }).waitFor();
      expect(await seriousViolations(pub), 'abuse form').toEqual([]);
      await pub.getByRole('button', { name: 'English' }).click();
      await pub.getByRole('heading', { level: 1, name: 'Report a widget' }).waitFor();
      await pub.getByRole('button', { name: 'Русский' }).click();
      await pub.getByRole('button', { name: 'Отправить жалобу' }).click();
      await pub.getByText('Заполните поле.').first().waitFor();
      await fillIn(pub, {
        'Адрес страницы с виджетом': 'https://shop.example.ru/sale',
        'Какое право нарушено': 'Исключительное право на фотографию',
        Доказательства: 'Оригинал опубликован 01.10.2026 по адресу https://photo.example/1',
        'Чего вы просите': 'Удалить баннер с фотографией',
        'Ваши контакты': 'Анна, author@photo.example',
      });
      await pub.getByRole('button', { name: 'Отправить жалобу' }).click();
      await pub.getByText(/Жалоба abuse_\S+ принята/).waitFor();
      expect(await pub.getByRole('navigation', { name: 'Разделы кабинета' }).count()).toBe(0);
    } finally {
      await visitor.close();
    }

    await adminTab('Жалобы');
    await scan('abuse');
    await screenshot(page, 'admin-abuse');
    const card = page.getByRole('listitem').filter({ hasText: 'Исключительное право на фотографию' });
    expect(await card.textContent()).toMatch(/осталось 30 дней|остался 30 день/);
    expect(await card.textContent()).toContain('author@photo.example');
    await card.getByLabel('Статус').selectOption('resolved');
    await card.getByLabel('Решение').fill('Виджет заблокирован');
    await card.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Жалоба обновлена').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Исключительное право на фотографию' }).getByText('Удовлетворена', { exact: true }).first().waitFor();
  });

  it('the other admin pages pass axe, on a desktop and on a 375 px phone', async () => {
    await adminTab('Запросы на доработку');
    await scan('requests');
    await adminTab('Объявления');
    await scan('notices');
    await adminTab('Аккаунты');
    await page.getByRole('link', { name: OWNER }).click();
    await page.getByRole('button', { name: 'Сменить тариф' }).click();
    await page.getByRole('dialog').getByLabel('Тариф').selectOption('individual');
    await page.getByRole('dialog').getByText('Условия индивидуального тарифа').waitFor();
    expect(await seriousViolations(page), 'tariff dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${platform.url}/app/admin/invoices`);
    await scan('invoices 375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.goto(`${platform.url}/app/admin/accounts`);
    await scan('accounts 375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'admin-accounts-375');
    await page.goto(`${platform.url}/app/admin/accounts/${owner.accountId}`);
    await scan('account 375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'admin-account-375');
    await page.goto(`${platform.url}/app/admin/prices`);
    await scan('prices 375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'admin-prices-375');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('a licensee', () => {
  it('has no admin navigation, cannot open the section, the API refuses, and sees why the widget is off', async () => {
    await browser.clearCookies();
    await signUp(page, platform.url, OWNER);
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Виджеты', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Администрирование' }).count()).toBe(0);
    await page.goto(`${platform.url}/app/admin/accounts`);
    await page.getByText('Раздел доступен только оператору платформы.').waitFor();
    expect((await owner.request('GET', '/api/admin/accounts')).status).toBe(403);
    expect((await owner.request('PUT', `/api/admin/widgets/${widgetId}/block`, { blocked: false })).status).toBe(403);

    await page.goto(`${platform.url}/app/widgets`);
    await page.getByText(REASON).waitFor();
    await eventually(served, (n) => n === 0, 'the blocked widget stays off');
  });
});
