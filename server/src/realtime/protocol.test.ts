// Protocol 7 as a bare client sees it: handshake refusals and their close codes, ping/pong,
// the activity timeout, channel authorization failures and client-event refusals.
import { describe, expect, it } from 'vitest';
import { signIn } from '../testing/harness.js';
import * as wsModule from 'ws';
import { establishedFrame, frame, newSocketId, serverTextFrame } from './protocol.js';
import { signChannel } from './signatures.js';
import { createProject, realtimeAppPerFile, rawClient, signedInWithProject, startRealtimeApp } from '../testing/realtime.js';

const { app, project } = realtimeAppPerFile();

/** Through the dashboard's route, as a licensee changes it: every node's project cache hears of it. */
const setProject = async (values: { allowedOrigins?: string[]; clientEvents?: boolean }) => {
  const s = await signIn(app.t, 'dev@example.ru');
  expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, values)).status).toBe(200);
};

async function established(key = project.key, query?: string, headers?: Record<string, string>) {
  const c = rawClient(app, key, query, headers);
  const hello = await c.next('pusher:connection_established');
  return { c, socketId: hello.data.socket_id as string, hello };
}

describe('socket ids', () => {
  it("keep Pusher's form, are unique, and sort as text in the order they were made (the connection log's key grows at its end)", () => {
    const ids = Array.from({ length: 10_000 }, () => newSocketId());
    for (const id of ids) expect(id).toMatch(/^\d+\.\d+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

/** ws's frame builder: exported by the package at run time, absent from its type definitions. */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] } };

describe('connection_established', () => {
  it('is, byte for byte, the frame frame() builds', () => {
    const id = newSocketId();
    expect(establishedFrame(id, 120)).toBe(frame('pusher:connection_established', { socket_id: id, activity_timeout: 120 }));
    expect(JSON.parse(JSON.parse(establishedFrame(id, 30)).data)).toEqual({ socket_id: id, activity_timeout: 30 });
  });

  it("leaves as the bytes ws's own Sender frames a text message into (short and 16-bit lengths)", () => {
    for (const text of ['', 'x', establishedFrame(newSocketId(), 120), 'a'.repeat(125), 'b'.repeat(126), 'c'.repeat(300), 'd'.repeat(65_535)]) {
      const ours = Buffer.from(serverTextFrame(text), 'latin1');
      const theirs = Buffer.concat(Sender.frame(Buffer.from(text), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }));
      expect(ours.equals(theirs)).toBe(true);
    }
  });
});

describe('handshake', () => {
  it('sends connection_established with a socket id and the activity timeout', async () => {
    const { c, hello } = await established();
    expect(hello.data).toEqual({ socket_id: expect.stringMatching(/^\d+\.\d+$/), activity_timeout: 120 });
    c.send({ event: 'pusher:ping', data: {} });
    expect((await c.next('pusher:pong')).event).toBe('pusher:pong');
    c.ws.close();
  });

  it.each([
    ['an unknown key', 'nope0000000000000000', 'protocol=7', 4001],
    ['no protocol version', null, 'client=js', 4008],
    ['a malformed version', null, 'protocol=seven', 4006],
    ['an unsupported version', null, 'protocol=3', 4007],
  ])('refuses %s with pusher:error and the same close code', async (_what, key, query, code) => {
    const c = rawClient(app, key ?? project.key, query);
    const err = await c.next('pusher:error');
    expect(err.data.code).toBe(code);
    expect((await c.closed).code).toBe(code);
  });

  it('refuses a path without a key (4005), and upgrades on other paths at the HTTP level', async () => {
    const c = rawClient(app, '', 'protocol=7');
    expect((await c.closed).code).toBe(4005);
    const other = new (await import('ws')).default(`ws://127.0.0.1:${app.port}/elsewhere`);
    const status = await new Promise((r) => other.on('unexpected-response', (_req, res) => r(res.statusCode)).on('error', () => r('error')));
    expect(status).toBe(404);
  });

  it('refuses a project that is not active (not paid yet) with 4003', async () => {
    const s = await signIn(app.t, 'pending@example.ru');
    const pending = await createProject(s, { name: 'Paid one', tariffId: 'rt_start' });
    expect(pending.secret).toBeNull();
    const c = rawClient(app, pending.key);
    expect((await c.next('pusher:error')).data.code).toBe(4003);
    expect((await c.closed).code).toBe(4003);
  });

  it('checks allowed origins for browsers (4009), lets origin-less servers in', async () => {
    await setProject({ allowedOrigins: ['https://shop.example.ru', 'https://*.example.org'] });
    try {
      const bad = rawClient(app, project.key, 'protocol=7', { origin: 'https://evil.example.com' });
      expect((await bad.next('pusher:error')).data.code).toBe(4009);
      expect((await bad.closed).code).toBe(4009);
      for (const origin of ['https://shop.example.ru', 'https://a.example.org']) (await established(project.key, 'protocol=7', { origin })).c.ws.close();
      (await established()).c.ws.close();
    } finally {
      await setProject({ allowedOrigins: [] });
    }
  });
});

describe('subscriptions', () => {
  it('authorizes private channels with HMAC-SHA256 of socket_id:channel and refuses a wrong signature', async () => {
    const { c, socketId } = await established();
    c.send({ event: 'pusher:subscribe', data: { channel: 'private-a', auth: signChannel(project.key, 'wrong-secret', socketId, 'private-a') } });
    expect((await c.next('pusher:error')).data.code).toBe(4009);
    const err = await c.next('pusher:subscription_error');
    expect(err).toMatchObject({ channel: 'private-a', data: { type: 'AuthError', status: 401 } });
    // A signature for another socket is no good either.
    c.send({ event: 'pusher:subscribe', data: { channel: 'private-a', auth: signChannel(project.key, project.secret, '1.2', 'private-a') } });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(401);
    c.send({ event: 'pusher:subscribe', data: { channel: 'private-a', auth: signChannel(project.key, project.secret, socketId, 'private-a') } });
    expect(await c.next('pusher_internal:subscription_succeeded')).toMatchObject({ channel: 'private-a', data: {} });
    c.ws.close();
  });

  it('also takes a private-channel signature that covers channel_data (what SDKs produce when given user data)', async () => {
    const { c, socketId } = await established();
    const data = JSON.stringify({ user_id: 'u1' });
    c.send({ event: 'pusher:subscribe', data: { channel: 'private-b', channel_data: data, auth: signChannel(project.key, project.secret, socketId, 'private-b', data) } });
    expect((await c.next('pusher_internal:subscription_succeeded')).channel).toBe('private-b');
    c.send({ event: 'pusher:subscribe', data: { channel: 'private-c', channel_data: data, auth: signChannel(project.key, project.secret, socketId, 'private-c', '{"user_id":"other"}') } });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(401);
    c.ws.close();
  });

  it('requires signed channel_data with a user_id on presence channels', async () => {
    const { c, socketId } = await established();
    c.send({ event: 'pusher:subscribe', data: { channel: 'presence-x', auth: signChannel(project.key, project.secret, socketId, 'presence-x') } });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(401);
    const tampered = JSON.stringify({ user_id: 'admin' });
    c.send({
      event: 'pusher:subscribe',
      data: { channel: 'presence-x', channel_data: tampered, auth: signChannel(project.key, project.secret, socketId, 'presence-x', JSON.stringify({ user_id: 'u1' })) },
    });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(401);
    const noId = JSON.stringify({ user_info: {} });
    c.send({ event: 'pusher:subscribe', data: { channel: 'presence-x', channel_data: noId, auth: signChannel(project.key, project.secret, socketId, 'presence-x', noId) } });
    expect((await c.next('pusher:subscription_error')).data.status).toBe(400);
    const ok = JSON.stringify({ user_id: 42, user_info: { name: 'N' } });
    c.send({ event: 'pusher:subscribe', data: { channel: 'presence-x', channel_data: ok, auth: signChannel(project.key, project.secret, socketId, 'presence-x', ok) } });
    expect((await c.next('pusher_internal:subscription_succeeded')).data).toEqual({ presence: { ids: ['42'], hash: { '42': { name: 'N' } }, count: 1 } });
    c.ws.close();
  });

  it('answers nonsense with pusher:error and keeps the connection', async () => {
    const { c } = await established();
    c.ws.send('not json');
    expect((await c.next('pusher:error')).data.message).toBe('Invalid JSON');
    c.send({ event: 'pusher:subscribe', data: { channel: 'bad channel!' } });
    expect((await c.next('pusher:error')).data.message).toBe('Invalid channel name');
    c.send({ event: 'pusher:ping', data: {} });
    await c.next('pusher:pong');
    c.ws.close();
  });
});

describe('client events', () => {
  async function pairOn(channel: string) {
    const a = await established();
    const b = await established();
    for (const x of [a, b]) {
      x.c.send({ event: 'pusher:subscribe', data: { channel, auth: signChannel(project.key, project.secret, x.socketId, channel) } });
      await x.c.next('pusher_internal:subscription_succeeded');
    }
    return [a.c, b.c] as const;
  }

  it('are refused while the project has them off (4301), relayed to others once on', async () => {
    const [a, b] = await pairOn('private-chat');
    a.send({ event: 'client-hi', channel: 'private-chat', data: { text: 'hi' } });
    expect((await a.next('pusher:error')).data.code).toBe(4301);
    await setProject({ clientEvents: true });
    try {
      a.send({ event: 'client-hi', channel: 'private-chat', data: { text: 'hi' } });
      expect(await b.next('client-hi')).toMatchObject({ channel: 'private-chat', data: { text: 'hi' } });
      a.send({ event: 'client-hi', channel: 'news', data: {} });
      expect((await a.next('pusher:error')).data.message).toContain('private- and presence-');
      a.send({ event: 'client-hi', channel: 'private-other', data: {} });
      expect((await a.next('pusher:error')).data.message).toContain('Subscribe to private-other');
      expect(a.frames.some((f) => f.event === 'client-hi')).toBe(false); // never echoed to the sender
      for (let i = 0; i < 11; i++) a.send({ event: 'client-burst', channel: 'private-chat', data: { i } });
      expect((await a.next('pusher:error')).data.message).toContain('rate limit');
    } finally {
      await setProject({ clientEvents: false });
      a.ws.close();
      b.ws.close();
    }
  });
});

describe('activity timeout', () => {
  it('pings a silent client and closes it with 4201 when no pong comes', async () => {
    const quick = await startRealtimeApp({ realtime: { activityTimeoutSec: 0.3, pongTimeoutMs: 200, sweepIntervalMs: 50 } });
    try {
      const { project: p } = await signedInWithProject(quick, 'quick@example.ru');
      const c = rawClient(quick, p.key);
      expect((await c.next('pusher:connection_established')).data.activity_timeout).toBe(0.3);
      await c.next('pusher:ping', 3000);
      expect((await c.closed).code).toBe(4201);

      const alive = rawClient(quick, p.key);
      await alive.next('pusher:connection_established');
      await alive.next('pusher:ping', 3000);
      alive.send({ event: 'pusher:pong', data: {} });
      await new Promise((r) => setTimeout(r, 300));
      expect(alive.ws.readyState).toBe(alive.ws.OPEN);
      alive.ws.close();
    } finally {
      await quick.close();
    }
  });
});

describe('a project that goes away', () => {
  it('closes its connections with 4001 when deleted', async () => {
    const s = await signIn(app.t, 'deleter@example.ru');
    const p = await createProject(s, { name: 'Temp' });
    const c = rawClient(app, p.key);
    await c.next('pusher:connection_established');
    expect((await s.request('DELETE', `/api/realtime/projects/${p.id}`)).status).toBe(204);
    expect((await c.closed).code).toBe(4001);
  });

  it('tells clients to reconnect (4200) when the server shuts down', async () => {
    const other = await startRealtimeApp();
    const { project: p } = await signedInWithProject(other, 'restart@example.ru');
    const c = rawClient(other, p.key);
    await c.next('pusher:connection_established');
    const closing = other.close();
    expect((await c.closed).code).toBe(4200);
    await closing;
  });
});
