// Shared setup of the embed-*.spec.ts files: a platform process, a host-page server on another
// origin, Chromium, a licensee on the Network tariff (every type) with one site, and a widget
// of every type, each shown only where its page asks for it (?w={type} or /spa/{type}).
import { waitFor } from '../../server/src/testing/wait-for.js';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { handleTo } from '../../server/src/testing/handle.js';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { launchBrowser } from './support/browser.js';
import { startHostPages, type HostPages } from './support/host-pages.js';
import { NAME_AND_PHONE } from './support/licensee.js';
import { startPlatform, type Platform } from './support/platform.js';

export const TYPES = ['banner', 'form', 'popup', 'callback', 'messengers', 'timer', 'quiz', 'chat'] as const;
export type Type = (typeof TYPES)[number];
/**
 * Types drawn floating over the page (CLS must be 0); an inline form is part of the page, and the
 * kit's timer is a top bar, which pushes the page down by default (a shift by design: README,
 * "Layout of widgets on a page").
 */
export const OVERLAYS: readonly Type[] = TYPES.filter((t) => t !== 'timer');

export interface Kit {
  platform: Platform;
  host: HostPages;
  browser: BrowserContext;
  owner: ApiSession;
  ops: ApiSession;
  site: { id: string; siteKey: string; snippet: string };
  /** The snippet without its inline queue stub, for pages that forbid inline scripts. */
  bareSnippet: string;
  /** Widget id per type, from widgetsOfEveryType(). */
  ids: Record<Type, string>;
  stop(): Promise<void>;
}

