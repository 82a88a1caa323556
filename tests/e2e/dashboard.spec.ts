// The licensee dashboard in a real browser on a desktop screen: the whole path of a new user
// (support/dashboard-flow.ts), an axe scan of every main page, screenshots as artifacts.
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

describe('dashboard on a desktop screen', () => {
  it('a new licensee goes from sign-up to a lead, exports it and deletes it; every page passes axe', { timeout: 180_000 }, async () => {
    const { violations, pageErrors, overflowing } = await walkTheWholePath({ browser, platformUrl: platform.url, host, email: 'owner@tea.example', viewport: { width: 1280, height: 860 }, label: 'desktop' });
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    expect(pageErrors).toEqual([]);
    expect(overflowing).toEqual([]);
  });
});
