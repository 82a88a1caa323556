// A new account's leads have a working destination from the start, in Chromium against the built
// server with no SMTP configured: the owner signs up, the site's first lead (sent from a page on
// another origin) is in the dev outbox as an e-mail to the sign-in address, the first-steps
// checklist counts "where leads go" as done; another address waits until its owner opens the
// mailed link and confirms it, then works. The confirmation page passes axe at 1280 and 375 px.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiSession } from './support/api-session.js';
import { eventually, seriousViolations, signUp } from './support/dashboard.js';
import { licenseeWithFormWidget, type Licensee } from './support/licensee.js';
import { useStack } from './support/stack.js';

const EMAIL = 'newcomer@tea.example.ru';
const OTHER = 'orders@tea.example.ru';

const stack = useStack({ LEAD_MIN_FILL_MS: '0' });
let page: Page;
let owner: ApiSession;
let site: Licensee['site'];
let widgetId: string;
const pageErrors: string[] = [];

interface OutboxMail {
  to: string;
  subject: string;
  text: string;
}
const outbox = async () => ((await (await fetch(`${stack.platform.url}/dev/outbox.json`)).json()) as { mails: OutboxMail[] }).mails;

beforeAll(async () => {
  page = await stack.browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.setViewportSize({ width: 1280, height: 900 });
});

describe('where leads go, for a newcomer', () => {
  it('signs up and adds a site: its leads go to the sign-in address, and the checklist says so', async () => {
    await signUp(page, stack.platform.url, EMAIL);
    const steps = page.locator('ol.steps');
    expect(await steps.locator('li.step-done', { hasText: 'Выберите, куда приходят заявки' }).count()).toBe(0);
    ({ session: owner, site, widgetId } = await licenseeWithFormWidget(stack, EMAIL));
    await page.reload();
    await steps.locator('li.step-done', { hasText: 'Выберите, куда приходят заявки' }).waitFor();
  });

  it('a lead sent from a page of the site arrives in the dev outbox as an e-mail to the sign-in address', { timeout: 60_000 }, async () => {
    const visitor = await stack.browser.newPage();
    try {
      await visitor.goto(stack.host.page('/tea.html', 'shop.html', site.snippet));
      const form = visitor.locator(`[data-widgetry-widget="${widgetId}"]`);
      await form.locator('[name="name"]').fill('Марина');
      await form.locator('[name="phone"]').fill('+7 916 555-44-33');
      await form.locator('.wg-consent input[type="checkbox"]').check();
      await form.locator('.wg-submit').click();
      await form.locator('.wg-success').waitFor();
    } finally {
      await visitor.close();
    }
    const mail = await eventually(async () => (await outbox()).find((m) => m.to === EMAIL && m.subject.includes('новая заявка')), Boolean, 'the lead mail to the sign-in address');
    expect(mail!.subject).toBe('Widgetry: новая заявка с сайта «Магазин чая»');
    expect(mail!.text).toContain('Марина');
  });

  it('another address waits for its owner to confirm it through the mailed link, then works', { timeout: 60_000 }, async () => {
    await page.goto(`${stack.platform.url}/app/sites/${site.id}/integrations`);
    // Honest about mail: no SMTP server, so it is only readable here.
    await page.getByText('Почтовый сервер (SMTP_URL) не настроен').waitFor();
    await page.locator('li.intg', { hasText: EMAIL }).getByText('Работает').waitFor();
    await page.getByRole('button', { name: 'Подключить: E-mail' }).click();
    const dialog = page.getByRole('dialog', { name: 'Подключение: E-mail' });
    await dialog.getByLabel('Адрес 1', { exact: true }).fill(OTHER);
    await dialog.getByRole('button', { name: 'Подключить', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.locator('li.intg', { hasText: OTHER });
    await card.getByText('Ждёт подтверждения').waitFor();
    expect(await card.textContent()).toContain('приходят на адрес, с которым вы входите');
    expect(await seriousViolations(page)).toEqual([]);

    // The address's owner opens the link from the mail (opening alone confirms nothing).
    const link = (await outbox()).find((m) => m.to === OTHER)?.text.match(/https?:\/\/\S+\/app\/confirm-email\?token=[\w-]+/)?.[0];
    expect(link).toBeTruthy();
    const mailbox = await stack.browser.newPage();
    try {
      for (const width of [375, 1280]) {
        await mailbox.setViewportSize({ width, height: 800 });
        await mailbox.goto(link!);
        await mailbox.getByRole('heading', { name: 'Подтверждение адреса', level: 1 }).waitFor();
        expect(await mailbox.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(await seriousViolations(mailbox)).toEqual([]);
      }
      expect((await owner.request('GET', `/api/integrations?siteId=${site.id}`)).body.integrations.find((i: { label: string }) => i.label === OTHER).status).toBe('pending');
      await mailbox.getByRole('button', { name: 'Подтвердить адрес' }).click();
      await mailbox.getByText('Адрес подтверждён').waitFor();
      // English, second: no Russian on the page.
      await mailbox.getByRole('button', { name: 'English' }).click();
      await mailbox.getByRole('heading', { name: 'Confirm the address', level: 1 }).waitFor();
      expect(await mailbox.locator('article').textContent()).not.toMatch(/[А-Яа-яЁё]/);
    } finally {
      await mailbox.close();
    }
    // The owner's page polls while something is pending.
    await card.getByText('Работает').waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });
});
