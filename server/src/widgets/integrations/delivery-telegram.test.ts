// Telegram end to end against a Bot API fake: linking a chat by deep link and /start, HTML
// messages with escaping, splitting above 4096 characters at Telegram's pace, 429 retry_after,
// and 403 marking the channel broken.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { startFakeTelegram, type FakeTelegram } from '../../../../tests/support/fakes/telegram.js';
import { telegramWebhookSecret } from './telegram-bot.js';

let bed: Testbed;
let tg: FakeTelegram;
const CHAT_ID = 777001;

beforeEach(async () => {
  let clockNow = () => 0;
  tg = await startFakeTelegram(() => clockNow());
  // Each lead's deliveries here are the ones this file connects: the site's default destination
  // (the sign-in address, default-destination.test.ts) is disconnected at the start.
  bed = await createTestbed({ tariff: 'start', signInDestination: false, env: { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_BASE: tg.url } });
  clockNow = () => bed.t.clock.now();
});

afterEach(async () => {
  await tg.close();
  await bed.cleanup();
});

const postUpdate = (update: unknown, secret = telegramWebhookSecret(tg.token)) =>
  bed.t.app.request('/hooks/telegram', { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });

async function linkChat(chatId = CHAT_ID): Promise<string> {
  const res = await bed.connect({ kind: 'telegram' });
  expect(res.status).toBe(201);
  expect(res.body.integration).toMatchObject({ kind: 'telegram', status: 'pending', crossBorder: true, label: 'не подключён' });
  const url = new URL(res.body.link.url);
  expect(`${url.origin}${url.pathname}`).toBe('https://t.me/widgetry_test_bot');
  const token = url.searchParams.get('start')!;
  const linked = await postUpdate({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private', username: 'shopowner' }, text: `/start ${token}` } });
  expect(linked.status).toBe(200);
  expect(await linked.json()).toMatchObject({ method: 'sendMessage', chat_id: chatId, text: expect.stringContaining('Готово') });
  return res.body.integration.id;
}

describe('linking a chat', () => {
  it('links the chat that sends /start <token>; the token works once; a wrong secret is refused', async () => {
    const id = await linkChat();
    const view = await (await bed.s.request('GET', `/api/integrations/${id}`)).json();
    expect(view).toMatchObject({ status: 'active', label: '@shopowner', crossBorder: true });

    expect((await postUpdate({ update_id: 2, message: { chat: { id: 1, type: 'private' }, text: '/start whatever' } }, 'wrong-secret')).status).toBe(401);
    // Replaying the used link: answered, nothing linked.
    const again = await postUpdate({ update_id: 3, message: { chat: { id: 999, type: 'private' }, text: '/start AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(await again.json()).toMatchObject({ text: expect.stringContaining('устарела') });
    // Other updates are acknowledged and ignored (a non-2xx would make Telegram resend them).
    expect(await (await postUpdate({ update_id: 4, edited_message: {} })).json()).toEqual({});
  });

  it('refuses to connect Telegram on the Free tariff, naming the tariff that has it', async () => {
    const free = await createTestbed({ email: 'free@example.ru', env: { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_BASE: tg.url } });
    try {
      const res = await free.connect({ kind: 'telegram' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'integration_not_in_tariff', details: { tariff: 'free', upgradeTo: 'start' } });
    } finally {
      await free.cleanup();
    }
  });
});

describe('sending', () => {
  it('sends the lead in HTML parse mode with every string escaped', async () => {
    await linkChat();
    await bed.submitLead({ name: 'Иван <b>Петров</b> & Co', comment: 'a < b > c & "d"' });
    await bed.deliverDue();
    expect(tg.messages).toHaveLength(1);
    const [m] = tg.messages;
    expect(m).toMatchObject({ chatId: CHAT_ID, parseMode: 'HTML' });
    expect(m!.text).toContain('<b>Новая заявка с сайта «Shop» (Lead form)</b>');
    expect(m!.text).toContain('<b>Имя:</b> Иван &lt;b&gt;Петров&lt;/b&gt; &amp; Co');
    expect(m!.text).toContain('<b>Комментарий:</b> a &lt; b &gt; c &amp; "d"');
  });

  it('splits a lead above 4096 characters into messages sent about a second apart, each once', async () => {
    await linkChat();
    const leadId = await bed.submitLead({ comment: `${'Длинный & <текст> '.repeat(220)}`.slice(0, 4000) });
    await bed.submitLead({ comment: 'второй' });
    await bed.runUntil(bed.t.clock.now() + 60_000);
    // The 4000-character comment escapes to more than 4096: two messages for it, then the second lead.
    expect(tg.messages.length).toBe(3);
    expect(tg.messages.every((m) => m.text.length <= 4096)).toBe(true);
    for (let i = 1; i < tg.messages.length; i++) expect(tg.messages[i]!.at - tg.messages[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    const [d] = await bed.deliveriesOf(leadId);
    expect(d).toMatchObject({ status: 'delivered' });
    expect(d.log.map((a: any) => a.outcome)).toEqual(['partial', 'delivered']);
  });

  it('waits retry_after on 429 without using up the retry schedule', async () => {
    await linkChat();
    tg.throttleNext(2, 7);
    const leadId = await bed.submitLead();
    const start = bed.t.clock.now();
    await bed.runUntil(start + 60_000);
    const [d] = await bed.deliveriesOf(leadId);
    expect(d.status).toBe('delivered');
    expect(d.log.map((a: any) => [a.outcome, a.statusCode])).toEqual([
      ['throttled', 429],
      ['throttled', 429],
      ['delivered', 200],
    ]);
    expect(d.log[1].at - d.log[0].at).toBe(7000);
    expect(tg.messages).toHaveLength(1);
  });

  it('marks the channel broken on 403, mails the licensee once, and works again after relinking', async () => {
    const id = await linkChat();
    tg.blocked.add(CHAT_ID);
    const first = await bed.submitLead();
    await bed.submitLead();
    await bed.deliverDue();
    expect((await bed.deliveriesOf(first))[0]).toMatchObject({ status: 'failed', lastStatusCode: 403 });
    expect(await (await bed.s.request('GET', `/api/integrations/${id}`)).json()).toMatchObject({ status: 'broken', statusReason: expect.stringContaining('blocked') });
    expect(bed.t.devOutbox.list().filter((m) => m.subject.includes('канал заявок отключён'))).toHaveLength(1);
    // "Send a test lead" on a broken channel: refused until relinked.
    expect((await bed.s.request('POST', `/api/integrations/${id}/test`)).status).toBe(409);

    tg.blocked.delete(CHAT_ID);
    const relink = await (await bed.s.request('POST', `/api/integrations/${id}/link`)).json();
    const token = new URL(relink.link.url).searchParams.get('start');
    await postUpdate({ update_id: 9, message: { chat: { id: CHAT_ID, type: 'private' }, text: `/start ${token}` } });
    const test = await (await bed.s.request('POST', `/api/integrations/${id}/test`)).json();
    expect(test).toMatchObject({ ok: true, outcome: 'delivered' });
    expect(tg.messages.at(-1)!.text).toContain('Тестовая заявка');
    bed.t.clock.advance(2000);
    expect(await (await bed.s.request('POST', `/api/integrations/${id}/retry-failed`)).json()).toEqual({ retried: 2 });
    await bed.runUntil(bed.t.clock.now() + 10_000);
    expect(tg.messages).toHaveLength(3);
  });
});
