// The chat walk, both sides, at desktop and phone widths, with axe on both: the visitor types at
// once (no pre-chat form; the consent box under the message box goes with the first message)
// in a panel docked at the corner (no dimming; a full-screen sheet at 375 px) that names the
// operator and says "online"; the message box grows and each message shows its time. The
// visitor's message raises the unread count beside «Чаты» live, the operator reads it and
// answers with a quick reply, and the answer arrives over the socket. On another page of the
// site the panel comes back with the history; an answer while the tab is hidden rings and counts
// in the tab's title. With nobody online, the visitor's conversation becomes a lead carrying it.
// An owner who asks for contacts first gets them with the first message; online but unanswered,
// the offline form comes after the widget's minutes (a fake clock). The editor sets who answers,
// the usual answer time and whether name and phone come first.
import AxeBuilder from '@axe-core/playwright';
import type { Page, WebSocket as PwWebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidget, leadsOf, sendLead, startKit, visit, waitFor, widgetHost, type Kit } from './embed-kit.js';
import { CONSENT_LABEL_EN } from '#contracts/core/consent-labels.js';
import { closeNavigation, openNavigation, seriousViolations, signUp } from './support/dashboard.js';

const OWNER = 'operator@shop.example';
let kit: Kit;
let chatId: string;

beforeAll(async () => {
  kit = await startKit(OWNER);
  chatId = await createWidget(kit, {
    type: 'chat',
    name: 'Чат магазина',
    position: 'bottom-right',
    content: {
      title: 'Чайный чат',
      offlineAfterMin: 5,
      greeting: 'Здравствуйте!',
      operatorName: 'Анна',
      answersWithinMin: 10,
      consentUrl: `${kit.host.origin}/consent`,
      privacyUrl: `${kit.host.origin}/privacy`,
    },
    rules: { url: { include: [{ match: 'contains', value: 'w=opchat' }] } },
  });
}, 90_000);

afterAll(async () => {
  await kit?.stop();
});

/** Closes a walk's pages (the visitor's first). The conversation is this browser's: the next walk starts afresh. */
async function endWalk(visitor: Page, dashboard?: Page) {
  await visitor.evaluate(() => localStorage.clear());
  await visitor.close();
  await dashboard?.close();
}

/** Serious and critical axe findings inside the widget's host. */
async function widgetViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include(`[data-widgetry-widget="${chatId}"]`).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

/** Counts the tones the widget plays (WebAudio oscillators started), before any page script runs. */
const countTones = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { __tones: number };
    w.__tones = 0;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      w.__tones++;
      return start.apply(this, args);
    };
  });

/** The tab as the browser reports it when the visitor looks at another tab, and back. */
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

