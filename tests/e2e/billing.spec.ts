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

/** A licensee with a site whose snippet is on its own host page. */
interface Licensee {
  owner: ApiSession;
  snippet: string;
  page: string;
}

async function pay({ owner }: Licensee, tariffId: string): Promise<void> {
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

/** The widgets the licensee's host page shows, once the expected ones are drawn (or, for none, the page is idle). */
async function widgetsOnHostPage({ snippet, page: path }: Licensee, expected: number): Promise<number> {
  const page: Page = await browser.newPage();
  await page.goto(host.page(path, 'shop.html', snippet));
  const widgets = page.locator('[data-widgetry-widget]');
  if (expected > 0) await widgets.nth(expected - 1).waitFor();
  await page.waitForLoadState('networkidle');
  const n = await widgets.count();
  await page.close();
  return n;
}

/**
 * A Free licensee whose second widget is refused, who then pays for Start and activates five.
 * Each test walks it with its own e-mail, so either runs alone or in any order.
 */
async function upgradedToStartWithFiveWidgets(email: string): Promise<Licensee> {
  const owner = await apiSignIn(url, email);
  const site = await owner.request('POST', '/api/sites', { name: 'Магазин', domains: ['127.0.0.1'] });
  const licensee = { owner, snippet: site.body.snippet as string, page: `/landing-${email}.html` };
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

  await pay(licensee, 'start');
  expect((await owner.request('GET', '/api/me')).body.tariff.id).toBe('start');
  for (let i = 1; i < 5; i++) expect((await owner.request('POST', '/api/widgets', banner(i))).status).toBe(201);
  return licensee;
}

describe('paying, expiring, paying again', () => {
  it('a Free licensee upgrades to Start through the confirmation page and activates five widgets', async () => {
    const licensee = await upgradedToStartWithFiveWidgets('buyer@shop.example');
    expect(await widgetsOnHostPage(licensee, 5)).toBe(5);
  });

  it('when the period ends unpaid the widgets stop appearing; paying again restores them', async () => {
    const email = 'renewer@shop.example';
    const licensee = await upgradedToStartWithFiveWidgets(email);
    expect(await widgetsOnHostPage(licensee, 5)).toBe(5);
    clock.advance(30 * DAY);
    await runBillingCycle(deps);
    expect(await widgetsOnHostPage(licensee, 0)).toBe(0);
    licensee.owner = await apiSignIn(url, email); // the month-old session has expired
    expect((await licensee.owner.request('GET', '/api/me')).body.tariff.id).toBe('free');

    await pay(licensee, 'start');
    expect(await widgetsOnHostPage(licensee, 5)).toBe(5);
  });
});
