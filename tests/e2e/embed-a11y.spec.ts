// Every type for keyboard and screen-reader users, and for the layout of the page: axe finds no
// serious issue, overlays shift nothing (CLS 0, measured by PerformanceObserver), popups are
// real modal dialogs (focus trapped, Esc closes, focus returns), the quiz is keyboard-usable.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OVERLAYS, TYPES, kitOfEveryTypePerFile, frameOf, leadsOf, visit, widgetHost, type Type } from './embed-kit.js';
import { layoutSettled } from './support/settled.js';

const kit = kitOfEveryTypePerFile('a11y@shop.example');

const open = (type: Type) => visit(kit, `${kit.host.page('/shop.html', 'shop.html', kit.site.snippet)}?w=${type}`);

/** Where focus really is: through shadow roots, as "host > element". */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const path: string[] = [];
    while (el) {
      const cls = el.getAttribute('class');
      const name = el.getAttribute('name');
      const link = el.tagName === 'A' ? `(${el.textContent})` : '';
      path.push(el.tagName.toLowerCase() + (cls ? `.${cls.split(' ').join('.')}` : '') + (name ? `[name=${name}]` : '') + link);
      el = el.shadowRoot ? el.shadowRoot.activeElement : null;
    }
    return path.join(' > ');
  });

/** Whether focus is inside the open <dialog> of a widget. */
const focusInDialog = (page: Page, id: string) =>
  page.evaluate((id) => {
    const host = document.querySelector(`[data-widgetry-widget="${id}"]`)!;
    const inner = host.shadowRoot!.activeElement;
    return document.activeElement === host && !!inner && !!host.shadowRoot!.querySelector('dialog[open]')!.contains(inner);
  }, id);

