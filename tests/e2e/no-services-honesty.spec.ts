// A server tried out as it comes: no SMTP, no YooKassa, no bank details, no operator. Where the
// dashboard would otherwise promise what did not happen, it says what did: a lead's e-mail is
// "not sent" (it is in the dev outbox, linked), and a realtime period's "pay" is said to make an
// invoice for a bank transfer before the click. (The payment return page without bank details is
// billing-manual.spec.ts's.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { closeAll, desktopPage, launchBrowser } from './support/browser.js';
import { eventually, screenshot, signUp } from './support/dashboard.js';
import { NAME_AND_PHONE, postShopLead, SHOP_ORIGIN } from './support/licensee.js';
import { startPlatform, type Platform } from './support/platform.js';

const OWNER = 'first-try@shop.example';

let platform: Platform;
let browser: BrowserContext;
let page: Page;
let owner: ApiSession;

beforeAll(async () => {
  // Nothing configured beyond what the e2e platform always sets (the dev outbox on).
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  page = await desktopPage(browser);
  await signUp(page, platform.url, OWNER);
  owner = await apiSignIn(platform.url, OWNER);
}, 60_000);

afterAll(() => closeAll(browser, platform));

describe('a server with no mail, payment or bank settings', () => {
  it('shows a lead’s e-mail as not sent, with the outbox it went to, rather than "delivered"', { timeout: 60_000 }, async () => {
    const site = (await owner.request('POST', '/api/sites', { name: 'Магазин чая', domains: ['shop.example.ru'] })).body;
    const widget = await owner.request('POST', '/api/widgets', {
      type: 'form',
      name: 'Заявка',
      siteId: site.id,
      active: true,
      content: { fields: NAME_AND_PHONE, consentUrl: `${SHOP_ORIGIN}/consent`, privacyUrl: `${SHOP_ORIGIN}/privacy` },
    });
    expect(widget.status).toBe(201);
    await postShopLead(platform.url, { site, widgetId: widget.body.id }, { name: 'Мария', phone: '+7 916 555-12-34' });
    const leadId = (await owner.request('GET', '/api/leads')).body.leads[0].id as string;
    const answer = await eventually(
      async () => (await owner.request('GET', `/api/leads/${leadId}/deliveries`)).body,
      (b) => b.deliveries[0]?.status === 'delivered',
      'the e-mail delivery',
    );
    expect(answer.mail).toBe('dev_outbox');

    await page.goto(`${platform.url}/app/leads`);
    await page
      .locator('tbody tr', { hasText: 'Мария' })
      .getByRole('button', { name: /Открыть заявку/ })
      .click();
    const delivery = page.getByRole('dialog').locator('[data-delivery]');
    await delivery.getByText('Не отправлено: нет почтового сервера').waitFor();
    // Its state and its facts: no "delivered" (the attempt log below keeps the mailer's own word).
    expect(await delivery.locator('.pill').textContent()).toBe('Не отправлено: нет почтового сервера');
    expect(await delivery.locator('.dlv-facts').textContent()).not.toContain('Доставлено');
    expect(await delivery.getByRole('link', { name: 'Открыть исходящие письма' }).getAttribute('href')).toBe('/dev/outbox');
    await screenshot(page, 'no-services-lead-delivery');
  });

  it('says before "pay" that a realtime period is paid by bank transfer', { timeout: 60_000 }, async () => {
    const created = await owner.request('POST', '/api/realtime/projects', { name: 'Чат поддержки' });
    expect(created.status).toBe(201);
    await page.goto(`${platform.url}/app/realtime/${created.body.project.id}`);
    const card = page.getByRole('region', { name: /^Тариф/ });
    await card.getByRole('button', { name: /^Оплатить/ }).waitFor();
    expect(await card.textContent()).toContain('Онлайн-оплата не настроена: вы получите счёт с реквизитами для перевода');
  });
});
