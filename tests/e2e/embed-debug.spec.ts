// Debug mode in a real browser: ?widgetry_debug=1 (or widgetry('debug') from the console) prints,
// per widget, whether it shows and the first reason it does not — each reason produced for real
// (rules, triggers, a frequency cap from an earlier visit, a missing inline target, a widget
// switched off or blocked, the tariff's widget count and impression cap, a blocked account, a
// page on a host the site does not list, a wrong site key) and read back from the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { createWidget, startKit, visit, waitFor, widgetHost, type Kit } from './embed-kit.js';

let kit: Kit;
let page: string;
const id: Record<string, string> = {};

const on = { url: { include: [{ match: 'contains', value: 'w=dbg' }] } };
const banner = (name: string, rules: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  type: 'banner',
  name,
  position: 'bottom-left',
  content: { title: name, text: 'Текст' },
  rules: { ...on, ...rules },
  ...over,
});

beforeAll(async () => {
  kit = await startKit('debug@shop.example');
  page = kit.host.page('/debug.html', 'shop.html', kit.site.snippet);
  id.shown = await createWidget(kit, banner('Показан'));
  id.url = await createWidget(kit, banner('Другие страницы', { url: { include: [{ match: 'contains', value: 'w=elsewhere' }] } }));
  id.device = await createWidget(kit, banner('Телефонам', { device: 'mobile' }));
  id.utm = await createWidget(kit, banner('Из ВКонтакте', { utm: [{ param: 'utm_source', match: 'equals', value: 'vk' }] }));
  id.ref = await createWidget(kit, banner('Из Яндекса', { referrer: [{ match: 'contains', value: 'yandex.' }] }));
  id.schedule = await createWidget(kit, banner('С 2099 года', { schedule: { weekdays: [], from: '2099-01-01' } }));
  id.delay = await createWidget(kit, banner('Через 10 минут', { trigger: { kind: 'delay', seconds: 600 } }));
  id.click = await createWidget(kit, banner('По кнопке', { trigger: { kind: 'click', selector: '.no-such-button' } }));
  id.days = await createWidget(kit, banner('Раз в 3 дня', { frequency: { kind: 'days', days: 3, stopAfterSubmit: false } }));
  id.inline = await createWidget(kit, banner('В блок', {}, { position: 'inline', inlineSelector: '#no-such-block' }));
  id.off = await createWidget(kit, { ...banner('Выключен'), active: false });
  id.blocked = await createWidget(kit, banner('Заблокирован'));
  const block = await kit.ops.request('PUT', `/api/admin/widgets/${id.blocked}/block`, { blocked: true, reason: 'Проверка жалобы' });
  expect(block.status).toBe(200);
}, 120_000);
afterAll(() => kit?.stop());

/** The debug lines of one page load: the header, then one line per widget, keyed by widget id. */
async function debugLines(url: string, act?: (p: import('playwright-core').Page) => Promise<void>) {
  const v = await visit(kit, url);
  if (act) await act(v.page);
  const header = (await waitFor(async () => v.warnings.find((l) => /режим отладки|не найден|нет <script/.test(l)), Boolean, 'the debug header')) as string;
  const count = Number(header.match(/виджетов: (\d+)/)?.[1] ?? 0);
  const lines = await waitFor(
    async () => v.warnings.filter((l) => /(не )?показывается/.test(l)),
    (l) => l.length >= count,
    'a line per widget',
  );
  const byId = (wid: string) => lines.find((l) => l.includes(wid)) ?? '';
  return { ...v, header, lines, byId };
}