async function seriousAxeIssues(page: Page, id: string) {
  const result = await new AxeBuilder({ page }).include(`[data-widgetry-widget="${id}"]`).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.each(TYPES)('%s', (type) => {
  it('axe finds no serious issue, folded and unfolded; an overlay shifts nothing (CLS 0)', async () => {
    const v = await open(type);
    const id = kit.ids[type];
    await frameOf(v.page, kit, type).waitFor();
    await layoutSettled(v.page); // a late shift, if any, has happened and been recorded
    if (OVERLAYS.includes(type)) expect(await v.page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBe(0);
    expect(await seriousAxeIssues(v.page, id)).toEqual([]);
    if (type === 'callback' || type === 'messengers') {
      await widgetHost(v.page, id).locator('.wg-fab').click();
      expect(await seriousAxeIssues(v.page, id)).toEqual([]);
    }
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});

describe('popup', () => {
  it('is a modal dialog: named, focus inside and trapped, Esc closes, focus returns', async () => {
    const v = await open('popup');
    const id = kit.ids.popup;
    const h = widgetHost(v.page, id);
    const dialog = h.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await v.page.getByRole('dialog', { name: 'Не уходите без подарка' }).count()).toBe(1);
    expect(await focusInDialog(v.page, id)).toBe(true);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await v.page.keyboard.press('Tab');
      expect(await focusInDialog(v.page, id), `after ${i + 1} Tab: ${await focused(v.page)}`).toBe(true);
      seen.add(await focused(v.page));
    }
    for (let i = 0; i < 12; i++) {
      await v.page.keyboard.press('Shift+Tab');
      expect(await focusInDialog(v.page, id), `after ${i + 1} Shift+Tab`).toBe(true);
    }
    // Every control was reached: close, e-mail, consent, two links, submit.
    expect(seen.size).toBe(6);
    // The backdrop covers the page behind (which the modal dialog makes inert).
    expect(await v.page.evaluate((id) => document.elementFromPoint(20, 20) === document.querySelector(`[data-widgetry-widget="${id}"]`), id)).toBe(true);
    await v.page.keyboard.press('Escape');
    await h.waitFor({ state: 'hidden' });
    expect(await h.locator('dialog[open]').count()).toBe(0);
    expect(await focused(v.page)).toBe('body');
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('the close button closes it and counts a close; the page is usable again', async () => {
    const v = await open('popup');
    const h = widgetHost(v.page, kit.ids.popup);
    await h.locator('dialog[open] .wg-close').click();
    await h.waitFor({ state: 'hidden' });
    await v.page.locator('h1').click(); // no longer inert
    await v.page.close();
  });
});

describe('callback', () => {
  it('the button names itself and opens a modal form; Esc closes it and focus returns to the button', async () => {
    const v = await open('callback');
    const id = kit.ids.callback;
    const h = widgetHost(v.page, id);
    const fab = h.locator('.wg-fab');
    expect(await fab.getAttribute('aria-haspopup')).toBe('dialog');
    // The accessible name settles with the widget's first render (on a loaded machine, a moment later).
    await expect.poll(() => v.page.getByRole('button', { name: 'Заказать звонок' }).count()).toBe(1);
    await fab.focus();
    await v.page.keyboard.press('Enter');
    await h.locator('dialog[open]').waitFor();
    expect(await focusInDialog(v.page, id)).toBe(true);
    await v.page.keyboard.press('Escape');
    await h.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await focused(v.page)).toBe('widgetry-widget > button.wg-fab');
    // The button stays: the callback widget itself is not closed.
    expect(await fab.isVisible()).toBe(true);
    await v.page.close();
  });
});

describe('messengers', () => {
  it('is a disclosure: aria-expanded follows, Esc folds it and keeps focus on the button', async () => {
    const v = await open('messengers');
    const h = widgetHost(v.page, kit.ids.messengers);
    const fab = h.locator('.wg-fab');
    expect(await fab.getAttribute('aria-expanded')).toBe('false');
    await fab.focus();
    await v.page.keyboard.press('Enter');
    expect(await fab.getAttribute('aria-expanded')).toBe('true');
    expect(await v.page.getByRole('link', { name: 'Telegram' }).count()).toBe(1);
    await v.page.keyboard.press('Escape');
    expect(await fab.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(v.page)).toBe('widgetry-widget > button.wg-fab');
    await v.page.close();
  });
});

describe('quiz', () => {
  it('is answered with the keyboard alone, and the answers arrive with the lead', async () => {
    const v = await open('quiz');
    const h = widgetHost(v.page, kit.ids.quiz);
    await h.locator('legend').waitFor();
    const before = (await leadsOf(kit, kit.ids.quiz)).length;
    const kb = v.page.keyboard;
    // shop.html has nothing focusable: the first Tab enters the widget (its close button).
    await kb.press('Tab');
    expect(await focused(v.page)).toBe('widgetry-widget > button.wg-close');
    await kb.press('Tab'); // the radio group
    expect(await focused(v.page)).toBe('widgetry-widget > input[name=kind]');
    await kb.press('ArrowDown'); // Чёрный
    await kb.press('ArrowDown'); // Улун
    await kb.press('Enter'); // next
    expect(await focused(v.page)).toBe('widgetry-widget > legend');
    expect(await h.locator('legend').textContent()).toBe('Когда пьёте?');
    await kb.press('Tab'); // into the group: focused, nothing chosen yet
    await kb.press('Enter'); // nothing chosen: told so, stays
    expect(await h.locator('[role="alert"]').textContent()).toContain('Выберите');
    await kb.press('Space'); // Утром
    await kb.press('Enter');
    expect(await focused(v.page)).toBe('widgetry-widget > h3.wg-q');
    await kb.press('Tab');
    await kb.type('Мария');
    await kb.press('Tab');
    await kb.type('+7 916 555-12-34');
    await kb.press('Tab');
    await kb.press('Space'); // consent
    await kb.press('Shift+Tab');
    await v.page.waitForTimeout(350);
    await kb.press('Enter'); // implicit submission from the phone field
    await h.locator('.wg-success').waitFor();
    expect(await focused(v.page)).toBe('widgetry-widget > p.wg-success');
    // Sent is the end: no "Back" to a form that is no longer there.
    expect(await h.getByRole('button', { name: 'Назад' }).isVisible()).toBe(false);
    const leads = await leadsOf(kit, kit.ids.quiz);
    expect(leads.length).toBe(before + 1);
    expect(leads[0]!.fields).toEqual({ kind: 'Улун', when: 'Утром', name: 'Мария', phone: '+79165551234' });
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});

describe('timer', () => {
  it('is a timer to assistive technology, not a live region that talks every second', async () => {
    const v = await open('timer');
    const timer = widgetHost(v.page, kit.ids.timer).locator('[role="timer"]');
    await timer.waitFor();
    expect(await timer.getAttribute('aria-label')).toBe('Осталось');
    expect(await timer.getAttribute('aria-live')).toBeNull();
    await v.page.close();
  });
});
