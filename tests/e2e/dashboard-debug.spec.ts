// What the dashboard says about a widget that does not show, in Chromium: the site page reports a
// host that loaded the code without being the site's and adds it in one click (after which the
// widget shows there); the editor answers "would it show here?"; the widget list names the
// tariff's hold on a widget and the way out.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { launchBrowser } from './support/browser.js';
import { signUp } from './support/dashboard.js';
import { startHostPages, type HostPages } from './support/host-pages.js';
import { startPlatform, type Platform } from './support/platform.js';

let platform: Platform;
let host: HostPages;
let browser: BrowserContext;
let owner: ApiSession;
let ops: ApiSession;
const EMAIL = 'hosts@tea.example';

beforeAll(async () => {
  [platform, host, browser] = await Promise.all([startPlatform({ OPERATOR_EMAILS: 'ops@tea.example' }), startHostPages(), launchBrowser()]);
  ops = await apiSignIn(platform.url, 'ops@tea.example');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await platform?.stop();
});

describe('the dashboard on widgets that do not show', () => {
  it('reports the unregistered host, adds it in one click, and the widget then shows there', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await signUp(page, platform.url, EMAIL);
    owner = await apiSignIn(platform.url, EMAIL);
    const site = (await owner.request('POST', '/api/sites', { name: 'Чайная', domains: ['127.0.0.1'] })).body;
    const widget = (
      await owner.request('POST', '/api/widgets', { siteId: site.id, active: true, type: 'banner', name: 'Скидка', position: 'bottom-left', content: { title: 'Скидка 20 %', text: 'Текст' } })
    ).body;
    // The licensee opens the page at localhost, while the site says 127.0.0.1: nothing shows.
    const shop = host.page('/shop.html', 'shop.html', site.snippet).replace('127.0.0.1', 'localhost');
    const visitor = await browser.newPage();
    await visitor.goto(shop);
    await visitor.waitForLoadState('networkidle');
    expect(await visitor.locator('[data-widgetry-widget]').count()).toBe(0);

    await page.goto(`${platform.url}/app/sites/${site.id}`);
    await page.getByText('Код загружался на localhost').waitFor();
    await page.getByRole('button', { name: 'Добавить localhost' }).click();
    await page.getByText('Домен localhost добавлен').waitFor();
    expect((await owner.request('GET', `/api/sites/${site.id}`)).body.domains).toEqual(['127.0.0.1', 'localhost']);

    await visitor.reload();
    await visitor.locator(`[data-widgetry-widget="${widget.id}"] .wg-card`).waitFor();
    // The installation check says where and when the code was last seen.
    await page.getByRole('button', { name: 'Проверить установку' }).click();
    await page.getByText(/Код работает: последний раз загружался .+ на localhost\./).waitFor();
    await visitor.close();
    await page.close();
  });

  it('a one-site tariff refuses another site’s domain, naming the tariff that allows it', { timeout: 60_000 }, async () => {
    const site = (await owner.request('GET', '/api/sites')).body.sites[0];
    // Local hosts are no site of their own: the site's first real domain is taken, a second one is not.
    expect((await owner.request('POST', `/api/sites/${site.id}/domains`, { domain: 'tea-shop.ru' })).status).toBe(200);
    const other = await owner.request('POST', `/api/sites/${site.id}/domains`, { domain: 'other-shop.ru' });
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'limit_sites', details: { upgradeTo: 'start' } });
  });

  it('the editor answers "would it show here?" for a URL (with its UTM tags) and a device', { timeout: 60_000 }, async () => {
    const site = (await owner.request('GET', '/api/sites')).body.sites[0];
    const widget = (
      await owner.request('POST', '/api/widgets', {
        siteId: site.id,
        active: false,
        type: 'banner',
        name: 'Каталог',
        content: { title: 'Каталог', text: 'Текст' },
        rules: { url: { include: [{ match: 'starts_with', value: '/catalog' }], exclude: [] }, device: 'mobile', utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }] },
      })
    ).body;
    const page = await browser.newPage();
    await page.goto(`${platform.url}/app/widgets/${widget.id}`);
    const verdict = page.locator('[data-would-show]');
    const box = page.locator('.would-show');
    const url = box.getByLabel('Адрес страницы');
    await url.fill('https://other.ru/catalog');
    await expect.poll(() => verdict.textContent()).toMatch(/Не покажется: other\.ru — не домен сайта «Чайная»/);
    await url.fill('http://localhost/blog?utm_source=vk');
    await expect.poll(() => verdict.textContent()).toMatch(/Не покажется: страница не подходит под правило адреса/);
    await url.fill('http://localhost/catalog/tea?utm_source=vk');
    await expect.poll(() => verdict.textContent()).toMatch(/Не покажется: правило устройства/);
    await box.getByLabel('Устройство').selectOption('mobile');
    await expect.poll(() => verdict.textContent()).toMatch(/^Покажется: сразу при открытии страницы \(когда виджет включён\)/);
    await url.fill('http://localhost/catalog/tea');
    await expect.poll(() => verdict.textContent()).toMatch(/UTM-метки адреса не подходят/);
    await page.close();
  });

  it('the widget list names the tariff’s hold and the way out', { timeout: 60_000 }, async () => {
    const limits = (activeWidgets: number) => ({ activeWidgets, widgetTypes: ['banner', 'form'], impressionsPerPeriod: 10_000, sites: 1, badge: true, integrations: ['email'] });
    expect((await ops.request('PUT', `/api/admin/accounts/${owner.accountId}/tariff`, { tariffId: 'individual', individualLimits: limits(2), reason: 'Тест' })).status).toBe(200);
    const site = (await owner.request('GET', '/api/sites')).body.sites[0];
    const second = (await owner.request('POST', '/api/widgets', { siteId: site.id, active: true, type: 'banner', name: 'Второй', content: { title: 'Второй', text: 'Текст' } })).body;
    expect(second.active).toBe(true);
    expect((await ops.request('PUT', `/api/admin/accounts/${owner.accountId}/tariff`, { tariffId: 'free', reason: 'Тест' })).status).toBe(200);
    const page = await browser.newPage();
    await page.goto(`${platform.url}/app/widgets`);
    const row = page.locator(`[data-widget="${second.id}"]`);
    await row.getByText('Включено больше виджетов, чем позволяет тариф').waitFor();
    await expect.poll(() => row.getByRole('link', { name: 'Перейти на «Старт»' }).getAttribute('href')).toMatch(/\/tariff$/);
    await page.close();
  });
});
