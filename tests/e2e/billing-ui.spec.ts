// Money through the dashboard alone, in Chromium: a Free licensee picks Start on the tariff
// page, pays on the (fake, local) YooKassa confirmation page and comes back to a return page
// that asks our API; a cancelled payment is explained in words; autopay needs the ticked
// consent; a company's requisites are checked in the browser before an invoice is issued;
// service requests, account deletion; axe and 375 px on every billing page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import type { AppDeps } from '../../server/src/deps.js';
import { systemClock } from '../../server/src/platform/lib/clock.js';
import type { FakeYooKassa } from '../support/fakes/yookassa.js';
import { startPayingPlatform, type PayingPlatform } from './support/paying-platform.js';
import { closeAll, desktopPage, launchBrowser } from './support/browser.js';
import { fillIn, screenshot, seriousViolations, signUp } from './support/dashboard.js';

const EMAIL = 'ui-buyer@shop.example';

let platform: PayingPlatform;
let url: string;
let deps: AppDeps;
let fake: FakeYooKassa;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  // The real clock: this spec never moves time, and the browser's "days left" uses its own.
  platform = await startPayingPlatform(systemClock);
  ({ url, deps, fake } = platform);
  browser = await launchBrowser();
  page = await desktopPage(browser);
}, 60_000);

afterAll(() => closeAll(browser, platform));

async function noSeriousViolations(name: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), name).toEqual([]);
}

