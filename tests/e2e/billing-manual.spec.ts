// Upgrading without YooKassa (a newcomer's default, and many small operators'): the licensee
// presses "pay", the return page says the payment awaits a bank transfer and shows the
// operator's bank details and the invoice; the operator finds it in the admin queue, opens the
// invoice to print and marks it paid; the licensee's return page turns "paid", the tariff
// changes, and the news arrives by e-mail and as a dashboard notice. Desktop and 375 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { closeAll, desktopPage, launchBrowser } from './support/browser.js';
import { screenshot, seriousViolations, signUp } from './support/dashboard.js';
import { startPlatform, type Platform } from './support/platform.js';
import { sellerBankEnv } from '../../server/src/testing/fixtures.js';

const OPS = 'ops@widgetry.test';
const BUYER = 'buyer@shop.example';

let platform: Platform;
let browser: BrowserContext;
let page: Page;
let returnUrl = '';

beforeAll(async () => {
  // No YOOKASSA_* settings at all: every payment is manual.
  [platform, browser] = await Promise.all([startPlatform({ OPERATOR_EMAILS: OPS, ...sellerBankEnv }), launchBrowser()]);
  page = await desktopPage(browser);
}, 60_000);

afterAll(() => closeAll(browser, platform));

const outbox = async () => ((await (await fetch(`${platform.url}/dev/outbox.json`)).json()) as { mails: { to: string; subject: string; text: string }[] }).mails;

