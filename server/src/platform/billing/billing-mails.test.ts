// Every billing mail in the account's language: the payment received, the autopay reminder, the
// failed autopay charge that ends the period, the reminder before an unpaid end and that end.
// Real payments against the local YooKassa fake, as billing.test.ts makes them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '#contracts/core/lang.js';
import { startFakeYooKassa, type FakeYooKassa } from '../../../../tests/support/fakes/yookassa.js';
import { DAY, HOUR } from '../lib/clock.js';
import { bannerWidgetInput, createSite, signIn, type Session, type TestApp } from '../../testing/harness.js';
import { startYooKassaApp, type YooKassaApp } from '../../testing/yookassa-app.js';
import { runBillingCycle } from './renewals.js';

let t: TestApp;
let fake: FakeYooKassa;
let served: YooKassaApp<FakeYooKassa>;

beforeEach(async () => {
  served = await startYooKassaApp(await startFakeYooKassa());
  ({ t, fake } = served);
});

afterEach(() => served.stop());

const EMAIL = 'payer@example.com';
const CYRILLIC = /[а-яё]/i;

/** The account's mails other than sign-in codes, oldest first. */
const mails = () =>
  t.devOutbox
    .list()
    .filter((m) => m.to === EMAIL && !/code|код/.test(m.subject))
    .reverse();

/** A licensee signed in from the dashboard in `lang`, with a site and a banner, who paid for Start. */
async function paidStart(lang: Lang, autopay: boolean): Promise<Session> {
  const s = await signIn(t, EMAIL, lang);
  const site = await createSite(s);
  await s.request('POST', '/api/widgets', bannerWidgetInput(site.id));
  const res = await s.request('POST', '/api/billing/checkout', { tariffId: 'start', autopay });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const [row] = (await t.store.db.select().from(t.store.tables.payments)).filter((p) => p.id === id);
  await fake.pay(row!.providerPaymentId!);
  return s;
}

const periodEnd = async () => (await t.store.db.select().from(t.store.tables.subscriptions))[0]!.periodEnd;

describe('billing mails', () => {
  it('with autopay: received, reminded, a failed charge — in English for an English account', async () => {
    await paidStart('en', true);
    t.clock.advance(27 * DAY + HOUR);
    await runBillingCycle(t.deps);
    fake.setAutopayOutcome({ status: 'canceled', reason: 'insufficient_funds' });
    t.clock.set(await periodEnd());
    await runBillingCycle(t.deps);
    const [received, reminder, failed] = mails();
    expect(mails().map((m) => m.subject)).toEqual(['Widgetry: payment received', 'Widgetry: autopay coming soon', 'Widgetry: payment failed']);
    expect(received!.text).toMatch(/^Payment of 990\.00 ₽ received\. The tariff is paid until \d{2}\/\d{2}\/\d{4}\. The receipt comes in a separate mail from YooKassa\.\n/);
    expect(reminder!.text).toMatch(/^On \d{2}\/\d{2}\/\d{4}, 990\.00 ₽ will be charged to the card .+ for the next 30 days \(autopay\)\. You can switch autopay off/);
    expect(failed!.text).toMatch(/^The payment of 990\.00 ₽ did not go through\. Not enough money on the card\. The paid period has ended and the widgets are switched off \(1\)\./);
    // Each links the billing page in English: a device that never chose a language would open the Russian sign-in form.
    for (const m of mails()) expect(m.text, m.subject).toContain('/app/billing?lang=en');
    expect(
      mails()
        .map((m) => m.subject + m.text)
        .join(),
    ).not.toMatch(CYRILLIC);
  });

  it('with autopay: the same three in Russian for a Russian account', async () => {
    await paidStart('ru', true);
    t.clock.advance(27 * DAY + HOUR);
    await runBillingCycle(t.deps);
    fake.setAutopayOutcome({ status: 'canceled', reason: 'insufficient_funds' });
    t.clock.set(await periodEnd());
    await runBillingCycle(t.deps);
    const [received, reminder, failed] = mails();
    expect(mails().map((m) => m.subject)).toEqual(['Widgetry: оплата получена', 'Widgetry: скоро автоплатёж', 'Widgetry: платёж не прошёл']);
    expect(received!.text).toMatch(/^Оплата 990,00 ₽ получена\. Тариф оплачен до \d{2}\.\d{2}\.\d{4}\. Чек придёт отдельным письмом от ЮKassa\.\n/);
    expect(reminder!.text).toMatch(/^\d{2}\.\d{2}\.\d{4} с карты .+ будет списано 990,00 ₽ за следующие 30 дней \(автоплатёж\)\./);
    expect(failed!.text).toMatch(/^Платёж 990,00 ₽ не прошёл\. Недостаточно средств на карте\. Оплаченный период закончился, виджеты отключены \(1\)\./);
    for (const m of mails()) expect(m.text, m.subject).toMatch(/\/app\/billing$/m);
  });

  it.each([
    ['en', ['Widgetry: the paid period ends in 3 days', 'Widgetry: the paid period has ended, widgets are switched off'], /^The paid period has ended: the account is on the “Free” tariff now/],
    ['ru', ['Widgetry: период заканчивается через 3 дня', 'Widgetry: оплаченный период закончился, виджеты отключены'], /^Оплаченный период закончился, аккаунт переведён на тариф «Начальный»/],
  ] as const)('without autopay, the reminder and the end of the period in the account’s language (%s)', async (lang, subjects, ended) => {
    await paidStart(lang, false);
    t.clock.advance(27 * DAY);
    await runBillingCycle(t.deps);
    t.clock.advance(3 * DAY);
    await runBillingCycle(t.deps);
    const [, reminder, end] = mails();
    expect([reminder!.subject, end!.subject]).toEqual(subjects);
    expect(end!.text).toMatch(ended);
    if (lang === 'en') {
      expect(reminder!.text).toMatch(/^The paid period ends on \d{2}\/\d{2}\/\d{4}\. Unless the tariff is renewed, every widget will be switched off\./);
      expect(
        mails()
          .map((m) => m.subject + m.text)
          .join(),
      ).not.toMatch(CYRILLIC);
    } else {
      expect(reminder!.text).toMatch(/^Оплаченный период заканчивается \d{2}\.\d{2}\.\d{4}\./);
    }
  });
});
