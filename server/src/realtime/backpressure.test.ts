// Backpressure: fan-out to a huge channel never blocks the event loop for long, keeps publish
// order, and a client that stops reading is cut off at the 1 MB send-buffer cap while the
// others on the channel go on receiving.
import type { Socket } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFanOut, SLICE_MS } from './fanout.js';
import { publishInternal } from './publish.js';
import { rawClient, signedInWithProject, startRealtimeApp, type RealtimeTestApp } from '../testing/realtime.js';

describe('chunked fan-out', () => {
  it('sends 200 000 deliveries in slices, lets timers run between them, and keeps the order', async () => {
    const fan = createFanOut();
    const received: string[] = [];
    const spin = () => {
      // ~1 µs of work per send, like a real ws.send of a small frame.
      let x = 0;
      for (let i = 0; i < 200; i++) x += i;
      return x;
    };
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      id: String(i),
      send: (f: Buffer) => {
        spin();
        if (i === 99_999) received.push(f.toString());
      },
    }));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    fan.enqueue(many, 'first');
    fan.enqueue(many, 'second');
    expect(fan.pending()).toBeGreaterThan(0); // not all sent synchronously
    while (fan.pending() > 0) await new Promise((r) => setImmediate(r));
    clearInterval(ticker);
    expect(received).toEqual(['first', 'second']);
    // Slices are sized by time, so a slice is at least about SLICE_MS long (not one send per
    // turn); how short the longest stays depends on the machine's load, which npm run bench
    // measures rather than this test.
    expect(fan.longestSliceMs()).toBeGreaterThanOrEqual(SLICE_MS * 0.5);
    expect(ticks).toBeGreaterThan(1); // timers ran while the fan-out was going on
  });

  it('skips the excluded recipient', async () => {
    const fan = createFanOut();
    const got: string[] = [];
    fan.enqueue(
      ['a', 'b', 'c'].map((id) => ({ id, send: () => got.push(id) })),
      'x',
      'b',
    );
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['a', 'c']);
  });

  it('sends deliveries that arrive together to each socket corked, in order, each with its own exclusion', async () => {
    const fan = createFanOut();
    const log: string[] = [];
    const targets = ['a', 'b'].map((id) => ({
      id,
      send: (f: Buffer) => log.push(`${id}:${f.toString()}`),
      cork: () => log.push(`${id}:cork`),
      uncork: () => log.push(`${id}:uncork`),
    }));
    fan.enqueue(targets, '1');
    fan.enqueue(targets, '2', 'a');
    fan.enqueue(targets.slice(0, 1), '3'); // another subscriber list: its own job, after the first
    fan.enqueue(targets, '4');
    expect(log).toEqual([]); // nothing inside enqueue: it leaves on the next loop turn
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['a:cork', 'a:1', 'a:uncork', 'b:cork', 'b:1', 'b:2', 'b:uncork', 'a:3', 'a:4', 'b:4']);
  });
});

describe('slow consumer', () => {
  let app: RealtimeTestApp;
  beforeAll(async () => {
    app = await startRealtimeApp();
  });
  afterAll(() => app.close());

  it('disconnects a client whose unread frames pass 1 MB; a reading client keeps receiving', async () => {
    const { project } = await signedInWithProject(app);
    const join = async () => {
      const c = rawClient(app, project.key);
      const socketId: string = (await c.next('pusher:connection_established')).data.socket_id;
      c.send({ event: 'pusher:subscribe', data: { channel: 'firehose' } });
      await c.next('pusher_internal:subscription_succeeded');
      return { c, socketId };
    };
    const slow = await join();
    const fast = await join();
    const hub = app.realtime.realtime.hub;
    // Stop reading: the kernel buffers fill, then the server's own queue grows.
    (slow.c.ws as unknown as { _socket: Socket })._socket.pause();
    const payload = 'x'.repeat(10 * 1024);
    let received = 0;
    fast.c.ws.on('message', () => received++);
    let sent = 0;
    while (sent < 5000 && hub.localSubscriberCount(project.id, 'firehose') === 2) {
      publishInternal(app.realtime.realtime, project.id, ['firehose'], 'blob', payload);
      if (++sent % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(hub.localSubscriberCount(project.id, 'firehose')).toBe(1);
    expect(sent).toBeLessThan(5000);
    const { realtimeConnectionLogs } = app.t.store.tables;
    const closeCode = async () => (await app.t.store.db.select().from(realtimeConnectionLogs).where(eq(realtimeConnectionLogs.socketId, slow.socketId)))[0]?.closeCode;
    for (let i = 0; i < 60 && (await closeCode()) == null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await closeCode()).toBe(4100);
    publishInternal(app.realtime.realtime, project.id, ['firehose'], 'after', '1');
    await fast.c.next('after', 5000);
    expect(received).toBeGreaterThan(50);
    fast.c.ws.close();
    slow.c.ws.terminate();
  });
});