export async function startKit(email: string, env: Record<string, string> = {}): Promise<Kit> {
  const ops = 'ops@widgetry.test';
  const [platform, host, browser] = await Promise.all([
    startPlatform({ OPERATOR_EMAILS: ops, LEAD_MIN_FILL_MS: '300', LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000', EVENTS_RATE_PER_IP_PER_MINUTE: '100000', ...env }),
    startHostPages(),
    launchBrowser(),
  ]);
  const owner = await apiSignIn(platform.url, email);
  const operator = await apiSignIn(platform.url, ops);
  const tariff = await operator.request('PUT', `/api/admin/accounts/${owner.accountId}/tariff`, { tariffId: 'network' });
  if (tariff.status !== 200) throw new Error(`tariff: ${tariff.status} ${JSON.stringify(tariff.body)}`);
  const created = await owner.request('POST', '/api/sites', { name: 'Магазин чая', domains: ['127.0.0.1'] });
  if (created.status !== 201) throw new Error(`site: ${created.status} ${JSON.stringify(created.body)}`);
  const site = created.body;
  // A real CSS framework's stylesheet, straight from npm, for the hostile page.
  host.page('/bootstrap.min.css', '../../node_modules/bootstrap/dist/css/bootstrap.min.css', '', { 'content-type': 'text/css' });
  const kit: Kit = {
    platform,
    host,
    browser,
    owner,
    ops: operator,
    site,
    bareSnippet: site.snippet.replace(/<script>[^<]*<\/script>/, ''),
    ids: {} as Record<Type, string>,
    stop: async () => {
      await browser.close();
      await host.stop();
      await platform.stop();
    },
  };
  return kit;
}

export async function createWidget(kit: Kit, body: Record<string, unknown>): Promise<string> {
  const res = await kit.owner.request('POST', '/api/widgets', { siteId: kit.site.id, active: true, ...body });
  if (res.status !== 201) throw new Error(`widget ${JSON.stringify(body).slice(0, 80)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const LINKS = (kit: Kit) => ({ consentUrl: `${kit.host.origin}/consent`, privacyUrl: `${kit.host.origin}/privacy` });

/** The widget body of each type (content as a licensee fills it in the dashboard). */
export function bodyOf(kit: Kit, type: Type): Record<string, unknown> {
  const year = new Date().getUTCFullYear() + 1;
  const content: Record<Type, Record<string, unknown>> = {
    banner: { title: 'Скидка 20 % на всё', text: 'Только до воскресенья', buttonText: 'Выбрать', buttonUrl: `${kit.host.origin}/sale` },
    form: { title: 'Перезвоним за 5 минут', fields: NAME_AND_PHONE, ...LINKS(kit) },
    popup: { title: 'Не уходите без подарка', text: 'Пришлём промокод на 10 %.', fields: [{ key: 'email', kind: 'email', label: 'E-mail', required: true }], ...LINKS(kit) },
    callback: { title: 'Перезвоним за 5 минут', ...LINKS(kit) },
    messengers: {
      title: 'Напишите нам',
      channels: [
        { kind: 'telegram', value: '@tea_shop' },
        { kind: 'whatsapp', value: '+7 900 123-45-67' },
        { kind: 'phone', value: '+7 900 123-45-67' },
      ],
    },
    timer: { title: 'До конца распродажи', endsAt: `${year}-12-31T23:59`, buttonText: 'Успеть', buttonUrl: `${kit.host.origin}/sale` },
    quiz: {
      title: 'Подберём чай',
      questions: [
        { key: 'kind', text: 'Какой чай любите?', options: ['Зелёный', 'Чёрный', 'Улун'] },
        { key: 'when', text: 'Когда пьёте?', options: ['Утром', 'Вечером'] },
      ],
      fields: NAME_AND_PHONE,
      ...LINKS(kit),
    },
    // Nobody has the dashboard open in these specs: after the first message the chat offers its offline form.
    chat: { title: 'Чайный чат', offlineAfterMin: 2, greeting: 'Здравствуйте! Подскажем с выбором чая.', ...LINKS(kit) },
  };
  // Messengers at the top right, where the hostile page keeps a chat bubble at the maximum z-index.
  const position: Partial<Record<Type, string>> = { banner: 'bottom-left', form: 'bottom-right', timer: 'top-bar', quiz: 'bottom-right', messengers: 'top-right' };
  return {
    type,
    name: `E2E ${type}`,
    content: content[type],
    ...(position[type] ? { position: position[type] } : {}),
    // On "?w={type}" pages of any fixture and on the SPA route /spa/{type}.
    rules: {
      url: {
        include: [
          { match: 'contains', value: `w=${type}` },
          { match: 'equals', value: `/spa/${type}` },
        ],
      },
    },
  };
}

export async function widgetsOfEveryType(kit: Kit): Promise<void> {
  for (const type of TYPES) kit.ids[type] = await createWidget(kit, bodyOf(kit, type));
}

/** One kit for the file's tests with a widget of every type: started before them, stopped after. */
export function kitOfEveryTypePerFile(email: string): Kit {
  let kit: Kit | undefined;
  beforeAll(async () => {
    kit = await startKit(email);
    await widgetsOfEveryType(kit);
  }, 60_000);
  afterAll(async () => {
    await kit?.stop();
  });
  return handleTo(() => kit, 'the kit exists only while the tests of its file run');
}

export interface Visit {
  page: Page;
  /** Uncaught errors and failed promises of the page, ours included. */
  errors: string[];
  /** [widgetry] console warnings. */
  warnings: string[];
}

/**
 * Opens a page, recording what was thrown into it, and the cumulative layout shift without
 * recent input (window.__cls) and CSP violations (window.__csp) from before the first script.
 */
export async function visit(kit: Kit, url: string, viewport = { width: 1280, height: 800 }): Promise<Visit> {
  const page = await kit.browser.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.text().includes('[widgetry]') && warnings.push(m.text()));
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number; __csp: string[] };
    w.__cls = 0;
    w.__csp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return { page, errors, warnings };
}

/** The host element of a widget (light DOM); locators pierce its open shadow root. */
export const widgetHost = (page: Page, id: string) => page.locator(`[data-widgetry-widget="${id}"]`);

/** Leads of a widget, newest first. */
export async function leadsOf(kit: Kit, widgetId: string): Promise<{ fields: Record<string, unknown> }[]> {
  return (await kit.owner.request('GET', `/api/leads?widgetId=${widgetId}`)).body.leads;
}

/** The element that frames a widget of the type: what a visitor sees first. */
export function frameOf(page: Page, kit: Kit, type: Type) {
  const h = widgetHost(page, kit.ids[type]);
  return type === 'callback' || type === 'messengers' || type === 'chat' ? h.locator('.wg-fab') : type === 'popup' ? h.locator('dialog .wg-card') : h.locator('.wg-card');
}

/**
 * Waits for the widget's frame; on a phone, where a floating lead form starts folded into a
 * button with its title (widget-runtime/src/shell/fold.ts), taps that button first.
 */
export async function unfold(page: Page, kit: Kit, type: Type): Promise<void> {
  const frame = frameOf(page, kit, type);
  const teaser = page.locator(`[data-widgetry-teaser="${kit.ids[type]}"] button`);
  const which = await waitFor(async () => ((await teaser.isVisible()) ? 'teaser' : (await frame.isVisible()) ? 'frame' : ''), Boolean, `the ${type} or its folded button`);
  if (which === 'teaser') await teaser.click();
  await frame.waitFor();
}

/** Fills a lead form's fields inside `scope` (the widget host), by their names, and ticks the consent. */
export async function fillLead(scope: ReturnType<Page['locator']>, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await scope.locator(`[name="${name}"]`).fill(value);
  await scope.locator('.wg-consent input[type="checkbox"]').check();
}

/** Fills and sends a lead form inside `scope` (the widget host) and waits for the thank-you. */
export async function sendLead(scope: ReturnType<Page['locator']>, values: Record<string, string>) {
  await fillLead(scope, values);
  await scope.page().waitForTimeout(350); // a person is slower than LEAD_MIN_FILL_MS
  await scope.locator('.wg-submit').click();
  await scope.locator('.wg-success').waitFor();
}

/**
 * Uses a widget the way a visitor does: every click goes through Playwright's hit test, so a
 * widget hidden under the page's own elements fails here. Returns whether a lead was sent.
 */
export async function exercise(page: Page, kit: Kit, type: Type): Promise<boolean> {
  const h = widgetHost(page, kit.ids[type]);
  switch (type) {
    case 'banner':
      await h.locator('.wg-button').click({ trial: true });
      await h.locator('.wg-close').click();
      await h.waitFor({ state: 'hidden' });
      return false;
    case 'form':
      await sendLead(h, { name: 'Мария', phone: '+7 916 555-12-34' });
      return true;
    case 'popup':
      await h.locator('dialog[open]').waitFor();
      await sendLead(h, { email: 'maria@example.ru' });
      return true;
    case 'callback':
      await h.locator('.wg-fab').click();
      await h.locator('dialog[open]').waitFor();
      await sendLead(h, { name: 'Мария', phone: '+7 916 555-12-34' });
      return true;
    case 'messengers':
      await h.locator('.wg-fab').click();
      await h.locator('a.wg-telegram').click({ trial: true });
      expect(await h.locator('a.wg-ch').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))).toEqual(['https://t.me/tea_shop', 'https://wa.me/79001234567', 'tel:+79001234567']);
      return false;
    case 'timer': {
      const seconds = () => h.locator('.wg-timer span:last-child b').textContent();
      const first = await seconds();
      await waitFor(seconds, (s) => s !== first, 'the timer to tick', 3000);
      await h.locator('.wg-button, .wg-btn').first().click({ trial: true });
      return false;
    }
    case 'chat':
      // The visitor types at once; nobody is online in these specs, so after the first message
      // the offline form asks for contacts and the lead carries the message.
      await h.locator('.wg-fab').click();
      await h.getByRole('textbox', { name: 'Сообщение' }).fill('Перезвоните насчёт опта');
      await h.locator('.wg-consent input[type="checkbox"]').check();
      await h.getByRole('button', { name: 'Отправить' }).click();
      await sendLead(h, { name: 'Мария', contact: '+7 916 555-12-34' });
      // The conversation is this browser's now: the next visit of these specs starts afresh.
      await page.evaluate(() => localStorage.clear());
      return true;
    case 'quiz':
      await h.locator('label.wg-opt', { hasText: 'Улун' }).click();
      await h.locator('button[type="submit"]').click();
      await h.locator('label.wg-opt', { hasText: 'Вечером' }).click();
      await h.locator('button[type="submit"]').click();
      await sendLead(h, { name: 'Мария', phone: '+7 916 555-12-34' });
      return true;
  }
}

export { waitFor };
