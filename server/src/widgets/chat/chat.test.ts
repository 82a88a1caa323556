import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs.js';
import { DAY } from '../../platform/lib/clock.js';
import { createSite, createTestApp, freshIp, setTariff, signIn, type Session, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => t.cleanup());

const conversations = () => t.store.db.select().from(t.store.tables.chatConversations);
const messages = () => t.store.db.select().from(t.store.tables.chatMessages);

const chatWidgetInput = (siteId: string, overrides: Record<string, unknown> = {}) => ({
  type: 'chat',
  name: 'Chat',
  siteId,
  active: true,
  content: { consentUrl: 'https://shop.example.ru/consent', privacyUrl: 'https://shop.example.ru/privacy', offlineAfterMin: 2 },
  ...overrides,
});

async function withChat(email = 'owner@example.ru') {
  const s = await signIn(t, email);
  await setTariff(t, s.accountId, 'start');
  const site = await createSite(s);
  const res = await s.request('POST', '/api/widgets', chatWidgetInput(site.id));
  expect(res.status, await res.clone().text()).toBe(201);
  const w = (await res.json()) as { id: string };
  return { s, site, widgetId: w.id };
}

/** As the runtime sends it: JSON in a text/plain body from a page on the site's domain. */
const visitor = (path: string, body: unknown, ip = '203.0.113.7') =>
  t.app.request(`/v1/chat/${path}`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example.ru', 'x-forwarded-for': ip }, body: JSON.stringify(body) });

async function started(site: { siteKey: string }, widgetId: string, extra: Record<string, unknown> = {}) {
  const res = await visitor('start', { site: site.siteKey, widget: widgetId, consent: true, name: 'Анна', contact: '+79001234567', page: 'https://shop.example.ru/catalog', ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { token: string; channel: string; key: string; online: boolean; messages: unknown[] };
}

describe('chat widget: tariff rules', () => {
  it('cannot be activated on Free (SPEC §4: banner and form only), can on Start', async () => {
    const s = await signIn(t, 'free@example.ru');
    const site = await createSite(s);
    const refused = await s.request('POST', '/api/widgets', chatWidgetInput(site.id));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('type_not_in_tariff');
    await setTariff(t, s.accountId, 'start');
    expect((await s.request('POST', '/api/widgets', chatWidgetInput(site.id))).status).toBe(201);
  });

  it('stops taking visitors when the account falls back to Free', async () => {
    const { s, site, widgetId } = await withChat();
    await setTariff(t, s.accountId, 'free');
    const res = await visitor('status', { site: site.siteKey, widget: widgetId });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('type_not_in_tariff');
  });

  it('needs the consent links before it can be active (it collects personal data)', async () => {
    const s = await signIn(t, 'links@example.ru');
    await setTariff(t, s.accountId, 'start');
    const site = await createSite(s);
    const res = await s.request('POST', '/api/widgets', chatWidgetInput(site.id, { content: {} }));
    expect(res.status).toBe(422);
  });
});

describe('chat widget: visitor endpoints', () => {
  it('requires consent before anything is stored, and records it', async () => {
    const { site, widgetId } = await withChat();
    const res = await visitor('start', { site: site.siteKey, widget: widgetId, name: 'Анна' });
    expect(res.status).toBe(422);
    expect(await conversations()).toHaveLength(0);
    await started(site, widgetId);
    const [conv] = await conversations();
    expect(conv!.consentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(conv!.visitorName).toBe('Анна');
    // Only the token's hash is stored.
    expect(conv!.tokenHash).toHaveLength(64);
  });

  it('records the English wording when the English runtime starts the chat (lang: en)', async () => {
    const { site, widgetId } = await withChat();
    await started(site, widgetId, { lang: 'en' });
    await started(site, widgetId);
    const { consentTexts } = t.store.tables;
    const texts = await Promise.all(
      (await conversations()).map(async (c) => (await t.store.db.select({ text: consentTexts.text }).from(consentTexts).where(eq(consentTexts.hash, c.consentHash)))[0]!.text),
    );
    expect(texts.sort()).toEqual([
      'I consent to the processing of my personal data. Consent: https://shop.example.ru/consent. Privacy policy: https://shop.example.ru/privacy.',
      'Я даю согласие на обработку моих персональных данных. Согласие: https://shop.example.ru/consent. Политика конфиденциальности: https://shop.example.ru/privacy.',
    ]);
  });

  it('records the label the English runtime says it showed, and refuses one none of ours showed, storing nothing', async () => {
    const { site, widgetId } = await withChat();
    await started(site, widgetId, { lang: 'en', consentLabel: 'I consent to the processing of my personal data' });
    expect(await conversations()).toHaveLength(1);
    const res = await visitor('start', { site: site.siteKey, widget: widgetId, consent: true, text: 'Hi', lang: 'en', consentLabel: 'I agree to anything' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).error.code).toBe('consent_required');
    expect(await conversations()).toHaveLength(1);
    expect(await t.store.db.select().from(t.store.tables.consentTexts)).toHaveLength(1);
  });

  it('sends, reads its own history only, and refuses other pages and unknown tokens', async () => {
    const { site, widgetId } = await withChat();
    const a = await started(site, widgetId);
    const b = await started(site, widgetId, { name: 'Борис' });
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await visitor('send', { token: a.token, text: 'Здравствуйте, есть доставка?' })).status).toBe(201);
    expect((await visitor('send', { token: b.token, text: 'Другой вопрос' })).status).toBe(201);
    const history = (await (await visitor('history', { token: a.token })).json()) as any;
    expect(history.messages.map((m: any) => m.text)).toEqual(['Здравствуйте, есть доставка?']);
    expect(history.channel).toBe(a.channel);
    expect((await visitor('history', { token: 'A'.repeat(43) })).status).toBe(404);
    expect((await visitor('history', { token: 'short' })).status).toBe(422);
    // A's token cannot get B's channel signed.
    const auth = await visitor('auth', { token: a.token, socket_id: '123.456', channel_name: b.channel });
    expect(auth.status).toBe(403);
    expect((await visitor('auth', { token: a.token, socket_id: '123.456', channel_name: a.channel })).status).toBe(200);
    const foreign = await t.app.request('/v1/chat/status', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example.com' },
      body: JSON.stringify({ site: site.siteKey, widget: widgetId }),
    });
    expect(foreign.status).toBe(403);
  });

  it('validates sizes and rate-limits messages per conversation', async () => {
    const { site, widgetId } = await withChat();
    const a = await started(site, widgetId);
    expect((await visitor('send', { token: a.token, text: 'x'.repeat(2001) })).status).toBe(422);
    expect((await visitor('send', { token: a.token, text: '   ' })).status).toBe(422);
    const big = await visitor('send', { token: a.token, text: 'x'.repeat(9000) });
    expect(big.status).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await visitor('send', { token: a.token, text: `m${i}` }, freshIp())).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('chat: the visitor types first', () => {
  /** The offline form as the widget sends it after the visitor wrote: its message box left out, the conversation's token in. */
  const offlineLead = (site: { siteKey: string }, widgetId: string, chat: string, ip = freshIp()) =>
    t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example.ru', 'x-forwarded-for': ip },
      body: JSON.stringify({ site: site.siteKey, widget: widgetId, fields: { name: 'Пётр', contact: '+7 916 000-11-22' }, consent: true, elapsedMs: 5000, chat }),
    });

  it('starts the conversation with its first message: no name or contact unless the owner requires them', async () => {
    const { s, site, widgetId } = await withChat();
    const first = await visitor('start', { site: site.siteKey, widget: widgetId, consent: true, text: 'Есть улун?' });
    expect(first.status).toBe(201);
    const session = (await first.json()) as { token: string; messages: { author: string; text: string }[] };
    expect(session.messages.map((m) => [m.author, m.text])).toEqual([['visitor', 'Есть улун?']]);
    expect((await conversations())[0]).toMatchObject({ visitorName: null, visitorContact: null });

    const { id } = (await (await s.request('POST', '/api/widgets', chatWidgetInput(site.id, { content: { ...chatWidgetInput(site.id).content, requireContact: true } }))).json()) as { id: string };
    const bare = await visitor('start', { site: site.siteKey, widget: id, consent: true, text: 'Привет' }, freshIp());
    expect(bare.status).toBe(422);
    expect(((await bare.json()) as any).error.code).toBe('validation_failed');
    expect((await visitor('start', { site: site.siteKey, widget: id, consent: true, name: 'Анна', text: 'Привет' }, freshIp())).status).toBe(422);
    expect(await conversations()).toHaveLength(1);
    expect(await messages()).toHaveLength(1);
    expect((await visitor('start', { site: site.siteKey, widget: id, consent: true, name: 'Анна', contact: '+79001234567', text: 'Привет' }, freshIp())).status).toBe(201);
  });

  it('offline: the form sent after the conversation becomes a lead carrying it, queued for delivery like any lead', async () => {
    const { s, site, widgetId } = await withChat();
    const hook = await s.request('POST', '/api/integrations', { siteId: site.id, kind: 'email', emails: ['sales@shop.example.ru'] });
    expect(hook.status, await hook.clone().text()).toBe(201);
    const a = (await (await visitor('start', { site: site.siteKey, widget: widgetId, consent: true, text: 'Доставляете в Тверь?' })).json()) as { token: string };
    const [conv] = await conversations();
    await s.request('POST', `/api/chats/${conv!.id}/messages`, { text: 'Да, за два дня' });
    await visitor('send', { token: a.token, text: 'А по субботам?' });

    const res = await offlineLead(site, widgetId, a.token);
    expect(res.status, await res.clone().text()).toBe(201);
    const [lead] = ((await (await s.request('GET', `/api/leads?widgetId=${widgetId}`)).json()) as { leads: { id: string; fields: Record<string, string> }[] }).leads;
    expect(lead!.fields.contact).toBe('+7 916 000-11-22');
    // Times on the site's clock (Moscow by default), who wrote each line, in order.
    expect(lead!.fields.message!.split('\n').map((line) => line.replace(/^\[\d{2}:\d{2}\] /, ''))).toEqual([
      'Посетитель: Доставляете в Тверь?',
      'Оператор: Да, за два дня',
      'Посетитель: А по субботам?',
    ]);
    const queued = await t.store.db.select().from(t.store.tables.deliveries);
    expect(queued.map((d) => [d.leadId, d.status])).toEqual([[lead!.id, 'pending']]);
  });

  it("refuses a lead naming a conversation it cannot reach (unknown, or another widget's), storing nothing", async () => {
    const { s, site, widgetId } = await withChat();
    const { id: otherWidget } = (await (await s.request('POST', '/api/widgets', chatWidgetInput(site.id))).json()) as { id: string };
    const a = (await (await visitor('start', { site: site.siteKey, widget: otherWidget, consent: true, text: 'Здравствуйте' })).json()) as { token: string };
    for (const token of [a.token, 'B'.repeat(43)]) {
      const res = await offlineLead(site, widgetId, token);
      expect(res.status).toBe(422);
      expect(((await res.json()) as any).error.code).toBe('validation_failed');
    }
    expect((await offlineLead(site, widgetId, 'not-a-token')).status).toBe(422);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
  });
});

describe('chat: the licensee side', () => {
  it('totals the unread visitor messages for the navigation; reading a conversation lowers it', async () => {
    const { s, site, widgetId } = await withChat();
    const a = await started(site, widgetId);
    await visitor('send', { token: a.token, text: 'Есть размер 42?' });
    await visitor('send', { token: a.token, text: 'И 43?' });
    const b = await started(site, widgetId);
    await visitor('send', { token: b.token, text: 'Здравствуйте' });
    expect(await (await s.request('GET', '/api/chats/unread')).json()).toEqual({ unread: 3 });
    const convs = ((await (await s.request('GET', '/api/chats')).json()) as any).conversations;
    const first = convs.find((c: { lastText: string }) => c.lastText === 'И 43?');
    expect((await s.request('POST', `/api/chats/${first.id}/read`)).status).toBe(204);
    expect(await (await s.request('GET', '/api/chats/unread')).json()).toEqual({ unread: 1 });
    const other: Session = await signIn(t, 'other@example.ru');
    expect(await (await other.request('GET', '/api/chats/unread')).json()).toEqual({ unread: 0 });
  });

  it('lists conversations with unread counts, answers, and keeps other accounts out', async () => {
    const { s, site, widgetId } = await withChat();
    const a = await started(site, widgetId);
    await visitor('send', { token: a.token, text: 'Есть размер 42?' });
    const list = (await (await s.request('GET', '/api/chats')).json()) as any;
    expect(list.conversations).toHaveLength(1);
    const conv = list.conversations[0];
    expect(conv).toMatchObject({ visitorName: 'Анна', unread: 1, lastText: 'Есть размер 42?' });
    const reply = await s.request('POST', `/api/chats/${conv.id}/messages`, { text: 'Да, есть' });
    expect(reply.status).toBe(201);
    const history = (await (await visitor('history', { token: a.token })).json()) as any;
    expect(history.messages.map((m: any) => [m.author, m.text])).toEqual([
      ['visitor', 'Есть размер 42?'],
      ['operator', 'Да, есть'],
    ]);
    expect(((await (await s.request('GET', '/api/chats')).json()) as any).conversations[0].unread).toBe(0);

    const other: Session = await signIn(t, 'other@example.ru');
    expect((await other.request('GET', `/api/chats/${conv.id}`)).status).toBe(404);
    expect((await other.request('POST', `/api/chats/${conv.id}/messages`, { text: 'чужой' })).status).toBe(404);
    expect(((await (await other.request('GET', '/api/chats')).json()) as any).conversations).toHaveLength(0);
    // CSRF: a mutation without the header is refused.
    expect((await s.request('POST', `/api/chats/${conv.id}/messages`, { text: 'x' }, { 'x-csrf-token': '' })).status).toBe(403);

    expect((await s.request('DELETE', `/api/chats/${conv.id}`)).status).toBe(204);
    expect(await messages()).toHaveLength(0);
  });
});

describe('chat: retention (1 year, as leads)', () => {
  it('destroys messages and conversations a year after receipt, on a moved clock, in the lead retention job', async () => {
    const { site, widgetId } = await withChat();
    const old = await started(site, widgetId);
    await visitor('send', { token: old.token, text: 'Старое сообщение' });
    t.clock.advance(200 * DAY);
    const fresh = await started(site, widgetId, { name: 'Вера' });
    await visitor('send', { token: fresh.token, text: 'Новое' });
    t.clock.advance(100 * DAY);
    // The old conversation continues: its first message ages on its own.
    await visitor('send', { token: old.token, text: 'Продолжение' });
    t.clock.advance(70 * DAY); // 370 days after the first message, 170 after "Продолжение"

    const job = JOBS.find((j) => j.name === 'lead_retention')!;
    await job.run(t.deps);
    const texts = (await messages()).map((m) => m.text);
    expect(texts.sort()).toEqual(['Новое', 'Продолжение']);
    expect(await conversations()).toHaveLength(2);

    t.clock.advance(300 * DAY); // everything is now older than a year
    await job.run(t.deps);
    expect(await messages()).toHaveLength(0);
    expect(await conversations().where(eq(t.store.tables.chatConversations.siteId, site.id))).toHaveLength(0);
    expect(t.logLines.join('\n')).not.toContain('Анна');
  });
});
