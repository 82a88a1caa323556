// An account's mails in its dashboard's language: a licensee who signs in on the English
// dashboard gets the impression notices in English; once they switch the dashboard to Russian,
// the next notice is in Russian. The Free tariff's 10,000 impressions are sent as the runtime
// sends them (POST /v1/events from the site's origin), 50 to a request.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerWidgetInput } from '../../server/src/testing/widget-inputs.js';
import { waitFor } from '../../server/src/testing/wait-for.js';
import { apiSignIn, latestCode, type ApiSession } from './support/api-session.js';
import { closeAll, desktopPage, launchBrowser } from './support/browser.js';
import { startPlatform, type Platform } from './support/platform.js';
import type { BrowserContext } from 'playwright-core';

const OWNER = 'owner@tea.example';
const ORIGIN = 'https://tea.example';
let platform: Platform;
let browser: BrowserContext;
let owner: ApiSession;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform({ EVENTS_RATE_PER_IP_PER_MINUTE: '100000' }), launchBrowser()]);
  // The account exists first (a sign-in with no language: Russian, the default).
  owner = await apiSignIn(platform.url, OWNER);
}, 60_000);
afterAll(() => closeAll(browser, platform));

/** Mails to the owner other than sign-in codes: [subject, first line]. */
const notices = async () => {
  const { mails } = (await (await fetch(`${platform.url}/dev/outbox.json`)).json()) as { mails: { to: string; subject: string; text: string }[] };
  return mails.filter((m) => m.to === OWNER && !/code|код/.test(m.subject)).map((m) => [m.subject, m.text.split('\n')[0]]);
};

async function impressions(siteKey: string, widget: string, n: number) {
  for (let i = 0; i < n; i += 50) {
    const res = await fetch(`${platform.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
      body: JSON.stringify({ site: siteKey, events: Array.from({ length: 50 }, () => ({ widget, type: 'impression' })) }),
    });
    expect(res.status).toBe(202);
  }
}

async function signInInEnglish(page: Page) {
  await page.goto(`${platform.url}/app/?lang=en`);
  await page.getByLabel('E-mail').fill(OWNER);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Get a code' }).click();
  // The field appears once the server has answered, i.e. once the letter is in the outbox.
  await page.getByLabel('Code from the e-mail').waitFor();
  await page.getByLabel('Code from the e-mail').fill(await latestCode(platform.url, OWNER));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
}

describe('the account’s mails', () => {
  it('are in the language of the dashboard it signed in from, and follow the switch there', { timeout: 120_000 }, async () => {
    const page = await desktopPage(browser);
    await signInInEnglish(page);
    const site = (await owner.request('POST', '/api/sites', { name: 'Tea', domains: ['tea.example'] })).body;
    const widget = await owner.request('POST', '/api/widgets', { ...bannerWidgetInput(site.id), active: true });
    expect(widget.status).toBe(201);

    await impressions(site.siteKey, widget.body.id, 8000);
    expect(await waitFor(notices, (n) => n.length === 1, 'the 80 % notice')).toEqual([
      ['Widgetry: 80 % of impressions used', `8000 of 10000 impressions (80 %) used in the current period. Once the limit runs out, widgets stop being shown: ${platform.url}/app/?lang=en`],
    ]);

    // Switched to Russian in the dashboard: the next notice is in Russian.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/settings') && r.request().method() === 'PATCH');
    await page.getByRole('group', { name: 'Язык / Language' }).first().getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
    expect((await saved).status()).toBe(200);
    await impressions(site.siteKey, widget.body.id, 2000);
    expect((await waitFor(notices, (n) => n.length === 2, 'the 100 % notice'))[0]![0]).toBe('Widgetry: использовано 100 % показов');
    await page.close();
  });

  it('a new device, where no language was chosen, opens the dashboard in the account’s and keeps it', { timeout: 60_000 }, async () => {
    expect((await owner.request('PATCH', '/api/me/settings', { lang: 'en' })).status).toBe(200);
    // A new device: no session, nothing stored. The sign-in page is in Russian, the default.
    await browser.clearCookies();
    const page = await desktopPage(browser);
    await page.goto(`${platform.url}/app/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByLabel('E-mail').fill(OWNER);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByLabel('Код из письма').waitFor();
    await page.getByLabel('Код из письма').fill(await latestCode(platform.url, OWNER));
    const verified = page.waitForRequest((r) => r.url().endsWith('/api/auth/verify'));
    await page.getByRole('button', { name: 'Войти' }).click();
    // The default language is not sent, so it does not overwrite the account's English.
    expect((await verified).postDataJSON()).not.toHaveProperty('lang');
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('wg_lang')])).toEqual(['en', 'en']);
    expect((await owner.request('GET', '/api/me')).body.lang).toBe('en');
    await page.close();
  });

  it('an English mail’s link opens the English sign-in form on a device that never chose a language', async () => {
    const link = (await notices())
      .find(([subject]) => subject === 'Widgetry: 80 % of impressions used')![1]!
      .split(': ')
      .at(-1)!;
    await browser.clearCookies();
    const page = await desktopPage(browser);
    await page.goto(`${platform.url}/app/`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(link);
    await page.getByRole('button', { name: 'Get a code' }).waitFor();
    await page.close();
  });
});
