// The public side of the product: the page at / (Russian) and /en that the "made with" badge
// leads to — a page about the product, not the sign-in form — the favicon of every page, and the
// dev outbox in one language, and the sign-in page pointing to it when no SMTP is configured.
// Both widths, axe, no sideways scrolling.
import { describe, expect, it } from 'vitest';
import { CONSENT_LABEL, CONSENT_LABEL_EN, MARKETING_LABEL_EN } from '#contracts/core/consent-labels.js';
import { consentHash, consentRecordText } from '../../server/src/widgets/leads/consent-text.js';
import { apiSignIn, latestCode } from './support/api-session.js';
import { screenshot, seriousViolations, signUp } from './support/dashboard.js';
import { useStack } from './support/stack.js';

const stack = useStack({ BRAND_NAME: 'Виджетри' });

const CYRILLIC = /[\u0400-\u04ff]+/g;

describe('the public product page', () => {
  it('is served at / and /en as static text under a strict policy, with the brand filled in', async () => {
    const ru = await fetch(`${stack.platform.url}/`, { redirect: 'manual' });
    expect(ru.status).toBe(200);
    expect(ru.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(ru.headers.get('content-security-policy')).not.toContain('script-src');
    const html = await ru.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Сделано на Виджетри');
    expect(html).not.toContain('{{BRAND_NAME}}');
    const en = await fetch(`${stack.platform.url}/en`);
    expect(en.status).toBe(200);
    expect(await en.text()).toContain('<html lang="en">');
  });

  it.each([
    { width: 1280, height: 860, label: 'desktop' },
    { width: 375, height: 740, label: 'phone' },
  ])('reads well on a $label screen in both languages, and leads to the dashboard', async ({ width, height, label }) => {
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width, height });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${stack.platform.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Виджеты для сайта, которые приносят заявки' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(page, `public-${label}-ru`);

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Website widgets that bring you leads' }).waitFor();
    // The English page has no Russian word but the link back to Russian (and the brand this test sets).
    expect(((await page.locator('body').textContent()) ?? '').replaceAll('Виджетри', '').match(CYRILLIC)).toEqual(['Русский']);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(page, `public-${label}-en`);

    // The stylesheet and the icon loaded under the policy: nothing was refused.
    expect(errors).toEqual([]);
    // From the English page, the complaint form and the dashboard open in English.
    await page.getByRole('link', { name: 'Report a widget' }).click();
    await page.getByRole('heading', { name: 'Report a widget', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await page.close();
  });

  it('is where the badge of a free widget leads', async () => {
    const owner = await apiSignIn(stack.platform.url, 'badge@tea.example');
    const site = (await owner.request('POST', '/api/sites', { name: 'Чайная', domains: ['127.0.0.1'] })).body;
    const banner = await owner.request('POST', '/api/widgets', { siteId: site.id, type: 'banner', name: 'Акция', active: true, content: { title: 'Скидка 20 %' } });
    expect(banner.status).toBe(201);
    const visitor = await stack.browser.newPage();
    await visitor.goto(stack.host.page('/badge.html', 'shop.html', site.snippet));
    const badge = visitor.locator('[data-widgetry-widget] .wg-badge');
    await badge.waitFor();
    const href = (await badge.getAttribute('href')) ?? '';
    // Through the visit counter, which sends the visitor on to the product page.
    expect(href).toBe(`${stack.platform.url}/v1/sites/${site.siteKey}/badge`);
    await visitor.goto(href);
    await visitor.getByRole('heading', { level: 1, name: 'Виджеты для сайта, которые приносят заявки' }).waitFor();
    expect(visitor.url()).toBe(`${stack.platform.url}/?ref=badge`);
    expect(await visitor.getByLabel('E-mail').count()).toBe(0);
    // The visit is counted for the site's owner (a number, nothing about the visitor).
    expect((await owner.request('GET', '/api/usage')).body.badgeVisits).toEqual({ last30Days: 1 });
    // …and sees it on the tariff page, under the usage.
    // (In Russian: an earlier test of this browser chose English.)
    await visitor.goto(`${stack.platform.url}/app/?lang=ru`);
    await signUp(visitor, stack.platform.url, 'badge@tea.example');
    await visitor.goto(`${stack.platform.url}/app/tariff`);
    await visitor.getByText('Переходов по ссылке «Сделано на …» с ваших виджетов за 30 дней: 1').waitFor();
    // Signed out again: the next tests expect the sign-in form.
    await stack.browser.clearCookies();
    await visitor.close();
  });
});

describe('the realtime service, sold on its own', () => {
  it.each([
    { path: '/', link: 'Создать бесплатный проект', getCode: 'Получить код', code: 'Код из письма', signIn: 'Войти', heading: 'Реальное время' },
    { path: '/en', link: 'Create a free project', getCode: 'Get a code', code: 'Code from the e-mail', signIn: 'Sign in', heading: 'Realtime' },
  ])('has its own way in from the product page ($path): sign-in leads to the projects, not to the widgets', async ({ path, link, getCode, code, signIn, heading }) => {
    await stack.browser.clearCookies();
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    const email = `developer${path.length}@pusher.example`;
    await page.goto(`${stack.platform.url}${path}`);
    await page.getByRole('link', { name: link }).click();
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: getCode }).click();
    await page.getByLabel(code).fill(await latestCode(stack.platform.url, email));
    await page.getByRole('button', { name: signIn, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/realtime');
    await stack.browser.clearCookies();
    await page.close();
  });
});

describe('the badge on an English page', () => {
  it('reads "Made with" and the brand, not the Russian words the config carries', async () => {
    const owner = await apiSignIn(stack.platform.url, 'badge@shop-en.example');
    const site = (await owner.request('POST', '/api/sites', { name: 'Tea shop', domains: ['127.0.0.1'] })).body;
    const banner = await owner.request('POST', '/api/widgets', { siteId: site.id, type: 'banner', name: 'Sale', active: true, content: { title: '20% off' } });
    expect(banner.status).toBe(201);
    const visitor = await stack.browser.newPage();
    await visitor.goto(stack.host.page('/badge-en.html', 'shop-en.html', site.snippet));
    const badge = visitor.locator('[data-widgetry-widget] .wg-badge');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('Made with Виджетри');
    await visitor.close();
  });
});

describe('the consent on an English page', () => {
  it('reads in English, and the lead records the English wording the visitor read', { timeout: 60_000 }, async () => {
    const owner = await apiSignIn(stack.platform.url, 'consent@shop-en.example');
    const site = (await owner.request('POST', '/api/sites', { name: 'Tea shop', domains: ['127.0.0.1'] })).body;
    const links = { consentUrl: `${stack.host.origin}/consent`, privacyUrl: `${stack.host.origin}/privacy` };
    const content = { title: 'Call me back', fields: [{ key: 'name', kind: 'name', label: 'Name', required: true }], marketingConsent: true, ...links };
    const form = await owner.request('POST', '/api/widgets', { siteId: site.id, type: 'form', name: 'Callback', active: true, content });
    expect(form.status).toBe(201);
    const visitor = await stack.browser.newPage();
    await visitor.goto(stack.host.page('/consent-en.html', 'shop-en.html', site.snippet));
    const host = visitor.locator(`[data-widgetry-widget="${form.body.id}"]`);
    await host.locator('.wg-consent').waitFor();
    expect(await host.locator('.wg-consent label').textContent()).toBe(CONSENT_LABEL_EN);
    expect(await host.locator('.wg-marketing label').textContent()).toBe(MARKETING_LABEL_EN);
    expect(await host.evaluate((h) => h.shadowRoot!.textContent)).not.toContain(CONSENT_LABEL);

    await host.locator('[name="name"]').fill('Mary');
    await host.locator('.wg-consent input[type="checkbox"]').check();
    await visitor.waitForTimeout(350); // a person is slower than LEAD_MIN_FILL_MS
    await host.locator('.wg-submit').click();
    await host.locator('.wg-success').waitFor();
    const [lead] = (await owner.request('GET', `/api/leads?widgetId=${form.body.id}`)).body.leads;
    // The English record ("I consent …. Consent: …. Privacy policy: ….") — not the Russian one.
    expect(lead.consent.hash).toBe(consentHash(consentRecordText(links, { lang: 'en', consentLabel: CONSENT_LABEL_EN })));
    expect(lead.consent.hash).not.toBe(consentHash(consentRecordText(links, { lang: 'ru' })));
    await visitor.close();
  });
});

describe('the favicon', () => {
  it('is served for the dashboard, the public page and pages that name none', async () => {
    const svg = await fetch(`${stack.platform.url}/app/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
    for (const path of ['/favicon.ico', '/app/favicon.ico']) {
      const ico = await fetch(`${stack.platform.url}${path}`);
      expect(ico.status, path).toBe(200);
      // An .ico file starts with reserved 0, type 1 (icon).
      expect([...new Uint8Array(await ico.arrayBuffer()).subarray(0, 4)], path).toEqual([0, 0, 1, 0]);
    }
    for (const path of ['/', '/en', '/app/']) {
      const html = await (await fetch(`${stack.platform.url}${path}`)).text();
      expect(html, path).toContain('<link rel="icon" href="/app/favicon.svg" type="image/svg+xml"');
    }
  });

  it('is what the browser shows for the dashboard', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.platform.url}/app/?lang=ru`);
    await page.getByRole('heading', { name: 'Вход в кабинет' }).waitFor();
    const icon = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href;
      const res = await fetch(href);
      return { status: res.status, type: res.headers.get('content-type') };
    });
    expect(icon).toEqual({ status: 200, type: expect.stringContaining('image/svg+xml') });
    await page.close();
  });
});

