// Three server processes (the built server) on one PostgreSQL database and one Redis, under a key
// prefix of this run's own: pusher-js clients on different nodes and publishes through the
// official SDK to a third; presence across nodes; exact connection and message limits with 200
// concurrent clients spread over the nodes; a rate limit kept in Redis holding for the sum of two
// nodes; 200 concurrent beacons ending exactly at the impression cap; a node paused (SIGSTOP) past
// its heartbeat TTL, reaped, and sane once continued; kill -9 of one node mid-run, whose connection
// slots and presence members come back (the members' removal announced) and whose acknowledged
// leads are all stored. Runs in the postgres
// project (tests/cluster/); skips, saying so, without Redis.
import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import PusherServer from 'pusher';
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openPgStore, type PgStore } from '../../server/src/platform/db/pg-store.js';
import { REALTIME_TARIFFS } from '../../server/src/platform/tariffs/realtime-catalogue.js';
import { utcDay } from '../../server/src/platform/tariffs/realtime-policy.js';
import { bannerWidgetInput, formWidgetInput } from '../../server/src/testing/harness.js';
import { dropRedisPrefix, testRedisPrefix, testRedisUrl } from '../../server/src/testing/redis.js';
import { authedInit, signedInFrom } from '../../server/src/testing/signed-in.js';
import { pusherClient, subscribed } from '../support/pusher.js';
import { BROWSER_UA, concurrentImpressions, createClusterDatabase, fetchFrom, ORIGIN, seventyBelowTheCap, startNode, type ClusterDatabase, type Node } from './nodes.js';

const REDIS = testRedisUrl();
/** A silent node is presumed dead after this: the test waits for the reaping within a few of these. */
const NODE_TTL_MS = 1500;
const FREE = REALTIME_TARIFFS.rt_free.limits;

interface Project {
  id: string;
  appId: string;
  key: string;
  secret: string;
}

