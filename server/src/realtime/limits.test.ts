// The tariff's limits under concurrency: exactly N connections and exactly N messages a day,
// the rest refused (4004 / 429 / 4301) and delivered to nobody; 80 % and 100 % notices once a day.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../platform/lib/clock.js';
import { REALTIME_TARIFFS } from '../platform/tariffs/realtime-catalogue.js';
import { utcDay } from '../platform/tariffs/realtime-policy.js';
import { signChannel, signRequest } from './signatures.js';
import { pusherServer, rawClient, signedInWithProject, startRealtimeApp, type CreatedProject, type RawClient, type RealtimeTestApp } from '../testing/realtime.js';

let app: RealtimeTestApp;
const FREE = REALTIME_TARIFFS.rt_free.limits;
const tables = () => app.t.store.tables;

beforeAll(async () => {
  app = await startRealtimeApp();
});
afterAll(() => app.close());

/** Opens n sockets at once; resolves each to 'open' (connection_established) or its close code. */
async function connectMany(p: CreatedProject, n: number): Promise<{ clients: RawClient[]; outcomes: (number | 'open')[] }> {
  const clients = Array.from({ length: n }, () => rawClient(app, p.key));
  const outcomes = await Promise.all(clients.map((c) => Promise.race([c.next('pusher:connection_established', 5000).then(() => 'open' as const), c.closed.then((x) => x.code)])));
  return { clients, outcomes };
}

describe('concurrent connections', () => {
  it(`admits exactly the tariff's ${FREE.connections} of ${FREE.connections + 15} simultaneous connects; the rest get 4004 until one leaves`, async () => {
    const { project } = await signedInWithProject(app, 'conns@example.ru');
    const { clients, outcomes } = await connectMany(project, FREE.connections + 15);
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(FREE.connections);
    expect(outcomes.filter((o) => o === 4004)).toHaveLength(15);
    const refused = clients.find((_c, i) => outcomes[i] === 4004)!;
    expect(refused.frames.find((f) => f.event === 'pusher:error')?.data).toEqual({ code: 4004, message: 'Application is over connection quota' });

    const one = clients.find((_c, i) => outcomes[i] === 'open')!;
    const open = app.realtime.connections();
    one.ws.close();
    await one.closed;
    await expect.poll(() => app.realtime.connections()).toBeLessThan(open); // its close handler has released the slot
    const again = await connectMany(project, 2);
    expect(again.outcomes.sort()).toEqual([4004, 'open']);

    await app.realtime.settled(); // a client hears connection_established before its connection is counted
    const { realtimeUsageDaily } = tables();
    const [usage] = await app.t.store.db.select().from(realtimeUsageDaily).where(eq(realtimeUsageDaily.projectId, project.id));
    expect(usage).toMatchObject({ peakConnections: FREE.connections, rejectedConnections: 16, connectionsOpened: FREE.connections + 1 });
    for (const c of [...clients, ...again.clients]) c.ws.close();
  });
});

