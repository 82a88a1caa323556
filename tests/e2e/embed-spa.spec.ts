// A single-page app: every type shown on its own route, re-evaluated on pushState, replaceState
// and popstate; widgets of routes left behind are removed; the page is never reloaded.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TYPES, kitOfEveryTypePerFile, frameOf, unfold, visit, widgetHost, type Type } from './embed-kit.js';

const kit = kitOfEveryTypePerFile('spa@shop.example');

/** The widgets on the page now, by type. */
async function shown(page: Page): Promise<Type[]> {
  const ids = await page.locator('[data-widgetry-widget]').evaluateAll((els) => els.map((e) => e.getAttribute('data-widgetry-widget')));
  return TYPES.filter((t) => ids.includes(kit.ids[t]));
}

describe('single-page navigation', () => {
  it('shows each route its widget and removes the others, by links, replaceState and Back', async () => {
    const v = await visit(kit, kit.host.page('/spa/', 'spa.html', kit.site.snippet));
    const loads = await v.page.evaluate(() => performance.getEntriesByType('navigation').length);
    await v.page.waitForLoadState('networkidle');
    expect(await shown(v.page)).toEqual([]);
    for (const type of TYPES) {
      await v.page.locator(`a[href="/spa/${type}"]`).click();
      await frameOf(v.page, kit, type).waitFor();
      expect(await shown(v.page)).toEqual([type]);
      // A popup is modal: the visitor closes it before using the page's links again.
      if (type === 'popup') {
        await v.page.keyboard.press('Escape');
        await widgetHost(v.page, kit.ids.popup).waitFor({ state: 'hidden' });
      }
      // The timer is a bar over the top of the page, where this app keeps its links: closed.
      if (type === 'timer') await widgetHost(v.page, kit.ids.timer).locator('.wg-close').click();
    }
    // Back (popstate) returns to the quiz's route: the chat goes, the quiz comes back.
    await v.page.goBack();
    await frameOf(v.page, kit, 'quiz').waitFor();
    expect(await shown(v.page)).toEqual(['quiz']);
    // replaceState counts too.
    await v.page.evaluate(() => history.replaceState({}, '', '/spa/banner'));
    await frameOf(v.page, kit, 'banner').waitFor();
    expect(await shown(v.page)).toEqual(['banner']);
    // A route without widgets.
    await v.page.locator('a[href="/spa/"]').click();
    await v.page.waitForFunction(() => !document.querySelector('[data-widgetry-widget]'));
    // All of it without a reload, and without a single error.
    expect(await v.page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([]);
    await v.page.close();
  });

  it('at 375 px too, and a removed popup leaves the page usable (not inert)', async () => {
    const v = await visit(kit, kit.host.page('/spa/', 'spa.html', kit.site.snippet), { width: 375, height: 740 });
    await v.page.locator('a[href="/spa/popup"]').click();
    await widgetHost(v.page, kit.ids.popup).locator('dialog[open]').waitFor();
    // The app navigates by itself while the dialog is open (a redirect, a timer).
    await v.page.evaluate(() => history.pushState({}, '', '/spa/form'));
    await unfold(v.page, kit, 'form'); // a phone: the form starts folded
    expect(await shown(v.page)).toEqual(['form']);
    await v.page.locator('a[href="/spa/banner"]').click(); // the page is not inert any more
    await frameOf(v.page, kit, 'banner').waitFor();
    // A form left folded on a route left behind takes its button along.
    await v.page.evaluate(() => history.pushState({}, '', '/spa/quiz'));
    await v.page.locator(`[data-widgetry-teaser="${kit.ids.quiz}"]`).waitFor();
    await v.page.locator('a[href="/spa/banner"]').click();
    await v.page.locator(`[data-widgetry-teaser="${kit.ids.quiz}"]`).waitFor({ state: 'detached' });
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});
