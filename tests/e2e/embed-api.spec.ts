// The page-facing JS API in a real browser: widgetry(...) before the loader arrives (queue stub)
// and after, `widgetry:*` DOM events, and the per-site pushes to dataLayer and Yandex.Metrica —
// never with what the visitor typed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidget, leadsOf, sendLead, startKit, visit, widgetHost, type Kit } from './embed-kit.js';
import { NAME_AND_PHONE } from './support/licensee.js';

let kit: Kit;
let form: string;
let popup: string;
const COUNTER = 98765432;

beforeAll(async () => {
  kit = await startKit('api@shop.example');
  const settings = await kit.owner.request('PATCH', `/api/sites/${kit.site.id}`, { dataLayer: true, metrikaCounterId: COUNTER });
  if (settings.status !== 200) throw new Error(JSON.stringify(settings.body));
  const on = { url: { include: [{ match: 'contains', value: 'w=api' }] } };
  form = await createWidget(kit, {
    type: 'form',
    name: 'Форма',
    content: {
      title: 'Заявка',
      fields: NAME_AND_PHONE,
      consentUrl: `${kit.host.origin}/consent`,
      privacyUrl: `${kit.host.origin}/privacy`,
    },
    rules: on,
  });
  // Opened by the page only: its click trigger matches nothing on the page.
  popup = await createWidget(kit, {
    type: 'popup',
    name: 'Окно',
    content: { title: 'Акция', text: 'Скидка', buttonText: 'Подробнее', buttonUrl: `${kit.host.origin}/sale` },
    rules: { ...on, trigger: { kind: 'click', selector: '#nothing-here' } },
  });
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

type Heard = [string, ...unknown[]][];
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard }).heard);
const dataLayer = (page: Page) => page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer);
const apiPage = (query = '') => `${kit.host.page('/api.html', 'api.html', kit.site.snippet)}?w=api&popup=${popup}${query}`;

describe('JS API', () => {
  it('queued calls run once the loader is in: listeners, identify prefills the form', async () => {
    const v = await visit(kit, apiPage());
    const f = widgetHost(v.page, form);
    await f.locator('.wg-form').waitFor();
    expect(await f.locator('[name="name"]').inputValue()).toBe('Мария Иванова');
    expect(await f.locator('[name="phone"]').inputValue()).toBe('+7 916 555-12-34');
    // The popup waits for the page: a click trigger on nothing.
    expect(await widgetHost(v.page, popup).count()).toBe(0);
    const detail = { widget: form, type: 'form' };
    await v.page.waitForFunction(() => (window as unknown as { heard: unknown[] }).heard.length >= 3);
    expect(await heard(v.page)).toEqual(
      expect.arrayContaining([
        ['on', 'show', detail],
        ['dom', 'show', detail],
        ['ym', COUNTER, 'reachGoal', 'widgetry_show', detail],
      ]),
    );
    expect(await dataLayer(v.page)).toEqual([{ event: 'widgetry_show', widgetry: detail }]);
    await v.page.close();
  });

  it('open, click, close and submit reach every listener; a throwing page handler breaks nothing; no personal data leaves', async () => {
    const v = await visit(kit, apiPage());
    await widgetHost(v.page, form).locator('.wg-form').waitFor();
    // After load: open the popup from the page's own button.
    await v.page.locator('#open').click();
    const p = widgetHost(v.page, popup);
    await p.locator('dialog[open]').waitFor();
    // A link click is a click; keep the new tab out of the way.
    const [tab] = await Promise.all([kit.browser.waitForEvent('page'), p.locator('.wg-btn').click()]);
    await tab.close();
    await v.page.bringToFront();
    await v.page.keyboard.press('Escape');
    await p.waitFor({ state: 'hidden' });
    // widgetry('off') before an event: that listener hears nothing more.
    await v.page.evaluate(() => {
      const w = window as unknown as { widgetry: (...a: unknown[]) => void; heard: unknown[] };
      const late = (d: unknown) => w.heard.push(['late', d]);
      w.widgetry('on', 'submit', late);
      w.widgetry('off', 'submit', late);
    });
    const f = widgetHost(v.page, form);
    await sendLead(f, {});
    await v.page.waitForFunction(() => (window as unknown as { heard: [string, string][] }).heard.some((h) => h[0] === 'on' && h[1] === 'submit'));

    const all = await heard(v.page);
    const pop = { widget: popup, type: 'popup' };
    const fm = { widget: form, type: 'form' };
    expect(all.filter((h) => h[0] === 'dom').map((h) => [h[1], h[2]])).toEqual([
      ['show', fm],
      ['show', pop],
      ['click', pop],
      ['close', pop],
      ['submit', fm],
    ]);
    expect(all.filter((h) => h[0] === 'on').map((h) => h[1])).toEqual(['show', 'show', 'submit']);
    expect(all.filter((h) => h[0] === 'ym').map((h) => h[3])).toEqual(['widgetry_show', 'widgetry_show', 'widgetry_click', 'widgetry_submit']);
    expect(all.some((h) => h[0] === 'late')).toBe(false);
    expect(await dataLayer(v.page)).toEqual([
      { event: 'widgetry_show', widgetry: fm },
      { event: 'widgetry_show', widgetry: pop },
      { event: 'widgetry_click', widgetry: pop },
      { event: 'widgetry_submit', widgetry: fm },
    ]);
    // What the visitor typed went to the server only.
    const outside = JSON.stringify([all, await dataLayer(v.page)]);
    for (const personal of ['Мария', '916', '555']) expect(outside).not.toContain(personal);
    expect((await leadsOf(kit, form))[0]!.fields).toEqual({ name: 'Мария Иванова', phone: '+79165551234' });
    // The page's close handler threw: logged once with our prefix, not thrown into the page.
    expect(v.errors).toEqual([]);
    expect(v.warnings).toHaveLength(1);
    // close by the API, after load.
    await v.page.evaluate((id) => (window as unknown as { widgetry: (...a: unknown[]) => void }).widgetry('close', id), form);
    await f.waitFor({ state: 'hidden' });
    await v.page.close();
  });

  it('widgetry("open") queued before the loader arrives opens the widget once it is in', async () => {
    const v = await visit(kit, apiPage('&early=1'));
    await widgetHost(v.page, popup).locator('dialog[open]').waitFor();
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});
