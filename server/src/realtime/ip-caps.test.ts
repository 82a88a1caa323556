// Per-address caps on realtime sockets: at most REALTIME_SOCKETS_PER_IP open to one app (a
// licensee's project, or the platform's own app of dashboards and chat) and at most
// REALTIME_CONNECTS_PER_IP_PER_MINUTE attempts; with Redis, the same caps over several nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRedisPrefix, testRedisPrefix, testRedisUrl } from '../testing/redis.js';
import { rawClient, signedInWithProject, startAnotherNode, startRealtimeApp, type RawClient, type RealtimeTestApp } from '../testing/realtime.js';
import { INTERNAL_APP_KEY } from './internal.js';
import type { RedisBroker } from './redis-broker.js';

const outcome = (c: RawClient) => Promise.race([c.next('pusher:connection_established', 5000).then(() => 'open' as const), c.closed.then((x) => x.code)]);
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('one node', () => {
  let app: RealtimeTestApp;
  beforeAll(async () => {
    app = await startRealtimeApp({ env: { REALTIME_SOCKETS_PER_IP: '3', REALTIME_CONNECTS_PER_IP_PER_MINUTE: '8' } });
  });
  afterAll(() => app.close());

  it('lets one address hold at most REALTIME_SOCKETS_PER_IP sockets on the platform app and on a project, others unaffected', async () => {
    const { project } = await signedInWithProject(app, 'ipcap@example.ru');
    for (const key of [INTERNAL_APP_KEY, project.key]) {
      const mine = Array.from({ length: 4 }, () => rawClient(app, key, 'protocol=7', from('10.1.1.1')));
      const outcomes = await Promise.all(mine.map(outcome));
      expect(outcomes.filter((o) => o === 'open')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 4100)).toHaveLength(1);
      const refused = mine[outcomes.indexOf(4100)]!;
      expect(refused.frames.find((f) => f.event === 'pusher:error')?.data.message).toMatch(/Too many open connections from this address/);
      expect(await outcome(rawClient(app, key, 'protocol=7', from('10.1.1.2')))).toBe('open');
      const one = mine[outcomes.indexOf('open')]!;
      const open = app.realtime.connections();
      one.ws.close();
      await one.closed;
      await expect.poll(() => app.realtime.connections()).toBeLessThan(open); // its close handler has released the slot
      const again = rawClient(app, key, 'protocol=7', from('10.1.1.1'));
      expect(await outcome(again)).toBe('open');
      for (const c of [...mine, again]) c.ws.close();
    }
  });

  it('gives the address slot back after each refusal, whether the project was read from the database or from the node cache', async () => {
    const { s, project } = await signedInWithProject(app, 'refusals@example.ru');
    // A write to the project: the next connect reads it from the database, the ones after it from the cache.
    expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, { allowedOrigins: ['https://shop.example.ru'] })).status).toBe(200);
    const attempt = (origin: string) => rawClient(app, project.key, 'protocol=7', { ...from('10.1.3.1'), origin });
    for (let i = 0; i < 5; i++) {
      const refused = attempt('https://evil.example.com');
      expect(await outcome(refused)).toBe(4009);
      expect(refused.frames.map((f) => [f.event, f.data.code])).toEqual([['pusher:error', 4009]]);
    }
    // Five refusals from an address that may hold three sockets: all three still open.
    const held = Array.from({ length: 3 }, () => attempt('https://shop.example.ru'));
    expect(await Promise.all(held.map(outcome))).toEqual(['open', 'open', 'open']);
    for (const c of held) c.ws.close();
  });

  it('refuses connection attempts past the per-minute allowance with the wait, until the window turns', async () => {
    const attempts: (number | 'open')[] = [];
    for (let i = 0; i < 9; i++) {
      const c = rawClient(app, INTERNAL_APP_KEY, 'protocol=7', from('10.1.2.1'));
      attempts.push(await outcome(c));
      c.ws.close();
      await c.closed;
    }
    expect(attempts.slice(0, 8).every((o) => o === 'open')).toBe(true);
    expect(attempts[8]).toBe(4100);
    app.t.clock.advance(60_000);
    const later = rawClient(app, INTERNAL_APP_KEY, 'protocol=7', from('10.1.2.1'));
    expect(await outcome(later)).toBe('open');
    later.ws.close();
  });
});

const REDIS = testRedisUrl();
describe.skipIf(!REDIS)('two nodes on Redis', () => {
  const prefix = testRedisPrefix();
  let a: RealtimeTestApp;
  let b: RealtimeTestApp;
  beforeAll(async () => {
    a = await startRealtimeApp({ env: { REDIS_URL: REDIS!, REDIS_PREFIX: prefix, REALTIME_SOCKETS_PER_IP: '5', REALTIME_CONNECTS_PER_IP_PER_MINUTE: '1000' } });
    b = await startAnotherNode(a);
    await Promise.all([a, b].map((n) => (n.t.deps.realtime.broker as RedisBroker).ready()));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await dropRedisPrefix(REDIS!, prefix);
  });

  it('holds the per-address cap exactly over both nodes', async () => {
    const clients = Array.from({ length: 12 }, (_, i) => rawClient(i % 2 ? b : a, INTERNAL_APP_KEY, 'protocol=7', from('10.2.0.1')));
    const outcomes = await Promise.all(clients.map(outcome));
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(5);
    for (const c of clients) c.ws.close();
  });
});
