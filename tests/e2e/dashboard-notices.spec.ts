// Operator announcements reach every licensee's dashboard: planned maintenance announced through
// the admin API shows at the top of the licensee's pages until dismissed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { apiSignIn } from './support/api-session.js';
import { launchBrowser } from './support/browser.js';
import { openSection, seriousViolations, signUp } from './support/dashboard.js';
import { startPlatform, type Platform } from './support/platform.js';
import { layoutSettled } from './support/settled.js';

const OPS = 'ops@widgetry.test';
let platform: Platform;
let browser: BrowserContext;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform({ OPERATOR_EMAILS: OPS }), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('operator notices in the dashboard', () => {
  it('a maintenance notice shows on every page until the licensee dismisses it', { timeout: 90_000 }, async () => {
    const ops = await apiSignIn(platform.url, OPS);
    // Maintenance must be announced at least 24 h ahead, and shows from 24 h before it starts:
    // announce it for 24 h and 3 s from now, so it is on the pages within seconds.
    const effectiveAt = Date.now() + 24 * 3600_000 + 3_000;
    const created = await ops.request('POST', '/api/admin/notices', {
      kind: 'maintenance',
      title: 'Плановые работы',
      body: 'Сервис будет недоступен 30 минут.',
      effectiveAt,
    });
    expect(created.status).toBe(201);

    await new Promise((r) => setTimeout(r, Math.max(0, effectiveAt - 24 * 3600_000 - Date.now() + 200)));
    const page = await browser.newPage();
    await signUp(page, platform.url, 'reader@tea.example');
    const banner = page.getByRole('region', { name: 'Объявления оператора' });
    await banner.getByText('Плановые работы').waitFor();
    expect(await banner.textContent()).toContain('Сервис будет недоступен 30 минут.');
    expect(await seriousViolations(page)).toEqual([]);
    await openSection(page, 'Заявки');
    await banner.getByText('Плановые работы').waitFor();

    await banner.getByRole('button', { name: 'Понятно' }).click();
    expect(await banner.count()).toBe(0);
    // The banners' list has come back and been drawn (or not): the dismissal held.
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/notices');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await listed;
    await layoutSettled(page);
    expect(await page.getByText('Плановые работы').count()).toBe(0);
    await page.close();
  });
});
