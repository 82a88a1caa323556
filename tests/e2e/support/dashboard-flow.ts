// The whole path a new licensee walks in the dashboard, at a given screen width: sign up with
// the code from the outbox, add a site, build a form widget in the editor and see it in the
// live preview, switch it on, put the snippet on a page of another origin, submit the form
// there as a visitor, watch the lead arrive in the table, export CSV, delete the lead.
// Screenshots of each main page go to test-results/dashboard/, and each page is axe-scanned.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSignIn } from './api-session.js';
import { parseCsv } from './csv.js';
import { addSite, eventually, openSection, screenshot, seriousViolations, signUp } from './dashboard.js';
import type { HostPages } from './host-pages.js';
import { useStack } from './stack.js';

export interface FlowOptions {
  browser: BrowserContext;
  platformUrl: string;
  host: HostPages;
  email: string;
  viewport: { width: number; height: number };
  /** Prefix of the screenshot names ("desktop", "phone"). */
  label: string;
}

export interface FlowResult {
  /** Serious or critical axe violations per page (expected empty). */
  violations: Record<string, string[]>;
  /** Errors thrown in the dashboard's pages. */
  pageErrors: string[];
  /** Pages wider than the screen (sideways scrolling), with their width. */
  overflowing: string[];
}

export interface Screen {
  /** What the describe block says: "dashboard on {screen}". */
  screen: string;
  label: string;
  /** Each width walks as its own new licensee. */
  email: string;
  viewport: { width: number; height: number };
}

/**
 * The spec of one width: its own platform, host pages and browser, and the walk with its checks
 * (an axe scan of every main page, no page wider than the screen, no error thrown). One file per
 * width, so the two long walks run side by side on two workers rather than one after the other.
 */
export function walkSpec({ screen, label, email, viewport }: Screen): void {
  const stack = useStack({ LEAD_MIN_FILL_MS: '300' });
  describe(`dashboard on ${screen}`, () => {
    it('a new licensee goes from sign-up to a lead, exports it and deletes it; every page passes axe and fits the screen', { timeout: 180_000 }, async () => {
      const { violations, pageErrors, overflowing } = await walkTheWholePath({ browser: stack.browser, platformUrl: stack.platform.url, host: stack.host, email, viewport, label });
      expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
      expect(pageErrors).toEqual([]);
      expect(overflowing).toEqual([]);
    });
  });
}

const VISITOR = { name: 'Мария Иванова', phone: '+7 916 555-12-34' };

export async function walkTheWholePath(o: FlowOptions): Promise<FlowResult> {
  // A new licensee: no session left in this browser by an earlier walk.
  await o.browser.clearCookies();
  const page = await o.browser.newPage();
  try {
    return await walk(o, page);
  } catch (err) {
    // Where it stopped, as a picture: the error alone rarely says what the page showed.
    await screenshot(page, `${o.label}-FAILED`).catch(() => {});
    throw err;
  }
}

