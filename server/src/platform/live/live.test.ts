// The platform's live channel over the real WebSocket endpoint: who may subscribe to what,
// lead.created reaching an open dashboard (ids only), chat answers reaching the visitor, and
// internal traffic not touching any licensee project's limits or logs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawClient, startRealtimeApp, type RawClient, type RealtimeTestApp } from '../../testing/realtime.js';
import { signChannel } from '../../realtime/signatures.js';
import { createSite, setTariff, signIn, type Session } from '../../testing/harness.js';

let app: RealtimeTestApp;
beforeEach(async () => {
  app = await startRealtimeApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });
});
afterEach(async () => {
  await app.close();
});

async function socketId(c: RawClient): Promise<string> {
  return (await c.next('pusher:connection_established')).data.socket_id;
}

/** Signs in, opens a socket on the platform app and subscribes to the account channel as the dashboard does. */
async function dashboard(who: string | Session) {
  const s = typeof who === 'string' ? await signIn(app.t, who) : who;
  const live = (await (await s.request('GET', '/api/live')).json()) as { key: string; channel: string };
  const c = rawClient(app, live.key);
  const id = await socketId(c);
  const res = await s.request('POST', '/api/live/auth', { socket_id: id, channel_name: live.channel });
  expect(res.status).toBe(200);
  c.send({ event: 'pusher:subscribe', data: { channel: live.channel, auth: ((await res.json()) as { auth: string }).auth } });
  await c.next('pusher_internal:subscription_succeeded');
  return { s, c, id, channel: live.channel };
}

const submitLead = (siteKey: string, widget: string) =>
  app.t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
    body: JSON.stringify({ site: siteKey, widget, fields: { name: 'Иван Петров', phone: '+79001112233' }, consent: true, elapsedMs: 3000 }),
  });

describe('live account channel', () => {
  it('authorizes the session’s own account channel only', async () => {
    const a = await dashboard('a@example.ru');
    const b: Session = await signIn(app.t, 'b@example.ru');
    // B asks for A's channel: refused, whatever socket it names.
    const refused = await b.request('POST', '/api/live/auth', { socket_id: a.id, channel_name: a.channel });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('forbidden');
    // Without the CSRF header, and without a session.
    expect((await a.s.request('POST', '/api/live/auth', { socket_id: a.id, channel_name: a.channel }, { 'x-csrf-token': 'nope' })).status).toBe(403);
    const anon = await app.t.app.request('/api/live/auth', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ socket_id: a.id, channel_name: a.channel }) });
    expect(anon.status).toBe(401);
    // A socket cannot forge its way in: a signature made with any other secret is refused…
    const c = rawClient(app, 'platform');
    const id = await socketId(c);
    c.send({ event: 'pusher:subscribe', data: { channel: a.channel, auth: signChannel('platform', 'guess', id, a.channel) } });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(401);
    // …and a signature for another socket does not carry over.
    const bLive = (await (await b.request('GET', '/api/live')).json()) as { channel: string };
    const stolen = ((await (await b.request('POST', '/api/live/auth', { socket_id: a.id, channel_name: bLive.channel })).json()) as { auth: string }).auth;
    c.send({ event: 'pusher:subscribe', data: { channel: bLive.channel, auth: stolen } });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(401);
    // No public channels and no client events on the platform app.
    c.send({ event: 'pusher:subscribe', data: { channel: 'public-news' } });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(401);
    a.c.send({ event: 'client-hi', channel: a.channel, data: {} });
    expect((await a.c.next('pusher:error')).data.code).toBe(4301);
    a.c.ws.close();
    c.ws.close();
  });

  it('cuts the account’s sockets at logout; a socket without a session cannot get back in', async () => {
    const a = await dashboard('leaver@example.ru');
    expect((await a.s.request('POST', '/api/auth/logout')).status).toBe(200);
    expect((await a.c.closed).code).toBe(4200);
    const c = rawClient(app, 'platform');
    const id = await socketId(c);
    expect((await a.s.request('POST', '/api/live/auth', { socket_id: id, channel_name: a.channel })).status).toBe(401);
    c.ws.close();
  });

  it('pushes lead.created with ids only to the owner’s dashboard, not to others', async () => {
    const a = await dashboard('owner@example.ru');
    const b = await dashboard('stranger@example.ru');
    const site = await createSite(a.s);
    const w = (await (
      await a.s.request('POST', '/api/widgets', {
        type: 'form',
        name: 'Form',
        siteId: site.id,
        active: true,
        content: {
          fields: [
            { key: 'name', kind: 'name', label: 'Имя' },
            { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
          ],
          consentUrl: 'https://shop.example.ru/c',
          privacyUrl: 'https://shop.example.ru/p',
        },
      })
    ).json()) as { id: string };
    expect((await submitLead(site.siteKey, w.id)).status).toBe(201);
    const f = await a.c.next('lead.created');
    expect(f.channel).toBe(a.channel);
    expect(Object.keys(f.data).sort()).toEqual(['createdAt', 'id', 'siteId', 'widgetId']);
    expect(JSON.stringify(f)).not.toContain('Иван');
    await new Promise((r) => setTimeout(r, 100));
    expect(b.c.frames.some((x) => x.event === 'lead.created')).toBe(false);
    a.c.ws.close();
    b.c.ws.close();
  });

  it('does not count against or log into any licensee project', async () => {
    const a = await dashboard('dev@example.ru');
    const res = await a.s.request('POST', '/api/realtime/projects', { name: 'App' });
    expect(res.status).toBe(201);
    // Free realtime tariff: few connections; many dashboard tabs still connect.
    const extra = await Promise.all(Array.from({ length: 5 }, () => dashboard(a.s)));
    const { realtimeConnectionLogs, realtimeUsageDaily } = app.t.store.tables;
    expect(await app.t.store.db.select().from(realtimeConnectionLogs)).toHaveLength(0);
    expect(await app.t.store.db.select().from(realtimeUsageDaily)).toHaveLength(0);
    for (const d of [a, ...extra]) d.c.ws.close();
  });
});

