// "Open on my site" in a real browser: the editor's preview link shows the draft on the owner's
// page at once (no trigger, no URL rule), counts nothing, and shows nothing in another tab (the
// token is bound to the tab that redeemed it first) or when the token was tampered with; the
// editor's button opens the owner's page with a fresh token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/dashboard.js';
import { createWidget, startKit, visit, waitFor, widgetHost, type Kit } from './embed-kit.js';

let kit: Kit;
let page: string;
let id: string;
let token: string;

beforeAll(async () => {
  kit = await startKit('preview@shop.example');
  page = kit.host.page('/preview.html', 'shop.html', kit.site.snippet);
  // Saved switched off, with a trigger and a URL rule this page does not meet: only the preview shows it.
  id = await createWidget(kit, {
    type: 'banner',
    name: 'Черновик',
    position: 'bottom-left',
    active: false,
    content: { title: 'Сохранённый', text: 'Текст' },
    rules: { url: { include: [{ match: 'contains', value: 'w=elsewhere' }] }, trigger: { kind: 'delay', seconds: 600 } },
  });
  const mint = await kit.owner.request('POST', `/api/widgets/${id}/preview`, { content: { title: 'Новый заголовок', text: 'Черновой текст' } });
  expect(mint.status).toBe(200);
  token = mint.body.token;
}, 120_000);
afterAll(() => kit?.stop());

describe('preview on the own site', () => {
  it('shows the draft at once to the tab that opened it, again after a reload, and counts nothing', async () => {
    const events: string[] = [];
    const v = await visit(kit, `${page}?widgetry_preview=${token}`);
    v.page.on('request', (r) => r.url().includes('/v1/events') && events.push(r.url()));
    const card = widgetHost(v.page, id).locator('.wg-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('Новый заголовок');
    expect(await card.textContent()).not.toContain('Сохранённый');
    await waitFor(async () => v.warnings.find((l) => l.includes('предпросмотр черновика')), Boolean, 'the preview line');
    await v.page.reload();
    await widgetHost(v.page, id).locator('.wg-card').waitFor();
    await v.page.close();
    expect(events).toEqual([]);
    expect((await kit.owner.request('GET', '/api/usage')).body.impressions.used).toBe(0);
    expect(v.errors).toEqual([]);
  });

  it('another tab (a copied link) and a tampered token show nothing and say why', async () => {
    const foreign = await visit(kit, `${page}?widgetry_preview=${token}`);
    await waitFor(async () => foreign.warnings.find((l) => l.includes('уже открыли в другом браузере')), Boolean, 'the foreign-tab line');
    expect(await widgetHost(foreign.page, id).count()).toBe(0);

    const [rowId, exp, mac] = token.split('.') as [string, string, string];
    const later = (parseInt(exp, 36) + 3_600_000).toString(36);
    const tampered = await visit(kit, `${page}?widgetry_preview=${rowId}.${later}.${mac}`);
    await waitFor(async () => tampered.warnings.find((l) => l.includes('недействительна')), Boolean, 'the invalid-link line');
    expect(await widgetHost(tampered.page, id).count()).toBe(0);
  });

  it("the editor's 'Открыть на моём сайте' opens the typed page with a fresh token, and the draft shows there", { timeout: 60_000 }, async () => {
    const editor = await kit.browser.newPage();
    await signUp(editor, kit.platform.url, 'preview@shop.example');
    await editor.goto(`${kit.platform.url}/app/widgets/${id}`);
    const box = editor.locator('.open-on-site');
    await box.getByLabel('Адрес страницы вашего сайта').fill(page);
    const [opened] = await Promise.all([kit.browser.waitForEvent('page'), box.getByRole('button', { name: 'Открыть на моём сайте' }).click()]);
    await opened.waitForURL(/widgetry_preview=/);
    await widgetHost(opened, id).locator('.wg-card').waitFor();
    expect((await kit.owner.request('GET', '/api/usage')).body.impressions.used).toBe(0);
    await opened.close();
    await editor.close();
  });
});
