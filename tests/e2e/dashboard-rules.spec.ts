// Display rules as a licensee sets them in the editor reach the loader: a banner limited to one
// ad campaign (UTM tag) and one referrer shows to that traffic only, on a host page of another
// origin. And a form placed inside the page: the block the editor offers to copy is where it appears.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addSite, openSection, signUp } from './support/dashboard.js';
import { useStack } from './support/stack.js';
import { loaderSettled } from './support/settled.js';

const stack = useStack();

async function bannerShown(page: Page, url: string): Promise<boolean> {
  await page.goto(url);
  await loaderSettled(page);
  return (await page.locator('[data-widgetry-widget]').count()) > 0;
}

describe('display rules from the editor', () => {
  it('a UTM and a referrer condition set in the editor decide who sees the banner', { timeout: 120_000 }, async () => {
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await signUp(page, stack.platform.url, 'rules@tea.example');

    const snippet = await addSite(page, 'Чайная');

    await openSection(page, 'Виджеты');
    await page.getByRole('link', { name: 'Создать виджет' }).first().click();
    await page.getByRole('link', { name: /Полоса с акцией/ }).click();
    // The template links to an example page, which may not go live: the owner's own link.
    await page.getByLabel('Ссылка кнопки').fill('https://tea.example.org/autumn');
    const rules = page.locator('section', { has: page.getByRole('heading', { name: 'Где и когда показывать' }) });
    await rules.getByRole('button', { name: 'Добавить условие по метке' }).click();
    await rules.getByLabel('Метка').selectOption('utm_campaign');
    await rules.getByLabel('Значение').last().fill('autumn');
    await rules.getByRole('button', { name: 'Добавить источник' }).click();
    await rules.getByLabel('Значение').last().fill('ya.ru');
    await page.getByRole('button', { name: 'Создать виджет' }).click();
    await page.getByRole('button', { name: 'Включить', exact: true }).click();
    await page.getByRole('button', { name: 'Выключить', exact: true }).waitFor();

    const visitor = await stack.browser.newPage();
    const url = stack.host.page('/tea.html', 'shop.html', snippet);
    // Landing with the campaign's tag, from the search engine: shown.
    await visitor.setExtraHTTPHeaders({ referer: 'https://ya.ru/search?text=tea' });
    expect(await bannerShown(visitor, `${url}?utm_campaign=autumn`)).toBe(true);
    // Another campaign, or no tag at all: not shown.
    expect(await bannerShown(visitor, `${url}?utm_campaign=spring`)).toBe(false);
    expect(await bannerShown(visitor, url)).toBe(false);
    // The right tag from another referrer: not shown.
    await visitor.setExtraHTTPHeaders({ referer: 'https://google.com/' });
    expect(await bannerShown(visitor, `${url}?utm_campaign=autumn`)).toBe(false);
    // And the matching visit again: shown (the refusals above were the rules, not a frequency cap).
    await visitor.setExtraHTTPHeaders({ referer: 'https://ya.ru/' });
    expect(await bannerShown(visitor, `${url}?utm_campaign=autumn`)).toBe(true);
    await visitor.close();
    await page.close();
  });

  it('a form inside the page: the editor offers the block to paste, and the form appears in it', { timeout: 120_000 }, async () => {
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await stack.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.platform.url });
    // A licensee of their own (the free tariff has room for one site): not the session above.
    await stack.browser.clearCookies();
    await signUp(page, stack.platform.url, 'inline@tea.example');
    const snippet = await addSite(page, 'Чайная на странице');

    await openSection(page, 'Виджеты');
    await page.getByRole('link', { name: 'Создать виджет' }).first().click();
    await page.getByRole('link', { name: /Заявка на консультацию/ }).click();
    // Moving the form into the page suggests a block, with its code ready to copy.
    await page.getByLabel('Расположение').selectOption('inline');
    expect(await page.getByLabel('Блок страницы, куда встанет форма (CSS-селектор)').inputValue()).toBe('#widgetry-form');
    expect(await page.getByLabel('Код блока для формы').textContent()).toBe('<div id="widgetry-form"></div>');
    expect(await page.locator('.inline-help').textContent()).toContain('«Произвольный HTML»');
    await page.getByRole('button', { name: 'Скопировать блок' }).click();
    await page.getByText('Скопировано').first().waitFor();
    const block = await page.evaluate(() => navigator.clipboard.readText());
    expect(block).toBe('<div id="widgetry-form"></div>');

    await page.getByLabel('Ссылка на документ о согласии').fill(`${stack.host.origin}/consent`);
    await page.getByLabel('Ссылка на политику конфиденциальности').fill(`${stack.host.origin}/privacy`);
    await page.getByRole('button', { name: 'Создать виджет' }).click();
    await page.getByRole('button', { name: 'Включить', exact: true }).click();
    await page.getByRole('button', { name: 'Выключить', exact: true }).waitFor();

    const visitor = await stack.browser.newPage();
    await visitor.goto(stack.host.page('/inline.html', 'shop.html', `${block}\n${snippet}`));
    await visitor.locator('#widgetry-form [data-widgetry-widget] .wg-form').waitFor();
    await visitor.close();
    await page.close();
  });
});
