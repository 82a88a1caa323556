// The editor's live preview speaks the dashboard's language: in English it draws the English
// build of the runtime (rt/en/, what a page with <html lang="en"> gets), so its buttons, the
// timer's units, the consent box and the "made with" badge are English; in Russian, the Russian build.
import { describe, expect, it } from 'vitest';
import { CONSENT_LABEL, CONSENT_LABEL_EN } from '#contracts/core/consent-labels.js';
import { apiSignIn } from './support/api-session.js';
import { desktopPage } from './support/browser.js';
import { signUp } from './support/dashboard.js';
import { useStack } from './support/stack.js';

const stack = useStack();
const EMAIL = 'preview-language@shop.example';
const CYRILLIC = /[\u0400-\u04ff]/;

describe('the widget preview and the dashboard language', () => {
  it('draws the English runtime in English and the Russian one in Russian', { timeout: 90_000 }, async () => {
    const owner = await apiSignIn(stack.platform.url, EMAIL);
    expect((await owner.request('POST', '/api/sites', { name: 'Tea shop', domains: ['127.0.0.1'] })).status).toBe(201);
    const page = await desktopPage(stack.browser);
    await signUp(page, stack.platform.url, EMAIL);
    const shown = async (template: string, lang: 'en' | 'ru', title: string) => {
      await page.goto(`${stack.platform.url}/app/widgets/new/${template}?lang=${lang}`);
      const widget = page.frameLocator(`iframe[title="${title}"]`).locator('[data-widgetry-widget]');
      await widget.locator('.wg-badge').waitFor();
      return widget.evaluate((host) => host.shadowRoot!.textContent ?? '');
    };

    const quiz = await shown('quiz-renovation', 'en', 'Widget preview');
    expect(quiz).toContain('Next');
    expect(quiz).toContain('Made with');
    expect(quiz).not.toMatch(CYRILLIC);
    // The consent box reads in English, as on an English page (and the lead would record that wording).
    const form = await shown('form-consultation', 'en', 'Widget preview');
    expect(form).toContain(CONSENT_LABEL_EN);
    expect(form).not.toContain(CONSENT_LABEL);
    const timer = await shown('timer-sale-ends', 'en', 'Widget preview');
    expect(timer).toMatch(/\d\dd\d\dh\d\dmin\d\ds/);
    expect(timer).not.toMatch(CYRILLIC);

    const russian = await shown('quiz-renovation', 'ru', 'Предпросмотр виджета');
    expect(russian).toContain('Далее');
    expect(russian).toContain('Сделано на');
    expect(await shown('form-consultation', 'ru', 'Предпросмотр виджета')).toContain(CONSENT_LABEL);
    await page.close();
  });
});
