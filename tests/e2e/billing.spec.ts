// Money, end to end: a Free licensee upgrades to Start through YooKassa's confirmation page
// (our local fake, speaking its API), activates five widgets, the period runs out and the
// widgets vanish from the host page, and paying again brings them back.
// The app runs in-process on a real loopback port (real SQLite file, real HTTP, Chromium)
// so the test can move its clock through a 30-day period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../server/src/app.js';
import { runBillingCycle } from '../../server/src/billing/renewals.js';
import { createYooKassaClient } from '../../server/src/billing/yookassa-client.js';
import { openDb } from '../../server/src/db/client.js';
import { migrate } from '../../server/src/db/migrate.js';
import type { AppDeps } from '../../server/src/deps.js';
import { loadEnv } from '../../server/src/env.js';
import { createManualClock, DAY } from '../../server/src/lib/clock.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { createDevOutbox } from '../../server/src/mail/mailer.js';
import { EMBED_MANIFEST_PATH } from '../../server/src/paths.js';
import { startFakeYooKassa, type FakeYooKassa } from '../fakes/yookassa.js';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { launchBrowser } from './support/browser.js';
import { startHostPages, type HostPages } from './support/host-pages.js';
import { freePort } from './support/platform.js';

let dir: string;
let server: ServerType;
let url: string;
let deps: AppDeps;
let clock: ReturnType<typeof createManualClock>;
let fake: FakeYooKassa;
let host: HostPages;
let browser: BrowserContext;
let owner: ApiSession;
let snippet: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'widgetry-billing-e2e-'));
  const port = await freePort();
  url = `http://localhost:${port}`;
  fake = await startFakeYooKassa({ webhookUrl: `${url}/api/webhooks/yookassa` });
  const env = loadEnv({
    NODE_ENV: 'development',
    PUBLIC_URL: url,
    DATABASE_PATH: join(dir, 'billing.db'),
    BOT_FILTER: 'off',
    LOG_LEVEL: 'silent',
    YOOKASSA_SHOP_ID: fake.shopId,
    YOOKASSA_SECRET_KEY: fake.secretKey,
    YOOKASSA_API_URL: fake.apiUrl,
    YOOKASSA_WEBHOOK_SOURCES: '127.0.0.1/32,::1/128',
  });
  const db = openDb(env.DATABASE_PATH);
  migrate(db);
  clock = createManualClock(Date.now());
  const logger = createLogger('silent');
  const devOutbox = createDevOutbox(logger, clock.now);
  deps = {
    db,
    env,
    clock,
    logger,
    mailer: devOutbox,
    devOutbox,
    snippetTemplate: (JSON.parse(readFileSync(EMBED_MANIFEST_PATH, 'utf8')) as { snippetTemplate: string }).snippetTemplate,
    yookassa: createYooKassaClient({ baseUrl: env.YOOKASSA_API_URL, shopId: fake.shopId, secretKey: fake.secretKey }),
  };
  server = serve({ fetch: createApp(deps).fetch, port, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  [host, browser] = await Promise.all([startHostPages(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await new Promise((r) => server?.close(r));
  await fake?.stop();
  deps?.db.$client.close();
  rmSync(dir, { recursive: true, force: true });
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
