// A licensee's realtime project through the dashboard alone: create it, copy the key and the
// secret off the page, point the stock clients at us — pusher-js (Node build) subscribes, the
// official `pusher` SDK publishes — and watch the page count the message; rename the project,
// rotate its secret (the old one is refused by the HTTP API), pass axe at desktop and 375 px; a
// second, paid project is bought for 3 months through YooKassa's confirmation page (our local fake)
// and becomes active; deletion asks first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import { startFakeYooKassa, type FakeYooKassa } from '../support/fakes/yookassa.js';
import { launchBrowser } from './support/browser.js';
import { eventually, openSection, screenshot, seriousViolations, signUp, tabTo } from './support/dashboard.js';
import { startPlatform, type Platform } from './support/platform.js';
import { layoutSettled } from './support/settled.js';

let platform: Platform;
let yookassa: FakeYooKassa;
let browser: BrowserContext;
let page: Page;
const clients: Pusher[] = [];
/** What the page showed, as a licensee would copy it. */
const shown = { appId: '', key: '', host: '', port: 0, secret: '' };
const pageErrors: string[] = [];

beforeAll(async () => {
  yookassa = await startFakeYooKassa();
  [platform, browser] = await Promise.all([startPlatform({ YOOKASSA_SHOP_ID: yookassa.shopId, YOOKASSA_SECRET_KEY: yookassa.secretKey, YOOKASSA_API_URL: yookassa.apiUrl }), launchBrowser()]);
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUp(page, platform.url, 'rt-owner@shop.example');
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await browser?.close();
  await platform?.stop();
  await yookassa?.stop();
});