async function walk(o: FlowOptions, page: Page): Promise<FlowResult> {
  const { browser, platformUrl, host, email, label } = o;
  const violations: Record<string, string[]> = {};
  const pageErrors: string[] = [];
  const overflowing: string[] = [];
  await page.setViewportSize(o.viewport);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const check = async (name: string) => {
    await screenshot(page, `${label}-${name}`);
    violations[name] = await seriousViolations(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > o.viewport.width) overflowing.push(`${name}: ${width}px`);
  };

  // Sign up.
  await page.goto(`${platformUrl}/app/`);
  await page.getByRole('heading', { name: 'Вход в кабинет' }).waitFor();
  await check('01-sign-in');
  await signUp(page, platformUrl, email);
  expect(await page.locator('main').textContent()).toContain(email);
  await check('02-overview');

  // A site, and its install snippet.
  const snippet = await addSite(page, 'Магазин чая');
  expect(snippet).toContain(`${platformUrl}/loader.js`);
  await page.getByRole('button', { name: 'Скопировать код' }).click();
  await page.getByText('Код не найден').first().waitFor();
  await check('03-site');

  // A form widget from a template, edited, previewed by the real runtime, saved, switched on.
  await openSection(page, 'Виджеты');
  await page.getByRole('link', { name: 'Создать виджет' }).first().click();
  await page.getByRole('heading', { name: 'Новый виджет', level: 1 }).waitFor();
  await check('04-templates');
  await page.getByRole('link', { name: /Заявка на консультацию/ }).click();
  await page.getByRole('heading', { name: 'Новый виджет: Форма заявки' }).waitFor();
  const preview = page.frameLocator('iframe[title="Предпросмотр виджета"]');
  await preview.locator('[data-widgetry-widget] .wg-form').waitFor();
  await page.getByLabel('Заголовок', { exact: true }).fill('Перезвоним за 5 минут');
  // The edit reaches the real runtime in the frame (its shadow root is open to locators).
  await preview.locator('[data-widgetry-widget]').getByText('Перезвоним за 5 минут').waitFor({ timeout: 5000 });
  await page.getByLabel('Ссылка на документ о согласии').fill(`${host.origin}/consent`);
  await page.getByLabel('Ссылка на политику конфиденциальности').fill(`${host.origin}/privacy`);
  // The preview's form works, and sends nothing (the frame may not even connect anywhere).
  // First wait for the redraw with the consent link: a redraw resets what the form holds.
  const inPreview = preview.locator('[data-widgetry-widget]');
  await inPreview.locator(`a[href="${host.origin}/privacy"]`).waitFor();
  // The widget is fixed inside the frame: bring the whole frame on screen, as a person scrolls.
  await page.locator('iframe[title="Предпросмотр виджета"]').evaluate((f) => f.scrollIntoView({ block: 'end' }));
  await inPreview.locator('input[name="name"]').fill('Предпросмотр');
  await inPreview.locator('input[name="phone"]').fill('+7 900 000-00-00');
  await inPreview.locator('.wg-consent input[type="checkbox"]').check();
  await inPreview.locator('.wg-submit').click();
  await inPreview.locator('.wg-success').waitFor();
  await check('05-editor');
  await page.getByRole('button', { name: 'Создать виджет' }).click();
  await page.getByRole('heading', { name: 'Заявка на консультацию', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Включить', exact: true }).click();
  await page.getByRole('button', { name: 'Выключить', exact: true }).waitFor();
  await openSection(page, 'Виджеты');
  const row = page.locator('tr', { hasText: 'Заявка на консультацию' });
  await row.getByText('Показывается').waitFor();
  expect(await row.getByRole('switch').getAttribute('aria-checked')).toBe('true');
  await check('06-widgets');

  // The leads page is open (and empty) when the visitor submits: the lead arrives by polling.
  await openSection(page, 'Заявки');
  await page.getByRole('heading', { name: 'Заявок пока нет' }).waitFor();
  const visitor = await browser.newPage();
  await visitor.setViewportSize(o.viewport);
  const visitorErrors: string[] = [];
  visitor.on('pageerror', (e) => visitorErrors.push(String(e)));
  await visitor.goto(host.page(`/${label}-shop.html`, 'shop.html', snippet));
  const form = visitor.locator('[data-widgetry-widget] .wg-form');
  // On a phone the form starts folded into a button with its title: the visitor taps it open.
  if (o.viewport.width < 768) await visitor.locator('[data-widgetry-teaser] button').click();
  await form.waitFor();
  await form.locator('input[name="name"]').fill(VISITOR.name);
  await form.locator('input[name="phone"]').fill(VISITOR.phone);
  await form.locator('.wg-consent input[type="checkbox"]').check();
  await visitor.waitForTimeout(400); // a person is slower than LEAD_MIN_FILL_MS
  await form.locator('.wg-submit').click();
  await visitor.locator('[data-widgetry-widget] .wg-success').waitFor();
  expect(visitorErrors).toEqual([]);
  await visitor.close();

  const leadRow = page.locator('tbody tr', { hasText: VISITOR.name });
  await leadRow.waitFor({ timeout: 20_000 });
  expect(await leadRow.textContent()).toContain('+7 916 555-12-34');
  await check('07-leads');
  await leadRow.getByRole('button', { name: /Открыть заявку/ }).click();
  const detail = page.getByRole('dialog');
  await detail.getByText('Что отправил посетитель').waitFor();
  expect(await detail.textContent()).toContain(VISITOR.name);
  await check('08-lead-detail');
  await detail.getByRole('button', { name: 'Закрыть' }).first().click();

  // CSV: UTF-8 with a BOM, ";" between values, the lead in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать CSV' }).click()]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.subarray(3)));
  expect(header).toContain('Имя');
  expect(header).toContain('Телефон');
  expect(rows).toHaveLength(1);
  expect(rows[0]![header!.indexOf('Имя')]).toBe(VISITOR.name);
  // A phone is "+" and digits: importable as it is, never quoted as a formula.
  expect(rows[0]![header!.indexOf('Телефон')]).toBe('+79165551234');

  // Statistics, tariff and notifications pages render with the data.
  await openSection(page, 'Статистика');
  await page.locator('.chart canvas').first().waitFor();
  await check('09-stats');
  await openSection(page, 'Тариф');
  await page.getByRole('heading', { name: 'Все тарифы' }).waitFor();
  // One widget of one and one site of one is the free tariff used as sold: said, not warned about.
  expect(await page.getByText('Используется всё, что входит в тариф.', { exact: false }).count()).toBe(2);
  expect(await page.locator('.usage-warn, .usage-danger').count()).toBe(0);
  await check('10-tariff');
  await page.getByRole('link', { name: /Уведомления/ }).click();
  await page.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
  await check('11-notifications');

  // Delete the lead: the confirmation says personal data is destroyed.
  await openSection(page, 'Заявки');
  await page.locator('tbody tr', { hasText: VISITOR.name }).getByRole('checkbox').check();
  // Destruction is not in the primary spot: it sits in the "more" menu.
  await page.locator('summary', { hasText: 'Другие действия' }).click();
  await page.getByRole('button', { name: 'Удалить выбранные (1)…' }).click();
  const confirm = page.getByRole('dialog');
  expect(await confirm.textContent()).toContain('уничтожает персональные данные');
  await check('12-delete-confirm');
  await confirm.getByRole('button', { name: 'Уничтожить' }).click();
  await page.getByRole('heading', { name: 'Заявок пока нет' }).waitFor();
  expect(await page.locator('tbody tr', { hasText: VISITOR.name }).count()).toBe(0);

  // The server agrees: no leads; the preview counted no impression, the host page one.
  const api = await apiSignIn(platformUrl, email);
  expect((await api.request('GET', '/api/leads')).body.total).toBe(0);
  await eventually(
    async () => (await api.request('GET', '/api/usage')).body.impressions.used,
    (n) => n === 1,
    'the host page’s impression',
  );
  await page.close();
  return { violations, pageErrors, overflowing };
}