describe.skipIf(!REDIS)('three server processes on one PostgreSQL database and one Redis', () => {
  const prefix = testRedisPrefix();
  let db: ClusterDatabase;
  let store: PgStore;
  let nodes: Node[];
  const clients: Pusher[] = [];
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    db = await createClusterDatabase();
    store = await openPgStore(db.url, { poolSize: 4 });
    const env = {
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: REDIS!,
      REDIS_PREFIX: prefix,
      REDIS_NODE_TTL_MS: String(NODE_TTL_MS),
      INTEGRATIONS_KEY: 'b'.repeat(64),
      // TRUST_PROXY off (the dev outbox, holding the sign-in codes, answers only then): every client
      // is 127.0.0.1, so the per-address limits are set out of the way.
      LEAD_RATE_PER_IP_PER_MINUTE: '100000',
      EVENTS_RATE_PER_IP_PER_MINUTE: '100000',
      LEAD_RATE_PER_WIDGET_PER_MINUTE: '100000',
      LEAD_MIN_FILL_MS: '1000',
      // All test clients come from one address.
      REALTIME_SOCKETS_PER_IP: '10000',
      REALTIME_CONNECTS_PER_IP_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    };
    nodes = await Promise.all(['a', 'b', 'c'].map((n) => startNode(`redis-${n}`, env)));
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    for (const s of sockets) s.terminate();
    await Promise.all((nodes ?? []).map((n) => n.stop()));
    await store?.close();
    await db?.drop();
    await dropRedisPrefix(REDIS!, prefix);
  }, 60_000);

  let ipCounter = 1;
  const freshIp = () => `10.88.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const port = (n: Node) => Number(new URL(n.url).port);

  async function signIn(email: string) {
    const ip = freshIp();
    const post = (n: Node, path: string, body: unknown) =>
      fetch(`${n.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });
    expect((await post(nodes[0]!, '/api/auth/code', { email, consent: true })).status).toBe(200);
    // Mail leaves through a queue that any node's worker may send: look in every dev outbox.
    const mailed = async () =>
      (await Promise.all(nodes.map(async (n) => ((await (await fetch(`${n.url}/dev/outbox.json`)).json()) as { mails: { to: string; text: string }[] }).mails))).flat().find((m) => m.to === email);
    await expect.poll(mailed, { timeout: 10_000 }).toBeTruthy();
    const code = (await mailed())!.text.match(/\b(\d{6})\b/)![1];
    const res = await post(nodes[1]!, '/api/auth/verify', { email, code });
    expect(res.status).toBe(200);
    const signed = await signedInFrom(res);
    return {
      accountId: signed.accountId,
      request: (n: Node, method: string, path: string, body?: unknown) => fetch(`${n.url}${path}`, authedInit(signed, method, body, { 'x-forwarded-for': ip })),
    };
  }
  type Session = Awaited<ReturnType<typeof signIn>>;

  async function createProject(s: Session): Promise<Project> {
    const res = await s.request(nodes[1]!, 'POST', '/api/realtime/projects', { name: 'Feed' });
    expect(res.status).toBe(201);
    const json = (await res.json()) as { project: { id: string; connection: { appId: string; key: string } }; secret: string };
    return { id: json.project.id, appId: json.project.connection.appId, key: json.project.connection.key, secret: json.secret };
  }
  const sdk = (n: Node, p: Project) => new PusherServer({ appId: p.appId, key: p.key, secret: p.secret, host: '127.0.0.1', port: String(port(n)), useTLS: false });
  const connectionsNow = async (s: Session, p: Project) =>
    ((await (await s.request(nodes[0]!, 'GET', `/api/realtime/projects/${p.id}`)).json()) as { usage: { connections: number } }).usage.connections;

  function pusherOn(n: Node, p: Project, presence?: { user_id: string }) {
    const client = pusherClient({ key: p.key, host: '127.0.0.1', port: port(n), useTLS: false }, sdk(n, p), presence);
    clients.push(client);
    return client;
  }

  /**
   * A bare socket (it never reconnects): 'open' with a subscription to `channel`, or its close
   * code; the frames it got; its close code whenever it closes. `auth` signs a private or presence
   * subscription for the socket id the server gave.
   */
  function rawSocket(n: Node, key: string, channel: string, auth?: (socketId: string) => { auth: string; channel_data?: string }) {
    const ws = new WebSocket(`ws://127.0.0.1:${port(n)}/app/${key}?protocol=7`);
    sockets.push(ws);
    const frames: { event: string; data?: string }[] = [];
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const outcome = new Promise<'open' | number>((resolve) => {
      ws.on('message', (raw) => {
        const f = JSON.parse(raw.toString()) as { event: string; data?: string };
        frames.push(f);
        if (f.event === 'pusher:connection_established') {
          const { socket_id } = JSON.parse(f.data!) as { socket_id: string };
          ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel, ...auth?.(socket_id) } }));
        }
        if (f.event === 'pusher_internal:subscription_succeeded') resolve('open');
      });
      void closed.then(resolve);
      ws.on('error', () => undefined);
    });
    return { ws, frames, outcome, closed };
  }

  it('delivers publishes made through the SDK on a third node to pusher-js clients on the other two, in order, with presence across nodes', async () => {
    const s = await signIn('fanout@example.ru');
    const p = await createProject(s);
    const ann = pusherOn(nodes[0]!, p, { user_id: 'ann' });
    const bob = pusherOn(nodes[1]!, p, { user_id: 'bob' });
    const annAgain = pusherOn(nodes[1]!, p, { user_id: 'ann' }); // a second tab, on another node
    await subscribed(ann, 'presence-room');
    await subscribed(bob, 'presence-room');
    const joined = await subscribed(annAgain, 'presence-room');
    expect(joined.count).toBe(2);
    const added: string[] = [];
    ann.channel('presence-room').bind('pusher:member_added', (m: { id: string }) => added.push(m.id));

    const got = new Map<Pusher, number[]>([
      [ann, []],
      [bob, []],
    ]);
    for (const [c, list] of got) c.channel('presence-room').bind('tick', (d: { i: number }) => list.push(d.i));
    const third = sdk(nodes[2]!, p);
    for (let i = 1; i <= 20; i++) await third.trigger('presence-room', 'tick', { i });
    const expected = Array.from({ length: 20 }, (_, i) => i + 1);
    await expect.poll(() => [...got.values()].map((l) => l.length), { timeout: 10_000 }).toEqual([20, 20]);
    for (const list of got.values()) expect(list).toEqual(expected);

    const users = (await (await third.get({ path: '/channels/presence-room/users' })).json()) as { users: { id: string }[] };
    expect(users.users.map((u) => u.id).sort()).toEqual(['ann', 'bob']);
    const room = (await (await third.get({ path: '/channels/presence-room', params: { info: 'subscription_count,user_count' } })).json()) as Record<string, unknown>;
    expect(room).toEqual({ occupied: true, subscription_count: 3, user_count: 2 });
    expect(added).toEqual([]); // ann's second tab is not a new member
  }, 60_000);

  it(`admits exactly ${FREE.connections} of 200 concurrent connections over the nodes, and exactly the day's remaining messages of 200 concurrent publishes, each delivered once`, async () => {
    const s = await signIn('limits@example.ru');
    const p = await createProject(s);
    const raws = Array.from({ length: 200 }, (_, i) => rawSocket(nodes[i % 3]!, p.key, 'ticks'));
    const outcomes = await Promise.all(raws.map((r) => r.outcome));
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(FREE.connections);
    expect(outcomes.filter((o) => o === 4004)).toHaveLength(200 - FREE.connections);
    expect(await connectionsNow(s, p)).toBe(FREE.connections);

    const remaining = 37;
    const { realtimeUsageDaily } = store.tables;
    const day = utcDay(Date.now());
    const used = { messages: FREE.messagesPerDay - remaining, notifiedPercent: 100 };
    // The connects above created the day's row already.
    await store.db
      .insert(realtimeUsageDaily)
      .values({ projectId: p.id, day, ...used })
      .onConflictDoUpdate({ target: [realtimeUsageDaily.projectId, realtimeUsageDaily.day], set: used });
    const sdks = nodes.map((n) => sdk(n, p));
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => sdks[i % 3]!.trigger('ticks', 'tick', { i })));
    const accepted = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(accepted).toHaveLength(remaining);
    expect(new Set(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { status: number }).status] : [])))).toEqual(new Set([429]));

    const open = raws.filter((_, i) => outcomes[i] === 'open');
    const ticks = (r: (typeof raws)[number]) => r.frames.filter((f) => f.event === 'tick').map((f) => (JSON.parse(f.data!) as { i: number }).i);
    await expect.poll(() => open.every((r) => ticks(r).length >= remaining), { timeout: 10_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    for (const r of open) expect(ticks(r).sort((x, y) => x - y)).toEqual(accepted);

    for (const r of raws) r.ws.close();
    await expect.poll(() => connectionsNow(s, p), { timeout: 10_000 }).toBe(0);
  }, 90_000);

  it('holds a rate limit kept in Redis for the sum of the requests through two nodes, not per node', async () => {
    // Sign-in codes: 30 per address per hour (LOGIN_CODES_PER_IP_PER_HOUR), from one loopback
    // address of this test's own, alternating between two nodes, all at once.
    const ip = '127.66.0.1';
    const asks = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetchFrom(ip, `${nodes[i % 2]!.url}/api/auth/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `rate${i}@example.ru`, consent: true }) }),
      ),
    );
    const byNode = [0, 1].map((n) => asks.filter((r, i) => i % 2 === n && r.status === 200).length);
    // Each node alone would have let all 20 of its own through.
    expect(byNode[0]! + byNode[1]!).toBe(30);
    expect(Math.min(...byNode)).toBeGreaterThan(0);
    expect(asks.filter((r) => r.status === 429)).toHaveLength(10);
    for (const r of asks.filter((x) => x.status === 429)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    // The count lives in Redis (under this run's prefix), not in the database's fallback counter.
    const redis = new Redis(REDIS!);
    try {
      // Keys hold a hash of the address (rate-limits.ts); every one of the 40 requests was counted there.
      const keys = await redis.keys(`${prefix}rl:sign-in-codes-per-ip*${createHash('sha256').update(ip).digest('hex').slice(0, 32)}*`);
      expect(keys).toHaveLength(1);
      expect(await redis.get(keys[0]!)).toBe('40');
    } finally {
      redis.disconnect();
    }
    expect(await store.db.select().from(store.tables.rateLimits)).toEqual([]);
  }, 60_000);

  it('ends exactly at the impression cap with 200 concurrent beacons spread over the nodes', async () => {
    const s = await signIn('views@example.ru');
    const site = (await (await s.request(nodes[2]!, 'POST', '/api/sites', { name: 'Shop', domains: ['shop.example.ru'] })).json()) as { id: string; siteKey: string };
    const widget = (await (await s.request(nodes[0]!, 'POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as { id: string };
    const periodImpressions = await seventyBelowTheCap(store, s.accountId);
    const accepted = await concurrentImpressions(
      (i, init) => fetch(`${nodes[i % 3]!.url}/v1/events`, { ...init, headers: { ...init.headers, 'x-forwarded-for': freshIp() } }),
      site.siteKey,
      widget.id,
    );
    expect(accepted).toBe(70);
    expect(await periodImpressions()).toBe(10_000);
  }, 60_000);

  it('reaps a node paused (SIGSTOP) past its heartbeat TTL, and once continued the node closes its stale sockets with 4200 and counts only what reconnects', async () => {
    const s = await signIn('pause@example.ru');
    const p = await createProject(s);
    const [awake, sleeper] = [nodes[0]!, nodes[1]!];
    const room = 'presence-pause';
    const members = async () => ((await (await sdk(awake, p).get({ path: `/channels/${room}/users` })).json()) as { users: { id: string }[] }).users.map((u) => u.id).sort();
    const occupancy = async () => (await (await sdk(awake, p).get({ path: `/channels/${room}`, params: { info: 'subscription_count,user_count' } })).json()) as Record<string, unknown>;

    const watcher = pusherOn(awake, p, { user_id: 'watcher' });
    await subscribed(watcher, room);
    const added: string[] = [];
    const removed: string[] = [];
    watcher.channel(room).bind('pusher:member_added', (m: { id: string }) => added.push(m.id));
    watcher.channel(room).bind('pusher:member_removed', (m: { id: string }) => removed.push(m.id));
    // 'both' has a socket on each node: the paused node's going must not make it leave.
    await subscribed(pusherOn(awake, p, { user_id: 'both' }), room);
    const bothThere = rawSocket(sleeper, p.key, room, (socketId) => sdk(sleeper, p).authorizeChannel(socketId, room, { user_id: 'both' }));
    // pusher-js reconnects after 4200; the bare sockets do not, so what they leave behind shows.
    const napper = pusherOn(sleeper, p, { user_id: 'napper' });
    await subscribed(napper, room);
    const plain = rawSocket(sleeper, p.key, 'news');
    expect([await bothThere.outcome, await plain.outcome]).toEqual(['open', 'open']);
    await expect.poll(() => added.sort()).toEqual(['both', 'napper']);
    expect(await connectionsNow(s, p)).toBe(5);

    // A client that answers the node's closing handshake late (a phone on a bad network): its socket
    // closes on the node only after the node has joined again under its new id. Our end stops
    // reading until the rest is checked.
    const lateClient = (bothThere.ws as unknown as { _socket: Socket })._socket;
    sleeper.pause();
    lateClient.pause();
    try {
      await expect.poll(() => [...removed], { timeout: 6 * NODE_TTL_MS }).toEqual(['napper']);
      expect(await connectionsNow(s, p)).toBe(2);
      expect(await members()).toEqual(['both', 'watcher']);
      expect(await occupancy()).toEqual({ occupied: true, subscription_count: 2, user_count: 2 });
    } finally {
      sleeper.resume();
    }

    // Continued, the node learns from its next heartbeat that the cluster buried it: it joins again
    // under a new id and closes the sockets the others no longer count, which reconnect.
    expect(await Promise.race([plain.closed, new Promise((r) => setTimeout(() => r('still open'), 10_000))])).toBe(4200);
    await expect.poll(() => added.sort(), { timeout: 10_000 }).toEqual(['both', 'napper', 'napper']);
    await expect.poll(() => connectionsNow(s, p), { timeout: 5_000 }).toBe(3);
    expect(await members()).toEqual(['both', 'napper', 'watcher']);
    expect(await occupancy()).toEqual({ occupied: true, subscription_count: 3, user_count: 3 });
    expect((await fetch(`${sleeper.url}/readyz`)).status).toBe(200);
    // The late socket's close, under the node's new id, must not take 'both' out of the room again.
    lateClient.resume();
    expect(await bothThere.closed).toBe(4200);
    await new Promise((r) => setTimeout(r, 300));
    expect(removed).toEqual(['napper']);
    expect(await members()).toEqual(['both', 'napper', 'watcher']);
    expect(await occupancy()).toEqual({ occupied: true, subscription_count: 3, user_count: 3 });
    // Publishes through the continued node reach the awake one's subscribers, and back.
    const heard: string[] = [];
    napper.channel(room).bind('ping', (d: { from: string }) => heard.push(`napper:${d.from}`));
    watcher.channel(room).bind('ping', (d: { from: string }) => heard.push(`watcher:${d.from}`));
    await sdk(sleeper, p).trigger(room, 'ping', { from: 'sleeper' });
    await sdk(awake, p).trigger(room, 'ping', { from: 'awake' });
    await expect.poll(() => heard.sort()).toEqual(['napper:awake', 'napper:sleeper', 'watcher:awake', 'watcher:sleeper']);
    napper.disconnect();
    await expect.poll(() => connectionsNow(s, p), { timeout: 5_000 }).toBe(2);
  }, 90_000);

  it('gives back the slots and presence members of a node killed with kill -9, announcing them gone, and keeps every lead it acknowledged', async () => {
    const s = await signIn('kill@example.ru');
    const p = await createProject(s);
    const victim = nodes[2]!;
    const watcher = pusherOn(nodes[0]!, p, { user_id: 'watcher' });
    await subscribed(watcher, 'presence-lobby');
    const removed: string[] = [];
    watcher.channel('presence-lobby').bind('pusher:member_removed', (m: { id: string }) => removed.push(m.id));
    await subscribed(pusherOn(victim, p, { user_id: 'v1' }), 'presence-lobby');
    await subscribed(pusherOn(victim, p, { user_id: 'v2' }), 'presence-lobby');
    const extra = Array.from({ length: 10 }, () => rawSocket(victim, p.key, 'news'));
    expect(await Promise.all(extra.map((r) => r.outcome))).toEqual(Array(10).fill('open'));
    expect(await connectionsNow(s, p)).toBe(13);

    // Leads to the victim, acknowledged one by one while it is killed.
    const site = (await (await s.request(nodes[0]!, 'POST', '/api/sites', { name: 'Shop', domains: ['shop.example.ru'] })).json()) as { id: string; siteKey: string };
    const form = (await (await s.request(nodes[1]!, 'POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
    const acknowledged: string[] = [];
    const submit = async (i: number) => {
      const page = `${ORIGIN}/lead-${i}`;
      const res = await fetch(`${victim.url}/v1/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': freshIp() },
        body: JSON.stringify({ site: site.siteKey, widget: form.id, fields: { name: 'Иван Петров', phone: '+7 900 123-45-67' }, consent: true, elapsedMs: 4200, page }),
      }).catch(() => null);
      if (res?.status === 201) acknowledged.push(page);
    };
    const sending = (async () => {
      for (let i = 0; i < 400; i++) await Promise.all([submit(2 * i), submit(2 * i + 1)]);
    })();
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
    await victim.kill9();
    const killedAt = Date.now();
    await sending;
    nodes = nodes.slice(0, 2);

    await expect.poll(() => removed.sort(), { timeout: 6 * NODE_TTL_MS }).toEqual(['v1', 'v2']);
    // Reaped within a heartbeat TTL and a check interval (plus this machine's slack).
    expect(Date.now() - killedAt).toBeLessThan(4 * NODE_TTL_MS);
    expect(await connectionsNow(s, p)).toBe(1);
    const members = (await (await sdk(nodes[1]!, p).get({ path: '/channels/presence-lobby/users' })).json()) as { users: { id: string }[] };
    expect(members.users.map((u) => u.id)).toEqual(['watcher']);

    const { leads } = store.tables;
    const stored = await store.db.select({ pageUrl: leads.pageUrl }).from(leads).where(inArray(leads.pageUrl, acknowledged));
    expect(stored.map((l) => l.pageUrl).sort()).toEqual([...acknowledged].sort());
  }, 90_000);
});
