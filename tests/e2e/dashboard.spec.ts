// The licensee dashboard in a real browser, the whole path of a new user (support/dashboard-flow.ts)
// at two widths: a desktop screen, and a 375 px phone (navigation through the menu button, tables
// as cards, the editor's preview above the form). At both: an axe scan of every main page, no
// page wider than the screen (no sideways scrolling), no error thrown; screenshots as artifacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { walkTheWholePath } from './support/dashboard-flow.js';
import { useStack } from './support/stack.js';

const stack = useStack({ LEAD_MIN_FILL_MS: '300' });

// Each width walks as its own new licensee, so either runs alone (-t) or in any order.
const SCREENS = [
  { screen: 'a desktop screen', label: 'desktop', email: 'owner@tea.example', viewport: { width: 1280, height: 860 } },
  { screen: 'a 375 px phone', label: 'phone', email: 'owner@phone.example', viewport: { width: 375, height: 740 } },
];

describe.each(SCREENS)('dashboard on $screen', ({ label, email, viewport }) => {
  it('a new licensee goes from sign-up to a lead, exports it and deletes it; every page passes axe and fits the screen', { timeout: 180_000 }, async () => {
    const { violations, pageErrors, overflowing } = await walkTheWholePath({ browser: stack.browser, platformUrl: stack.platform.url, host: stack.host, email, viewport, label });
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    expect(pageErrors).toEqual([]);
    expect(overflowing).toEqual([]);
  });
});
