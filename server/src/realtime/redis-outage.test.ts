// Two nodes on a redis-server of this test's own, which the test kills and starts again: without
// Redis a node refuses new realtime connections and publishes with a clear error, keeps serving
// the dashboard from the database, and recovers by itself when Redis is back.
import { execFileSync } from 'node:child_process';
import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnRedis, testRedisPrefix, type OwnRedis } from '../testing/redis.js';
import { nextEvent, pusherClient, pusherServer, rawClient, signedInWithProject, startAnotherNode, startRealtimeApp, subscribed, type RealtimeTestApp } from '../testing/realtime.js';
import type { RedisBroker } from './redis-broker.js';

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasRedisServer) console.warn('\n  ⚠ redis-server is not installed: the Redis outage test is SKIPPED.\n');

describe.skipIf(!hasRedisServer)('when Redis goes away and comes back', () => {
  let redis: OwnRedis;
  let a: RealtimeTestApp;
  let b: RealtimeTestApp;
  const clients: Pusher[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    a = await startRealtimeApp({ env: { REDIS_URL: redis.url, REDIS_PREFIX: testRedisPrefix(), REDIS_NODE_TTL_MS: '1000' } });
    b = await startAnotherNode(a);
    await Promise.all([a, b].map((n) => (n.t.deps.realtime.broker as RedisBroker).ready()));
  });
  afterAll(async () => {
    for (const x of clients) x.disconnect();
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  it('refuses connections and publishes plainly, keeps the dashboard, and recovers', async () => {
    const { s, project } = await signedInWithProject(a, 'outage@example.ru');
    const sdk = pusherServer(a, project);
    const before = rawClient(b, project.key);
    await before.next('pusher:connection_established');

    await redis.stop();
    // The open socket is told to reconnect: what it joined is no longer shared.
    expect((await before.closed).code).toBe(4200);
    expect(a.t.deps.realtime.broker.available()).toBe(false);
    await expect(a.t.deps.realtime.broker.check()).rejects.toThrow(/Redis/);
    const ready = await a.t.app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toMatch(/redis/);

    const refused = rawClient(b, project.key);
    expect((await refused.closed).code).toBe(4100);
    expect(refused.frames.find((f) => f.event === 'pusher:error')?.data.message).toMatch(/unavailable/);

    const res = await sdk.trigger('news', 'flash', { n: 1 }).catch((e: { status: number; body: string; headers?: unknown }) => e);
    expect((res as { status: number }).status).toBe(503);
    expect(JSON.parse((res as { body: string }).body).error.code).toBe('realtime_unavailable');

    // The dashboard reads from the database: the project list answers, its live count from this node.
    const list = await s.request('GET', '/api/realtime/projects');
    expect(list.status).toBe(200);

    await redis.start();
    await Promise.all([a, b].map((n) => (n.t.deps.realtime.broker as RedisBroker).ready(10_000)));
    expect((await a.t.app.request('/readyz')).status).toBe(200);
    const onA = pusherClient(a, project);
    const onB = pusherClient(b, project);
    clients.push(onA, onB);
    await Promise.all([subscribed(onA, 'news'), subscribed(onB, 'news')]);
    const heard = Promise.all([nextEvent(onA, 'news', 'flash'), nextEvent(onB, 'news', 'flash')]);
    await sdk.trigger('news', 'flash', { n: 2 });
    expect((await heard).map((e) => e.data)).toEqual([{ n: 2 }, { n: 2 }]);
  });
});
