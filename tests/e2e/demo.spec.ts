// What a newcomer gets from `npm start`: the product page links the demo page, which shows a
// working widget, and a lead sent from it lands in the demo account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { apiSignIn } from './support/api-session.js';
import { closeAll, launchBrowser } from './support/browser.js';
import { startPlatform, type Platform } from './support/platform.js';

let platform: Platform;
let browser: BrowserContext;

beforeAll(async () => {
  // Exactly what `npm start` runs, with its defaults (demo seed and dev outbox on), except
  // the port, the database file and the bot filter (headless Chromium is our visitor).
  [platform, browser] = await Promise.all([startPlatform({ DEMO_SEED: 'on', NODE_ENV: undefined, BOT_FILTER: 'off', LOG_LEVEL: 'info' }, { viaStartScript: true }), launchBrowser()]);
}, 90_000);

afterAll(() => closeAll(browser, platform));

describe('npm start demo', () => {
  it('prints the demo URL and the demo page shows a form widget that takes a lead', async () => {
    expect(platform.output()).toContain(`Demo page:  ${platform.url}/demo/`);
    expect(platform.output()).toContain(`Mail outbox: ${platform.url}/dev/outbox`);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // A newcomer finds the demo from the product page, in English as in Russian.
    await page.goto(`${platform.url}/en`);
    await page.getByRole('link', { name: 'See the demo' }).click();
    await page.waitForURL(`${platform.url}/demo/`);
    await page.goto(`${platform.url}/`);
    await page.getByRole('link', { name: 'Посмотреть демо' }).click();
    await page.waitForURL(`${platform.url}/demo/`);
    const form = page.locator('[data-widgetry-widget] .wg-form');
    await form.waitFor();
    await form.locator('input[name="name"]').fill('Гость демо');
    await form.locator('input[name="phone"]').fill('+7 999 000-11-22');
    await form.locator('.wg-consent input[type="checkbox"]').check();
    // The demo keeps the production minimum fill time (1.5 s): wait like a person would.
    await page.waitForTimeout(1600);
    await form.locator('.wg-submit').click();
    await page.locator('[data-widgetry-widget] .wg-success').waitFor();
    expect(errors).toEqual([]);
  });

  it('reads on a phone without sideways scrolling: the demo page with its snippet, the outbox with its mail', async () => {
    // An invitation: its mail carries a link, one long word.
    const owner = await apiSignIn(platform.url, 'owner@demo.example');
    expect((await owner.request('POST', '/api/team/members', { email: 'colleague@demo.example', role: 'editor' })).status).toBe(201);
    const page = await browser.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    const widths: Record<string, number> = {};
    for (const path of ['/demo/', '/dev/outbox']) {
      await page.goto(`${platform.url}${path}`);
      await page.locator('pre').first().waitFor();
      widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
    }
    // The snippet is one long line of code, a mail's link one long word: they wrap inside the page.
    expect(widths).toEqual({ '/demo/': 375, '/dev/outbox': 375 });
    await page.close();
  });
});
