// The realtime project cache (project-cache.ts): on its own (lifetime on both clocks, LRU eviction,
// invalidation by account, reads overtaken by an invalidation), then in the app: every write that
// changes what the lookup returns reaches the next connect or publish at once, although the
// project was read (and cached) just before; and on two nodes, through the Redis relay.
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, DAY } from '../platform/lib/clock.js';
import { createInvalidations } from '../platform/lib/invalidations.js';
import { signIn, type Session } from '../testing/harness.js';
import { dropRedisPrefix, testRedisPrefix, testRedisUrl } from '../testing/redis.js';
import {
  connected,
  createProject,
  pusherClient,
  pusherServer,
  rawClient,
  signedInWithProject,
  startAnotherNode,
  startRealtimeApp,
  type CreatedProject,
  type RealtimeTestApp,
} from '../testing/realtime.js';
import { createProjectCache, type ProjectLookupBy, type StoredProject } from './project-cache.js';
import type { ProjectRow } from './projects.js';
import type { RedisBroker } from './redis-broker.js';

describe('realtime project cache', () => {
  const stored = (id: string, accountId: string): StoredProject => ({ project: { id, accountId, key: `key_${id}` } as ProjectRow, accountBlocked: false });
  /** A reader over a table of projects, counting its reads. */
  const reader = (projects: Record<string, StoredProject>) => {
    const reads: string[] = [];
    const read = async (by: ProjectLookupBy, value: string) => {
      reads.push(`${by}:${value}`);
      return projects[value];
    };
    return { read, reads };
  };

  it('reads a project once, then serves it for its lifetime on the injected clock', async () => {
    const clock = createManualClock();
    const db = reader({ p1: stored('p1', 'a1') });
    const cache = createProjectCache(db.read, clock, createInvalidations(), { ttlMs: 1000 });
    expect((await cache.read('id', 'p1'))?.project.id).toBe('p1');
    clock.advance(999);
    await cache.read('id', 'p1');
    expect(db.reads).toEqual(['id:p1']);
    clock.advance(1);
    await cache.read('id', 'p1');
    expect(db.reads).toEqual(['id:p1', 'id:p1']);
  });

  it('keeps each way of asking (id, app id, key) apart, and no unknown key', async () => {
    const db = reader({ p1: stored('p1', 'a1') });
    const cache = createProjectCache(db.read, createManualClock(), createInvalidations());
    await cache.read('id', 'p1');
    await cache.read('key', 'p1');
    expect(await cache.read('id', 'nope')).toBeUndefined();
    expect(await cache.read('id', 'nope')).toBeUndefined();
    expect(db.reads).toEqual(['id:p1', 'key:p1', 'id:nope', 'id:nope']);
    expect(cache.size).toBe(2);
  });

  it('peek answers only from what is held, never reads, and holds nothing new', async () => {
    const clock = createManualClock();
    const invalidations = createInvalidations();
    const db = reader({ p1: stored('p1', 'a1') });
    const cache = createProjectCache(db.read, clock, invalidations, { ttlMs: 1000 });
    expect(cache.peek('key', 'p1')).toBeUndefined();
    await cache.read('key', 'p1');
    expect(cache.peek('key', 'p1')?.project.id).toBe('p1');
    expect(cache.peek('id', 'p1')).toBeUndefined();
    clock.advance(1000);
    expect(cache.peek('key', 'p1')).toBeUndefined();
    await cache.read('key', 'p1');
    invalidations.account('a1');
    expect(cache.peek('key', 'p1')).toBeUndefined();
    expect(db.reads).toEqual(['key:p1', 'key:p1']);
  });

  it('evicts the least recently used project when full', async () => {
    const db = reader({ p1: stored('p1', 'a1'), p2: stored('p2', 'a1'), p3: stored('p3', 'a2') });
    const cache = createProjectCache(db.read, createManualClock(), createInvalidations(), { maxEntries: 2 });
    await cache.read('id', 'p1');
    await cache.read('id', 'p2');
    await cache.read('id', 'p1'); // p2 is now the least recently used
    await cache.read('id', 'p3');
    expect(cache.size).toBe(2);
    db.reads.length = 0;
    await cache.read('id', 'p1');
    await cache.read('id', 'p3');
    await cache.read('id', 'p2');
    expect(db.reads).toEqual(['id:p2']);
  });

  it("forgets every project of an invalidated account and keeps the others'; a site's invalidation changes nothing", async () => {
    const invalidations = createInvalidations();
    const db = reader({ p1: stored('p1', 'a1'), p2: stored('p2', 'a1'), p3: stored('p3', 'a2') });
    const cache = createProjectCache(db.read, createManualClock(), invalidations);
    for (const id of ['p1', 'p2', 'p3']) await cache.read('id', id);
    invalidations.site('p1');
    expect(cache.size).toBe(3);
    invalidations.account('a1');
    expect(cache.size).toBe(1);
    db.reads.length = 0;
    for (const id of ['p1', 'p2', 'p3']) await cache.read('id', id);
    expect(db.reads).toEqual(['id:p1', 'id:p2']);
  });

  it('answers but does not keep a read that an invalidation overtook', async () => {
    const invalidations = createInvalidations();
    let release!: () => void;
    const reads: string[] = [];
    const slow = async (_by: ProjectLookupBy, value: string) => {
      reads.push(value);
      if (reads.length === 1) await new Promise<void>((r) => (release = r));
      return stored(value, 'a1');
    };
    const cache = createProjectCache(slow, createManualClock(), invalidations);
    const first = cache.read('id', 'p1');
    await Promise.resolve();
    invalidations.account('a1'); // committed while the first read was under way
    release();
    expect((await first)?.project.id).toBe('p1');
    expect(cache.size).toBe(0);
    await cache.read('id', 'p1');
    await cache.read('id', 'p1');
    expect(reads).toEqual(['p1', 'p1']);
  });
});

