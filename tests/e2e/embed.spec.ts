// The whole path in a real browser: a licensee signs up in the dashboard with the code from the
// outbox, creates a site and a form widget, pastes the snippet into a page on another origin;
// a visitor sees the widget and submits it; the lead is listed; the tariff's rules hold.
import { waitFor } from '../../server/src/testing/wait-for.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSignIn, latestCode, type ApiSession } from './support/api-session.js';
import { screenshot } from './support/dashboard.js';
import { licenseeWithFormWidget, NAME_AND_PHONE } from './support/licensee.js';
import { useStack } from './support/stack.js';

const LICENSEE = 'owner@shop.example';
/** Signs up in the browser: nobody else uses this address. */
const NEWCOMER = 'newcomer@shop.example';
const OPERATOR = 'ops@widgetry.test';

const stack = useStack({ OPERATOR_EMAILS: OPERATOR, LEAD_MIN_FILL_MS: '300' });

let owner: ApiSession;
let ops: ApiSession;
let site: { id: string; siteKey: string; snippet: string };
let widgetId: string;

async function setTariff(accountId: string, body: Record<string, unknown>) {
  expect((await ops.request('PUT', `/api/admin/accounts/${accountId}/tariff`, body)).status).toBe(200);
}

// Each test builds on this licensee (or its own) and sets the tariff it needs, so any test runs alone.
beforeAll(async () => {
  ops = await apiSignIn(stack.platform.url, OPERATOR);
  ({ session: owner, site, widgetId } = await licenseeWithFormWidget(stack, LICENSEE));
}, 60_000);

