// Driving the licensee dashboard as a person does: by labels, roles and visible text only
// (no test ids), so a test passing means the controls are findable by assistive technology too.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { latestCode } from './api-session.js';

/** Screenshots are artifacts, not fixtures: test-results/ is gitignored. */
export const SHOTS_DIR = resolve(import.meta.dirname, '../../../test-results/dashboard');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  // Let fonts, the preview frame and the chart settle before the picture.
  await page.waitForLoadState('networkidle').catch(() => {});
  // From the top: sticky bars would otherwise be drawn where the page happened to be scrolled.
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: resolve(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** axe-core on the current page: serious and critical violations, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Signs up (or in) through the form; a browser that already has the session just goes on. */
export async function signUp(page: Page, platformUrl: string, email: string): Promise<void> {
  await page.goto(`${platformUrl}/app/`);
  const home = page.getByRole('heading', { name: 'Кабинет', exact: true });
  const form = page.getByLabel('E-mail');
  await home.or(form).first().waitFor();
  if (await home.isVisible()) return;
  await form.fill(email);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.getByLabel('Код из письма').waitFor();
  await page.getByLabel('Код из письма').fill(await latestCode(platformUrl, email));
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
}

/** The dashboard's navigation: on a phone it is a drawer, opened first. */
export async function openNavigation(page: Page): Promise<Locator> {
  const menu = page.getByRole('button', { name: 'Открыть меню' });
  if (await menu.isVisible()) await menu.click();
  return page.getByRole('navigation', { name: 'Разделы кабинета' });
}

/** Closes the phone's navigation drawer, if it is open. */
export async function closeNavigation(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Закрыть меню' });
  if (await close.isVisible()) await close.click();
}

/** Opens a section from the navigation (behind the menu button on a phone). */
export async function openSection(page: Page, name: string): Promise<void> {
  // The section's name, or its name and a count («Заявки, новых: 2»).
  const named = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*,|$)`);
  await (await openNavigation(page)).getByRole('link', { name: named }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** The statistics page's breakdown tables, by their headings: each row as its cells' text joined by " | "
 *  (Intl's no-break spaces, as before "%" in Russian, read as plain ones). */
export async function breakdowns(page: Page, headings: string[]): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const heading of headings) {
    const rows = page.getByRole('region', { name: heading }).locator('tbody tr');
    tables[heading] = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s/g, ' ')).join(' | ')));
  }
  return tables;
}

/** Types into text fields found by their labels, in the order given (as a person fills a form in). */
export async function fillIn(scope: Page | Locator, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await scope.getByLabel(label).fill(value);
}

/** Adds a site on the dashboard's Sites section, served from 127.0.0.1 (the host pages' origin; the platform is
 *  "localhost", so another one), and returns its install snippet from the site's page. */
export async function addSite(page: Page, name: string): Promise<string> {
  await openSection(page, 'Сайты');
  await page.getByRole('button', { name: 'Добавить сайт' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Новый сайт' });
  await dialog.getByLabel('Название').fill(name);
  await dialog.getByLabel('Домен 1').fill('127.0.0.1');
  await dialog.getByRole('button', { name: 'Добавить', exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  return (await page.getByLabel('Код для вставки на сайт').textContent()) ?? '';
}

/** Polls until `read` satisfies `ok` (the dashboard polls the server too). */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Presses Tab until the focused control's accessible name matches: how a keyboard user gets there. */
export async function tabTo(page: Page, name: string | RegExp, { max = 80, back = false } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const current = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    seen.push(current);
    if (typeof name === 'string' ? current === name : name.test(current)) return;
  }
  throw new Error(`Tab never reached ${name}; focus went through: ${seen.join(' | ')}`);
}