/** 0 when the connection is established, else the code of the error frame that refused it. */
async function connectCode(app: RealtimeTestApp, key: string, headers: Record<string, string> = {}): Promise<number> {
  const c = rawClient(app, key, 'protocol=7', headers);
  try {
    await expect.poll(() => c.frames.some((f) => f.event === 'pusher:connection_established' || f.event === 'pusher:error')).toBe(true);
    const error = c.frames.find((f) => f.event === 'pusher:error');
    return error ? (error.data.code as number) : 0;
  } finally {
    c.ws.close();
  }
}

const publishStatus = (app: RealtimeTestApp, p: CreatedProject) =>
  pusherServer(app, p)
    .trigger('c', 'e', {})
    .then((r) => r.status)
    .catch((e: { status: number }) => e.status);

describe('every write that changes a realtime project reaches the next connect at once', () => {
  let app: RealtimeTestApp;
  beforeAll(async () => {
    app = await startRealtimeApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
  });
  afterAll(() => app.close());
  /** Signed in anew by each test: one of them moves the clock past a session's life. */
  const operator = () => signIn(app.t, 'ops@widgetry.test');

  it('allowed origins', async () => {
    const { s, project } = await signedInWithProject(app, 'origins@example.ru');
    const evil = { origin: 'https://evil.example.com' };
    expect(await connectCode(app, project.key, evil)).toBe(0);
    expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, { allowedOrigins: ['https://shop.example.ru'] })).status).toBe(200);
    expect(await connectCode(app, project.key, evil)).toBe(4009);
    expect(await connectCode(app, project.key, { origin: 'https://shop.example.ru' })).toBe(0);
    expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, { allowedOrigins: [] })).status).toBe(200);
    expect(await connectCode(app, project.key, evil)).toBe(0);
  });

  it("the project's block by the operator closes its sockets at once and refuses new ones; the unblock lets them in", async () => {
    const { project } = await signedInWithProject(app, 'project-block@example.ru');
    const ops = await operator();
    const open = rawClient(app, project.key);
    await open.next('pusher:connection_established');
    expect((await ops.request('POST', `/api/admin/realtime/projects/${project.id}/block`, { reason: 'abuse report' })).status).toBe(200);
    expect((await open.closed).code).toBe(4003);
    expect(await connectCode(app, project.key)).toBe(4003);
    expect(await publishStatus(app, project)).toBe(403);
    expect((await ops.request('POST', `/api/admin/realtime/projects/${project.id}/unblock`)).status).toBe(200);
    expect(await connectCode(app, project.key)).toBe(0);
    expect(await publishStatus(app, project)).toBe(200);
  });

  it("the account's block by the operator closes its sockets at once and refuses new ones, and its lifting", async () => {
    const { s, project } = await signedInWithProject(app, 'account-block@example.ru');
    const ops = await operator();
    const open = rawClient(app, project.key);
    await open.next('pusher:connection_established');
    expect((await ops.request('PUT', `/api/admin/accounts/${s.accountId}/block`, { blocked: true, reason: 'abuse report' })).status).toBe(200);
    expect((await open.closed).code).toBe(4003);
    expect(await connectCode(app, project.key)).toBe(4003);
    expect((await ops.request('PUT', `/api/admin/accounts/${s.accountId}/block`, { blocked: false })).status).toBe(200);
    expect(await connectCode(app, project.key)).toBe(0);
  });

  it("the secret's rotation: the API takes the new secret at once and no longer the old", async () => {
    const { s, project } = await signedInWithProject(app, 'rotation@example.ru');
    expect(await publishStatus(app, project)).toBe(200);
    const res = await s.request('POST', `/api/realtime/projects/${project.id}/secret`);
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect(await publishStatus(app, project)).toBe(401);
    expect(await publishStatus(app, { ...project, secret })).toBe(200);
  });

  it('a payment opens a project at once, its end closes it on the clock (no write), and the switch to Free opens it again', async () => {
    const s = await signIn(app.t, 'period@example.ru');
    const ops = await operator();
    const project = await createProject(s, { name: 'Paid', tariffId: 'rt_start' });
    expect(await connectCode(app, project.key)).toBe(4003);
    const payment = (await (await s.request('POST', `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_start', months: 1 })).json()) as { id: string };
    expect((await ops.request('POST', `/api/admin/billing/payments/${payment.id}/mark-paid`)).status).toBe(200);
    expect(await connectCode(app, project.key)).toBe(0);
    app.t.clock.advance(32 * DAY);
    expect(await connectCode(app, project.key)).toBe(4003);
    const later = await signIn(app.t, 'period@example.ru'); // the first session has expired meanwhile
    expect((await later.request('PUT', `/api/realtime/projects/${project.id}/tariff`, { tariffId: 'rt_free' })).status).toBe(200);
    expect(await connectCode(app, project.key)).toBe(0);
  });

  it("the project's deletion, and the account's, which closes its open sockets at once", async () => {
    const { s, project } = await signedInWithProject(app, 'deletion@example.ru');
    expect(await connectCode(app, project.key)).toBe(0);
    expect((await s.request('DELETE', `/api/realtime/projects/${project.id}`)).status).toBe(204);
    expect(await connectCode(app, project.key)).toBe(4001);
    const second = await createProject(s);
    const open = rawClient(app, second.key);
    await open.next('pusher:connection_established');
    expect((await s.request('DELETE', '/api/me', { confirmEmail: 'deletion@example.ru' })).status).toBe(204);
    expect((await open.closed).code).toBe(4001);
    expect(await connectCode(app, second.key)).toBe(4001);
  });
});

const REDIS = testRedisUrl();

describe.skipIf(!REDIS)('the project cache on two nodes sharing a Redis', () => {
  const prefix = testRedisPrefix();
  let a: RealtimeTestApp;
  let b: RealtimeTestApp;
  let ops: Session;
  const clients: Pusher[] = [];
  beforeAll(async () => {
    a = await startRealtimeApp({ env: { REDIS_URL: REDIS!, REDIS_PREFIX: prefix, OPERATOR_EMAILS: 'ops@widgetry.test' } });
    b = await startAnotherNode(a);
    ops = await signIn(a.t, 'ops@widgetry.test');
    await Promise.all([a, b].map((n) => (n.t.deps.realtime.broker as RedisBroker).ready()));
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await b.close();
    await a.close();
    await dropRedisPrefix(REDIS!, prefix);
  });

  it("a change made through one node reaches the other node's cache", async () => {
    const { s, project } = await signedInWithProject(a, 'two-nodes@example.ru');
    const evil = { origin: 'https://evil.example.com' };
    expect(await connectCode(b, project.key, evil)).toBe(0);
    expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, { allowedOrigins: ['https://shop.example.ru'] })).status).toBe(200);
    // The relay is a Redis channel: a few milliseconds.
    await expect.poll(() => connectCode(b, project.key, evil)).toBe(4009);
    const onB = pusherClient(b, project);
    clients.push(onB);
    await connected(onB);
    expect((await ops.request('POST', `/api/admin/realtime/projects/${project.id}/block`, { reason: 'abuse report' })).status).toBe(200);
    await expect.poll(() => onB.connection.state).not.toBe('connected');
    await expect.poll(() => connectCode(b, project.key, { origin: 'https://shop.example.ru' })).toBe(4003);
  });

  it("an account's block through one node closes its sockets on the other at once", async () => {
    const { s, project } = await signedInWithProject(a, 'two-nodes-account@example.ru');
    const onB = rawClient(b, project.key);
    await onB.next('pusher:connection_established');
    expect((await ops.request('PUT', `/api/admin/accounts/${s.accountId}/block`, { blocked: true, reason: 'abuse report' })).status).toBe(200);
    expect((await onB.closed).code).toBe(4003);
  });
});
