// No lead is lost to the spam heuristics, in Chromium on a host page of another origin: a quiz's
// fill time counts from its first question (so a fast autofill of the contact step passes), and
// a refusal (too quick, or the hidden field filled as autofill may do) is never silent — the
// visitor sees a countdown (a neutral notice, not an error), the lead goes again and is taken. The owner sees the refusals per
// widget, day and reason.
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, signUp } from './support/dashboard.js';
import { createWidget, bodyOf, fillLead, leadsOf, startKit, visit, waitFor, widgetHost, type Kit } from './embed-kit.js';

let kit: Kit;
const ids: Record<'quiz' | 'form', string> = { quiz: '', form: '' };
// Longer than the default 1.5 s, so the browser's own timing cannot make these tests flaky.
const MIN_FILL_MS = 2500;

beforeAll(async () => {
  kit = await startKit('nolost@shop.example', { LEAD_MIN_FILL_MS: String(MIN_FILL_MS) });
  ids.quiz = await createWidget(kit, bodyOf(kit, 'quiz'));
  ids.form = await createWidget(kit, bodyOf(kit, 'form'));
}, 90_000);

afterAll(async () => {
  await kit?.stop();
});

const pageFor = (type: 'quiz' | 'form', fixture = 'shop.html') => `${kit.host.page(`/nolost-${type}-${fixture}`, fixture, kit.site.snippet)}?w=${type}`;
/** A visitor on the host page of `type`'s widget: the page, its script errors, and the widget's host (`h`). */
const visitWidget = async (type: 'quiz' | 'form', fixture?: string) => {
  const v = await visit(kit, pageFor(type, fixture));
  return { ...v, h: widgetHost(v.page, ids[type]) };
};
/**
 * The notice of a lead refused as too quick, once shown: its text, and whether it is drawn in the
 * card's own text colour (not the error red) with no error beside it. The visitor did nothing
 * wrong, and the lead goes again by itself.
 */
const waitNotice = async (h: Locator) => {
  const note = h.locator('.wg-note[role="status"]');
  await note.waitFor();
  return note.evaluate((el) => {
    const card = el.closest('.wg-card')!;
    return {
      text: el.textContent,
      neutral: getComputedStyle(el).color === getComputedStyle(card).color && !card.querySelector('.wg-error, [role="alert"]'),
    };
  });
};
const refused = async () => (await kit.owner.request('GET', '/api/stats/refused')).body.refused as { widgetId: string; tooFast: number; honeypot: number }[];

describe('no lead is lost', () => {
  it('a quiz answered at a person’s pace, then a contact step filled at once, is taken first time', { timeout: 60_000 }, async () => {
    const { h, ...v } = await visitWidget('quiz');
    await h.locator('label.wg-opt').first().waitFor();
    for (const answer of ['Зелёный', 'Утром']) {
      await v.page.waitForTimeout(MIN_FILL_MS / 2 + 100);
      await h.locator('label.wg-opt', { hasText: answer }).click();
      await h.locator('button[type="submit"]').click();
    }
    // The contact step "autofilled" and sent at once: well under MIN_FILL_MS after it appeared.
    await fillLead(h, { name: 'Мария', phone: '+7 916 555-12-34' });
    await h.locator('.wg-submit').click();
    await h.locator('.wg-success').waitFor();
    const leads = await leadsOf(kit, ids.quiz);
    expect(leads).toHaveLength(1);
    expect(leads[0]!.fields).toMatchObject({ name: 'Мария', kind: 'Зелёный', when: 'Утром' });
    expect((await refused()).filter((r) => r.widgetId === ids.quiz)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('a form sent too quickly shows a neutral countdown, goes again by itself and is taken; the owner sees the refusal', { timeout: 60_000 }, async () => {
    const { h, ...v } = await visitWidget('form');
    await fillLead(h, { name: 'Олег', phone: '+7 916 555-00-11' });
    await h.locator('.wg-submit').click();
    const notice = await waitNotice(h);
    expect(notice.text).toMatch(/^Секунду: отправим ещё раз через \d с…$/);
    expect(notice.neutral).toBe(true);
    await h.locator('.wg-success').waitFor({ timeout: MIN_FILL_MS + 5000 });
    expect((await leadsOf(kit, ids.form)).map((l) => l.fields.name)).toEqual(['Олег']);
    const rows = await waitFor(refused, (r) => r.some((x) => x.widgetId === ids.form), 'the refusal count');
    expect(rows.find((r) => r.widgetId === ids.form)).toMatchObject({ tooFast: 1, honeypot: 0 });
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('a form whose hidden field the browser filled is taken after the countdown too', { timeout: 60_000 }, async () => {
    const { h, ...v } = await visitWidget('form');
    await fillLead(h, { name: 'Ирина', phone: '+7 916 555-22-33' });
    // What an over-eager autofill does to the off-screen field.
    await h.locator('[name="wg-website"]').evaluate((el) => {
      (el as HTMLInputElement).value = 'https://irina.example';
    });
    await v.page.waitForTimeout(MIN_FILL_MS + 200);
    await h.locator('.wg-submit').click();
    expect((await waitNotice(h)).text).toMatch(/^Секунду: отправим ещё раз через \d с…$/);
    await h.locator('.wg-success').waitFor({ timeout: 8000 });
    expect((await leadsOf(kit, ids.form)).map((l) => l.fields.name)).toContain('Ирина');
    const rows = await waitFor(refused, (r) => r.some((x) => x.widgetId === ids.form && x.honeypot === 1), 'the honeypot count');
    expect(rows.find((r) => r.widgetId === ids.form)).toMatchObject({ tooFast: 1, honeypot: 1 });
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('the owner sees the refusals per widget, day and reason on the statistics page', { timeout: 60_000 }, async () => {
    const page = await kit.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signUp(page, kit.platform.url, 'nolost@shop.example');
    await page.goto(`${kit.platform.url}/app/stats`);
    const card = page.getByRole('region', { name: 'Отклонённые заявки' });
    const row = card.locator('tr', { hasText: 'E2E form' });
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(1)).toEqual(['E2E form', '1', '1']);
    // The widget comparison lists the widget; the page names the zone its days are in.
    await page.getByRole('region', { name: 'Сравнение виджетов' }).locator('tr', { hasText: 'E2E form' }).waitFor();
    await page.getByText('Europe/Moscow', { exact: false }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('on a page in English the notice is in English, and as neutral', { timeout: 60_000 }, async () => {
    const { h, ...v } = await visitWidget('form', 'shop-en.html');
    await fillLead(h, { name: 'Oleg', phone: '+7 916 555-00-44' });
    await h.locator('.wg-submit').click();
    const notice = await waitNotice(h);
    expect(notice.text).toMatch(/^One moment: we’ll send it again in \d s…$/);
    expect(notice.neutral).toBe(true);
    await h.locator('.wg-success').waitFor({ timeout: MIN_FILL_MS + 5000 });
    expect((await leadsOf(kit, ids.form)).map((l) => l.fields.name)).toContain('Oleg');
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});
