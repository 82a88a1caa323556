// Display rules in a real browser: triggers driven for real (waiting, scrolling with the wheel,
// the mouse leaving the window, a click on the site's own button), frequency caps across
// reloads and tabs, device by viewport, UTM and referrer of the landing page, a schedule read
// in the site's time zone on the browser's clock — and no runtime fetched before it is needed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidget, leadsOf, sendLead, startKit, visit, widgetHost, type Kit } from './embed-kit.js';
import { layoutSettled, loaderSettled } from './support/settled.js';

let kit: Kit;
const id: Record<string, string> = {};

const on = (tag: string) => ({ url: { include: [{ match: 'contains', value: `w=${tag}` }] } });
const banner = (title: string) => ({ type: 'banner', name: title, position: 'bottom-left', content: { title, text: 'Текст' } });
const message = (title: string) => ({ type: 'popup', name: title, content: { title, text: 'Текст' } });

beforeAll(async () => {
  kit = await startKit('rules@shop.example');
  id.delay = await createWidget(kit, { ...message('Через 2 секунды'), rules: { ...on('delay'), trigger: { kind: 'delay', seconds: 2 } } });
  id.scroll = await createWidget(kit, { ...banner('Половина страницы'), rules: { ...on('scroll'), trigger: { kind: 'scroll', percent: 50 } } });
  id.exit = await createWidget(kit, { ...message('Уже уходите?'), rules: { ...on('exit'), trigger: { kind: 'exit' } } });
  id.click = await createWidget(kit, {
    type: 'callback',
    name: 'Звонок по кнопке сайта',
    content: { consentUrl: `${kit.host.origin}/consent`, privacyUrl: `${kit.host.origin}/privacy` },
    rules: { ...on('click'), trigger: { kind: 'click', selector: '.call-me' } },
  });
  id.session = await createWidget(kit, { ...banner('Раз за сеанс'), rules: { ...on('session'), frequency: { kind: 'session' } } });
  id.days = await createWidget(kit, { ...banner('Раз в 3 дня'), rules: { ...on('days'), frequency: { kind: 'days', days: 3 } } });
  id.once = await createWidget(kit, {
    type: 'form',
    name: 'До заявки',
    content: { title: 'До заявки', fields: [{ key: 'phone', kind: 'phone', label: 'Телефон', required: true }], consentUrl: `${kit.host.origin}/consent`, privacyUrl: `${kit.host.origin}/privacy` },
    rules: { ...on('once'), frequency: { kind: 'always', stopAfterSubmit: true } },
  });
  id.mobile = await createWidget(kit, { ...banner('Телефонам'), rules: { ...on('device'), device: 'mobile' } });
  id.desktop = await createWidget(kit, { ...banner('Компьютерам'), position: 'bottom-right', rules: { ...on('device'), device: 'desktop' } });
  id.utm = await createWidget(kit, { ...banner('Из ВКонтакте'), rules: { ...on('utm'), utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }] } });
  id.ref = await createWidget(kit, { ...banner('Из Яндекса'), rules: { ...on('ref'), referrer: [{ match: 'contains', value: 'yandex.' }] } });
  id.hours = await createWidget(kit, { ...banner('В рабочее время'), rules: { ...on('hours'), schedule: { weekdays: [1, 2, 3, 4, 5], hours: { from: '09:00', to: '18:00' } } } });
  id.excluded = await createWidget(kit, { ...banner('Не в корзине'), rules: { url: { include: [{ match: 'contains', value: 'w=exclude' }], exclude: [{ match: 'wildcard', value: '/cart*' }] } } });
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

const shop = (query: string) => `${kit.host.page('/shop.html', 'shop.html', kit.site.snippet)}?${query}`;
const long = (query: string) => `${kit.host.page('/long.html', 'long.html', kit.site.snippet)}?${query}`;
/** Runtime files the page fetched: none before a widget is due. */
function runtimeRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => r.url().includes('/rt/') && urls.push(r.url()));
  return urls;
}
const present = (page: Page, widget: string) => widgetHost(page, widget).count();

