// The mail that tells the licensee a lead was not delivered (or a channel stopped working) is
// written in the account's language: English for an account whose dashboard was in English.
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, signIn } from '../../testing/harness.js';
import { notifyDeliveryFailed, type FailureNotice } from './notify.js';

const t = appPerTest();

describe('delivery failure mails', () => {
  it('are in English for an account signed in from the English dashboard, in Russian otherwise', async () => {
    const english = await signIn(t, 'en@example.com', 'en');
    const russian = await signIn(t, 'ru@example.ru');
    const notice = (accountId: string, siteId: string, channelBroken: boolean): FailureNotice => ({
      accountId,
      siteId,
      kind: 'webhook',
      leadId: 'lead_1',
      attempts: 10,
      error: 'HTTP 500',
      channelBroken,
    });
    const enSite = await createSite(english);
    const ruSite = await createSite(russian);
    for (const broken of [false, true]) {
      await notifyDeliveryFailed(t.deps, notice(english.accountId, enSite.id, broken));
      await notifyDeliveryFailed(t.deps, notice(russian.accountId, ruSite.id, broken));
    }
    const of = (to: string) =>
      t.devOutbox
        .list()
        .filter((m) => m.to === to && !/code|код/.test(m.subject))
        .map((m) => [m.subject, m.text.split('\n\n')[0]]);
    expect(of('en@example.com')).toEqual([
      ['Widgetry: lead channel switched off — Webhook', 'The channel Webhook (site “Shop”) stopped taking leads: HTTP 500.'],
      ['Widgetry: lead not delivered — Webhook', 'Lead lead_1 could not be delivered to Webhook (site “Shop”) after 10 attempts.'],
    ]);
    expect(
      t.devOutbox
        .list()
        .filter((m) => m.to === 'en@example.com' && !/code|код/.test(m.subject))
        .every((m) => !/[а-яё]/i.test(m.subject + m.text)),
    ).toBe(true);
    // Each ends with the dashboard's address, in the mail's language.
    const endings = (to: string) => t.devOutbox.list().flatMap((m) => (m.to === to && !/code|код/.test(m.subject) ? [m.text.split(': ').at(-1)] : []));
    expect(endings('en@example.com')).toEqual(['http://localhost:8787/app/?lang=en', 'http://localhost:8787/app/?lang=en']);
    expect(endings('ru@example.ru')).toEqual(['http://localhost:8787/app/', 'http://localhost:8787/app/']);
    expect(of('ru@example.ru')).toEqual([
      ['Widgetry: канал заявок отключён — Вебхук', 'Канал Вебхук (сайт «Shop») перестал принимать заявки: HTTP 500.'],
      ['Widgetry: заявка не доставлена — Вебхук', 'Заявку lead_1 не удалось доставить в Вебхук (сайт «Shop») после 10 попыток.'],
    ]);
  });
});