describe('debug mode', () => {
  it('names the first reason of every widget on a page of the site', async () => {
    const first = await visit(kit, `${page}?w=dbg`);
    // The once-per-3-days banner shows on the first visit; the next visit's debug tells why not.
    await widgetHost(first.page, id.days!).locator('.wg-card').waitFor();
    await first.page.close();

    const d = await debugLines(`${page}?w=dbg&widgetry_debug=1`);
    expect(d.header).toContain(`сайт ${kit.site.siteKey}, страница на 127.0.0.1, виджетов: 12`);
    const expected: Record<string, RegExp> = {
      shown: /«Показан» \(banner, \S+\): показывается$/,
      url: /не показывается — правило адреса/,
      device: /не показывается — правило устройства: виджет для телефонов и планшетов, а это компьютер/,
      utm: /не показывается — правило UTM/,
      ref: /не показывается — правило источника/,
      schedule: /не показывается — расписание: сейчас не время показа \(часовой пояс Europe\/Moscow\)/,
      delay: /не показывается — условие показа ещё не наступило: через 600 с/,
      click: /не показывается — условие показа ещё не наступило: клик по «\.no-such-button» \(такого элемента на странице нет\)/,
      days: /не показывается — частота: раз в 3 дн\., снова после .+; сбросить в этом браузере: откройте страницу с \?widgetry_debug=reset/,
      inline: /не показывается — место для встраивания «#no-such-block» на странице не найдено/,
      off: /не показывается — виджет выключен: включите его в панели/,
      blocked: /не показывается — виджет заблокирован оператором/,
    };
    for (const [name, re] of Object.entries(expected)) expect(d.byId(id[name]!), name).toMatch(re);
    expect(d.errors).toEqual([]);
    await d.page.close();
  });

  it('?widgetry_debug=reset clears the frequency cap in this browser', async () => {
    const reset = await debugLines(`${page}?w=dbg&widgetry_debug=reset`);
    expect(reset.warnings.join('\n')).toMatch(/частота показа сброшена для виджетов: 12; обновите страницу/);
    await reset.page.close();
    const after = await debugLines(`${page}?w=dbg&widgetry_debug=1`);
    expect(after.byId(id.days!)).toMatch(/: показывается$/);
    await after.page.close();
  });

  it("widgetry('debug') from the console explains without reloading", async () => {
    const d = await debugLines(`${page}?w=dbg`, async (p) => {
      await p.waitForLoadState('networkidle');
      await p.evaluate(() => (window as unknown as { widgetry: (c: string) => void }).widgetry('debug'));
    });
    expect(d.byId(id.shown!)).toMatch(/показывается$/);
    expect(d.byId(id.url!)).toMatch(/правило адреса/);
    await d.page.close();
  });

  it('a page on a host the site does not list: the domain is the reason, and no widget name is given away', async () => {
    const d = await debugLines(`${page.replace('127.0.0.1', 'localhost')}?w=dbg&widgetry_debug=1`);
    expect(d.header).toContain('страница на localhost');
    expect(d.lines).toHaveLength(12);
    for (const l of d.lines) expect(l).toMatch(/не показывается — страница на localhost, а это не домен сайта: добавьте его на странице сайта в панели/);
    expect(d.lines.join('\n')).not.toContain('Показан');
    await d.page.close();
  });

  it('a wrong site key says so', async () => {
    const wrong = kit.host.page('/wrong-key.html', 'shop.html', kit.site.snippet.replace(kit.site.siteKey, 'nosuchkey'));
    const d = await debugLines(`${wrong}?widgetry_debug=1`);
    expect(d.header).toMatch(/ключ сайта «nosuchkey» не найден: проверьте data-site в коде установки/);
    await d.page.close();
  });

  it("the tariff's reasons: widgets over the count after a downgrade, the impression cap, a blocked account", async () => {
    const owner: ApiSession = await apiSignIn(kit.platform.url, 'tariff-debug@shop.example');
    const limits = (activeWidgets: number) => ({ activeWidgets, widgetTypes: ['banner', 'form'], impressionsPerPeriod: 1, sites: 1, badge: true, integrations: ['email'] });
    const tariff = (n: number) => kit.ops.request('PUT', `/api/admin/accounts/${owner.accountId}/tariff`, { tariffId: 'individual', individualLimits: limits(n), reason: 'Тест' });
    expect((await tariff(2)).status).toBe(200);
    const site = (await owner.request('POST', '/api/sites', { name: 'Второй', domains: ['127.0.0.1'] })).body;
    const make = async (name: string) => (await owner.request('POST', '/api/widgets', { siteId: site.id, active: true, ...banner(name) })).body.id as string;
    const older = await make('Старый');
    await new Promise((r) => setTimeout(r, 5));
    const newer = await make('Новый');
    expect((await tariff(1)).status).toBe(200);
    const url = kit.host.page('/tariff.html', 'shop.html', site.snippet);

    const shown = await visit(kit, `${url}?w=dbg`);
    await widgetHost(shown.page, older).locator('.wg-card').waitFor();
    await waitFor(
      async () => (await owner.request('GET', '/api/usage')).body.impressions.used as number,
      (n) => n === 1,
      'the impression to be counted',
    );
    await shown.page.close();

    const capped = await debugLines(`${url}?w=dbg&widgetry_debug=1`);
    expect(capped.byId(older)).toMatch(/не показывается — показы тарифа за период исчерпаны, до /);
    expect(capped.byId(newer)).toMatch(/не показывается — включено больше виджетов, чем позволяет тариф \(показываются самые старые\)/);
    await capped.page.close();

    expect((await kit.ops.request('PUT', `/api/admin/accounts/${owner.accountId}/block`, { blocked: true, reason: 'Проверка платежа' })).status).toBe(200);
    const blocked = await debugLines(`${url}?w=dbg&widgetry_debug=1`);
    for (const wid of [older, newer]) expect(blocked.byId(wid)).toMatch(/не показывается — аккаунт заблокирован оператором/);
    await blocked.page.close();
  });
});
