// Live leads and chat in a real browser, over our own realtime layer: the dashboard's lead list
// gets a lead from a page on another origin without a reload and without polling (a WebSocket
// frame brings it), and a chat message goes from a host page to the dashboard's chat page and
// the answer comes back to the host page.
import type { Page, WebSocket as PwWebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, createWidget, startKit, visit, widgetHost, type Kit } from './embed-kit.js';
import AxeBuilder from '@axe-core/playwright';
import { seriousViolations, signUp } from './support/dashboard.js';

const OWNER = 'live@shop.example';
let kit: Kit;
let dashboard: Page;
/** Every frame the dashboard's WebSocket received, and every GET of the lead list it made. */
const frames: string[] = [];
const leadListReads: number[] = [];
let chatId: string;

beforeAll(async () => {
  kit = await startKit(OWNER);
  dashboard = await kit.browser.newPage();
  dashboard.on('websocket', (ws: PwWebSocket) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  dashboard.on('request', (r) => r.url().includes('/api/leads?') && leadListReads.push(Date.now()));
  await signUp(dashboard, kit.platform.url, OWNER);
  // Both chat tests use this widget: made here, so either runs alone.
  chatId = await createWidget(kit, {
    type: 'chat',
    name: 'E2E chat',
    position: 'bottom-right',
    content: { title: 'Чайный чат', offlineAfterMin: 2, greeting: 'Здравствуйте! Подскажем с выбором чая.', consentUrl: `${kit.host.origin}/consent`, privacyUrl: `${kit.host.origin}/privacy` },
    rules: { url: { include: [{ match: 'contains', value: 'w=chat' }] } },
  });
}, 90_000);

afterAll(async () => {
  await kit?.stop();
});

/** The dashboard is subscribed to its account channel (the live client marks <html data-live>). */
const live = (page: Page) => page.locator('html[data-live]').waitFor({ timeout: 15_000 });

describe('live dashboard', () => {
  it('shows a lead sent from a page on another origin without a reload, pushed over the socket', { timeout: 90_000 }, async () => {
    const formId = await createWidget(kit, bodyOf(kit, 'form'));
    await dashboard.goto(`${kit.platform.url}/app/leads`);
    await dashboard.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    await live(dashboard);
    // Mark the document: a reload would lose it.
    await dashboard.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const readsBefore = leadListReads.length;

    const { page, errors } = await visit(kit, `${kit.host.page('/live-lead', 'shop.html', kit.site.snippet)}?w=form`);
    const h = widgetHost(page, formId);
    await h.locator('[name="name"]').fill('Сергей Живой');
    await h.locator('[name="phone"]').fill('+7 916 555-00-11');
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await page.waitForTimeout(350);
    await h.locator('.wg-submit').click();
    await h.locator('.wg-success').waitFor();
    expect(errors).toEqual([]);

    // Well within the 8 s fallback poll, which is off while the socket is up anyway.
    await dashboard.getByText('Сергей Живой').waitFor({ timeout: 5_000 });
    expect(await dashboard.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    const pushed = frames.filter((f) => f.includes('"lead.created"'));
    expect(pushed).toHaveLength(1);
    // The frame names the lead, not the person (152-FZ: personal data stays behind the API).
    expect(pushed[0]).not.toContain('Сергей');
    // One read of the list after the push; no polling in between.
    expect(leadListReads.length - readsBefore).toBe(1);
    await page.close();
  });
});

describe('live dashboard without a socket', () => {
  it('falls back to polling when the WebSocket cannot be used', { timeout: 90_000 }, async () => {
    // Its own page rule: the first test's form (on "w=form" pages) must not lie over this one.
    const formId = await createWidget(kit, { ...bodyOf(kit, 'form'), name: 'E2E form (fallback)', rules: { url: { include: [{ match: 'contains', value: 'w=fallback' }] } } });
    const tab = await kit.browser.newPage();
    // A proxy that swallows WebSockets: the socket never says connection_established.
    await tab.routeWebSocket(/\/app\/platform/, () => undefined);
    await tab.goto(`${kit.platform.url}/app/leads`);
    await tab.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    expect(await tab.locator('html[data-live]').count()).toBe(0);

    const { page } = await visit(kit, `${kit.host.page('/live-lead-fallback', 'shop.html', kit.site.snippet)}?w=fallback`);
    const h = widgetHost(page, formId);
    await h.locator('[name="name"]').fill('Полина Опрос');
    await h.locator('[name="phone"]').fill('+7 916 555-00-22');
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await page.waitForTimeout(350);
    await h.locator('.wg-submit').click();
    await h.locator('.wg-success').waitFor();
    // The 8-second poll brings it.
    await tab.getByText('Полина Опрос').waitFor({ timeout: 15_000 });
    await page.close();
    await tab.close();
  });
});

describe('live chat', () => {
  it('carries a visitor’s message to the dashboard’s chat page and the answer back to the host page', { timeout: 90_000 }, async () => {
    // The operator is online: the chat page is open (and subscribed).
    await dashboard.goto(`${kit.platform.url}/app/chats`);
    await dashboard.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    await live(dashboard);

    const { page, errors } = await visit(kit, `${kit.host.page('/live-chat', 'shop.html', kit.site.snippet)}?w=chat`);
    const h = widgetHost(page, chatId);
    await h.locator('.wg-fab').click();
    await h.locator('dialog[open]').waitFor();
    // Consent first: without the tick nothing is sent.
    await h.locator('[name="n"]').fill('Ольга');
    const consent = h.locator('.wg-consent input[type="checkbox"]');
    expect(await consent.isChecked()).toBe(false);
    await h.getByRole('button', { name: 'Начать чат' }).click();
    await h.getByRole('alert').waitFor();
    await consent.check();
    await h.getByRole('button', { name: 'Начать чат' }).click();
    const box = h.getByRole('textbox', { name: 'Сообщение' });
    await box.fill('Есть ли у вас пуэр?');
    await h.getByRole('button', { name: 'Отправить' }).click();
    await h.locator('.wg-m', { hasText: 'Есть ли у вас пуэр?' }).waitFor();

    // The conversation appears in the open chat page without a reload, and the operator answers.
    await dashboard.getByRole('link', { name: /Ольга/ }).click();
    await dashboard.getByRole('region', { name: 'Сообщения' }).getByText('Есть ли у вас пуэр?').waitFor();
    await dashboard.getByLabel('Ваш ответ').fill('Да, шэн и шу — оба в наличии.');
    await dashboard.getByRole('button', { name: 'Отправить' }).click();

    await h.locator('.wg-op', { hasText: 'Да, шэн и шу — оба в наличии.' }).waitFor({ timeout: 5_000 });
    expect(frames.some((f) => f.includes('"chat.message"'))).toBe(true);
    expect(errors).toEqual([]);
    // Both sides pass axe: the chat page, and the open chat dialog on the host page.
    expect(await seriousViolations(dashboard)).toEqual([]);
    const widgetAxe = await new AxeBuilder({ page }).include(`[data-widgetry-widget="${chatId}"]`).analyze();
    expect(widgetAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.close();
  });
});

describe('chat offline form', () => {
  it('offers the offline form when nobody answers in time, and when nobody is online; it becomes a lead', { timeout: 90_000 }, async () => {
    await dashboard.goto(`${kit.platform.url}/app/chats`);
    await live(dashboard);
    // Online, but nobody answers: after the widget's 2 minutes (a fake clock in the host page) the form comes.
    const waiting = await kit.browser.newPage();
    await waiting.clock.install();
    await waiting.goto(`${kit.host.page('/live-chat-wait', 'shop.html', kit.site.snippet)}?w=chat`);
    const w = widgetHost(waiting, chatId);
    await w.locator('.wg-fab').click();
    await w.locator('.wg-consent input[type="checkbox"]').check();
    await w.getByRole('button', { name: 'Начать чат' }).click();
    await w.getByRole('textbox', { name: 'Сообщение' }).fill('Алло?');
    await w.getByRole('button', { name: 'Отправить' }).click();
    await w.locator('.wg-m', { hasText: 'Алло?' }).waitFor();
    expect(await w.locator('.wg-submit').count()).toBe(0);
    await waiting.clock.fastForward('02:05');
    await w.locator('.wg-submit').waitFor();
    await waiting.close();

    // Nobody online: the dashboard is closed, so the chat opens straight on the offline form.
    await dashboard.goto('about:blank');
    const { page, errors } = await visit(kit, `${kit.host.page('/live-chat-offline', 'shop.html', kit.site.snippet)}?w=chat`);
    const h = widgetHost(page, chatId);
    await h.locator('.wg-fab').click();
    await h.getByText('Сейчас все операторы заняты').waitFor();
    await h.locator('[name="name"]').fill('Пётр');
    await h.locator('[name="contact"]').fill('+7 916 000-11-22');
    await h.locator('[name="message"]').fill('Перезвоните насчёт опта');
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await page.waitForTimeout(350);
    await h.locator('.wg-submit').click();
    await h.locator('.wg-success').waitFor();
    expect(errors).toEqual([]);
    const leads = (await kit.owner.request('GET', `/api/leads?widgetId=${chatId}`)).body.leads as { fields: Record<string, string> }[];
    expect(leads.map((l) => l.fields.message)).toEqual(['Перезвоните насчёт опта']);
    await page.close();
  });
});