describe.each([
  { width: 1280, height: 900, question: 'Есть улун?' },
  { width: 375, height: 800, question: 'Доставляете в Тверь?' },
])('the chat at $width px', ({ width, height, question }) => {
  it('the visitor types first, the operator answers, the conversation follows the visitor to another page', { timeout: 150_000 }, async () => {
    const dashboard = await kit.browser.newPage();
    await dashboard.setViewportSize({ width, height });
    await signUp(dashboard, kit.platform.url, OWNER);
    // The operator is on the overview, not on the chat page: the navigation tells them.
    await dashboard.goto(`${kit.platform.url}/app/`);
    await dashboard.locator('html[data-live]').waitFor({ timeout: 15_000 });

    const { page, errors } = await visit(kit, 'about:blank', { width, height });
    await countTones(page);
    const frames: string[] = [];
    page.on('websocket', (ws: PwWebSocket) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(`${kit.host.page('/opchat', 'shop.html', kit.site.snippet)}?w=opchat`);
    const h = widgetHost(page, chatId);
    await h.locator('.wg-fab').click();
    const panel = h.getByRole('dialog', { name: 'Чайный чат' });
    await panel.waitFor();
    // Who answers, and that someone is there.
    await panel.getByText('Анна онлайн').waitFor();
    // Docked, not modal: no dimmed page behind it; on a phone it covers the screen.
    const box = (await panel.boundingBox())!;
    expect(await page.evaluate(() => document.querySelectorAll('dialog[open]').length)).toBe(0);
    if (width < 480) expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, width, height]);
    else {
      expect(box.x + box.width).toBeLessThanOrEqual(width - 16);
      expect(box.y + box.height).toBeLessThanOrEqual(height - 16);
      // The page beside the panel still takes clicks.
      await page.getByRole('heading', { name: 'Магазин чая' }).click({ trial: true });
    }

    // No form first: the message box has the focus, and the message box grows with the text.
    const input = h.getByRole('textbox', { name: 'Сообщение' });
    expect(await input.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    const empty = (await input.boundingBox())!.height;
    await input.fill('Первая строка\nвторая\nтретья\nчетвёртая');
    expect((await input.boundingBox())!.height).toBeGreaterThan(empty);
    // Nothing is sent, nor kept in the browser, before the consent box is ticked.
    await input.fill(question);
    await h.getByRole('button', { name: 'Отправить' }).click();
    await h.getByRole('alert').getByText('Нужно согласие').waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length)).toBe(0);
    const consent = h.locator('.wg-consent input[type="checkbox"]');
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    await h.getByRole('button', { name: 'Отправить' }).click();
    await h.locator('.wg-m', { hasText: question }).waitFor();
    expect(await h.locator('.wg-m', { hasText: question }).locator('time').textContent()).toMatch(/^\d{2}:\d{2}$/);
    // The consent went with the first message: its box is gone.
    expect(await consent.count()).toBe(0);
    expect(await widgetViolations(page)).toEqual([]);

    const chats = (await openNavigation(dashboard)).getByRole('link', { name: /^Чаты\s*, непрочитанных: 1$/ });
    await chats.waitFor({ timeout: 10_000 });
    await chats.click();
    await dashboard.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    await dashboard.getByRole('link', { name: new RegExp(question.slice(0, 8)) }).click();
    await dashboard.getByRole('region', { name: 'Сообщения' }).getByText(question).waitFor();
    // Read: the count is gone.
    await (await openNavigation(dashboard)).getByRole('link', { name: 'Чаты', exact: true }).waitFor({ timeout: 10_000 });
    await closeNavigation(dashboard);

    const reply = 'Минуту, уточняю и сразу отвечу.';
    await dashboard.getByRole('group', { name: 'Быстрые ответы' }).getByRole('button', { name: reply }).click();
    expect(await dashboard.getByLabel('Ваш ответ').inputValue()).toBe(reply);
    expect(await seriousViolations(dashboard)).toEqual([]);
    await dashboard.getByRole('button', { name: 'Отправить' }).click();
    await h.locator('.wg-op', { hasText: reply }).waitFor({ timeout: 10_000 });
    expect(frames.some((f) => f.includes('"chat.message"'))).toBe(true);

    // Another page of the site: the panel comes back open, with the whole conversation.
    await page.goto(`${kit.host.page('/opchat-delivery', 'shop.html', kit.site.snippet)}?w=opchat`);
    await h.locator('.wg-op', { hasText: reply }).waitFor();
    await h.locator('.wg-m', { hasText: question }).waitFor();

    // The visitor looks at another tab: the next answer rings and counts in the title until they are back.
    const title = await page.title();
    await setHidden(page, true);
    await dashboard.getByLabel('Ваш ответ').fill('Да, есть.');
    await dashboard.getByRole('button', { name: 'Отправить' }).click();
    await h.locator('.wg-op', { hasText: 'Да, есть.' }).waitFor({ timeout: 10_000 });
    expect(await page.title()).toBe(`(1) ${title}`);
    expect(await page.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBe(1);
    await setHidden(page, false);
    expect(await page.title()).toBe(title);
    expect(errors).toEqual([]);
    await endWalk(page, dashboard);
  });
});

describe('the chat whose owner asks for contacts first', () => {
  it('takes name and contact with the first message; with nobody answering in time, the offline form comes', { timeout: 90_000 }, async () => {
    const id = await createWidget(kit, {
      type: 'chat',
      name: 'Чат с контактами',
      position: 'bottom-left',
      content: { title: 'Чат', offlineAfterMin: 2, requireContact: true, consentUrl: `${kit.host.origin}/consent`, privacyUrl: `${kit.host.origin}/privacy` },
      rules: { url: { include: [{ match: 'contains', value: 'w=askchat' }] } },
    });
    const dashboard = await kit.browser.newPage();
    await signUp(dashboard, kit.platform.url, OWNER);
    await dashboard.goto(`${kit.platform.url}/app/chats`);
    await dashboard.locator('html[data-live]').waitFor({ timeout: 15_000 });
    // Online, but nobody answers: after the widget's 2 minutes (a fake clock in the host page) the form comes.
    const { page, errors } = await visit(kit, 'about:blank');
    await page.clock.install();
    await page.goto(`${kit.host.page('/askchat', 'shop.html', kit.site.snippet)}?w=askchat`);
    const h = widgetHost(page, id);
    await h.locator('.wg-fab').click();
    await h.getByRole('textbox', { name: 'Сообщение' }).fill('Алло?');
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await h.getByRole('button', { name: 'Отправить' }).click();
    await h.getByRole('alert').getByText('Укажите имя').waitFor();
    await h.getByLabel('Имя').fill('Ольга');
    await h.getByLabel('Телефон или e-mail').fill('+7 916 000-33-44');
    await h.getByRole('button', { name: 'Отправить' }).click();
    await h.locator('.wg-m', { hasText: 'Алло?' }).waitFor();
    await dashboard.getByRole('link', { name: /Ольга/ }).waitFor({ timeout: 10_000 });
    expect(await h.locator('.wg-submit').count()).toBe(0);
    await page.clock.fastForward('02:05');
    await h.locator('.wg-submit').waitFor();
    expect(errors).toEqual([]);
    await endWalk(page, dashboard);
  });
});

