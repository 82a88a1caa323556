// Live leads in a real browser, over our own realtime layer: the dashboard's lead list gets a
// lead from a page on another origin without a reload and without polling (a WebSocket frame
// brings it). The chat's walk over the same layer is chat-operator.spec.ts.
import type { Page, WebSocket as PwWebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, createWidget, sendLead, startKit, visit, widgetHost, type Kit } from './embed-kit.js';
import { signUp } from './support/dashboard.js';

const OWNER = 'live@shop.example';
let kit: Kit;
let dashboard: Page;
/** Every frame the dashboard's WebSocket received, and every GET of the lead list it made. */
const frames: string[] = [];
const leadListReads: number[] = [];

beforeAll(async () => {
  kit = await startKit(OWNER);
  dashboard = await kit.browser.newPage();
  dashboard.on('websocket', (ws: PwWebSocket) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  dashboard.on('request', (r) => r.url().includes('/api/leads?') && leadListReads.push(Date.now()));
  await signUp(dashboard, kit.platform.url, OWNER);
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
    await sendLead(h, { name: 'Сергей Живой', phone: '+7 916 555-00-11' });
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
    await sendLead(h, { name: 'Полина Опрос', phone: '+7 916 555-00-22' });
    // The 8-second poll brings it.
    await tab.getByText('Полина Опрос').waitFor({ timeout: 15_000 });
    await page.close();
    await tab.close();
  });
});