const goto = async (path: string, heading: string | RegExp) => {
  await page.goto(`${url}/app${path}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
};

describe('paying through the dashboard', () => {
  it('a Free licensee chooses Start on the tariff page, pays on the confirmation page and sees "paid" and the new tariff', { timeout: 90_000 }, async () => {
    await signUp(page, url, EMAIL);
    await goto('/tariff', 'Тариф и лимиты');
    await page.getByRole('link', { name: 'Перейти на тариф «Старт»' }).click();
    await page.getByRole('heading', { name: 'Оплата', level: 1 }).waitFor();
    expect(await page.getByLabel('Тариф', { exact: true }).inputValue()).toBe('start');
    await page.locator('.quote').getByText('К оплате', { exact: true }).waitFor();
    expect(await page.locator('.quote').textContent()).toMatch(/990,00/);
    // The autopay consent box names the amount, the frequency and how to switch it off.
    const consent = page.getByRole('checkbox', { name: /автоматическое списание 990,00.*каждые 30 дней.*отключить в любой момент/ });
    await consent.check();
    await noSeriousViolations('billing page');
    await page.getByRole('button', { name: 'Перейти к оплате' }).click();

    await page.waitForURL((u) => u.href.startsWith(fake.origin));
    await page.getByRole('button', { name: 'Оплатить' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${url}/app/billing/return?payment=`));
    await page.getByText(/Оплачено\. Тариф «Старт» включён до \d/).waitFor();
    await noSeriousViolations('return page, paid');
    // The shell follows the new tariff at once.
    await page.locator('.tariff-chip').getByText('Старт').waitFor();

    await page.getByRole('link', { name: 'К оплате и истории платежей' }).click();
    const period = page.getByRole('region', { name: 'Текущий период' });
    await period.getByText('Оплачен').waitFor();
    expect(await period.textContent()).toMatch(/Осталось дней\s*30/);
    const history = page.getByRole('table');
    await history.getByText('Оплачен').waitFor();
    expect(await history.textContent()).toMatch(/Старт.*990,00/);
  });

  it('autopay: on after the consented checkout, off at any time, on again only with the box ticked', async () => {
    const card = page.getByRole('region', { name: 'Автоплатёж' });
    await card.getByText(/Автоплатёж включён\. Следующее списание: .+, 990,00/).waitFor();
    await screenshot(page, 'billing-desktop');
    await card.getByRole('button', { name: 'Выключить автоплатёж' }).click();
    await card.getByText('Автоплатёж выключен.').waitFor();

    await card.getByRole('button', { name: 'Включить автоплатёж' }).click();
    await card.getByRole('alert').getByText('Отметьте согласие с условиями автоплатежа.').waitFor();
    // Keyboard: focus the consent box and tick it with Space.
    await card.getByRole('checkbox', { name: /каждые 30 дней/ }).focus();
    await page.keyboard.press('Space');
    await card.getByRole('button', { name: 'Включить автоплатёж' }).click();
    await card.getByText(/Автоплатёж включён\. Следующее списание/).waitFor();
    await noSeriousViolations('autopay card');
  });

  it('a cancelled payment shows the reason in words and offers to pay again', { timeout: 60_000 }, async () => {
    await goto('/billing?tariff=advanced', 'Оплата');
    await page.locator('.quote').getByText('К оплате', { exact: true }).waitFor();
    // Upgrading mid-period: the server credits the unused part of Start.
    await page.getByText('Зачёт неиспользованных дней текущего тарифа').waitFor();
    await page.getByRole('button', { name: 'Перейти к оплате' }).click();
    await page.waitForURL((u) => u.href.startsWith(fake.origin));
    await page.getByRole('button', { name: 'Отменить' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${url}/app/billing/return`));
    await page.getByText('Платёж не прошёл, деньги не списаны.').waitFor();
    await page.getByText('Причина: оплата не была завершена вовремя. Начните оплату заново.').waitFor();
    await noSeriousViolations('return page, cancelled');

    // The same in English.
    await page.locator('.topbar').getByRole('button', { name: 'English' }).click();
    await page.getByText('The payment did not go through; nothing was charged.').waitFor();
    await page.getByText('Reason: the payment was not completed in time. Start again.').waitFor();
    await page.locator('.topbar').getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('button', { name: 'Оплатить ещё раз' }).waitFor();
    await page.getByRole('button', { name: 'Оплатить ещё раз' }).click();
    await page.waitForURL((u) => u.href.startsWith(fake.origin));
    await page.goBack();
  });

  it('the payments reach the notifications page too, in words and in roubles', async () => {
    await goto('/notifications', 'Уведомления');
    await page.getByText('Оплата 990,00 ₽ получена').waitFor();
    // The cancelled upgrade: its amount, and the reason in words.
    // Advanced less the unused part of Start: the credit shrinks by a kopeck every ~26 s of the
    // period, so a slow run may see 1 000,02 ₽ or more. (\s: the amount's spaces are no-break ones.)
    await page.getByText(/Платёж 1\s000,\d\d\s₽ не прошёл/).waitFor();
    await page.getByText('Причина: оплата не была завершена вовремя', { exact: false }).waitFor();
    // A sentence that ends with a date has one full stop (Russian dates used to end in "г.").
    expect(await page.locator('main').textContent()).not.toContain('..');
    await noSeriousViolations('notifications with payments');
  });

  it('the requisites form rejects a bad INN in the browser and issues an invoice for a good one, with its PDF', async () => {
    await goto('/billing/invoices', 'Счета для компаний');
    let posted = 0;
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/api/billing/invoices') && posted++));
    await fillIn(page, { 'Название организации или ИП': 'ООО «Ромашка»', ИНН: '7707083894', КПП: '773601001', 'ОГРН или ОГРНИП': '1027700132195', 'Юридический адрес': 'Москва, ул. Вавилова, 19' });
    await page.getByRole('button', { name: 'Выставить счёт' }).click();
    await page.getByText('ИНН указан с ошибкой: проверьте цифры.').waitFor();
    expect(await page.getByLabel('ИНН').getAttribute('aria-invalid')).toBe('true');
    expect(posted).toBe(0);
    await noSeriousViolations('invoices page with an error');

    await page.getByLabel('ИНН').fill('7707083893');
    await page.getByRole('button', { name: 'Выставить счёт' }).click();
    const row = page.getByRole('row', { name: /Счёт № 1/ });
    await row.waitFor();
    expect(posted).toBe(1);
    expect(await row.textContent()).toMatch(/ООО «Ромашка».*990,00.*Ожидает оплаты.*Акт — после окончания периода/);
    const pdfHref = await row.getByRole('link', { name: 'Счёт № 1, PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${url}${pdfHref}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const html = await page.request.get(`${url}${await row.getByRole('link', { name: 'Счёт № 1', exact: true }).getAttribute('href')}`);
    expect(await html.text()).toContain('Счёт № 1');
  });

  it('service requests: not in the navigation on Start and explained when opened by address; a request within the weekly quota on Single', async () => {
    const servicesInNav = () => page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Запросы на доработку' }).count();
    await goto('/services', 'Запросы на доработку');
    await page.getByText('На вашем тарифе запросов на доработку нет: они входят в тарифы «Одиночный», «Многофункциональный» и «Сетевой».', { exact: false }).waitFor();
    // What each of those tariffs gives, and a way to switch to it.
    const single = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Одиночный' }) });
    expect(await single.textContent()).toContain('Обновление виджетов 1 раз в неделю');
    await single.getByRole('link', { name: 'Перейти на тариф «Одиночный»' }).waitFor();
    expect(await servicesInNav()).toBe(0);
    await noSeriousViolations('services, unavailable');

    const { accounts } = deps.store.tables;
    await deps.store.db.update(accounts).set({ tariffId: 'single' }).where(eq(accounts.email, EMAIL));
    await goto('/services', 'Запросы на доработку');
    expect(await servicesInNav()).toBe(1);
    await page.getByText('Запросов за последние 7 дней: 0 из 1').waitFor();
    await page.getByLabel('Описание').fill('коротко');
    await page.getByRole('button', { name: 'Отправить запрос' }).click();
    await page.getByText('Опишите задачу подробнее (от 10 символов).').waitFor();
    await page.getByLabel('Описание').fill('Поп-ап со скидкой 10 % на первый заказ, на всех страницах каталога');
    await page.getByRole('button', { name: 'Отправить запрос' }).click();
    await page.getByText('Запросов за последние 7 дней: 1 из 1').waitFor();
    await page.getByText('Запросы на эту неделю закончились.').waitFor();
    await page.getByRole('list').getByText('Новый', { exact: true }).waitFor();
    await noSeriousViolations('services, after a request');
  });

  it('every billing page fits 375 px without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [path, heading] of [
      ['/billing', 'Оплата'],
      ['/billing/invoices', 'Счета для компаний'],
      ['/services', 'Запросы на доработку'],
      ['/account', 'Настройки аккаунта'],
      ['/tariff', 'Тариф и лимиты'],
    ] as const) {
      await goto(path, heading);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await screenshot(page, `billing-375${path.replace(/\//g, '-')}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('account settings: deleting needs the e-mail typed, says leads are destroyed and data gone within 7 days', async () => {
    await goto('/account', 'Настройки аккаунта');
    await page.getByRole('main').getByText(EMAIL, { exact: true }).waitFor();
    await noSeriousViolations('account page');
    await page.getByRole('button', { name: 'Удалить аккаунт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Удалить аккаунт' });
    await dialog.getByText('Все заявки (лиды) будут уничтожены сразу. Регистрационные данные будут удалены в течение 7 дней.').waitFor();
    // What else goes with it: the server's deletion cascades to the paid period and realtime projects.
    await dialog.getByText('Вместе с аккаунтом пропадают оплаченный период тарифа', { exact: false }).waitFor();
    expect(await dialog.textContent()).toContain('все проекты реального времени: их ключи перестают работать');
    await dialog.getByLabel('Введите ваш e-mail, чтобы подтвердить').fill('someone@else.example');
    await dialog.getByRole('button', { name: 'Удалить навсегда' }).click();
    await dialog.getByText('E-mail не совпадает с адресом аккаунта.').waitFor();
    await dialog.getByLabel('Введите ваш e-mail, чтобы подтвердить').fill(EMAIL);
    await dialog.getByRole('button', { name: 'Удалить навсегда' }).click();
    await page.getByRole('heading', { name: 'Вход в кабинет' }).waitFor();
    // The person is told it is done, not just left on the sign-in form; a reload no longer says it.
    await page.getByRole('status').getByText('Аккаунт удалён.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Вход в кабинет' }).waitFor();
    expect(await page.getByText('Аккаунт удалён.').count()).toBe(0);
    // Only this tab's own deletion says it: a link with the old query shows nothing.
    await page.goto(new URL('/app/?account-deleted', page.url()).href);
    await page.getByRole('heading', { name: 'Вход в кабинет' }).waitFor();
    expect(await page.getByText('Аккаунт удалён.').count()).toBe(0);
    const { accounts } = deps.store.tables;
    expect(await deps.store.db.select().from(accounts).where(eq(accounts.email, EMAIL))).toEqual([]);
  });
});