describe('paying without YooKassa', () => {
  it('"pay" leads to a return page that awaits the operator and shows the bank details and the invoice', { timeout: 90_000 }, async () => {
    await signUp(page, platform.url, BUYER);
    await page.goto(`${platform.url}/app/tariff`);
    await page.getByRole('link', { name: 'Перейти на тариф «Старт»' }).click();
    await page.getByRole('heading', { name: 'Оплата', level: 1 }).waitFor();
    await page.getByText('Онлайн-оплата не настроена').waitFor();
    // Nothing is created before "pay", and without YooKassa the page promises no card or autopay.
    const before = (await page.locator('main').textContent()) ?? '';
    expect(before).toContain('вы получите счёт с реквизитами');
    expect(before).not.toMatch(/платёж создан|ЮKassa|Автоплатёж/);
    await page.getByRole('button', { name: 'Перейти к оплате' }).click();
    await page.waitForURL((u) => u.pathname === '/app/billing/return');
    returnUrl = page.url();
    await page.getByText(/Платёж ждёт перевода/).waitFor();
    const details = page.getByRole('region', { name: 'Реквизиты для перевода' });
    const text = (await details.textContent()) ?? '';
    for (const part of ['ООО «Виджетри»', '7707083893', '773601001', 'ПАО Сбербанк', '044525225', '40702810938000000001', '30101810400000000225', '990,00', 'Оплата по счёту № pay_']) {
      expect(text).toContain(part);
    }
    // Nothing promises an automatic change any more.
    expect(await page.locator('main').textContent()).not.toContain('Страница обновится сама');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'manual-payment-return-desktop');
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'manual-payment-return-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    const invoiceHref = await details.getByRole('link', { name: 'Счёт для печати' }).getAttribute('href');
    const invoice = await page.request.get(`${platform.url}${invoiceHref}`);
    expect(invoice.status()).toBe(200);
    const printable = await invoice.text();
    expect(printable).toContain('Счёт на оплату № pay_');
    expect(printable).toContain('40702810938000000001');

    // Left the page: the payment history leads back to the bank details.
    // On a phone too: the history's rows are cards, the link on screen rather than past its edge.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${platform.url}/app/billing`);
    const back = page.getByRole('link', { name: /^Реквизиты и счёт платежа от / });
    const box = (await back.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await back.click();
    await page.waitForURL((u) => u.pathname === '/app/billing/return');
    expect(page.url()).toBe(returnUrl);
    await page.getByRole('region', { name: 'Реквизиты для перевода' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the operator finds it in the queue, opens the invoice and marks it paid', { timeout: 90_000 }, async () => {
    await browser.clearCookies();
    await signUp(page, platform.url, OPS);
    await page.goto(`${platform.url}/app/admin`);
    await page.getByRole('navigation', { name: 'Разделы администрирования' }).getByRole('link', { name: 'Ждут оплаты', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Платежи, ждущие перевода' }).waitFor();
    const row = page.locator('tr', { hasText: BUYER });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/990,00/);
    expect(await seriousViolations(page)).toEqual([]);
    const invoiceLink = row.getByRole('link', { name: /^Счёт № pay_/ });
    const [printable] = await Promise.all([browser.waitForEvent('page'), invoiceLink.click()]);
    await printable.waitForLoadState();
    expect(await printable.locator('body').textContent()).toContain('044525225');
    await printable.close();
    await screenshot(page, 'manual-payment-queue');

    await row.getByRole('button', { name: /^Отметить оплаченным счёт № pay_/ }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(BUYER);
    await dialog.getByRole('button', { name: 'Отметить оплаченным' }).click();
    await page.getByText('Ни один платёж не ждёт перевода').waitFor();
  });

  it('the licensee sees "paid" on the return page, the new tariff, an e-mail and a notice', { timeout: 90_000 }, async () => {
    await browser.clearCookies();
    await signUp(page, platform.url, BUYER);
    await page.goto(returnUrl);
    await page.getByText(/Оплачено\. Тариф «Старт» включён до \d/).waitFor();
    await page.locator('.tariff-chip').getByText('Старт').waitFor();
    const mail = (await outbox()).find((m) => m.to === BUYER && m.subject.includes('оплата получена'));
    expect(mail?.text).toContain('990,00');
    await page.goto(`${platform.url}/app/notifications`);
    await page.getByText('Оплата 990,00 ₽ получена').waitFor();
  });
});

describe('a realtime project paid without YooKassa', () => {
  it('"pay" leads to the same bank details and invoice, not to a note that leaves nothing to do', { timeout: 90_000 }, async () => {
    await browser.clearCookies();
    await page.setViewportSize({ width: 375, height: 800 });
    await signUp(page, platform.url, 'pusher@shop.example');
    await page.goto(`${platform.url}/app/realtime`);
    await page.getByRole('button', { name: 'Новый проект' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Новый проект' });
    await dialog.getByLabel('Название проекта').fill('Склад');
    await dialog.getByLabel('Тариф').selectOption('rt_start');
    await dialog.getByRole('button', { name: 'Создать проект' }).click();
    await page.getByRole('heading', { level: 1, name: 'Склад' }).waitFor();
    const projectUrl = page.url();
    await page.getByRole('button', { name: /^Оплатить 490\s₽$/ }).click();
    await page.waitForURL((u) => u.pathname === '/app/billing/return');
    await page.getByText(/Платёж ждёт перевода/).waitFor();
    const details = page.getByRole('region', { name: 'Реквизиты для перевода' });
    const text = (await details.textContent()) ?? '';
    for (const part of ['40702810938000000001', '490,00', 'проект реального времени, тариф «Лайт», 1 мес.']) expect(text).toContain(part);
    expect(await details.getByRole('link', { name: 'Счёт для печати' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'manual-payment-realtime-phone');
    await page.getByRole('link', { name: 'К проекту' }).click();
    await page.waitForURL(projectUrl);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('a server not set up for payments: no bank details, no operator', () => {
  let bare: Platform;
  beforeAll(async () => {
    bare = await startPlatform({});
  }, 60_000);
  afterAll(async () => {
    await bare?.stop();
  });

  it('the return page says plainly whom to ask and what to set, in Russian and in English, at 375 px', { timeout: 90_000 }, async () => {
    await browser.clearCookies();
    await page.setViewportSize({ width: 375, height: 800 });
    await signUp(page, bare.url, 'newcomer@shop.example');
    await page.goto(`${bare.url}/app/tariff`);
    await page.getByRole('link', { name: 'Перейти на тариф «Старт»' }).click();
    await page.getByRole('button', { name: 'Перейти к оплате' }).click();
    await page.waitForURL((u) => u.pathname === '/app/billing/return');
    const details = page.getByRole('region', { name: 'Реквизиты для перевода' });
    const note = details.getByRole('note');
    await note.waitFor();
    // Not "write to the operator" with no address: who to ask, and for whoever runs the server, what to set.
    const said = (await note.textContent()) ?? '';
    expect(said).toContain('Спросите реквизиты у того, кто запустил сервер');
    expect(said).toContain('OPERATOR_EMAILS');
    expect(said).toContain('SELLER_ACCOUNT');
    expect(said).not.toContain('Напишите ему');
    // Nor does the notice above it send the payer to details "below" that are not there.
    const awaiting = (await page.getByText(/^Платёж ждёт перевода/).textContent()) ?? '';
    expect(awaiting).toContain('банковских реквизитов на этом сервере ещё нет');
    expect(awaiting).not.toContain('по реквизитам ниже');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'manual-payment-return-no-operator-phone');

    await page.goto(`${page.url()}&lang=en`);
    const en = page.getByRole('region', { name: 'Bank details for the transfer' }).getByRole('note');
    await en.waitFor();
    expect(await en.textContent()).toContain('Ask whoever runs the server for the details');
    const awaitingEn = (await page.getByText(/^The payment of .+ awaits a bank transfer/).textContent()) ?? '';
    expect(awaitingEn).toContain('this server has no bank details yet');
    expect(awaitingEn).not.toContain('using the details below');
    // The purpose of payment below stays Russian (what the payer types into a Russian bank), and the English page says so.
    expect(await en.textContent()).not.toMatch(/[а-яё]/i);
    await page.getByText('Purpose of payment (in Russian, as the bank expects it)').waitFor();
    expect(await page.locator('span[lang="ru"]', { hasText: 'Оплата по счёту' }).count()).toBe(1);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
