// How a lead's fields reach every destination: in the widget's field order on both engines
// (PostgreSQL's jsonb stores keys in an order of its own), and with the field keys as labels
// once the widget is gone (a lead queued when its widget was deleted is still delivered).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../tests/support/fakes/webhook-receiver.js';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { leadDocument, leadLines } from './lead-document.js';

let bed: Testbed;
let receiver: WebhookReceiver;

beforeEach(async () => {
  bed = await createTestbed({ tariff: 'start' });
  receiver = await startWebhookReceiver('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', () => bed.t.clock.now());
  // Two destinations: this webhook and the site's default one (e-mail to the sign-in address).
  await bed.connect({ kind: 'webhook', url: `${receiver.url}/a`, secret: receiver.secret });
});
afterEach(async () => {
  await receiver.close();
  await bed.cleanup();
});

/** The webhook body's fields and the lead mail's label lines, for the one lead delivered. */
async function delivered(leadId: string) {
  const deliveries = await bed.deliveriesOf(leadId);
  expect(deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
  expect(receiver.accepted.size).toBe(1);
  const payload = [...receiver.accepted.values()][0] as { data: { fields: { key: string; label: string; kind: string }[] } };
  const mail = bed.t.devOutbox.list().find((m) => m.to === 'owner@example.ru' && m.text.includes('Иван Петров'));
  if (!mail) throw new Error('no lead mail to the sign-in address');
  return { fields: payload.data.fields, text: mail.text };
}

describe('the fields of a delivered lead', () => {
  it("come in the widget's field order, the same on either engine", async () => {
    const leadId = await bed.submitLead({ comment: 'После 18:00' });
    await bed.deliverDue();
    const { fields, text } = await delivered(leadId);
    expect(fields.map((f) => f.key)).toEqual(['name', 'phone', 'email', 'comment']);
    expect(fields.map((f) => f.label)).toEqual(['Имя', 'Телефон', 'E-mail', 'Комментарий']);
    const order = ['Имя:', 'Телефон:', 'E-mail:', 'Комментарий:'].map((label) => text.indexOf(`\n${label} `));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('carry their keys as labels when the widget was deleted while the lead was queued', async () => {
    const leadId = await bed.submitLead();
    expect((await bed.s.request('DELETE', `/api/widgets/${bed.widgetId}`)).status).toBe(204);
    await bed.deliverDue();
    const { fields, text } = await delivered(leadId);
    // No widget left to say the order: the stored one, which differs between the engines.
    expect(fields.map((f) => [f.key, f.label, f.kind]).sort()).toEqual([
      ['email', 'email', 'unknown'],
      ['name', 'name', 'unknown'],
      ['phone', 'phone', 'unknown'],
    ]);
    for (const line of ['name: Иван Петров', 'email: ivan@example.ru']) expect(text).toContain(`\n${line}\n`);
    // The site is still there: its clock (Moscow, the test clock's 09:00 UTC).
    expect(text).toMatch(/Получена: \d\d\.11\.2026, 12:00 \(Europe\/Moscow\)/);
  });
});

describe('leadDocument', () => {
  const lead = {
    id: 'lead_1',
    accountId: 'acc_1',
    siteId: 'site_1',
    widgetId: 'wdg_1',
    // As PostgreSQL's jsonb hands it back: shorter keys first.
    fields: { name: 'Анна', email: 'anna@example.ru', phone: '+79001234567', old_key: 'x' },
    rawFields: {},
    status: 'new',
    note: '',
    pageUrl: null,
    referrer: null,
    utm: {},
    ip: null,
    userAgent: null,
    consentAt: Date.UTC(2026, 10, 22, 9, 0, 0),
    consentText: '',
    marketingConsent: false,
    variantId: null,
    createdAt: Date.UTC(2026, 10, 22, 9, 0, 0),
  } as unknown as Parameters<typeof leadDocument>[0];
  const widget = {
    name: 'Форма',
    type: 'form',
    definition: {
      content: {
        fields: [
          { key: 'name', kind: 'name', label: 'Имя', required: true },
          { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
          { key: 'email', kind: 'email', label: 'E-mail', required: false },
          { key: 'unused', kind: 'text', label: 'Не заполнено', required: false },
        ],
      },
    },
  } as unknown as Parameters<typeof leadDocument>[2];

  it("orders the fields as the widget shows them, then the keys it no longer has, for every destination's lines", () => {
    const doc = leadDocument(lead, { name: 'Shop', timezone: 'Asia/Yekaterinburg' }, widget);
    expect(doc.fields.map((f) => f.key)).toEqual(['name', 'phone', 'email', 'old_key']);
    expect(doc.fields.map((f) => f.label)).toEqual(['Имя', 'Телефон', 'E-mail', 'old_key']);
    expect(leadLines(doc).map((l) => l.label)).toEqual(['Имя', 'Телефон', 'E-mail', 'old_key']);
    expect(doc).toMatchObject({ name: 'Анна', phone: '+79001234567', email: 'anna@example.ru', site: { timezone: 'Asia/Yekaterinburg' } });
  });

  it('falls back to the keys as labels and the default time zone with no site and no widget', () => {
    const doc = leadDocument(lead, null, null);
    expect(doc.fields.map((f) => [f.key, f.label, f.kind])).toEqual([
      ['name', 'name', 'unknown'],
      ['email', 'email', 'unknown'],
      ['phone', 'phone', 'unknown'],
      ['old_key', 'old_key', 'unknown'],
    ]);
    expect(doc).toMatchObject({ site: { name: '', timezone: 'Europe/Moscow' }, widget: { name: '' }, name: 'Анна', phone: '+79001234567', email: 'anna@example.ru' });
  });
});
