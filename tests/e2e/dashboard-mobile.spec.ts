// The same whole path as dashboard.spec.ts on a 375 px phone screen: navigation through the
// menu button, tables as cards, the editor's preview above the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { walkTheWholePath } from './support/dashboard-flow.js';
import { startHostPages, type HostPages } from './support/host-pages.js';
import { startPlatform, type Platform } from './support/platform.js';

let platform: Platform;
let host: HostPages;
let browser: BrowserContext;

beforeAll(async () => {
  [platform, host, browser] = await Promise.all([startPlatform({ LEAD_MIN_FILL_MS: '300' }), startHostPages(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await platform?.stop();
});

describe('dashboard on a 375 px phone', () => {
  it('the whole path works at phone width, without sideways scrolling', { timeout: 180_000 }, async () => {
    const { violations, pageErrors, overflowing } = await walkTheWholePath({ browser, platformUrl: platform.url, host, email: 'owner@phone.example', viewport: { width: 375, height: 740 }, label: 'phone' });
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    expect(pageErrors).toEqual([]);
    expect(overflowing).toEqual([]);
  });
});
