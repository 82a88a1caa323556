// The statistics page after a real visit: a visitor from a newsletter on a host page in Chromium
// is shown a form widget, fills it in and sends it; a second page view only sees it. The widget
// runtime sends the beacons itself; the owner's statistics page must show exactly that walk —
// the funnel's steps and rates and each breakdown — with axe passing. On a touch phone the
// chart's legend asks for a tap, not a hover, and a tap shows the day's figures.
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/src/testing/wait-for.js';
import type { ApiSession } from './support/api-session.js';
import { CHROMIUM_PATH } from './support/browser.js';
import { breakdowns, seriousViolations } from './support/dashboard.js';
import { signedUpWithPhoneForm } from './support/licensee.js';
import { useStack } from './support/stack.js';

const stack = useStack({ LEAD_MIN_FILL_MS: '300' });
const EMAIL = 'walk@shop.example';

let owner: ApiSession;
let dashboard: Page;
let site: { id: string; siteKey: string; snippet: string };
let widgetId: string;

beforeAll(async () => {
  ({ page: dashboard, owner, site, widgetId } = await signedUpWithPhoneForm(stack, EMAIL, { siteName: 'Shop', domain: '127.0.0.1', widgetName: 'Callback form', title: 'Перезвоним' }));
}, 90_000);

afterAll(async () => {
  await dashboard?.close();
});

const counts = async () => {
  const res = await owner.request('GET', `/api/stats/funnel?widgetId=${widgetId}`);
  return (res.body.steps as { count: number }[]).map((s) => s.count);
};

/** Funnel rows as the page shows them (no-break spaces read as plain ones). */
const funnelSteps = () =>
  dashboard.locator('.funnel-step').evaluateAll((items) => items.map((li) => [li.querySelector('.funnel-count')?.textContent, li.querySelector('.funnel-rate')?.textContent?.replace(/\s/g, ' ')]));

describe('the statistics page after a visitor’s walk on a real page', () => {
  it('shows exactly the walk the runtime reported: shown twice, filled and sent once', { timeout: 120_000 }, async () => {
    const visitor = await stack.browser.newPage();
    await visitor.setViewportSize({ width: 1280, height: 900 });
    await visitor.goto(`${stack.host.page('/walk.html', 'shop.html', site.snippet)}?utm_source=Newsletter`);
    const form = visitor.locator('[data-widgetry-widget] .wg-form');
    await form.waitFor();
    await waitFor(counts, (c) => c[0] === 1, 'the impression');
    await form.locator('input[name="phone"]').fill('+7 916 555-12-34');
    await form.locator('.wg-consent input[type="checkbox"]').check();
    await visitor.waitForTimeout(400); // a person takes longer than LEAD_MIN_FILL_MS
    await form.locator('.wg-submit').click();
    await visitor.locator('[data-widgetry-widget] .wg-success').waitFor();
    await waitFor(counts, (c) => c.join() === '1,1,1,1,1', 'the interaction, start, submit and lead');
    await visitor.close();

    // A second page view, straight in: shown, nothing more.
    const second = await stack.browser.newPage();
    await second.setViewportSize({ width: 1280, height: 900 });
    await second.goto(stack.host.page('/other.html', 'shop.html', site.snippet));
    await waitFor(counts, (c) => c[0] === 2, 'the second impression');
    await second.waitForLoadState('networkidle');
    await second.close();
    expect(await counts()).toEqual([2, 1, 1, 1, 1]);

    await dashboard.goto(`${stack.platform.url}/app/stats?scope=widget:${widgetId}`);
    await dashboard.locator('.funnel-step').first().waitFor();
    expect(await funnelSteps()).toEqual([
      ['2', ''],
      ['1', '50 % от предыдущего шага'],
      ['1', '100 % от предыдущего шага'],
      ['1', '100 % от предыдущего шага'],
      ['1', '100 % от предыдущего шага'],
    ]);
    await dashboard.getByRole('heading', { name: 'Посетитель', level: 3 }).waitFor();
    expect(await breakdowns(dashboard, ['Устройство', 'Страница', 'Источник', 'Посетитель'])).toEqual({
      Устройство: ['Компьютеры | 2 | 100 % | 1 | 50 %'],
      Страница: ['/other.html | 1 | 50 % | 0 | 0 %', '/walk.html | 1 | 50 % | 1 | 100 %'],
      // Ties in the order the server gives them: by the stored value ("(direct)" before "newsletter").
      Источник: ['Прямые заходы | 1 | 50 % | 0 | 0 %', 'newsletter | 1 | 50 % | 1 | 100 %'],
      // Both new: this widget has no frequency rule, so the embed's storage held nothing from before
      // either page load (README, "Funnel and breakdowns").
      Посетитель: ['Новые | 2 | 100 % | 1 | 50 %'],
    });
    expect(await seriousViolations(dashboard)).toEqual([]);
  });

  it('on a touch phone the chart says "tap a day", and a tap shows that day’s figures', { timeout: 60_000 }, async () => {
    const touch = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const phone = await touch.newContext({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
      await phone.addCookies(await stack.browser.cookies(stack.platform.url));
      const page = await phone.newPage();
      await page.goto(`${stack.platform.url}/app/stats?scope=widget:${widgetId}`);
      const legend = page.locator('.chart-legend .legend-day').first();
      await legend.waitFor();
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      expect(await legend.textContent()).toBe('Коснитесь дня, чтобы увидеть его числа');
      expect(await page.locator('main').textContent()).not.toContain('Наведите');
      // The last day of the chart is today, the day of the walk: tapped, the legend names it and its leads.
      const chart = page.locator('.stats-chart .u-over').first();
      const box = (await chart.boundingBox())!;
      await chart.tap({ position: { x: box.width - 2, y: box.height / 2 } });
      await page.waitForFunction(() => !document.querySelector('.chart-legend .legend-day')?.textContent?.includes('Коснитесь'));
      expect(await page.locator('.chart-legend').first().textContent()).toMatch(/Заявки: 1/);
      await page.goto(`${stack.platform.url}/app/stats?scope=widget:${widgetId}&lang=en`);
      await page.getByText('Tap a day to see its figures').first().waitFor();
    } finally {
      await touch.close();
    }
  });
});
