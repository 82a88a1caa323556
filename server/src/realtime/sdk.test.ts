// The real clients against our server on loopback: pusher-js (Node build) subscribes to public,
// private and presence channels and receives what the official `pusher` SDK publishes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Pusher from 'pusher-js';
import type { Session } from '../testing/harness.js';
import { connected, nextEvent, pusherClient, pusherServer, signedInWithProject, startRealtimeApp, subscribed, type CreatedProject, type RealtimeTestApp } from '../testing/realtime.js';

let app: RealtimeTestApp;
let project: CreatedProject;
let owner: Session;
const clients: Pusher[] = [];
const client = (presence?: { user_id: string; user_info?: Record<string, unknown> }) => {
  const c = pusherClient(app, project, presence);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  app = await startRealtimeApp();
  ({ project, s: owner } = await signedInWithProject(app));
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await app.close();
});

describe('pusher-js and the pusher server SDK', () => {
  it('connects, and receives on a public channel what the SDK triggers', async () => {
    const c = client();
    await connected(c);
    expect(c.connection.socket_id).toMatch(/^\d+\.\d+$/);
    await subscribed(c, 'news');
    const got = nextEvent(c, 'news', 'headline');
    const res = await pusherServer(app, project).trigger('news', 'headline', { title: 'Привет' });
    expect(res.status).toBe(200);
    expect((await got).data).toEqual({ title: 'Привет' });
  });

  it('subscribes to a private channel signed by the SDK and receives triggers to several channels at once', async () => {
    const c = client();
    await connected(c);
    await subscribed(c, 'private-orders');
    await subscribed(c, 'private-orders-2');
    const one = nextEvent(c, 'private-orders', 'created');
    const two = nextEvent(c, 'private-orders-2', 'created');
    await pusherServer(app, project).trigger(['private-orders', 'private-orders-2'], 'created', { id: 7 });
    expect((await one).data).toEqual({ id: 7 });
    expect((await two).data).toEqual({ id: 7 });
  });

  it('keeps presence member lists and announces members added and removed', async () => {
    const alice = client({ user_id: 'alice', user_info: { name: 'Алиса' } });
    const bob = client({ user_id: 'bob', user_info: { name: 'Боб' } });
    await Promise.all([connected(alice), connected(bob)]);
    const first = await subscribed(alice, 'presence-room');
    expect(first.count).toBe(1);
    expect(first.me).toEqual({ id: 'alice', info: { name: 'Алиса' } });
    const added = nextEvent(alice, 'presence-room', 'pusher:member_added');
    const members = await subscribed(bob, 'presence-room');
    expect(members.count).toBe(2);
    expect((await added).data).toEqual({ id: 'bob', info: { name: 'Боб' } });

    const users = await (await pusherServer(app, project).get({ path: '/channels/presence-room/users' })).json();
    expect(users.users.map((u: { id: string }) => u.id).sort()).toEqual(['alice', 'bob']);
    const info = await (await pusherServer(app, project).get({ path: '/channels/presence-room', params: { info: 'user_count,subscription_count' } })).json();
    expect(info).toEqual({ occupied: true, user_count: 2, subscription_count: 2 });

    const removed = nextEvent(alice, 'presence-room', 'pusher:member_removed');
    bob.unsubscribe('presence-room');
    expect((await removed).data).toEqual({ id: 'bob', info: { name: 'Боб' } });
  });

  it('lists occupied channels with the SDK, filtered by prefix', async () => {
    const res = await pusherServer(app, project).get({ path: '/channels', params: { filter_by_prefix: 'private-', info: 'subscription_count' } });
    const body = await res.json();
    expect(body.channels['private-orders']).toEqual({ subscription_count: 1 });
    expect(body.channels.news).toBeUndefined();
  });

  it('excludes the socket_id given to trigger, and delivers a batch in order', async () => {
    const a = client();
    const b = client();
    await Promise.all([connected(a), connected(b)]);
    await Promise.all([subscribed(a, 'feed'), subscribed(b, 'feed')]);
    const seenByA: string[] = [];
    a.channel('feed').bind('tick', (d: { n: string }) => seenByA.push(d.n));
    const lastB = new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      b.channel('feed').bind('tick', (d: { n: string }) => {
        seen.push(d.n);
        if (seen.length === 3) resolve(seen);
      });
    });
    const sdk = pusherServer(app, project);
    await sdk.trigger('feed', 'tick', { n: '0' }, { socket_id: a.connection.socket_id });
    await sdk.triggerBatch(['1', '2'].map((n) => ({ channel: 'feed', name: 'tick', data: { n } })));
    expect(await lastB).toEqual(['0', '1', '2']);
    expect(seenByA).toEqual(['1', '2']);
  });

  it('relays client- events on private and presence channels once the project enables them', async () => {
    expect((await owner.request('PATCH', `/api/realtime/projects/${project.id}`, { clientEvents: true })).status).toBe(200);

    const alice = client({ user_id: 'alice' });
    const bob = client({ user_id: 'bob' });
    await Promise.all([connected(alice), connected(bob)]);
    await Promise.all([subscribed(alice, 'presence-chat'), subscribed(bob, 'presence-chat')]);
    const heard = nextEvent(bob, 'presence-chat', 'client-typing');
    alice.channel('presence-chat').trigger('client-typing', { on: true });
    const { data, metadata } = await heard;
    expect(data).toEqual({ on: true });
    expect(metadata.user_id).toBe('alice');
  });
});