describe('triggers', () => {
  it('after N seconds: nothing before, the popup after, and the runtime only then', async () => {
    const page = await kit.browser.newPage();
    const fetched = runtimeRequests(page);
    await page.goto(shop('w=delay'));
    await page.waitForTimeout(1200);
    expect(await present(page, id.delay!)).toBe(0);
    expect(fetched).toEqual([]);
    await widgetHost(page, id.delay!).locator('dialog[open]').waitFor({ timeout: 3000 });
    expect(fetched.some((u) => u.endsWith('/rt/popup.js'))).toBe(true);
    await page.close();
  });

  it('on scroll: the wheel past 50 % of the page shows it', async () => {
    const page = await kit.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(long('w=scroll'));
    await page.waitForLoadState('networkidle');
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, 1000); // (1000 + 1) / (4500 − 800 + 1) = 27 %
    // The scroll has come to rest and whatever it made the loader show is drawn.
    await layoutSettled(page);
    await loaderSettled(page);
    expect(await present(page, id.scroll!)).toBe(0);
    await page.mouse.wheel(0, 1200); // 59 %
    await widgetHost(page, id.scroll!).locator('.wg-card').waitFor();
    await page.close();
  });

  it('on exit intent: the mouse leaving through the top of the window', async () => {
    const page = await kit.browser.newPage();
    await page.goto(shop('w=exit'));
    await page.waitForLoadState('networkidle');
    await page.mouse.move(600, 400);
    await page.mouse.move(1279, 400); // to the right edge, still inside: nothing
    await loaderSettled(page);
    expect(await present(page, id.exit!)).toBe(0);
    await page.mouse.move(600, 5, { steps: 5 });
    await page.mouse.move(600, -10, { steps: 2 });
    await widgetHost(page, id.exit!).locator('dialog[open]').waitFor();
    await page.close();
  });

  it('on a click of the site’s own button: the callback form opens, every time it is clicked', async () => {
    const page = await kit.browser.newPage();
    const fetched = runtimeRequests(page);
    await page.goto(long('w=click'));
    await page.waitForLoadState('networkidle');
    expect(fetched).toEqual([]);
    await page.locator('button.call-me').click();
    const dialog = widgetHost(page, id.click!).locator('dialog[open]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('button.call-me').click();
    await dialog.waitFor();
    await page.close();
  });
});

describe('frequency caps', () => {
  it('once per session: not after a reload, again in a new tab', async () => {
    const page = await kit.browser.newPage();
    await page.goto(shop('w=session'));
    await widgetHost(page, id.session!).locator('.wg-card').waitFor();
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await present(page, id.session!)).toBe(0);
    const tab = await kit.browser.newPage();
    await tab.goto(shop('w=session'));
    await widgetHost(tab, id.session!).locator('.wg-card').waitFor();
    await page.close();
    await tab.close();
  });

  it('once per 3 days: not in another tab the same day, again three days later', async () => {
    const page = await kit.browser.newPage();
    await page.goto(shop('w=days'));
    await widgetHost(page, id.days!).locator('.wg-card').waitFor();
    const stored = Number(await page.evaluate((k) => localStorage.getItem(k), `wg.${id.days}`));
    expect(Math.abs(stored - Date.now())).toBeLessThan(60_000);
    const tab = await kit.browser.newPage();
    await tab.goto(shop('w=days'));
    await tab.waitForLoadState('networkidle');
    expect(await present(tab, id.days!)).toBe(0);
    const later = await kit.browser.newPage();
    await later.clock.setFixedTime(Date.now() + 3 * 86_400_000 + 60_000);
    await later.goto(shop('w=days'));
    await widgetHost(later, id.days!).locator('.wg-card').waitFor();
    for (const p of [page, tab, later]) await p.close();
  });

  it('never after submit: shown on every page until the visitor sends it, then never again', async () => {
    const page = await kit.browser.newPage();
    await page.goto(shop('w=once'));
    const h = widgetHost(page, id.once!);
    await h.locator('.wg-form').waitFor();
    await page.reload();
    await h.locator('.wg-form').waitFor();
    await sendLead(h, { phone: '+7 916 555-12-34' });
    expect(await leadsOf(kit, id.once!)).toHaveLength(1);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await present(page, id.once!)).toBe(0);
    await page.close();
  });

  it('"always" widgets write nothing to the visitor’s storage (consent-first)', async () => {
    const page = await kit.browser.newPage();
    await page.goto(shop('w=device&w=utm'));
    // The earlier tests' caps live on this origin: start clean, then load again.
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.reload();
    await widgetHost(page, id.desktop!).locator('.wg-card').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage), document.cookie])).toEqual([[], [], '']);
    await page.close();
  });
});

