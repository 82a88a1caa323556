// The statistics page's analytics against figures that went through the real public API: page
// views' beacons (POST /v1/events, the payload the runtime sends: contracts/schemas/embed.ts),
// one lead and one too-fast submission (POST /v1/leads). The page must show exactly those counts —
// the funnel, the breakdowns, the comparison and the refusals — at 1280 and 375 px, axe passing,
// and in English with no Russian left.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSession } from './support/api-session.js';
import { SHOTS_DIR, breakdowns, screenshot, seriousViolations } from './support/dashboard.js';
import { signedUpWithPhoneForm } from './support/licensee.js';
import { useStack } from './support/stack.js';

const stack = useStack();
const EMAIL = 'funnel@shop.example';
const ORIGIN = 'https://shop.example.ru';
const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36';

let page: Page;
let owner: ApiSession;
let site: { id: string; siteKey: string };
let widgetId: string;

type Step = 'impression' | 'interact' | 'start' | 'submit';
interface PageView {
  ua: string;
  path: string;
  source: string;
  returning: boolean;
  steps: Step[];
  /** The A/B variant the page view drew, as the runtime names it. */
  variant?: string;
}

/** One page view as the runtime reports it: a beacon per step, each naming the page's path, source and returning flag. */
async function pageView(view: PageView) {
  for (const type of view.steps) {
    const res = await fetch(`${stack.platform.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': view.ua },
      body: JSON.stringify({ site: site.siteKey, events: [{ widget: widgetId, type, v: view.variant }], path: view.path, source: view.source, returning: view.returning }),
    });
    expect(res.status, await res.text()).toBe(202);
  }
}

const submitLead = (elapsedMs: number) =>
  fetch(`${stack.platform.url}/v1/leads`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': DESKTOP_UA },
    body: JSON.stringify({ site: site.siteKey, widget: widgetId, fields: { phone: '+7 900 123-45-67' }, consent: true, elapsedMs, page: `${ORIGIN}/catalog?utm_source=yandex` }),
  });

beforeAll(async () => {
  ({ page, owner, site, widgetId } = await signedUpWithPhoneForm(stack, EMAIL, { siteName: 'Shop', domain: 'shop.example.ru', widgetName: 'Callback form', title: 'Перезвоним' }));

  // Three page views: one goes all the way and sends the form, one opens the widget, one only sees it.
  await pageView({ ua: DESKTOP_UA, path: '/catalog?utm_source=yandex', source: 'yandex', returning: false, steps: ['impression', 'interact', 'start', 'submit'] });
  await pageView({ ua: PHONE_UA, path: '/', source: '', returning: true, steps: ['impression', 'interact'] });
  await pageView({ ua: DESKTOP_UA, path: '/catalog', source: 'yandex', returning: false, steps: ['impression'] });
  expect((await submitLead(5000)).status).toBe(201);
  // Faster than a person fills a form: refused, counted, nothing stored.
  expect((await submitLead(100)).status).toBe(422);
}, 90_000);

afterAll(async () => {
  await page?.close();
});

const statsUrl = (extra = '') => `${stack.platform.url}/app/stats?scope=widget:${widgetId}${extra}`;

/** The funnel's steps as the page shows them: name, count and the rate of the step before. */
const funnelSteps = () =>
  page
    .locator('.funnel-step')
    // Intl puts a no-break space before "%" in Russian: read as a plain one.
    .evaluateAll((items) => items.map((li) => ['.funnel-name', '.funnel-count', '.funnel-rate'].map((part) => li.querySelector(part)?.textContent?.replace(/\s/g, ' '))));

async function expectFigures() {
  await page.getByRole('heading', { name: 'Воронка', level: 2 }).waitFor();
  await page.locator('.funnel-step').first().waitFor();
  expect(await funnelSteps()).toEqual([
    ['Показан (виден хотя бы наполовину)', '3', ''],
    ['Взаимодействие: открыли, нажали, ответили', '2', '66,7 % от предыдущего шага'],
    ['Начали заполнять форму', '1', '50 % от предыдущего шага'],
    ['Отправили форму', '1', '100 % от предыдущего шага'],
    ['Приняты заявки (без спама)', '1', '100 % от предыдущего шага'],
  ]);
  // The totals over the chart: 3 shown, 1 lead.
  const totals = page.getByRole('region', { name: 'Итоги за период' });
  expect(await totals.textContent()).toMatch(/Показы\s*3[\s\S]*Заявки\s*1[\s\S]*Конверсия\s*33,3\s%/);
  await page.getByRole('heading', { name: 'Устройство', level: 3 }).waitFor();
  expect(await breakdowns(page, ['Устройство', 'Страница', 'Источник', 'Посетитель'])).toEqual({
    Устройство: ['Компьютеры | 2 | 66,7 % | 1 | 50 %', 'Телефоны | 1 | 33,3 % | 0 | 0 %'],
    Страница: ['/catalog | 2 | 66,7 % | 1 | 50 %', '/ | 1 | 33,3 % | 0 | 0 %'],
    Источник: ['yandex | 2 | 66,7 % | 1 | 50 %', 'Прямые заходы | 1 | 33,3 % | 0 | 0 %'],
    Посетитель: ['Новые | 2 | 66,7 % | 1 | 50 %', 'Вернувшиеся | 1 | 33,3 % | 0 | 0 %'],
  });
  // The comparison: this widget, 3 shown and 1 lead, nothing before to compare with.
  const compare = page.getByRole('table', { name: 'Сравнение виджетов' });
  await compare.getByRole('link', { name: 'Callback form' }).waitFor();
  expect(await compare.locator('tbody tr').first().textContent()).toMatch(/3 \(—\)[\s\S]*1 \(—\)[\s\S]*33,3\s% \(—\)/);
  // The refused submission, in the widget's scope.
  const refused = page.getByRole('table', { name: 'Отклонённые заявки' });
  expect(await refused.locator('tbody tr').count()).toBe(1);
  expect(await refused.locator('tbody tr').textContent()).toMatch(/Callback form[\s\S]*1[\s\S]*0/);
}

describe('the statistics page’s funnel, breakdowns and comparison', () => {
  it('shows exactly the counts the beacons and the lead made, and passes axe at 1280 px', { timeout: 90_000 }, async () => {
    await page.goto(statsUrl());
    await expectFigures();
    // The legend says what it shows: nothing is hovered yet; hovered, the day and its figures.
    const counts = page.locator('section[aria-labelledby="chart-title"]');
    const legend = counts.locator('figcaption');
    expect(await legend.textContent()).toMatch(/^Наведите на день, чтобы увидеть его числа/);
    const plot = (await counts.locator('.u-over').boundingBox())!;
    await page.mouse.move(plot.x + plot.width - 1, plot.y + plot.height / 2);
    await expect.poll(() => legend.textContent()).toMatch(/^\d{1,2} [а-я]+\. \d{4}Показы: 3Нажатия: 0Заявки: 1$/);
    await page.mouse.move(0, 0);
    for (const summary of await page.locator('details.more summary').all()) await summary.click();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'stats-funnel-1280');
    await page.locator('section[aria-labelledby="funnel-title"]').screenshot({ path: resolve(SHOTS_DIR, 'stats-funnel-card-1280.png') });
    await page.locator('section[aria-labelledby="bd-title"]').screenshot({ path: resolve(SHOTS_DIR, 'stats-breakdowns-1280.png') });
  });

  it('shows the same at 375 px, fits the screen, and passes axe with the day tables open', { timeout: 90_000 }, async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.goto(statsUrl());
      await expectFigures();
      for (const summary of await page.locator('details.more summary').all()) await summary.click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'stats-funnel-375');
      // The funnel and the breakdowns alone, where a full page is too long to look at.
      await page.locator('section[aria-labelledby="funnel-title"]').screenshot({ path: resolve(SHOTS_DIR, 'stats-funnel-card-375.png') });
      await page.locator('section[aria-labelledby="bd-title"]').screenshot({ path: resolve(SHOTS_DIR, 'stats-breakdowns-375.png') });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('the comparison’s widget name opens that widget’s figures; the whole account asks to choose a widget', { timeout: 60_000 }, async () => {
    await page.goto(`${stack.platform.url}/app/stats`);
    await page.getByText('Воронка и разбивки строятся по одному виджету').waitFor();
    expect(await page.locator('.funnel').count()).toBe(0);
    await page.getByRole('table', { name: 'Сравнение виджетов' }).getByRole('link', { name: 'Callback form' }).click();
    await page.locator('.funnel-step').first().waitFor();
    expect(new URL(page.url()).searchParams.get('scope')).toBe(`widget:${widgetId}`);
    expect((await funnelSteps()).map((s) => s[1])).toEqual(['3', '2', '1', '1', '1']);
  });

  it('in English, the same figures with no Russian word on the page but the owner’s own', { timeout: 60_000 }, async () => {
    await page.goto(statsUrl('&lang=en'));
    await page.getByRole('heading', { name: 'Funnel', level: 2 }).waitFor();
    await page.locator('.funnel-step').first().waitFor();
    await page.getByRole('heading', { name: 'Device', level: 3 }).waitFor();
    expect((await funnelSteps())[1]).toEqual(['Interacted: opened, clicked, answered', '2', '66.7% of the step before']);
    expect(await breakdowns(page, ['Device'])).toEqual({ Device: ['Computers | 2 | 66.7% | 1 | 50%', 'Phones | 1 | 33.3% | 0 | 0%'] });
    const text = await page.locator('main').textContent();
    expect((text ?? '').match(/[а-яё]+/gi) ?? []).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('wg_lang', 'ru'));
  });

  it('with an A/B test running, each variant’s funnel is one press away', { timeout: 60_000 }, async () => {
    const test = await owner.request('POST', `/api/widgets/${widgetId}/variants`, { content: { title: 'Перезвоним за минуту' } });
    expect(test.status).toBe(201);
    const b = test.body.variants[1].id as string;
    await pageView({ ua: DESKTOP_UA, path: '/', source: '', returning: false, steps: ['impression', 'interact'], variant: b });
    await page.goto(statsUrl());
    const variants = page.getByRole('group', { name: 'Вариант A/B-теста' });
    await variants.getByRole('button', { name: 'Вариант B' }).click();
    const counts = async () => (await funnelSteps()).map((step) => step[1]);
    await expect.poll(counts).toEqual(['1', '1', '0', '0', '0']);
    expect(await variants.getByRole('button', { name: 'Вариант B' }).getAttribute('aria-pressed')).toBe('true');
    await variants.getByRole('button', { name: 'Весь виджет' }).click();
    await expect.poll(counts).toEqual(['4', '3', '1', '1', '1']);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
