// The sign-in form when the mail server is down (SMTP_URL points at a port nobody listens on):
// the person reads, in their language, that the code was not sent and when to try again, and
// stays on the e-mail step; no Russian on the English form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchBrowser } from './support/browser.js';
import { freePort, startPlatform, type Platform } from './support/platform.js';
import type { BrowserContext } from 'playwright-core';

let platform: Platform;
let browser: BrowserContext;

beforeAll(async () => {
  const closedPort = await freePort();
  [platform, browser] = await Promise.all([startPlatform({ SMTP_URL: `smtp://127.0.0.1:${closedPort}`, DEV_OUTBOX: 'off' }), launchBrowser()]);
}, 60_000);
afterAll(() => closeAll(browser, platform));

describe('sign-in while the mail server is down', () => {
  it.each([
    { lang: 'ru', said: 'Почтовый сервер не отвечает, код не отправлен. Попробуйте через минуту.' },
    { lang: 'en', said: 'The mail server is not answering, so the code was not sent. Try again in a minute.' },
  ])('says the code was not sent, in the form’s language ($lang)', async ({ lang, said }) => {
    const page = await browser.newPage();
    await page.goto(`${platform.url}/app/?lang=${lang}`);
    await page.locator('#auth-email').fill(`outage-${lang}@tea.example`);
    await page.locator('#auth-consent').check();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/code'));
    await page.locator('form button.btn-primary').click();
    expect((await answer).status()).toBe(503);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(said);
    if (lang === 'en') expect(await page.locator('main').textContent()).not.toMatch(/[а-яё]/i);
    // Still the e-mail step: there is no code to type.
    expect(await page.locator('#auth-email').isVisible()).toBe(true);
    await page.close();
  });
});