const sdk = (secret = shown.secret) => new PusherServer({ appId: shown.appId, key: shown.key, secret, host: shown.host, port: String(shown.port), useTLS: false });
const meter = (name: string) => page.getByRole('progressbar', { name });
/** The page's width, and when it scrolls sideways the elements sticking out (for the failure message). */
const sideways = () =>
  page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    const limit = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > limit + 1);
    return width <= limit ? [] : out.slice(0, 8).map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`);
  });
const valueNow = async (name: string) => Number(await meter(name).getAttribute('aria-valuenow'));

describe('realtime projects in the dashboard', () => {
  it('creates a Free project and shows its secret once, with the connection settings', async () => {
    await openSection(page, 'Реальное время');
    await page.getByRole('heading', { name: 'Проектов пока нет' }).waitFor();
    await page.getByRole('button', { name: 'Новый проект' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый проект' });
    await dialog.getByLabel('Название проекта').fill('Заказы магазина');
    await dialog.getByRole('button', { name: 'Создать проект' }).click();
    await page.getByRole('heading', { level: 1, name: 'Заказы магазина' }).waitFor();

    await page.getByRole('heading', { name: 'Секрет проекта' }).waitFor();
    shown.secret = await page.getByLabel('Новый секрет').inputValue();
    shown.appId = await page.getByLabel('App id', { exact: true }).inputValue();
    shown.key = await page.getByLabel('Ключ (key)', { exact: true }).inputValue();
    shown.host = await page.getByLabel('Хост', { exact: true }).inputValue();
    shown.port = Number(await page.getByLabel('Порт', { exact: true }).inputValue());
    expect(shown.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(shown.key).toMatch(/^[0-9a-f]{20}$/);
    expect(`http://${shown.host}:${shown.port}`).toBe(platform.url);
    expect(await page.getByLabel('Протокол', { exact: true }).inputValue()).toBe('ws');
    // The pusher-js snippet carries the same key and host.
    expect(await page.locator('pre code').textContent()).toContain(`new Pusher('${shown.key}'`);
    await screenshot(page, 'realtime-created');

    // "Shown once": the confirmation hides it, and a reload does not bring it back.
    await page.getByRole('button', { name: 'Я сохранил секрет' }).click();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Заказы магазина' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Секрет проекта' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain(`…${shown.secret.slice(-4)}`);
  });

  it('pusher-js receives what the pusher SDK publishes with those settings, and the page counts it', async () => {
    expect(await valueNow('Сообщения за сутки (UTC)')).toBe(0);
    const client = new Pusher(shown.key, { cluster: 'mt1', wsHost: shown.host, wsPort: shown.port, forceTLS: false, enabledTransports: ['ws'] });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      const ch = client.subscribe('orders');
      ch.bind('pusher:subscription_succeeded', () => resolve());
      ch.bind('pusher:subscription_error', reject);
    });
    const got = new Promise((resolve) => client.channel('orders').bind('order-created', resolve));
    const res = await sdk().trigger('orders', 'order-created', { id: 42 });
    expect(res.status).toBe(200);
    expect(await got).toEqual({ id: 42 });

    // The page polls: the counters move without a reload.
    await eventually(
      () => valueNow('Сообщения за сутки (UTC)'),
      (n) => n === 1,
      'one message counted on the page',
    );
    await eventually(
      () => valueNow('Подключения сейчас'),
      (n) => n === 1,
      'one connection shown on the page',
    );
    await sdk().trigger(['orders', 'audit'], 'order-created', { id: 43 });
    await eventually(
      () => valueNow('Сообщения за сутки (UTC)'),
      (n) => n === 2,
      'one publish to two channels counted as one message',
    );
  });

  it('renames the project', async () => {
    const settings = page.getByRole('region', { name: 'Настройки' });
    await settings.getByLabel('Название проекта').fill('Заказы и доставка');
    await settings.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('heading', { level: 1, name: 'Заказы и доставка' }).waitFor();
    await openSection(page, 'Реальное время');
    await page.getByRole('link', { name: 'Заказы и доставка' }).waitFor();
    await page.getByRole('link', { name: 'Заказы и доставка' }).click();
    await page.getByRole('heading', { level: 1, name: 'Заказы и доставка' }).waitFor();
  });

  it('rotates the secret: the new one is shown once and signs, the old one is refused', async () => {
    const old = shown.secret;
    await page.getByRole('button', { name: 'Выпустить новый секрет' }).click();
    await page.getByRole('dialog', { name: 'Выпустить новый секрет?' }).getByRole('button', { name: 'Выпустить новый секрет' }).click();
    await page.getByRole('heading', { name: 'Секрет проекта' }).waitFor();
    // Focus goes to the new secret, wherever the button was (moved by an effect after the render).
    await page.waitForFunction(() => document.activeElement?.textContent === 'Секрет проекта', undefined, { timeout: 5000 });
    shown.secret = await page.getByLabel('Новый секрет').inputValue();
    expect(shown.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(shown.secret).not.toBe(old);
    await expect(sdk(old).trigger('orders', 'order-created', {})).rejects.toMatchObject({ status: 401 });
    expect((await sdk().trigger('orders', 'order-created', { id: 44 })).status).toBe(200);
  });

  it('works from the keyboard: snippet tabs and the months of a period', async () => {
    await page.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, 'Laravel Echo');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Laravel Echo' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('pre code').textContent()).toContain("broadcaster: 'pusher'");
    await tabTo(page, '12 месяцев', { back: true });
    await page.keyboard.press('Space');
    expect(await page.getByRole('button', { name: '12 месяцев' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('has no serious or critical axe violations, on a desktop and at 375 px without sideways scrolling', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 740 });
    await layoutSettled(page);
    await screenshot(page, 'realtime-project-375');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sideways()).toEqual([]);
    await openSection(page, 'Реальное время');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sideways()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('buys a 3-month period of a paid project through the confirmation page; the project starts working', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openSection(page, 'Реальное время');
    await page.getByRole('button', { name: 'Новый проект' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый проект' });
    await dialog.getByLabel('Название проекта').fill('Склад');
    // The account has its one free project: the dialog offers a paid tariff first.
    expect(await dialog.getByLabel('Тариф').inputValue()).toBe('rt_start');
    await dialog.getByRole('button', { name: 'Создать проект' }).click();
    await page.getByRole('heading', { level: 1, name: 'Склад' }).waitFor();
    expect(await page.locator('.page-actions').textContent()).toContain('Ждёт оплаты');
    const projectUrl = page.url();

    await page.getByRole('button', { name: '3 месяца' }).click();
    await page.getByRole('button', { name: /^Оплатить 1\s470\s₽$/ }).click();
    await page.waitForURL((u) => u.href.startsWith(yookassa.apiUrl.replace(/\/v3$/, '')));
    await page.getByRole('button', { name: 'Оплатить' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${platform.url}/app/billing/return`));
    // The return page asks our API, and speaks of the project, not of a widget tariff.
    await page.getByText('Оплачено. Период проекта реального времени начался', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'К проекту' }).click();
    await page.getByRole('heading', { level: 1, name: 'Склад' }).waitFor();
    expect(page.url()).toBe(projectUrl);
    expect(await page.locator('.page-actions').textContent()).toContain('Работает');
    // The tariff card loads after the page heading: wait for it rather than count at once.
    await page.getByRole('heading', { name: 'Тариф «Лайт»' }).waitFor();
    // A closed <select> shows one line: its options name the tariff and the chosen one's limits
    // stand under it ("name — limits" was cut off in the half-width card at 1280 px).
    const upgrade = page.getByLabel('Новый тариф');
    const fits = await upgrade.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      // 24 px: the drop-down arrow.
      return ctx.measureText(el.selectedOptions[0]?.text ?? '').width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 24 <= el.clientWidth;
    });
    expect(fits).toBe(true);
    await page.getByText(/сообщений в сутки, [\d\s]+ подключений\. До конца текущего периода/).waitFor();
    // Its first secret comes by a rotation, now that it is paid.
    await page.getByRole('button', { name: 'Выпустить новый секрет' }).click();
    await page.getByRole('dialog', { name: 'Выпустить новый секрет?' }).getByRole('button', { name: 'Выпустить новый секрет' }).click();
    expect(await page.getByLabel('Новый секрет').inputValue()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('deletes a project after asking', async () => {
    await page.getByRole('button', { name: 'Удалить проект' }).click();
    const confirm = page.getByRole('dialog', { name: 'Удалить проект «Склад»?' });
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    expect(await page.getByRole('heading', { level: 1, name: 'Склад' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Удалить проект' }).click();
    await confirm.getByRole('button', { name: 'Удалить проект' }).click();
    await page.getByRole('heading', { level: 1, name: 'Реальное время' }).waitFor();
    await page.getByRole('link', { name: 'Заказы и доставка' }).waitFor();
    expect(await page.getByRole('link', { name: 'Склад' }).count()).toBe(0);
  });
});
