// The licensee dashboard in a real browser, the whole path of a new user (support/dashboard-flow.ts)
// at two widths: a desktop screen, and a 375 px phone (navigation through the menu button, tables
// as cards, the editor's preview above the form). At both: an axe scan of every main page, no
// page wider than the screen (no sideways scrolling), no error thrown; screenshots as artifacts.
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

// Each width walks as its own new licensee, so either runs alone (-t) or in any order.
const SCREENS = [
  { screen: 'a desktop screen', label: 'desktop', email: 'owner@tea.example', viewport: { width: 1280, height: 860 } },
  { screen: 'a 375 px phone', label: 'phone', email: 'owner@phone.example', viewport: { width: 375, height: 740 } },
];

describe.each(SCREENS)('dashboard on $screen', ({ label, email, viewport }) => {
  it('a new licensee goes from sign-up to a lead, exports it and deletes it; every page passes axe and fits the screen', { timeout: 180_000 }, async () => {
    const { violations, pageErrors, overflowing } = await walkTheWholePath({ browser, platformUrl: platform.url, host, email, viewport, label });
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    expect(pageErrors).toEqual([]);
    expect(overflowing).toEqual([]);
  });
});
