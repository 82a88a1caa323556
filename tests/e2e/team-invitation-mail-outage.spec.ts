// Inviting a team member while the mail server hangs (it takes the connection and never greets):
// the owner reads, in their language, that the invitation exists but its letter was not sent, has
// the invitation link to copy, and sends the letter again once the server answers. Sign-in codes
// go through the same SMTP server while it is up; no Russian on the English page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { onMessage, startSmtpServer } from '../../server/src/testing/smtp.js';
import { closeAll, launchBrowser } from './support/browser.js';
import { startPlatform, type Platform } from './support/platform.js';

let platform: Platform;
let browser: BrowserContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
/** While on, a new connection is accepted and never greeted. */
let down = false;
const letters: { to: string; text: string }[] = [];

/** A message's text parts, base64 decoded (we send every text part so). */
function readable(raw: string): string {
  return raw
    .split(/\r\n--[^\r\n]+/)
    .map((part) => {
      const at = part.indexOf('\r\n\r\n');
      const [head, body] = [part.slice(0, at), part.slice(at + 4)];
      return /content-transfer-encoding:\s*base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
    })
    .join('\n');
}

beforeAll(async () => {
  smtp = await startSmtpServer({
    disableReverseLookup: true,
    closeTimeout: 1_000,
    onConnect: (_session, accept) => {
      if (!down) accept();
    },
    onData: onMessage((raw, session) => {
      letters.unshift({ to: session.envelope.rcptTo[0]?.address ?? '', text: readable(raw) });
    }),
  });
  [platform, browser] = await Promise.all([startPlatform({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, DEV_OUTBOX: 'off' }), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  await closeAll(browser, platform);
  await smtp?.close();
});

/** The server goes silent: the pooled connections it holds are closed, new ones wait for a greeting that never comes. */
function mailServerDown() {
  down = true;
  for (const connection of smtp.server.connections) connection.close();
}

async function signIn(page: Page, email: string, lang: 'ru' | 'en') {
  down = false;
  // One browser for both tests: the other owner's session goes first.
  await browser.clearCookies();
  await page.goto(`${platform.url}/app/?lang=${lang}`);
  await page.locator('#auth-email').fill(email);
  await page.locator('#auth-consent').check();
  await page.locator('form button.btn-primary').click();
  await page.locator('#auth-code').waitFor();
  const code = letters.find((l) => l.to === email)?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no sign-in letter for ${email}`);
  await page.locator('#auth-code').fill(code);
  await page.locator('form button.btn-primary').click();
  await page.locator('#auth-code').waitFor({ state: 'detached' });
}

async function inviteWhileDown(page: Page, invitee: string) {
  await page.goto(`${platform.url}/app/team`);
  const form = page.locator('section[aria-labelledby=team-invite] form');
  await form.locator('input[type=email]').fill(invitee);
  mailServerDown();
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/team/members') && r.request().method() === 'POST', { timeout: 30_000 });
  await form.locator('button[type=submit]').click();
  const res = await answer;
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { id: string; mail: string; link: string };
  expect(body.mail).toBe('failed');
  const alert = page.locator('section[aria-labelledby=team-invite] [role=alert]');
  await alert.waitFor();
  expect(await page.locator('#team-invite-link').inputValue()).toBe(body.link);
  expect(body.link).toContain(`/team/invitations/${body.id}`);
  return { alert, body };
}

describe('a team invitation while the mail server is down', () => {
  it('says in Russian that the letter was not sent, offers the link, and sends it again once the server answers', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await signIn(page, 'owner-ru@tea.example', 'ru');
    const { alert, body } = await inviteWhileDown(page, 'colleague-ru@tea.example');
    expect(await alert.locator('p').first().textContent()).toBe(
      'Приглашение для colleague-ru@tea.example создано, но письмо не отправлено: почтовый сервер не отвечает. Передайте ссылку сами (она сработает после входа с этим адресом) или отправьте письмо ещё раз через минуту.',
    );
    // The invitation is real: it is in the list, waiting for an answer.
    await page.locator('section[aria-labelledby=team-members]').getByText('colleague-ru@tea.example').waitFor();

    const again = alert.getByRole('button', { name: 'Отправить письмо ещё раз' });
    const failed = page.waitForResponse((r) => r.url().endsWith('/invitation'), { timeout: 30_000 });
    await again.click();
    expect((await failed).status()).toBe(503);
    await page.getByText('Почтовый сервер всё ещё не отвечает, письмо не отправлено. Попробуйте через минуту или передайте ссылку сами.').waitFor();
    await alert.waitFor();

    down = false;
    const sent = page.waitForResponse((r) => r.url().endsWith('/invitation'));
    await again.click();
    expect((await sent).status()).toBe(200);
    await alert.waitFor({ state: 'detached' });
    expect(letters.find((l) => l.to === 'colleague-ru@tea.example')?.text).toContain(body.link);
    await page.close();
  });

  it('says it in English, with no Russian on the page', { timeout: 90_000 }, async () => {
    const page = await browser.newPage();
    await signIn(page, 'owner-en@tea.example', 'en');
    const { alert } = await inviteWhileDown(page, 'colleague-en@tea.example');
    expect(await alert.locator('p').first().textContent()).toBe(
      'The invitation for colleague-en@tea.example is created, but the letter was not sent: the mail server is not answering. Pass the link on yourself (it works once they sign in with that address) or send the letter again in a minute.',
    );
    expect(await alert.getByRole('button', { name: 'Send the letter again' }).isVisible()).toBe(true);
    expect(await alert.getByRole('button', { name: 'Copy the link' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).not.toMatch(/[а-яё]/i);
    await page.close();
  });
});
