// A whole lead's life with values nobody else uses — the visitor's name, phone, e-mail and
// message, the licensee's and the operator's addresses — through the form, its deliveries (one
// that works, one whose receiver is down until it gives up), the chat both ways, its offline form
// and the sign-ins; then none of those values may be anywhere in the logs, which hold a line per
// request and the workers' lines (the logger writes at debug level here).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { HOUR } from '../lib/clock.js';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { lastCodeFor, signIn } from '../../testing/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../tests/support/fakes/webhook-receiver.js';
import { newWebhookSecret } from '../../widgets/integrations/webhook-signature.js';

const VISITOR = {
  name: 'Евлампия Зюзюкина',
  phone: '+7 913 555-71-39',
  email: 'evlampia.zyuzyukina@example.ru',
  comment: 'Перезвоните насчёт шкафа-купе орехового',
};
const CHAT = { name: 'Филимон Кукушкин', contact: '+7 926 431-08-57', text: 'Где мой заказ с пуфиками-кубиками?', reply: 'Пуфики-кубики уже едут к вам' };
const OWNER_EMAIL = 'owner.brusnichkina@example.ru';
const SALES_EMAIL = 'sales.brusnichkina@example.ru';
const OFFLINE = { name: 'Аграфена Чебурашкина', phone: '+7 937 222-64-18' };

/** Every form a value could be logged in: as typed, digits only, the local part of an address. */
const SECRETS = [
  VISITOR.name,
  'Зюзюкин',
  VISITOR.phone,
  '9135557139',
  VISITOR.email,
  'evlampia',
  VISITOR.comment,
  'шкафа-купе',
  CHAT.name,
  'Кукушкин',
  CHAT.contact,
  '9264310857',
  CHAT.text,
  'пуфики',
  'Пуфики',
  OWNER_EMAIL,
  SALES_EMAIL,
  'brusnichkina',
  OFFLINE.name,
  'Чебурашкин',
  '9372226418',
];

let bed: Testbed;
let receiver: WebhookReceiver;
beforeEach(async () => {
  bed = await createTestbed({ tariff: 'start', email: OWNER_EMAIL });
  receiver = await startWebhookReceiver(newWebhookSecret(), () => bed.t.clock.now());
});
afterEach(async () => {
  await receiver.close();
  await bed.cleanup();
});

it('keeps every personal value of a lead, a chat and the sign-ins out of the logs', async () => {
  const { t, s, site } = bed;
  expect((await bed.connect({ kind: 'email', emails: [SALES_EMAIL] })).status).toBe(201);
  // Its owner confirms it through the mailed link (neither the address nor the token may reach a log line).
  expect((await bed.confirmAddress(SALES_EMAIL)).status).toBe(200);
  expect((await bed.connect({ kind: 'webhook', url: `${receiver.url}/hooks/leads`, secret: receiver.secret })).status).toBe(201);

  // The form: a refused submission that echoes nothing, then the lead; its e-mail goes out, the webhook fails until it gives up (3 days of retries).
  const refused = await t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru', 'x-forwarded-for': '10.77.0.1' },
    body: JSON.stringify({ site: site.siteKey, widget: bed.widgetId, fields: { name: VISITOR.name, phone: 'позвоните 9135557139', email: 'evlampia@' }, consent: true, elapsedMs: 5000 }),
  });
  expect(refused.status).toBe(422);
  receiver.mode = 'down';
  const leadId = await bed.submitLead({ ...VISITOR });
  await bed.runUntil(t.clock.now() + 4 * 24 * HOUR);
  const deliveries = await bed.deliveriesOf(leadId);
  // The sign-in address (the site's default destination), the confirmed address, the webhook.
  expect(deliveries.map((d) => `${d.kind}:${d.status}`).sort()).toEqual(['email:delivered', 'email:delivered', 'webhook:failed']);
  expect(t.devOutbox.list().some((m) => m.to === SALES_EMAIL && m.text.includes(VISITOR.name))).toBe(true);
  receiver.mode = 'up';
  expect((await s.request('GET', `/api/leads/${leadId}`)).status).toBe(200);
  expect((await s.request('GET', `/api/leads?q=${encodeURIComponent(VISITOR.name)}`)).status).toBe(200);
  expect((await s.request('GET', '/api/leads/export.csv')).status).toBeLessThan(500);

  // The chat: the visitor writes, the licensee answers, the visitor reads; then its offline form.
  const chat = await s.request('POST', '/api/widgets', {
    type: 'chat',
    name: 'Chat',
    siteId: site.id,
    active: true,
    content: { consentUrl: 'https://shop.example.ru/consent', privacyUrl: 'https://shop.example.ru/privacy', offlineAfterMin: 2 },
  });
  expect(chat.status).toBe(201);
  const chatId = ((await chat.json()) as { id: string }).id;
  const visitor = (path: string, body: unknown) =>
    t.app.request(`/v1/chat/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example.ru', 'x-forwarded-for': '10.77.0.2' },
      body: JSON.stringify(body),
    });
  const started = await visitor('start', { site: site.siteKey, widget: chatId, consent: true, name: CHAT.name, contact: CHAT.contact, page: 'https://shop.example.ru/' });
  expect(started.status).toBe(201);
  const { token } = (await started.json()) as { token: string };
  expect((await visitor('send', { token, text: CHAT.text })).status).toBeLessThan(300);
  const [conversation] = ((await (await s.request('GET', '/api/chats')).json()) as { conversations: { id: string }[] }).conversations;
  expect(conversation).toBeDefined();
  expect((await s.request('POST', `/api/chats/${conversation!.id}/messages`, { text: CHAT.reply })).status).toBeLessThan(300);
  expect((await visitor('history', { token })).status).toBe(200);
  const offline = await t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru', 'x-forwarded-for': '10.77.0.3' },
    body: JSON.stringify({ site: site.siteKey, widget: chatId, fields: { name: OFFLINE.name, phone: OFFLINE.phone, message: CHAT.text }, consent: true, elapsedMs: 5000 }),
  });
  expect(offline.status).toBeLessThan(500);

  // Sign-ins: a wrong code, then the right one, for the licensee again.
  const wrong = await t.app.request('/api/auth/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.77.0.4' },
    body: JSON.stringify({ email: OWNER_EMAIL, code: '000000' }),
  });
  expect(wrong.status).toBeGreaterThanOrEqual(400);
  await signIn(t, OWNER_EMAIL);
  const code = lastCodeFor(t, OWNER_EMAIL);

  const logs = t.logLines.join('\n');
  // The log is not empty: a line per request, by route template, and the workers' lines.
  expect(t.logLines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(20);
  expect(logs).toContain('"route":"/v1/leads"');
  expect(logs).toContain('"route":"/v1/chat/send"');
  expect(logs).toContain('delivery.attempt');
  for (const secret of [...SECRETS, code]) expect(logs, `"${secret}" is in the logs`).not.toContain(secret);
});
