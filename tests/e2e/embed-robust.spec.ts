// Every widget type on a strict-CSP page, and with an API or runtime that cannot be reached; lead
// forms whose sending fails. Hostile CSS and a 375 px phone are embed-hostile.spec.ts.
import { describe, expect, it } from 'vitest';
import { TYPES, kitOfEveryTypePerFile, exercise, frameOf, visit, widgetHost, type Type } from './embed-kit.js';

const kit = kitOfEveryTypePerFile('robust@shop.example');

const STRICT_CSP = (platform: string) =>
  [
    "default-src 'none'",
    `script-src ${platform}`,
    `connect-src ${platform}`,
    `img-src ${platform}`,
    // No style-src at all: constructable stylesheets and CSSOM are not style elements or attributes.
    "style-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');

const pageUrl = (path: string, fixture: string, type: Type, snippet = kit.site.snippet, headers?: Record<string, string>) => `${kit.host.page(path, fixture, snippet, headers)}?w=${type}`;

describe.each(TYPES)('%s', (type) => {
  it('works on a strict-CSP page (scripts from the platform only, no inline, no eval, no styles)', async () => {
    const url = pageUrl('/csp.html', 'csp.html', type, kit.bareSnippet, { 'content-security-policy': STRICT_CSP(kit.platform.url) });
    const v = await visit(kit, url);
    await frameOf(v.page, kit, type).waitFor();
    await exercise(v.page, kit, type);
    expect(await v.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('when the API or the runtime is unreachable, the page is untouched and nothing is thrown', async () => {
    for (const blocked of ['**/v1/sites/**', '**/rt/**']) {
      const v = await visit(kit, 'about:blank');
      await v.page.route(blocked, (route) => route.abort('connectionrefused'));
      await v.page.goto(pageUrl('/plain.html', 'shop.html', type));
      await v.page.waitForLoadState('networkidle');
      expect(await v.page.locator('[data-widgetry-widget]').count()).toBe(0);
      expect(await v.page.locator('h1').textContent()).toBe('Магазин чая');
      expect(v.errors).toEqual([]);
      // A failing runtime is worth one line in the console, prefixed; a failing config too.
      expect(v.warnings.length).toBeLessThanOrEqual(1);
      await v.page.close();
    }
  });
});

describe.each(['form', 'popup', 'callback', 'quiz'] as const)('%s when leads cannot be sent', (type) => {
  it('tells the visitor to try again and keeps what was typed', async () => {
    const v = await visit(kit, 'about:blank');
    await v.page.route('**/v1/leads', (route) => route.abort('connectionrefused'));
    await v.page.goto(pageUrl('/plain.html', 'shop.html', type));
    const h = widgetHost(v.page, kit.ids[type]);
    await frameOf(v.page, kit, type).waitFor();
    if (type === 'callback') await h.locator('.wg-fab').click();
    if (type === 'quiz') {
      for (const answer of ['Зелёный', 'Утром']) {
        await h.locator('label.wg-opt', { hasText: answer }).click();
        await h.locator('button[type="submit"]').click();
      }
    }
    const values: Record<string, string> = type === 'popup' ? { email: 'maria@example.ru' } : { name: 'Мария', phone: '+7 916 555-12-34' };
    for (const [name, value] of Object.entries(values)) await h.locator(`[name="${name}"]`).fill(value);
    await h.locator('.wg-consent input[type="checkbox"]').check();
    await v.page.waitForTimeout(350);
    await h.locator('.wg-submit').click();
    await h.locator('.wg-error[role="alert"]').waitFor();
    expect(await h.locator('.wg-error').textContent()).toContain('Не удалось отправить');
    for (const [name, value] of Object.entries(values)) expect(await h.locator(`[name="${name}"]`).inputValue()).toBe(value);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});