describe('messages per day', () => {
  const today = () => utcDay(app.t.clock.now());
  /** Puts today's counter where a test needs it, instead of sending thousands of messages. */
  const setUsed = async (projectId: string, messages: number, notifiedPercent = 0) => {
    const { realtimeUsageDaily } = tables();
    await app.t.store.db
      .insert(realtimeUsageDaily)
      .values({ projectId, day: today(), messages, notifiedPercent })
      .onConflictDoUpdate({ target: [realtimeUsageDaily.projectId, realtimeUsageDaily.day], set: { messages, notifiedPercent } });
  };
  const usedToday = async (projectId: string) => {
    const { realtimeUsageDaily } = tables();
    const [row] = await app.t.store.db
      .select()
      .from(realtimeUsageDaily)
      .where(and(eq(realtimeUsageDaily.projectId, projectId), eq(realtimeUsageDaily.day, today())));
    if (!row) throw new Error(`no usage row for ${projectId}`);
    return row;
  };
  const mails = (to: string, what: string) => app.t.devOutbox.list().filter((m) => m.to === to && m.subject.includes(what));

  async function listener(p: CreatedProject, channel: string) {
    const c = rawClient(app, p.key);
    await c.next('pusher:connection_established');
    c.send({ event: 'pusher:subscribe', data: { channel } });
    await c.next('pusher_internal:subscription_succeeded');
    return c;
  }

  it('accepts exactly the remaining allowance of 40 concurrent SDK publishes; the others get 429 and reach nobody', async () => {
    const { project } = await signedInWithProject(app, 'msgs@example.ru');
    const c = await listener(project, 'ticks');
    const remaining = 7;
    await setUsed(project.id, FREE.messagesPerDay - remaining, 100);
    const sdk = pusherServer(app, project);
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => sdk.trigger('ticks', 'tick', { i })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(remaining);
    expect(refused).toHaveLength(40 - remaining);
    expect(new Set(refused.map((r) => r.reason.status))).toEqual(new Set([429]));
    expect(JSON.parse(refused[0]!.reason.body).error.code).toBe('limit_realtime_messages');
    await new Promise((r) => setTimeout(r, 100));
    expect(c.frames.filter((f) => f.event === 'tick')).toHaveLength(remaining);
    expect(await usedToday(project.id)).toMatchObject({ messages: FREE.messagesPerDay, rejectedMessages: 40 - remaining });
    const { realtimeMessageLogs } = tables();
    expect(await app.t.store.db.select().from(realtimeMessageLogs).where(eq(realtimeMessageLogs.projectId, project.id))).toHaveLength(remaining);
    c.ws.close();
  });

  it('answers 429 with Retry-After until 00:00 UTC, refuses a batch whole, and starts again the next day', async () => {
    const { project } = await signedInWithProject(app, 'batch@example.ru');
    await setUsed(project.id, FREE.messagesPerDay - 2, 100);
    const sdk = pusherServer(app, project);
    const batch = ['a', 'b', 'c'].map((name) => ({ channel: 'x', name, data: '1' }));
    await expect(sdk.triggerBatch(batch)).rejects.toMatchObject({ status: 429 });
    expect((await usedToday(project.id)).messages).toBe(FREE.messagesPerDay - 2); // nothing of the batch was taken
    expect((await sdk.triggerBatch(batch.slice(0, 2))).status).toBe(200);
    const res = await sdk.trigger('x', 'late', {}).catch((e: { status: number; body: string }) => e);
    expect(res).toMatchObject({ status: 429 });
    // The SDK hides response headers: Retry-After is checked with a signed request of our own.
    const retryAfter = (DAY - (app.t.clock.now() % DAY)) / 1000;
    const body = JSON.stringify({ name: 'late', data: '1', channel: 'x' });
    const path = `/apps/${project.appId}/events`;
    const direct = await fetch(`${app.url}${path}?${signRequest('POST', path, {}, project.key, project.secret, Date.now(), body)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(direct.status).toBe(429);
    expect(Number(direct.headers.get('retry-after'))).toBeCloseTo(Math.ceil(retryAfter), -1);

    // Tomorrow (signed with the moved clock: the timestamp window follows server time).
    app.t.clock.advance(DAY);
    try {
      const tomorrow = await fetch(`${app.url}${path}?${signRequest('POST', path, {}, project.key, project.secret, app.t.clock.now(), body)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(tomorrow.status).toBe(200);
    } finally {
      app.t.clock.set(Date.now());
    }
  });

  it('counts client events too: over the limit the sender gets 4301 and nobody receives it', async () => {
    const { project } = await signedInWithProject(app, 'client-events@example.ru');
    const { realtimeProjects } = tables();
    await app.t.store.db.update(realtimeProjects).set({ clientEvents: true }).where(eq(realtimeProjects.id, project.id));
    const join = async () => {
      const c = rawClient(app, project.key);
      const socketId = (await c.next('pusher:connection_established')).data.socket_id;
      c.send({ event: 'pusher:subscribe', data: { channel: 'private-room', auth: signChannel(project.key, project.secret, socketId, 'private-room') } });
      await c.next('pusher_internal:subscription_succeeded');
      return c;
    };
    const [a, b] = [await join(), await join()];
    await setUsed(project.id, FREE.messagesPerDay - 1, 100);
    a.send({ event: 'client-one', channel: 'private-room', data: {} });
    await b.next('client-one');
    a.send({ event: 'client-two', channel: 'private-room', data: {} });
    const err = await a.next('pusher:error');
    expect(err.data).toMatchObject({ code: 4301, message: expect.stringContaining('Daily message limit') });
    await new Promise((r) => setTimeout(r, 50));
    expect(b.frames.some((f) => f.event === 'client-two')).toBe(false);
    a.ws.close();
    b.ws.close();
  });

  it('notifies at 80 % and at 100 % by e-mail and in the dashboard, once per project per UTC day', async () => {
    const email = 'notices@example.ru';
    const { s, project } = await signedInWithProject(app, email);
    const sdk = pusherServer(app, project);
    await setUsed(project.id, Math.floor(FREE.messagesPerDay * 0.8) - 2);
    await sdk.trigger('x', 'e', {}); // 80 % - 1
    expect(mails(email, '80 %')).toHaveLength(0);
    await sdk.trigger('x', 'e', {}); // exactly 80 %
    await sdk.trigger('x', 'e', {});
    await expect.poll(() => mails(email, '80 %')).toHaveLength(1); // the publish does not await the mail

    await setUsed(project.id, FREE.messagesPerDay - 1, 80);
    await sdk.trigger('x', 'e', {}); // the last one: 100 %
    await expect(sdk.trigger('x', 'e', {})).rejects.toMatchObject({ status: 429 });
    await expect.poll(() => mails(email, '100 %')).toHaveLength(1); // the publish does not await the mail
    expect(mails(email, '100 %')[0]!.text).toContain('не принимаются');
    expect(mails(email, '100 %')[0]!.text).toMatch(new RegExp(`Увеличьте лимиты: http://localhost:8787/app/realtime/${project.id}$`));

    const { notifications } = tables();
    const rows = await app.t.store.db.select().from(notifications).where(eq(notifications.accountId, s.accountId));
    expect(rows.map((r) => r.kind).sort()).toEqual(['realtime_messages_100', 'realtime_messages_80']);
    const view = (await (await s.request('GET', `/api/realtime/projects/${project.id}`)).json()) as any;
    expect(view.usage).toMatchObject({ messages: FREE.messagesPerDay, messagesLimit: FREE.messagesPerDay, percent: 100, warningPercent: 100 });
  });

  it('writes those notices in English for an account whose dashboard is in English', async () => {
    const email = 'notices-en@example.com';
    const { s, project } = await signedInWithProject(app, email);
    expect((await s.request('PATCH', '/api/me/settings', { lang: 'en' })).status).toBe(200);
    const sdk = pusherServer(app, project);
    await setUsed(project.id, Math.floor(FREE.messagesPerDay * 0.8) - 1);
    await sdk.trigger('x', 'e', {});
    await expect.poll(() => mails(email, '80 %')).toHaveLength(1);
    await setUsed(project.id, FREE.messagesPerDay - 1, 80);
    await sdk.trigger('x', 'e', {});
    await expect.poll(() => mails(email, '100 %')).toHaveLength(1);
    const [full, warned] = [mails(email, '100 %')[0]!, mails(email, '80 %')[0]!];
    expect(warned.subject).toBe('Widgetry: project “My app” — 80 % of the day’s messages used');
    expect(full.text).toMatch(new RegExp(`^Project “My app” has used up its daily message limit \\(${FREE.messagesPerDay}\\)\\. New messages are neither accepted nor delivered until 00:00 UTC\\.`));
    expect(full.text).toMatch(new RegExp(`Increase the limits: http://localhost:8787/app/realtime/${project.id}\\?lang=en$`));
    expect(warned.text + full.text).not.toMatch(/[а-яё]/i);
  });
});
