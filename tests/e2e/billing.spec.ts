// Money, end to end: a Free licensee upgrades to Start through YooKassa's confirmation page
// (our local fake, speaking its API), activates five widgets, the period runs out and the
// widgets vanish from the host page, and paying again brings them back.
// The app runs in-process on a real loopback port (real SQLite file, real HTTP, Chromium)
// so the test can move its clock through a 30-day period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { runBillingCycle } from '../../server/src/platform/billing/renewals.js';
import type { AppDeps } from '../../server/src/deps.js';
import { createManualClock, DAY } from '../../server/src/platform/lib/clock.js';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { launchBrowser } from './support/browser.js';
import { startHostPages, type HostPages } from './support/host-pages.js';
import { startPayingPlatform, type PayingPlatform } from './support/paying-platform.js';

let platform: PayingPlatform;
let url: string;
let deps: AppDeps;
let clock: ReturnType<typeof createManualClock>;
let host: HostPages;
let browser: BrowserContext;
let owner: ApiSession;
let snippet: string;

beforeAll(async () => {
  clock = createManualClock(Date.now());
  platform = await startPayingPlatform(clock);
  ({ url, deps } = platform);
  [host, browser] = await Promise.all([startHostPages(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await platform?.stop();
});

async function pay(tariffId: string): Promise<void> {
  const checkout = await owner.request('POST', '/api/billing/checkout', { tariffId, autopay: false });
  expect(checkout.status).toBe(201);
  const page = await browser.newPage();
  await page.goto(checkout.body.confirmationUrl);
  await page.getByRole('button', { name: 'Оплатить' }).click();
  // YooKassa sends the payer back to us; the status comes from our API, which asks YooKassa.
  await page.waitForURL((u) => u.href.startsWith(`${url}/app/billing/return`));
  await page.close();
  const status = await owner.request('GET', `/api/billing/payments/${checkout.body.id}`);
  expect(status.body.status).toBe('succeeded');
}

async function widgetsOnHostPage(): Promise<number> {
  const page: Page = await browser.newPage();
  await page.goto(host.page('/landing.html', 'shop.html', snippet));
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const n = await page.locator('[data-widgetry-widget]').count();
  await page.close();
  return n;
}

describe('paying, expiring, paying again', () => {
  it('a Free licensee upgrades to Start through the confirmation page and activates five widgets', async () => {
    owner = await apiSignIn(url, 'buyer@shop.example');
    const site = await owner.request('POST', '/api/sites', { name: 'Магазин', domains: ['127.0.0.1'] });
    snippet = site.body.snippet;
    const banner = (i: number) => ({
      type: 'banner',
      name: `Баннер ${i}`,
      siteId: site.body.id,
      active: true,
      position: (['bottom-right', 'bottom-left', 'top-right', 'top-left', 'top-bar'] as const)[i],
      content: { title: `Акция ${i}`, text: 'Скидки', buttonText: 'Смотреть', buttonUrl: 'https://shop.example/sale' },
    });
    expect((await owner.request('POST', '/api/widgets', banner(0))).status).toBe(201);
    expect((await owner.request('POST', '/api/widgets', banner(1))).body.error.code).toBe('limit_widgets');

    await pay('start');
    expect((await owner.request('GET', '/api/me')).body.tariff.id).toBe('start');
    for (let i = 1; i < 5; i++) expect((await owner.request('POST', '/api/widgets', banner(i))).status).toBe(201);
    expect(await widgetsOnHostPage()).toBe(5);
  });

  it('when the period ends unpaid the widgets stop appearing; paying again restores them', async () => {
    clock.advance(30 * DAY);
    await runBillingCycle(deps);
    expect(await widgetsOnHostPage()).toBe(0);
    owner = await apiSignIn(url, 'buyer@shop.example'); // the month-old session has expired
    expect((await owner.request('GET', '/api/me')).body.tariff.id).toBe('free');

    await pay('start');
    expect(await widgetsOnHostPage()).toBe(5);
  });
});