describe('targeting', () => {
  it('device: the mobile banner at 375 px, the desktop one at 1280 px', async () => {
    const phone = await visit(kit, shop('w=device'), { width: 375, height: 740 });
    await widgetHost(phone.page, id.mobile!).locator('.wg-card').waitFor();
    expect(await present(phone.page, id.desktop!)).toBe(0);
    const desk = await visit(kit, shop('w=device'));
    await widgetHost(desk.page, id.desktop!).locator('.wg-card').waitFor();
    expect(await present(desk.page, id.mobile!)).toBe(0);
    await phone.page.close();
    await desk.page.close();
  });

  it('UTM tags and referrer of the landing page', async () => {
    const page = await kit.browser.newPage();
    await page.goto(shop('w=utm&w=ref&utm_source=vk'), { referer: 'https://yandex.ru/search/?text=чай' });
    await widgetHost(page, id.utm!).locator('.wg-card').waitFor();
    await widgetHost(page, id.ref!).locator('.wg-card').waitFor();
    await page.goto(shop('w=utm&w=ref&utm_source=fb'), { referer: 'https://google.com/' });
    await page.waitForLoadState('networkidle');
    expect([await present(page, id.utm!), await present(page, id.ref!)]).toEqual([0, 0]);
    await page.close();
  });

  it('a schedule in the site’s time zone, on the visitor’s clock', async () => {
    // Monday 2026-11-23, 12:00 and 20:00 in Moscow (the site's zone).
    const shownAt = async (iso: string, shown: boolean) => {
      const page = await kit.browser.newPage();
      await page.clock.setFixedTime(new Date(iso));
      await page.goto(shop('w=hours'));
      // Shown: wait for it to be drawn; not shown: once the page is idle, the loader has decided.
      if (shown) await widgetHost(page, id.hours!).locator('.wg-card').waitFor();
      else await page.waitForLoadState('networkidle');
      const n = await present(page, id.hours!);
      await page.close();
      return n;
    };
    const zone = (timezone: string) => kit.owner.request('PATCH', `/api/sites/${kit.site.id}`, { timezone });
    await zone('Europe/Moscow');
    try {
      expect(await shownAt('2026-11-23T12:00:00+03:00', true)).toBe(1);
      expect(await shownAt('2026-11-23T20:00:00+03:00', false)).toBe(0);
      expect(await shownAt('2026-11-22T12:00:00+03:00', false)).toBe(0); // Sunday
      // The same instant read in Vladivostok's zone is 19:00: outside the hours.
      await zone('Asia/Vladivostok');
      expect(await shownAt('2026-11-23T12:00:00+03:00', false)).toBe(0);
    } finally {
      await zone('Europe/Moscow');
    }
  });

  it('an exclude list wins over the include list', async () => {
    const page = await kit.browser.newPage();
    await page.goto(shop('w=exclude'));
    await widgetHost(page, id.excluded!).locator('.wg-card').waitFor();
    await page.goto(`${kit.host.page('/cart', 'shop.html', kit.site.snippet)}?w=exclude`);
    await page.waitForLoadState('networkidle');
    expect(await present(page, id.excluded!)).toBe(0);
    await page.close();
  });
});