/** Opens a host page and records anything thrown into it. */
async function visit(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await stack.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

const widgets = (page: Page) => page.locator('[data-widgetry-widget]');

async function usedImpressions(): Promise<number> {
  return (await owner.request('GET', '/api/usage')).body.impressions.used;
}

describe('embed, end to end', () => {
  it('a licensee signs up in the dashboard with the code from the outbox', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.platform.url}/app/`);
    await page.getByLabel('E-mail').fill(NEWCOMER);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByLabel('Код из письма').waitFor();
    await page.getByLabel('Код из письма').fill(await latestCode(stack.platform.url, NEWCOMER));
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
    expect(await page.locator('main').textContent()).toContain(NEWCOMER);
    await page.close();
  });

  it('a site and a form widget made through the API carry the snippet and the widget', async () => {
    expect(site.snippet).toContain(`${stack.platform.url}/loader.js`);
    expect(site.snippet).toContain(site.siteKey);
    const widgets = await owner.request('GET', '/api/widgets');
    expect(widgets.body.widgets.map((w: { id: string; active: boolean }) => [w.id, w.active])).toEqual([[widgetId, true]]);
  });

  it('a visitor on another origin sees the widget with the badge, submits it, and the lead is listed', async () => {
    await setTariff(owner.accountId, { tariffId: 'free' });
    const leadsBefore = (await owner.request('GET', '/api/leads')).body.total as number;
    const url = stack.host.page('/shop.html', 'shop.html', site.snippet);
    const { page, errors } = await visit(url);
    const form = page.locator('[data-widgetry-widget] .wg-form');
    await form.waitFor();
    expect(await widgets(page).count()).toBe(1);
    // Free: the badge is drawn from the server config.
    const badge = page.locator('[data-widgetry-widget] .wg-badge');
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.getAttribute('href')).toContain(stack.platform.url);

    await form.locator('input[name="name"]').fill('Мария Иванова');
    await form.locator('input[name="phone"]').fill('+7 916 555-12-34');
    // The consent box starts unticked; submitting without it is refused in the page.
    const consent = form.locator('.wg-consent input[type="checkbox"]');
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    await page.waitForTimeout(400); // a person takes longer than LEAD_MIN_FILL_MS
    await form.locator('.wg-submit').click();
    await page.locator('[data-widgetry-widget] .wg-success').waitFor();

    const leads = await owner.request('GET', '/api/leads');
    expect(leads.body.total).toBe(leadsBefore + 1);
    expect(leads.body.leads[0]).toMatchObject({ widgetId, fields: { name: 'Мария Иванова', phone: '+79165551234' }, pageUrl: url });
    await waitFor(usedImpressions, (n) => n >= 1, 'the impression to be counted');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a page with one form widget asks the server four things: loader, config, one runtime file, the impression', async () => {
    await setTariff(owner.accountId, { tariffId: 'free' });
    const impressionsBefore = await usedImpressions();
    const page = await stack.browser.newPage();
    const asked: string[] = [];
    page.on('request', (r) => r.url().startsWith(stack.platform.url) && asked.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(stack.host.page('/one-form.html', 'shop.html', site.snippet));
    await page.locator('[data-widgetry-widget] .wg-form').waitFor();
    await waitFor(usedImpressions, (n) => n > impressionsBefore, 'the impression to be counted');
    await page.waitForLoadState('networkidle');
    expect(asked).toEqual(['GET /loader.js', `GET /v1/sites/${site.siteKey}/config`, 'GET /rt/solo/form.js', 'POST /v1/events']);
    await page.close();
  });

  it('on a 390 × 844 phone the same page asks the same four things: the form starts folded into a button with its title, and a tap opens it within the screen', async () => {
    // A site with one widget that takes a slot has no lm: on a phone the fold inside
    // rt/solo/form.js is all it needs (widget-runtime/src/shell/fold.ts), no layout manager.
    await setTariff(owner.accountId, { tariffId: 'free' });
    const impressionsBefore = await usedImpressions();
    const page = await stack.browser.newPage();
    const screen = { width: 390, height: 844 };
    await page.setViewportSize(screen);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const asked: string[] = [];
    page.on('request', (r) => r.url().startsWith(stack.platform.url) && asked.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(stack.host.page('/one-form-phone.html', 'shop.html', site.snippet));
    const teaser = page.locator(`[data-widgetry-teaser="${widgetId}"] button`);
    await teaser.waitFor();
    expect(await teaser.textContent()).toBe('Перезвоним за 5 минут');
    // Folded: a button in the bottom-right corner, 16 px from its edges; the card is not shown.
    const form = page.locator('[data-widgetry-widget] .wg-form');
    expect(await form.isVisible()).toBe(false);
    const button = (await teaser.boundingBox())!;
    expect(button.x + button.width).toBeCloseTo(screen.width - 16, 0);
    expect(button.y + button.height).toBeCloseTo(screen.height - 16, 0);
    expect(button.height).toBeLessThan(80);
    await screenshot(page, 'embed-phone-form-folded');
    await teaser.click();
    await form.waitFor();
    await teaser.waitFor({ state: 'detached' });
    // Open: the card keeps 16 px from the screen's edges and fits its height (it scrolls inside).
    const card = (await page.locator('[data-widgetry-widget] .wg-card').boundingBox())!;
    expect(card.x).toBeCloseTo(16, 0);
    expect(card.x + card.width).toBeCloseTo(screen.width - 16, 0);
    expect(card.y).toBeGreaterThanOrEqual(16 - 0.5);
    expect(card.y + card.height).toBeCloseTo(screen.height - 16, 0);
    // Focus followed into the card (its first button, the close one).
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className)).toBe('wg-close');
    await waitFor(usedImpressions, (n) => n > impressionsBefore, 'the impression to be counted');
    await page.waitForLoadState('networkidle');
    expect(asked).toEqual(['GET /loader.js', `GET /v1/sites/${site.siteKey}/config`, 'GET /rt/solo/form.js', 'POST /v1/events']);
    await screenshot(page, 'embed-phone-form-open');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a 390 px phone a site of two forms (one type, two slots) folds both, stacks their buttons apart, and a tap opens one within the screen', async () => {
    // rt/solo/form.js with the config's lm: the fold inside the file hands both stand-ins to the
    // layout manager (the solo build's chunk), which stacks them in their corner.
    const { session, site } = await licenseeWithFormWidget(stack, 'two-forms@shop.example');
    await setTariff(session.accountId, { tariffId: 'start' }); // two active widgets
    const links = { consentUrl: `${stack.host.origin}/consent`, privacyUrl: `${stack.host.origin}/privacy` };
    const second = await session.request('POST', '/api/widgets', {
      type: 'form',
      name: 'Доставка',
      siteId: site.id,
      active: true,
      content: { title: 'Вопрос о доставке', fields: NAME_AND_PHONE, ...links },
    });
    expect(second.status).toBe(201);
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const asked: string[] = [];
    page.on('request', (r) => r.url().startsWith(`${stack.platform.url}/rt/`) && asked.push(new URL(r.url()).pathname));
    await page.goto(stack.host.page('/two-forms-phone.html', 'shop.html', site.snippet));
    const teasers = page.locator('[data-widgetry-teaser] button');
    await waitFor(
      () => teasers.count(),
      (n) => n === 2,
      'two folded forms',
    );
    await page.waitForLoadState('networkidle');
    expect(asked[0]).toBe('/rt/solo/form.js');
    expect(asked).toHaveLength(2); // and the layout manager's chunk
    await waitFor(
      async () => Promise.all([0, 1].map(async (i) => (await teasers.nth(i).boundingBox())!)),
      ([a, b]) => a!.y + a!.height <= b!.y || b!.y + b!.height <= a!.y,
      'the two buttons stacked apart',
    );
    expect(await page.locator('[data-widgetry-widget] .wg-form').count()).toBe(2);
    expect(await page.locator('[data-widgetry-widget] .wg-form').first().isVisible()).toBe(false);
    await screenshot(page, 'embed-phone-two-forms-folded');
    await page.locator(`[data-widgetry-teaser="${second.body.id}"] button`).click();
    const opened = page.locator(`[data-widgetry-widget="${second.body.id}"] .wg-card`);
    await opened.waitFor();
    const card = (await opened.boundingBox())!;
    expect(card.x).toBeCloseTo(16, 0);
    expect(card.y).toBeGreaterThanOrEqual(16 - 0.5);
    expect(card.y + card.height).toBeLessThanOrEqual(844 - 16 + 0.5);
    await screenshot(page, 'embed-phone-two-forms-one-open');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 1280 px a form beside a pop-up fetches no layout manager; a form beside a quiz (both take a slot) does', async () => {
    // The config's lm (contracts/core/layout.ts takesSlot): a pop-up is a modal dialog, never in
    // a slot, so a form and a pop-up leave the layout manager nothing to share out on a desktop.
    const runtimeAsked = async (email: string, second: Record<string, unknown>) => {
      const { session, site } = await licenseeWithFormWidget(stack, email);
      await setTariff(session.accountId, { tariffId: 'start' }); // two active widgets of any type
      expect((await session.request('POST', '/api/widgets', { ...second, siteId: site.id, active: true })).status).toBe(201);
      const page = await stack.browser.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      const asked: string[] = [];
      page.on('request', (r) => r.url().startsWith(`${stack.platform.url}/rt/`) && asked.push(new URL(r.url()).pathname));
      await page.goto(stack.host.page(`/${second.type}-beside-form.html`, 'shop.html', site.snippet));
      await page.locator('[data-widgetry-widget] .wg-form').waitFor();
      await page.waitForLoadState('networkidle');
      await page.close();
      return asked;
    };
    const links = { consentUrl: `${stack.host.origin}/consent`, privacyUrl: `${stack.host.origin}/privacy` };
    const withPopup = await runtimeAsked('form-popup@shop.example', { type: 'popup', name: 'Акция', content: { title: 'Акция', text: 'Скидка 10 %' } });
    expect(withPopup).toContain('/rt/form.js');
    expect(withPopup).toContain('/rt/popup.js');
    expect(withPopup).not.toContain('/rt/layout.js');
    const withQuiz = await runtimeAsked('form-quiz@shop.example', {
      type: 'quiz',
      name: 'Подбор',
      content: { title: 'Подберём чай', questions: [{ key: 'kind', text: 'Какой чай любите?', options: ['Зелёный', 'Чёрный'] }], fields: NAME_AND_PHONE, ...links },
    });
    expect(withQuiz).toContain('/rt/form.js');
    expect(withQuiz).toContain('/rt/layout.js');
  });

  it('two snippets on one page make one set of widgets', async () => {
    const url = stack.host.page('/double.html', 'shop.html', `${site.snippet}\n${site.snippet}`);
    const { page, errors } = await visit(url);
    await page.locator('[data-widgetry-widget] .wg-form').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await widgets(page).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an unknown site key or an unreachable API leaves the page untouched', async () => {
    const unknown = site.snippet.replace(site.siteKey, 'nosuchsite000000000');
    const down = site.snippet.replace(stack.platform.url, 'http://127.0.0.1:9');
    for (const [path, snippet] of [
      ['/unknown.html', unknown],
      ['/down.html', down],
    ] as const) {
      const { page, errors } = await visit(stack.host.page(path, 'shop.html', snippet));
      await page.waitForLoadState('networkidle');
      expect(await widgets(page).count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('Start shows no badge', async () => {
    await setTariff(owner.accountId, { tariffId: 'start' });
    const { page } = await visit(stack.host.page('/shop.html', 'shop.html', site.snippet));
    await page.locator('[data-widgetry-widget] .wg-form').waitFor();
    expect(await page.locator('[data-widgetry-widget] .wg-badge').count()).toBe(0);
    await page.close();
  });

  it('once the impression cap is reached, the widget no longer appears', async () => {
    // A licensee of its own: no impression beacon of another test's page can be in flight for it.
    const capped = await licenseeWithFormWidget(stack, 'capped@shop.example');
    const used = async () => (await capped.session.request('GET', '/api/usage')).body.impressions.used as number;
    const limits = { activeWidgets: 1, widgetTypes: ['banner', 'form'], impressionsPerPeriod: 1, sites: 1, badge: true, integrations: ['email'] };
    await setTariff(capped.session.accountId, { tariffId: 'individual', individualLimits: limits });

    const first = await visit(stack.host.page('/capped.html', 'shop.html', capped.site.snippet));
    await first.page.locator('[data-widgetry-widget] .wg-form').waitFor();
    await waitFor(used, (n) => n === 1, 'the last impression to be counted');
    await first.page.close();

    const after = await visit(stack.host.page('/capped.html', 'shop.html', capped.site.snippet));
    await after.page.waitForLoadState('networkidle');
    expect(await widgets(after.page).count()).toBe(0);
    expect(after.errors).toEqual([]);
    expect(await used()).toBe(1);
    await after.page.close();
  });
});