describe('the dev outbox', () => {
  it('speaks one language', async () => {
    await fetch(`${stack.platform.url}/api/auth/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'outbox@tea.example', consent: true }) });
    const page = await stack.browser.newPage();
    await page.goto(`${stack.platform.url}/dev/outbox`);
    await page.getByRole('heading', { level: 1, name: 'Исходящие письма' }).waitFor();
    // The page's own words (the mails are what the server sent, in their own languages).
    const chrome = await page.evaluate(() => [...document.querySelectorAll('h1, body > p, article b')].map((e) => e.textContent).join(' '));
    expect(chrome).toContain('Кому:');
    const words = chrome.replace(/SMTP_URL/g, '').match(/\b[A-Za-z]{3,}\b/g) ?? [];
    expect(words).toEqual([]);
    await page.close();
  });

  it.each([
    { lang: 'ru', hint: 'Почтовый сервер (SMTP_URL) не настроен', link: 'Открыть исходящие письма', heading: 'Исходящие письма', subject: 'Виджетри: код для входа', opens: 'Ваш код для входа' },
    { lang: 'en', hint: 'No mail server (SMTP_URL) is configured', link: 'Open the outgoing mail', heading: 'Outgoing mail', subject: 'Виджетри: sign-in code', opens: 'Your Виджетри sign-in code' },
  ])('is where the sign-in page sends a person for the code when no SMTP is configured, in their language ($lang)', async ({ lang, hint, link, heading, subject, opens }) => {
    const email = `no-smtp-${lang}@tea.example`;
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${stack.platform.url}/app/?lang=${lang}`);
    await page.locator('#auth-email').fill(email);
    await page.locator('#auth-consent').check();
    await page.locator('form button.btn-primary').click();
    // Not the spam folder: a letter that never left the server is in no mailbox.
    const said = page.locator('#auth-code-hint');
    await said.waitFor();
    expect(await said.textContent()).toContain(hint);
    const [outbox] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: link }).click()]);
    await outbox.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(await outbox.locator('body').textContent()).toContain(email);
    // The letter speaks the page's language: its subject, and its first line (the other language follows).
    const { mails } = (await (await fetch(`${stack.platform.url}/dev/outbox.json`)).json()) as { mails: { to: string; subject: string; text: string }[] };
    const letter = mails.find((m) => m.to === email);
    expect(letter?.subject).toBe(subject);
    expect(letter?.text.startsWith(opens)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await outbox.close();
    await page.close();
  });
});