describe('chat over the live channel', () => {
  it('shows the operator online, brings the visitor’s message to the dashboard and the answer back', async () => {
    const s = await signIn(app.t, 'shop@example.ru');
    await setTariff(app.t, s.accountId, 'start');
    const site = await createSite(s);
    const w = (await (
      await s.request('POST', '/api/widgets', {
        type: 'chat',
        name: 'Chat',
        siteId: site.id,
        active: true,
        content: { consentUrl: 'https://shop.example.ru/c', privacyUrl: 'https://shop.example.ru/p' },
      })
    ).json()) as { id: string };
    const visitor = (path: string, body: unknown) =>
      app.t.app.request(`/v1/chat/${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://shop.example.ru' }, body: JSON.stringify(body) });

    const offline = (await (await visitor('status', { site: site.siteKey, widget: w.id })).json()) as { online: boolean };
    expect(offline.online).toBe(false);

    const live = (await (await s.request('GET', '/api/live')).json()) as { key: string; channel: string };
    const dash = rawClient(app, live.key);
    const dashId = await socketId(dash);
    dash.send({
      event: 'pusher:subscribe',
      data: { channel: live.channel, auth: ((await (await s.request('POST', '/api/live/auth', { socket_id: dashId, channel_name: live.channel })).json()) as any).auth },
    });
    await dash.next('pusher_internal:subscription_succeeded');
    expect(((await (await visitor('status', { site: site.siteKey, widget: w.id })).json()) as any).online).toBe(true);

    const session = (await (await visitor('start', { site: site.siteKey, widget: w.id, consent: true })).json()) as { token: string; channel: string; key: string };
    const v = rawClient(app, session.key);
    const vId = await socketId(v);
    const auth = ((await (await visitor('auth', { token: session.token, socket_id: vId, channel_name: session.channel })).json()) as any).auth;
    v.send({ event: 'pusher:subscribe', data: { channel: session.channel, auth } });
    await v.next('pusher_internal:subscription_succeeded');

    await visitor('send', { token: session.token, text: 'Можно забрать сегодня?' });
    const incoming = await dash.next('chat.message');
    expect(incoming.data.message).toMatchObject({ author: 'visitor', text: 'Можно забрать сегодня?' });
    // The visitor's own message is not echoed to its socket (it has it from the POST).
    await s.request('POST', `/api/chats/${incoming.data.conversationId}/messages`, { text: 'Да, до 20:00' });
    const answer = await v.next('chat.message');
    expect(answer.data.message).toMatchObject({ author: 'operator', text: 'Да, до 20:00' });
    expect(v.frames.filter((f) => f.event === 'chat.message')).toHaveLength(1);
    dash.ws.close();
    v.ws.close();
  });
});
