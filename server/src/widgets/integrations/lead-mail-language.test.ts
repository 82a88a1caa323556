// The lead mail in the account's language: our words (subject, heading, "Page", "Received"…) in
// English for an account whose dashboard is in English; the visitor's values and the owner's
// field labels as they are. Delivered by the worker to the sign-in address (the dev outbox).
import { afterEach, describe, expect, it } from 'vitest';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';

let bed: Testbed | undefined;
afterEach(async () => bed?.cleanup());

const OWNER = 'owner@example.com';
const leadMails = (b: Testbed) => b.t.devOutbox.list().filter((m) => m.to === OWNER && /lead|заявк/.test(m.subject));

describe('the lead mail', () => {
  it('is in English for an English account, in Russian after the switch', async () => {
    bed = await createTestbed({ email: OWNER });
    expect((await bed.s.request('PATCH', '/api/me/settings', { lang: 'en' })).status).toBe(200);
    await bed.submitLead();
    await bed.deliverDue();
    const [mail] = leadMails(bed);
    expect(mail!.subject).toBe('Widgetry: new lead from the site “Shop”');
    const text = mail!.text.split('\n');
    expect(text[0]).toMatch(/^New lead from the site “Shop” \(.+\)$/);
    expect(text).toContain('Page: https://shop.example.ru/catalog?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn');
    expect(text).toContain('Came from: https://ya.ru/');
    // The phone grouped as the dashboard shows it (stored +79001234567), a tel: link in HTML; the owner's label as written.
    expect(text).toContain('Телефон: +7 900 123-45-67');
    expect(mail!.html).toContain('<a href="tel:+79001234567">+7 900 123-45-67</a>');
    expect(text.at(-2)).toMatch(/^Received: /);
    // The link asks for English: a device that never chose a language would open the Russian sign-in form.
    expect(text.at(-1)).toBe('All leads: http://localhost:8787/app/leads?lang=en');
    expect(mail!.html).toContain('href="http://localhost:8787/app/leads?lang=en"');
    expect(mail!.html).toContain('<html lang="en">');

    expect((await bed.s.request('PATCH', '/api/me/settings', { lang: 'ru' })).status).toBe(200);
    await bed.submitLead();
    await bed.deliverDue();
    const [russian] = leadMails(bed);
    expect(russian!.subject).toBe('Widgetry: новая заявка с сайта «Shop»');
    expect(russian!.text).toContain('\nСтраница: https://shop.example.ru/');
    expect(russian!.text).toContain('\nТелефон: +7 900 123-45-67\n');
    expect(russian!.html).toContain('<a href="tel:+79001234567">+7 900 123-45-67</a>');
    expect(russian!.text).toMatch(/\nПолучена: .+\nВсе заявки: http:\/\/localhost:8787\/app\/leads$/);

    // A number from elsewhere reads as stored, as in the dashboard.
    await bed.submitLead({ phone: '+44 20 7946 0958' });
    await bed.deliverDue();
    expect(leadMails(bed)[0]!.text).toContain('\nТелефон: +442079460958\n');
  });

  it('the test lead of an English account is English through and through', async () => {
    bed = await createTestbed({ email: OWNER });
    expect((await bed.s.request('PATCH', '/api/me/settings', { lang: 'en' })).status).toBe(200);
    const { integrations } = (await (await bed.s.request('GET', '/api/integrations')).json()) as { integrations: { id: string; kind: string }[] };
    const email = integrations.find((i) => i.kind === 'email')!;
    expect((await bed.s.request('POST', `/api/integrations/${email.id}/test`)).status).toBe(200);
    const [mail] = leadMails(bed);
    expect(mail!.subject).toBe('Widgetry: test lead from the site “Shop”');
    expect(mail!.text).toMatch(/^Test lead from the site “Shop” \(Test form\)\n\nName: Test lead\nPhone: \+7 900 000-00-00\n/);
    expect(mail!.subject + mail!.text + mail!.html).not.toMatch(/[а-яё]/i);
  });
});
