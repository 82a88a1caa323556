// The funnel from a real browser walk: a visitor lands from a newsletter on a page with a
// call-back widget under an A/B test, is shown its button, opens it, starts typing, sends the
// form (twice as eager as needed: every step is clicked and typed more than once), then comes
// back on another page from a search engine, opens it and closes it. The server's funnel and
// breakdowns must count exactly that walk, as must variant B's funnel, and the lead must carry the
// variant it came from.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/src/testing/wait-for.js';
import { apiSignIn, type ApiSession } from './support/api-session.js';
import { useStack } from './support/stack.js';

const OPERATOR = 'ops@widgetry.test';
const stack = useStack({ OPERATOR_EMAILS: OPERATOR, LEAD_MIN_FILL_MS: '300' });

let owner: ApiSession;
let site: { id: string; siteKey: string; snippet: string };
let widgetId: string;
/** Variant B's id: the split gives it every page view. */
let variantB: string;

beforeAll(async () => {
  owner = await apiSignIn(stack.platform.url, 'funnel@shop.example');
  // A call-back widget and an A/B test are not in the free tariff.
  const ops = await apiSignIn(stack.platform.url, OPERATOR);
  expect((await ops.request('PUT', `/api/admin/accounts/${owner.accountId}/tariff`, { tariffId: 'advanced' })).status).toBe(200);
  site = (await owner.request('POST', '/api/sites', { name: 'Магазин', domains: ['127.0.0.1'] })).body;
  const widget = await owner.request('POST', '/api/widgets', {
    type: 'callback',
    name: 'Обратный звонок',
    siteId: site.id,
    active: true,
    content: {
      buttonText: 'Перезвоните мне',
      title: 'Перезвоним за 5 минут',
      submitText: 'Отправить',
      fields: [
        { key: 'name', kind: 'name', label: 'Имя', required: true },
        { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
      ],
      consentUrl: `${stack.host.origin}/consent`,
      privacyUrl: `${stack.host.origin}/privacy`,
    },
  });
  expect(widget.status).toBe(201);
  widgetId = widget.body.id;
  const test = await owner.request('POST', `/api/widgets/${widgetId}/variants`, { content: { title: 'Перезвоним за минуту' } });
  expect(test.status).toBe(201);
  const [a, b] = test.body.variants as { id: string }[];
  variantB = b!.id;
  expect((await owner.request('PUT', `/api/widgets/${widgetId}/variants/split`, { weights: { [a!.id]: 0, [variantB]: 100 } })).status).toBe(200);
}, 60_000);

/** The widget's funnel, or one variant's. */
const funnel = async (variant?: string) => {
  const res = await owner.request('GET', `/api/stats/funnel?widgetId=${widgetId}${variant ? `&variant=${variant}` : ''}`);
  expect(res.status).toBe(200);
  return Object.fromEntries((res.body.steps as { step: string; count: number }[]).map((s) => [s.step, s.count]));
};
const breakdowns = async () => {
  const res = await owner.request('GET', `/api/stats/breakdowns?widgetId=${widgetId}`);
  expect(res.status).toBe(200);
  const dims = res.body.dimensions as Record<string, { values: { value: string; impressions: number; submits: number }[] }>;
  return Object.fromEntries(Object.entries(dims).map(([d, { values }]) => [d, values.map(({ value, impressions, submits }) => ({ value, impressions, submits }))]));
};

/** The call-back button: the widget is on the page once it is there. */
const fab = (page: Page) => page.getByRole('button', { name: 'Перезвоните мне' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Перезвоним за минуту' });

describe('the funnel from a browser walk', () => {
  it('show, open, start and submit on a landing page, then a return visit: the funnel and breakdowns count exactly that', { timeout: 90_000 }, async () => {
    // First page view: a new visitor from a newsletter.
    const landing = await stack.browser.newPage();
    await landing.setViewportSize({ width: 1280, height: 900 });
    await landing.goto(`${stack.host.page('/landing.html', 'shop.html', site.snippet)}?utm_source=Newsletter&utm_medium=email`);
    await fab(landing).waitFor();
    expect(await funnel()).toMatchObject({ interactions: 0, starts: 0 });
    await waitFor(funnel, (f) => f.impressions === 1, 'the impression');
    // Shown, then opened: the dialog is variant B's.
    await fab(landing).click();
    const form = dialog(landing);
    await form.waitFor();
    await form.getByLabel('Имя').fill('Мария');
    await form.getByLabel('Имя').fill('Мария Иванова');
    await form.getByLabel('Телефон').fill('+7 916 555-12-34');
    await form.getByRole('checkbox', { name: /согласие/ }).check();
    await landing.waitForTimeout(400); // a person takes longer than LEAD_MIN_FILL_MS
    await form.getByRole('button', { name: 'Отправить' }).click();
    await form.getByRole('status').waitFor();
    await waitFor(funnel, (f) => f.submits === 1 && f.leads === 1, 'the submit and the lead');
    // More clicks in the same page view add no interaction.
    await form.getByRole('status').click();
    await landing.waitForLoadState('networkidle');
    await landing.close();

    // Second page view: the same browser comes back from a search engine to another page. It
    // kept the variant after the first visit's click, so it is a returning visitor.
    const back = await stack.browser.newPage();
    await back.setViewportSize({ width: 1280, height: 900 });
    await back.goto(stack.host.page('/second.html', 'shop.html', site.snippet), { referer: 'https://www.google.com/search?q=tea' });
    await fab(back).click();
    await dialog(back).waitFor();
    await dialog(back).getByRole('button', { name: 'Закрыть' }).click();
    await dialog(back).waitFor({ state: 'hidden' });
    const walked = { impressions: 2, interactions: 2, starts: 1, submits: 1, leads: 1 };
    await waitFor(funnel, (f) => JSON.stringify(f) === JSON.stringify(walked), 'the second visit’s impression and interaction');
    await back.waitForLoadState('networkidle');
    await back.close();

    // Every beacon of the walk has arrived: nothing more was counted. All of it was variant B's.
    expect(await funnel()).toEqual(walked);
    expect(await funnel(variantB)).toEqual(walked);
    expect(await breakdowns()).toEqual({
      device: [{ value: 'desktop', impressions: 2, submits: 1 }],
      path: [
        { value: '/landing.html', impressions: 1, submits: 1 },
        { value: '/second.html', impressions: 1, submits: 0 },
      ],
      source: [
        { value: 'newsletter', impressions: 1, submits: 1 },
        { value: 'www.google.com', impressions: 1, submits: 0 },
      ],
      visitor: [
        { value: 'new', impressions: 1, submits: 1 },
        { value: 'returning', impressions: 1, submits: 0 },
      ],
    });
    // The breakdowns keep the page, never the query (the visitor's own data may ride there).
    expect(JSON.stringify(await breakdowns())).not.toContain('utm_medium');
  });

  it('the lead carries the variant it came from; the variant’s results count it', async () => {
    const leads = (await owner.request('GET', '/api/leads')).body.leads as { widgetId: string; variant: unknown }[];
    expect(leads.map((l) => [l.widgetId, l.variant])).toEqual([[widgetId, { id: variantB, label: 'B' }]]);
    const results = (await owner.request('GET', `/api/widgets/${widgetId}/variants/results`)).body.variants as { id: string; leads: number; impressions: number }[];
    expect(results.map((v) => [v.id === variantB, v.impressions, v.leads])).toEqual([
      [false, 0, 0],
      [true, 2, 1],
    ]);
  });
});
