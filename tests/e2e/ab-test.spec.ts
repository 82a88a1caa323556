// A/B tests in a real browser: the owner starts a test from the widget's page, edits variant B
// in the editor, sets the split; a visitor's page draws one variant, whose beacons name it and
// which nothing stores until the visitor interacts; the results page (axe-checked at 1280 and
// 375 px) shows the figures and "not enough data", and promoting B ends the test.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/src/testing/wait-for.js';
import type { ApiSession } from './support/api-session.js';
import { screenshot, seriousViolations } from './support/dashboard.js';
import { signedUpWithPhoneForm } from './support/licensee.js';
import { useStack } from './support/stack.js';

const stack = useStack();
const EMAIL = 'ab@shop.example';

let page: Page;
let owner: ApiSession;
let site: { id: string; siteKey: string; snippet: string };
let widgetId: string;

beforeAll(async () => {
  ({ page, owner, site, widgetId } = await signedUpWithPhoneForm(stack, EMAIL, { siteName: 'Магазин', domain: '127.0.0.1', widgetName: 'Заявка', title: 'Вариант А' }));
}, 90_000);

afterAll(async () => {
  await page?.close();
});

describe('an A/B test from the dashboard to a visitor’s page', () => {
  it('starts a test, edits variant B in the editor and sets the split', { timeout: 90_000 }, async () => {
    await page.goto(`${stack.platform.url}/app/widgets/${widgetId}`);
    await page.getByRole('link', { name: 'A/B-тест' }).click();
    await page.getByRole('heading', { name: 'Тест не запущен' }).waitFor();
    await page.getByRole('button', { name: 'Начать тест: добавить вариант B' }).click();
    await page.getByRole('spinbutton', { name: 'Доля показов варианта B, %' }).waitFor();
    expect(await page.getByRole('spinbutton', { name: 'Доля показов варианта A, %' }).inputValue()).toBe('50');

    await page.getByRole('link', { name: 'Изменить вариант B' }).click();
    await page.getByRole('heading', { name: 'Вариант B: Заявка', level: 1 }).waitFor();
    await page.getByLabel('Заголовок').first().fill('Вариант Б');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Вариант сохранён').waitFor();
    const test = (await owner.request('GET', `/api/widgets/${widgetId}/variants`)).body;
    expect(test.variants[1].definition.content.title).toBe('Вариант Б');
    // The widget itself is untouched.
    expect((await owner.request('GET', `/api/widgets/${widgetId}`)).body.content.title).toBe('Вариант А');

    await page.getByRole('link', { name: 'A/B-тест' }).click();
    await page.getByRole('spinbutton', { name: 'Доля показов варианта A, %' }).fill('0');
    await page.getByRole('spinbutton', { name: 'Доля показов варианта B, %' }).fill('100');
    await page.getByRole('button', { name: 'Сохранить доли' }).click();
    await page.getByText('Доли сохранены').waitFor();
  });

  it('a visitor’s page shows the drawn variant, names it in the beacon, and stores it only once the visitor closes it', { timeout: 60_000 }, async () => {
    const visitor = await stack.browser.newPage();
    await visitor.goto(stack.host.page('/ab.html', 'shop.html', site.snippet));
    // B has every page view now: its title is on the page.
    await visitor.getByText('Вариант Б').waitFor();
    // The impression beacon named B: the server counts it as B's (and the widget's).
    const results = () => owner.request('GET', `/api/widgets/${widgetId}/variants/results`).then((r) => r.body.variants.map((v: { impressions: number }) => v.impressions));
    expect(await waitFor(results, (n) => n[1] === 1, 'B’s impression')).toEqual([0, 1]);
    const test = (await owner.request('GET', `/api/widgets/${widgetId}/variants`)).body;
    const b = test.variants[1].id;
    const stored = () => visitor.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('wg.')));
    expect(await stored()).toEqual([]);
    // Closing the widget is an interaction: now the variant is kept.
    await visitor.getByRole('button', { name: 'Закрыть' }).click();
    await waitFor(stored, (keys) => keys.length > 0, 'the kept variant');
    expect(await visitor.evaluate((k) => localStorage.getItem(k), `wg.${widgetId}.v`)).toBe(b);
    await visitor.close();
  });

  it('shows the results, passes axe at 1280 and 375 px, and promotes B', { timeout: 90_000 }, async () => {
    await page.goto(`${stack.platform.url}/app/widgets/${widgetId}/ab`);
    await page.getByRole('heading', { name: 'Варианты и результаты' }).waitFor();
    await page.getByText('Пока мало данных').waitFor();
    await page.getByRole('cell', { name: '1', exact: true }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'ab-1280');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.getByRole('heading', { name: 'Варианты и результаты' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'ab-375');

    await page.getByRole('button', { name: 'Сделать вариант B основным и завершить тест' }).click();
    await page.getByRole('dialog', { name: 'Завершить тест с вариантом B?' }).getByRole('button', { name: 'Сделать основным' }).click();
    await page.getByRole('heading', { name: 'Тест не запущен' }).waitFor();
    expect((await owner.request('GET', `/api/widgets/${widgetId}`)).body.content.title).toBe('Вариант Б');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