describe('the chat with nobody online', () => {
  it('takes the first message, then asks for contacts; the lead carries the conversation', { timeout: 90_000 }, async () => {
    // The walks' dashboards are closed: wait until the server no longer counts them.
    const status = () =>
      fetch(`${kit.platform.url}/v1/chat/status`, { method: 'POST', headers: { origin: kit.host.origin }, body: JSON.stringify({ site: kit.site.siteKey, widget: chatId }) }).then((r) => r.json());
    await waitFor(status, (s) => s.online === false, 'nobody online', 15_000);
    const { page, errors } = await visit(kit, `${kit.host.page('/opchat-offline', 'shop.html', kit.site.snippet)}?w=opchat`, { width: 375, height: 800 });
    const h = widgetHost(page, chatId);
    await h.locator('.wg-fab').click();
    await h.getByText('обычно отвечает в течение 10 мин').waitFor();
    await h.getByRole('textbox', { name: 'Сообщение' }).fill('Нужен опт, 20 кг');
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await h.getByRole('button', { name: 'Отправить' }).click();
    await h.getByText('Сейчас все операторы заняты').waitFor();
    // The message is already there: the offline form asks only for contacts.
    expect(await h.locator('[name="message"]').count()).toBe(0);
    await sendLead(h, { name: 'Пётр', contact: '+7 916 000-11-22' });
    expect(await widgetViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    const [lead] = await leadsOf(kit, chatId);
    expect(lead!.fields).toMatchObject({ name: 'Пётр', contact: '+7 916 000-11-22' });
    expect(lead!.fields.message).toMatch(/^\[\d{2}:\d{2}\] Посетитель: Нужен опт, 20 кг$/);
    // Esc closes the panel and gives the focus back to the button.
    await page.keyboard.press('Escape');
    await h.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await h.locator('.wg-fab').evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await endWalk(page);
  });
});

describe('the chat in the editor', () => {
  it('the owner names who answers, the usual answer time, and whether name and phone come first', { timeout: 90_000 }, async () => {
    const id = await createWidget(kit, { type: 'chat', name: 'Чат в редакторе', active: false, content: { consentUrl: `${kit.host.origin}/consent`, privacyUrl: `${kit.host.origin}/privacy` } });
    const page = await kit.browser.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await signUp(page, kit.platform.url, OWNER);
    await page.goto(`${kit.platform.url}/app/widgets/${id}`);
    await page.getByRole('heading', { name: 'Чат в редакторе', level: 1 }).waitFor();
    await page.getByLabel('Имя оператора').fill('Ольга');
    await page.getByLabel('Обычно отвечаем в течение, минут').fill('15');
    await page.getByLabel('Спрашивать имя и телефон до первого сообщения').check();
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    // Exactly: 'Не сохранено' (shown while the form differs from the saved widget) contains it.
    await page.getByText('Сохранено', { exact: true }).first().waitFor();
    const widget = (await kit.owner.request('GET', `/api/widgets/${id}`)).body;
    expect(widget.content).toMatchObject({ operatorName: 'Ольга', answersWithinMin: 15, requireContact: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the chat on an English page', () => {
  it('shows the English consent, says with the first message the label it showed, and a label none of ours showed stores nothing', { timeout: 60_000 }, async () => {
    const conversations = async () => ((await kit.owner.request('GET', '/api/chats')).body.conversations as unknown[]).length;
    const before = await conversations();
    const { page, errors } = await visit(kit, `${kit.host.page('/opchat-en', 'shop-en.html', kit.site.snippet)}?w=opchat`);
    const h = widgetHost(page, chatId);
    await h.locator('.wg-fab').click();
    const label = h.locator('.wg-consent label');
    await label.waitFor();
    const shown = await label.textContent();
    expect(shown).toBe(CONSENT_LABEL_EN);

    // A page that has shown another wording (a runtime older than a change of the label): refused, nothing stored.
    await page.route('**/v1/chat/start', (route) => route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), consentLabel: 'I agree to the processing of my data' }) }));
    const refused = page.waitForResponse((r) => r.url().endsWith('/v1/chat/start'));
    await h.getByRole('textbox', { name: 'Message' }).fill('Hello, do you ship to Riga?');
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await h.getByRole('button', { name: 'Send' }).click();
    expect((await refused).status()).toBe(422);
    expect((await (await refused).json()).error.code).toBe('consent_required');
    await h.getByText('Could not send. Please try again.').waitFor();
    expect(await conversations()).toBe(before);

    // As built: the label shown goes with the first message, and the conversation starts.
    await page.unroute('**/v1/chat/start');
    const start = page.waitForRequest((r) => r.url().endsWith('/v1/chat/start'));
    await h.getByRole('button', { name: 'Send' }).click();
    expect((await start).postDataJSON()).toMatchObject({ lang: 'en', consentLabel: shown });
    await h.locator('.wg-m', { hasText: 'Hello, do you ship to Riga?' }).waitFor();
    expect(await conversations()).toBe(before + 1);
    expect(errors).toEqual([]);
    await endWalk(page);
  });
});
