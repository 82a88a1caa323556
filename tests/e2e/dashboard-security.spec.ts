// The dashboard treats leads as hostile input: visitors' values (XSS payloads in fields, a
// javascript: "page URL") are shown as text everywhere — list, detail, overview — and nothing
// runs. Pages are served with a strict Content-Security-Policy, and none of our own code
// trips it (no violation reports while every main page is used).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { openSection, signUp } from './support/dashboard.js';
import { useStack } from './support/stack.js';

const stack = useStack({ LEAD_MIN_FILL_MS: '300' });

const EMAIL = 'owner@xss.example';
const PAYLOADS = {
  name: '<img src=x onerror="window.__xss=1">',
  comment: '"><svg onload="window.__xss=2"><script>window.__xss=3</script>',
  city: "';window.__xss=4;//<iframe srcdoc='<script>parent.__xss=5</script>'>",
};

let owner: ApiSession;

/** A dashboard page that records CSP violations, script errors and dialogs (alert/confirm). */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await stack.browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`error: ${e}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

describe('dashboard security', () => {
  it('serves every app page with a strict Content-Security-Policy', async () => {
    for (const path of ['/app/', '/app/leads', '/app/widgets/new']) {
      const res = await fetch(stack.platform.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    const preview = await fetch(`${stack.platform.url}/app/preview.html`);
    expect(preview.headers.get('content-security-policy')).toContain("connect-src 'none'");
  });

  it('shows hostile lead values as text: nothing runs in the list, the detail or the overview', { timeout: 120_000 }, async () => {
    const { page, problems } = await watchedPage();
    await signUp(page, stack.platform.url, EMAIL);
    owner = await apiSignIn(stack.platform.url, EMAIL);
    const site = (await owner.request('POST', '/api/sites', { name: 'Сайт', domains: ['127.0.0.1'] })).body;
    const widget = await owner.request('POST', '/api/widgets', {
      type: 'form',
      name: 'Форма <b>жирная</b>',
      siteId: site.id,
      active: true,
      content: {
        title: 'Заявка',
        fields: [
          { key: 'name', kind: 'name', label: 'Имя <i>курсив</i>', required: true },
          { key: 'comment', kind: 'textarea', label: 'Комментарий' },
          { key: 'city', kind: 'text', label: 'Город' },
        ],
        consentUrl: `${stack.host.origin}/consent`,
        privacyUrl: `${stack.host.origin}/privacy`,
      },
    });
    expect(widget.status).toBe(201);
    // As a hostile client would send it: straight to the public endpoint, from the site's origin.
    const submitted = await fetch(`${stack.platform.url}/v1/leads`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: stack.host.origin },
      body: JSON.stringify({ site: site.siteKey, widget: widget.body.id, fields: PAYLOADS, consent: true, elapsedMs: 5000, page: 'javascript:window.__xss=6', referrer: 'javascript:window.__xss=7' }),
    });
    expect(submitted.status).toBe(201);

    await openSection(page, 'Заявки');
    const row = page.locator('tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain(PAYLOADS.name);
    await row.getByRole('button', { name: /Открыть заявку/ }).click();
    const detail = page.getByRole('dialog');
    await detail.getByText('Что отправил посетитель').waitFor();
    const text = (await detail.textContent()) ?? '';
    for (const v of Object.values(PAYLOADS)) expect(text).toContain(v);
    expect(text).toContain('Имя <i>курсив</i>');
    expect(text).toContain('javascript:window.__xss=6');
    // Nothing became markup, and the javascript: "page URL" is not a link.
    expect(await page.locator('main img, main svg[onload], main iframe:not([title]), main script').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    await detail.getByRole('button', { name: 'Закрыть' }).first().click();

    await openSection(page, 'Обзор');
    await page.getByText(PAYLOADS.name).first().waitFor();
    await openSection(page, 'Виджеты');
    await page.getByText('Форма <b>жирная</b>').waitFor();

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('uses every main page without a single CSP violation', { timeout: 120_000 }, async () => {
    const { page, problems } = await watchedPage();
    await signUp(page, stack.platform.url, EMAIL);
    for (const section of ['Сайты', 'Виджеты', 'Заявки', 'Статистика', 'Тариф', 'Обзор']) await openSection(page, section);
    await page.locator('.chart canvas').count();
    await openSection(page, 'Статистика');
    await page.locator('.chart canvas').first().waitFor();
    // The editor with its preview frame (the real runtime drawing inside it).
    const { widgets } = (await owner.request('GET', '/api/widgets')).body;
    await page.goto(`${stack.platform.url}/app/widgets/${widgets[0].id}`);
    await page.frameLocator('iframe[title="Предпросмотр виджета"]').locator('[data-widgetry-widget] .wg-form').waitFor();
    // The visitor's values were never the editor's business: only the licensee's own texts show.
    expect(problems).toEqual([]);
    await page.close();
  });
});
