// The dashboard with the keyboard alone (Tab, Enter, Space, Esc — no mouse), the English
// switch, the tariff's refusals shown inline with the tariff that lifts them, and the warning
// before unsaved edits are lost.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSignIn, latestCode, type ApiSession } from './support/api-session.js';
import { screenshot, seriousViolations, tabTo } from './support/dashboard.js';
import { useStack } from './support/stack.js';

const stack = useStack();

const EMAIL = 'keys@only.example';

let page: Page;
let owner: ApiSession;

beforeAll(async () => {
  page = await stack.browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
}, 60_000);

const focusedName = () => page.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim());

describe('dashboard with the keyboard alone', () => {
  it('signs up: e-mail, consent box, code — Tab, Space and Enter only', async () => {
    await page.goto(`${stack.platform.url}/app/`);
    // The e-mail field has focus on arrival.
    await page.waitForFunction(() => document.activeElement?.id === 'auth-email');
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, 'Получить код');
    await page.keyboard.press('Enter');
    await page.getByLabel('Код из письма').waitFor();
    // …and the code field has focus once the code is sent.
    await page.waitForFunction(() => document.activeElement?.id === 'auth-code');
    await page.keyboard.type(await latestCode(stack.platform.url, EMAIL));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
    owner = await apiSignIn(stack.platform.url, EMAIL);
  });

  it('skips to the content, opens a section, adds a site in a dialog; Esc closes a dialog and focus comes back', async () => {
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Перейти к содержимому');
    await tabTo(page, 'Сайты');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Сайты', level: 1 }).waitFor();
    await tabTo(page, 'Добавить сайт');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Новый сайт' }).waitFor();
    // The name field is focused inside the modal dialog.
    await page.keyboard.type('Клавиатурный сайт');
    await page.keyboard.press('Tab');
    await page.keyboard.type('127.0.0.1');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Клавиатурный сайт', level: 1 }).waitFor();

    await tabTo(page, 'Удалить сайт');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: /Удалить сайт/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focusedName()).toBe('Удалить сайт');
  });

  it('builds a widget from a template, and shows the refusals inline: consent links, the widget limit with the tariff that lifts it', { timeout: 90_000 }, async () => {
    const { sites } = (await owner.request('GET', '/api/sites')).body;
    // Free allows one active widget: take it with a banner first.
    const banner = await owner.request('POST', '/api/widgets', {
      type: 'banner',
      name: 'Баннер',
      siteId: sites[0].id,
      active: true,
      content: { title: 'Акция', buttonText: 'Смотреть', buttonUrl: 'https://shop.example/sale' },
    });
    expect(banner.status).toBe(201);
    await page.goto(`${stack.platform.url}/app/widgets/new`);
    await page.getByRole('heading', { name: 'Новый виджет', level: 1 }).waitFor();
    await tabTo(page, /^Заявка на консультацию/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Новый виджет: Форма заявки' }).waitFor();

    // Without consent links the server refuses to switch the form on, and says why; the
    // widget itself is saved (switched off), so nothing typed is lost.
    await tabTo(page, 'Сохранить и включить');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Заявка на консультацию', level: 1 }).waitFor();
    const notReady = page.locator('[data-code="widget_not_ready"]');
    await notReady.waitFor();
    expect(await notReady.textContent()).toContain('ссылки на документ о согласии');

    await page.getByLabel('Ссылка на документ о согласии').focus();
    await page.keyboard.type(`${stack.host.origin}/consent`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(`${stack.host.origin}/privacy`);
    await tabTo(page, 'Сохранить и включить');
    await page.keyboard.press('Enter');
    const refusal = page.locator('[data-code="limit_widgets"]');
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('не больше 1');
    expect(text).toContain('Тариф «Старт» это позволяет');
    // The links were saved all the same; only switching on was refused.
    const { widgets } = (await owner.request('GET', '/api/widgets')).body;
    const form = widgets.find((w: { type: string }) => w.type === 'form');
    expect(form).toMatchObject({ active: false, content: { consentUrl: `${stack.host.origin}/consent` } });
    await screenshot(page, 'desktop-13-refusal');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('asks before unsaved edits are lost', async () => {
    const name = page.getByLabel('Название', { exact: true });
    await name.focus();
    await page.keyboard.type(' (правка)');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Обзор' }).click();
    expect(asked).toContain('несохранённые изменения');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Заявка на консультацию');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Обзор' }).click();
    await page.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
  });

  it('switches to English and back; the choice survives a reload', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The tariffs and the template gallery speak English too, the templates' own words included.
    const russianIn = async (what: string) => ((await page.locator(what).textContent()) ?? '').match(/[\u0400-\u04ff]+/g) ?? [];
    await page.goto(`${stack.platform.url}/app/tariff`);
    await page.getByRole('heading', { name: 'All tariffs' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('1C');
    expect(await russianIn('main')).toEqual([]);
    await page.goto(`${stack.platform.url}/app/widgets/new`);
    await page.getByRole('heading', { name: 'New widget', level: 1 }).waitFor();
    expect(await russianIn('main')).toEqual([]);
    await page.getByRole('link', { name: /Consultation request/ }).click();
    await page.getByRole('heading', { name: 'New widget: Lead form' }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).first().inputValue()).toBe('Consultation request');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Get a consultation');
    // Leaving the unsaved new widget asks first.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
  });
});
