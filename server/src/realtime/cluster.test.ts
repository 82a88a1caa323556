// Three nodes of one deployment in this process, on one database and one Redis (a key prefix of
// this file's own): pusher-js clients on different nodes, publishes through the official SDK to
// a third, presence and channel queries answered for the cluster, exact connection limits, a
// node that vanishes without a word giving its slots and members back.
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REALTIME_TARIFFS } from '../platform/tariffs/realtime-catalogue.js';
import { dropRedisPrefix, testRedisPrefix, testRedisUrl } from '../testing/redis.js';
import {
  connected,
  nextEvent,
  pusherClient,
  pusherServer,
  rawClient,
  signedInWithProject,
  startAnotherNode,
  startRealtimeApp,
  subscribed,
  type CreatedProject,
  type RealtimeTestApp,
} from '../testing/realtime.js';
import type { RedisBroker } from './redis-broker.js';

const REDIS = testRedisUrl();
const PREFIX = testRedisPrefix();
const TTL_MS = 1000;
const FREE = REALTIME_TARIFFS.rt_free.limits;

describe.skipIf(!REDIS)('several nodes on one Redis', () => {
  let a: RealtimeTestApp;
  let b: RealtimeTestApp;
  let c: RealtimeTestApp;
  const clients: Pusher[] = [];
  const client = (node: RealtimeTestApp, p: CreatedProject, presence?: { user_id: string; user_info?: Record<string, unknown> }) => {
    const x = pusherClient(node, p, presence);
    clients.push(x);
    return x;
  };

  beforeAll(async () => {
    a = await startRealtimeApp({ env: { REDIS_URL: REDIS!, REDIS_PREFIX: PREFIX, REDIS_NODE_TTL_MS: String(TTL_MS) } });
    b = await startAnotherNode(a);
    c = await startAnotherNode(a);
    await Promise.all([a, b, c].map((n) => (n.t.deps.realtime.broker as RedisBroker).ready()));
  });
  afterAll(async () => {
    for (const x of clients) x.disconnect();
    await c.close();
    await b.close();
    await a.close();
    await dropRedisPrefix(REDIS!, PREFIX);
  });

  it('delivers a publish on one node to subscribers on every node once, in publish order, sparing the socket_id', async () => {
    const { project } = await signedInWithProject(a, 'fanout@example.ru');
    const onA = client(a, project);
    const onB = client(b, project);
    await Promise.all([subscribed(onA, 'orders'), subscribed(onB, 'orders')]);
    const got = { a: [] as number[], b: [] as number[] };
    onA.channel('orders').bind('placed', (d: { n: number }) => got.a.push(d.n));
    onB.channel('orders').bind('placed', (d: { n: number }) => got.b.push(d.n));
    const sdk = pusherServer(c, project);
    for (let n = 1; n <= 30; n++) await sdk.trigger('orders', 'placed', { n });
    // Excluded on node A, delivered on node B.
    await sdk.trigger('orders', 'placed', { n: 31 }, { socket_id: onA.connection.socket_id });
    await expect.poll(() => got.b.length).toBe(31);
    await new Promise((r) => setTimeout(r, 100));
    expect(got.b).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(got.a).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('relays client events from a socket on one node to subscribers on another', async () => {
    const { s, project } = await signedInWithProject(a, 'client-events@example.ru');
    expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, { clientEvents: true })).status).toBe(200);
    const alice = client(a, project);
    const bob = client(b, project);
    await Promise.all([subscribed(alice, 'private-room'), subscribed(bob, 'private-room')]);
    const heard = nextEvent(bob, 'private-room', 'client-typing');
    alice.channel('private-room').trigger('client-typing', { on: true });
    expect((await heard).data).toEqual({ on: true });
  });

  it('counts a user with sockets on two nodes as one member, announced once, and answers channel queries for the cluster', async () => {
    const { project } = await signedInWithProject(a, 'presence@example.ru');
    const watcher = client(c, project, { user_id: 'watcher' });
    await subscribed(watcher, 'presence-room');
    const added: string[] = [];
    const removed: string[] = [];
    watcher.channel('presence-room').bind('pusher:member_added', (m: { id: string }) => added.push(m.id));
    watcher.channel('presence-room').bind('pusher:member_removed', (m: { id: string }) => removed.push(m.id));

    const tabOnA = client(a, project, { user_id: 'u1', user_info: { name: 'Ann' } });
    const joinedA = await subscribed(tabOnA, 'presence-room');
    const tabOnB = client(b, project, { user_id: 'u1', user_info: { name: 'Ann' } });
    const joinedB = await subscribed(tabOnB, 'presence-room');
    expect(joinedA.count).toBe(2);
    expect(joinedB.count).toBe(2);
    expect(joinedB.members).toEqual({ watcher: null, u1: { name: 'Ann' } });
    await expect.poll(() => added).toEqual(['u1']);

    const sdk = pusherServer(b, project);
    const users = (await (await sdk.get({ path: '/channels/presence-room/users' })).json()) as { users: { id: string }[] };
    expect(users.users.map((u) => u.id).sort()).toEqual(['u1', 'watcher']);
    const room = (await (await sdk.get({ path: '/channels/presence-room', params: { info: 'user_count,subscription_count' } })).json()) as Record<string, unknown>;
    expect(room).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
    const list = (await (await sdk.get({ path: '/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } })).json()) as Record<string, unknown>;
    expect(list).toEqual({ channels: { 'presence-room': { user_count: 2 } } });

    tabOnA.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    expect(removed).toEqual([]); // u1 still has a socket on node B
    tabOnB.disconnect();
    await expect.poll(() => removed).toEqual(['u1']);
    await new Promise((r) => setTimeout(r, 200));
    expect(added).toEqual(['u1']);
    expect(removed).toEqual(['u1']);
  });

  it(`admits exactly ${FREE.connections} connections of a Free project over three nodes, however they arrive`, async () => {
    const { project } = await signedInWithProject(a, 'limits@example.ru');
    const nodes = [a, b, c];
    const raws = Array.from({ length: FREE.connections + 30 }, (_, i) => rawClient(nodes[i % 3]!, project.key));
    const outcomes = await Promise.all(raws.map((r) => Promise.race([r.next('pusher:connection_established', 10_000).then(() => 'open' as const), r.closed.then((x) => x.code)])));
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(FREE.connections);
    expect(outcomes.filter((o) => o === 4004)).toHaveLength(30);
    expect(await a.t.deps.realtime.broker.connections(project.id)).toBe(FREE.connections);
    for (const r of raws) r.ws.close();
    await expect.poll(() => b.t.deps.realtime.broker.connections(project.id)).toBe(0);
  });

  it('gives back the slots and presence members of a node that vanished, announcing the members gone', async () => {
    const { project } = await signedInWithProject(a, 'reaping@example.ru');
    const doomed = await startAnotherNode(a);
    const broker = doomed.t.deps.realtime.broker as RedisBroker;
    await broker.ready();
    const watcher = client(a, project, { user_id: 'watcher' });
    await subscribed(watcher, 'presence-lobby');
    const removed: string[] = [];
    watcher.channel('presence-lobby').bind('pusher:member_removed', (m: { id: string }) => removed.push(m.id));
    const victim = client(doomed, project, { user_id: 'victim' });
    await subscribed(victim, 'presence-lobby');
    expect(await a.t.deps.realtime.broker.connections(project.id)).toBe(2);

    const vanishedAt = Date.now();
    broker.abandon(); // as kill -9 would: no goodbye, the heartbeat stops
    victim.disconnect();
    await expect.poll(() => removed, { timeout: 5 * TTL_MS }).toEqual(['victim']);
    expect(Date.now() - vanishedAt).toBeLessThan(3 * TTL_MS);
    expect(await a.t.deps.realtime.broker.connections(project.id)).toBe(1);
    expect((await a.t.deps.realtime.broker.members(project.id, 'presence-lobby')).map((m) => m.userId)).toEqual(['watcher']);
    await doomed.close();
  });

  it('closes a project on every node when it is deleted', async () => {
    const { s, project } = await signedInWithProject(a, 'delete@example.ru');
    const onB = rawClient(b, project.key);
    const onC = rawClient(c, project.key);
    await Promise.all([onB.next('pusher:connection_established'), onC.next('pusher:connection_established')]);
    // The sessions' log rows written first: the deletion is about the sockets, not that race.
    await Promise.all([b, c].map((n) => n.realtime.settled()));
    expect((await s.request('DELETE', `/api/realtime/projects/${project.id}`)).status).toBe(204);
    expect((await onB.closed).code).toBe(4001);
    expect((await onC.closed).code).toBe(4001);
  });

  it('applies a cache invalidation made on one node on every other node, once', async () => {
    const heard = { a: [] as string[], b: [] as string[], c: [] as string[] };
    for (const [name, node] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const)
      node.t.deps.invalidations.onApply((i) => heard[name].push(`${i.scope}:${i.id}`));
    a.t.deps.invalidations.site('site_changed');
    c.t.deps.invalidations.account('acc_changed');
    await expect.poll(() => [heard.a, heard.b, heard.c].map((h) => h.length)).toEqual([2, 2, 2]);
    await new Promise((r) => setTimeout(r, 100));
    for (const h of Object.values(heard)) expect(h.sort()).toEqual(['account:acc_changed', 'site:site_changed']);
  });

  it('connects pusher-js on every node', async () => {
    const { project } = await signedInWithProject(a, 'connect@example.ru');
    await Promise.all([a, b, c].map((n) => connected(client(n, project))));
  });
});
