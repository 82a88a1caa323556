// Every widget type on real, hostile host pages: a page whose CSS attacks every common tag
// (bootstrap, !important resets, the maximum z-index in our corner, a transformed and
// paint-contained body), a strict-CSP page, a 375 px phone, and an API that fails.
import { describe, expect, it } from 'vitest';
import { TYPES, kitOfEveryTypePerFile, exercise, frameOf, leadsOf, unfold, visit, waitFor, widgetHost, type Type } from './embed-kit.js';

const kit = kitOfEveryTypePerFile('robust@shop.example');

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
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

/** Where the frame sits and how its title is set: what "looks the same" compares. */
async function looks(v: Awaited<ReturnType<typeof visit>>, type: Type) {
  const frame = frameOf(v.page, kit, type);
  // At 375 px lead forms start folded: open, they must look the same on both pages.
  await unfold(v.page, kit, type);
  const box = await frame.boundingBox();
  const style = await frame.evaluate((el) => {
    const s = getComputedStyle(el);
    return { font: s.font, color: s.color, background: s.backgroundColor, radius: s.borderRadius };
  });
  return { box: box && { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) }, style };
}

describe.each(TYPES)('%s', (type) => {
  it('looks and works the same on a hostile page as on a plain one, at desktop and 375 px', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const plain = await visit(kit, pageUrl('/plain.html', 'shop.html', type), viewport);
      const hostile = await visit(kit, pageUrl('/hostile.html', 'hostile.html', type), viewport);
      const expected = await looks(plain, type);
      expect(await looks(hostile, type)).toEqual(expected);
      // Inside the screen, even at 375 px.
      expect(expected.box!.x).toBeGreaterThanOrEqual(0);
      expect(expected.box!.x + expected.box!.width).toBeLessThanOrEqual(viewport.width);
      const before = (await leadsOf(kit, kit.ids[type])).length;
      const sent = await exercise(hostile.page, kit, type);
      if (sent) expect((await leadsOf(kit, kit.ids[type])).length).toBe(before + 1);
      expect(hostile.errors).toEqual([]);
      expect(hostile.warnings).toEqual([]);
      await plain.page.close();
      await hostile.page.close();
    }
  });

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

describe('impressions on hostile pages', () => {
  const usage = async () => (await kit.owner.request('GET', '/api/usage')).body.impressions.used as number;
  /** Shows the type on its own hostile page and waits for that one impression (nothing else is in flight). */
  async function counted(type: Type) {
    const before = await usage();
    const v = await visit(kit, pageUrl('/impressions.html', 'hostile.html', type));
    await frameOf(v.page, kit, type).waitFor();
    try {
      await waitFor(usage, (n) => n === before + 1, `the impression of the ${type}`);
    } finally {
      await v.page.close();
    }
  }

  it('are counted for what was shown', async () => {
    for (const type of TYPES.filter((t) => t !== 'popup')) await counted(type);
  });

  // Found once this test stopped leaning on the impressions of the tests before it: on the hostile
  // page (transformed, paint-contained body) a shown popup's impression is never counted; on a plain
  // page it is. it.fails keeps the gap visible and turns red once the runtime counts it.
  it.fails('are counted for a popup too (not yet on the hostile page)', async () => {
    await counted('popup');
  });
});
