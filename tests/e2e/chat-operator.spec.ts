// The operator's side of the chat at desktop and phone widths: a visitor's message raises the
// unread count beside «Чаты» in the navigation without a reload, opening the conversation clears
// it, a quick reply fills the answer box, and the answer reaches the visitor; on the visitor's
// side the message box grows and each message shows its time. axe on the page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidget, startKit, visit, widgetHost, type Kit } from './embed-kit.js';
import { seriousViolations, signUp } from './support/dashboard.js';

const OWNER = 'operator@shop.example';
let kit: Kit;
let chatId: string;

beforeAll(async () => {
  kit = await startKit(OWNER);
  chatId = await createWidget(kit, {
    type: 'chat',
    name: 'Чат магазина',
    position: 'bottom-right',
    content: { title: 'Чайный чат', offlineAfterMin: 5, greeting: 'Здравствуйте!', consentUrl: `${kit.host.origin}/consent`, privacyUrl: `${kit.host.origin}/privacy` },
    rules: { url: { include: [{ match: 'contains', value: 'w=opchat' }] } },
  });
}, 90_000);

afterAll(async () => {
  await kit?.stop();
});

async function nav(page: Page) {
  const menu = page.getByRole('button', { name: 'Открыть меню' });
  if (await menu.isVisible()) await menu.click();
  return page.getByRole('navigation', { name: 'Разделы кабинета' });
}
async function closeNav(page: Page) {
  const close = page.getByRole('button', { name: 'Закрыть меню' });
  if (await close.isVisible()) await close.click();
}

describe.each([
  { width: 1280, height: 900, visitor: 'Мария', question: 'Есть улун?' },
  { width: 375, height: 800, visitor: 'Игорь', question: 'Доставляете в Тверь?' },
])('the operator at $width px', ({ width, height, visitor, question }) => {
  it('sees the unread count live, reads the conversation and answers with a quick reply', { timeout: 120_000 }, async () => {
    const dashboard = await kit.browser.newPage();
    await dashboard.setViewportSize({ width, height });
    await signUp(dashboard, kit.platform.url, OWNER);
    // The operator is on the overview, not on the chat page: the navigation tells them.
    await dashboard.goto(`${kit.platform.url}/app/`);
    await dashboard.locator('html[data-live]').waitFor({ timeout: 15_000 });

    const { page, errors } = await visit(kit, `${kit.host.page('/opchat', 'shop.html', kit.site.snippet)}?w=opchat`);
    const h = widgetHost(page, chatId);
    await h.locator('.wg-fab').click();
    await h.locator('[name="n"]').fill(visitor);
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await h.getByRole('button', { name: 'Начать чат' }).click();
    // The message box grows with what is typed (up to a third of the screen).
    const box = h.getByRole('textbox', { name: 'Сообщение' });
    const empty = (await box.boundingBox())!.height;
    await box.fill('Первая строка\nвторая\nтретья\nчетвёртая');
    expect((await box.boundingBox())!.height).toBeGreaterThan(empty);
    await box.fill(question);
    await h.getByRole('button', { name: 'Отправить' }).click();
    await h.locator('.wg-m', { hasText: question }).waitFor();
    // Each message carries its time.
    expect(await h.locator('.wg-m', { hasText: question }).locator('time').textContent()).toMatch(/^\d{2}:\d{2}$/);

    const chats = (await nav(dashboard)).getByRole('link', { name: /^Чаты\s*, непрочитанных: 1$/ });
    await chats.waitFor({ timeout: 10_000 });
    await chats.click();
    await dashboard.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    await dashboard.getByRole('link', { name: new RegExp(visitor) }).click();
    await dashboard.getByRole('region', { name: 'Сообщения' }).getByText(question).waitFor();
    // Read: the count is gone.
    await (await nav(dashboard)).getByRole('link', { name: 'Чаты', exact: true }).waitFor({ timeout: 10_000 });
    await closeNav(dashboard);

    await dashboard.getByRole('group', { name: 'Быстрые ответы' }).getByRole('button', { name: 'Минуту, уточняю и сразу отвечу.' }).click();
    expect(await dashboard.getByLabel('Ваш ответ').inputValue()).toBe('Минуту, уточняю и сразу отвечу.');
    expect(await seriousViolations(dashboard)).toEqual([]);
    await dashboard.getByRole('button', { name: 'Отправить' }).click();
    await h.locator('.wg-op', { hasText: 'Минуту, уточняю и сразу отвечу.' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
    await dashboard.close();
  });
});
