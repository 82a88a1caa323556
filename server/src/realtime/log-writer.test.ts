// The batched realtime log writer on its own, on both engines: nothing is written until the
// interval ends (or the buffer is full), then everything queued goes in one transaction — a
// close still queued completes its open row, the day's counters add up, and a second close
// after a written open updates that row (closes of written rows go in chunks, like opens).
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/lib/logger.js';
import { insertRealtimeProjectRow } from '../testing/realtime-project-row.js';
import { openTestStore, type TestStore } from '../testing/test-store.js';
import { createRealtimeLogWriter } from './log-writer.js';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
  // The day's counters belong to a project (foreign key).
  await insertRealtimeProjectRow(t.store);
});
afterEach(() => t.cleanup());

const open = (socketId: string, at: number) => ({ socketId, projectId: 'prj_1', accountId: 'acc_1', ip: '203.0.113.7', userAgent: 'UA', origin: null, connectedAt: at });
const message = (n: number) => ({
  projectId: 'prj_1',
  accountId: 'acc_1',
  at: n,
  source: 'api' as const,
  event: `e${n}`,
  channels: ['c'],
  socketId: null,
  ip: null,
  recipients: 1,
  payloadBytes: 2,
  payload: '{}',
});

describe('realtime log writer', () => {
  it('writes a batch of opens whose size is no multiple of the prepared sizes: every row, each with its own values', async () => {
    const { realtimeConnectionLogs } = t.store.tables;
    const logs = createRealtimeLogWriter(t.store, createLogger('silent'), { flushMs: 60_000 });
    // 123 = 100 + 2 × 10 + 3 × 1: each prepared insert size is used.
    for (let i = 0; i < 123; i++) logs.opened({ ...open(`9.${i}`, 1000 + i), origin: i % 2 ? `https://s${i}.ru` : null }, '2026-11-01', 1);
    await logs.flush();
    const rows = await t.store.db.select().from(realtimeConnectionLogs);
    expect(rows).toHaveLength(123);
    for (const r of rows) {
      const i = Number(r.socketId.slice(2));
      expect([r.connectedAt, r.origin, r.projectId, r.disconnectedAt]).toEqual([1000 + i, i % 2 ? `https://s${i}.ru` : null, 'prj_1', null]);
    }
  });

  it('closes a batch of written sessions whose size is no multiple of the prepared sizes: each row gets its own time and code, the others none', async () => {
    const { realtimeConnectionLogs } = t.store.tables;
    const logs = createRealtimeLogWriter(t.store, createLogger('silent'), { flushMs: 60_000 });
    for (let i = 0; i < 130; i++) logs.opened(open(`9.${i}`, 1000 + i), '2026-11-01', 1);
    await logs.flush();
    // 123 = 100 + 2 × 10 + 3 × 1 closes: each prepared update size is used; 7 sessions stay open.
    for (let i = 0; i < 123; i++) logs.closed(`9.${i}`, 5000 + i, 4000 + (i % 7));
    await logs.flush();
    const rows = await t.store.db.select().from(realtimeConnectionLogs);
    expect(rows).toHaveLength(130);
    for (const r of rows) {
      const i = Number(r.socketId.slice(2));
      expect([r.connectedAt, r.disconnectedAt, r.closeCode]).toEqual(i < 123 ? [1000 + i, 5000 + i, 4000 + (i % 7)] : [1000 + i, null, null]);
    }
  });

  it('writes a batch of messages whose size is no multiple of the prepared sizes: every row, each with its own values, in order', async () => {
    const { realtimeMessageLogs } = t.store.tables;
    const logs = createRealtimeLogWriter(t.store, createLogger('silent'), { flushMs: 60_000 });
    // 123 = 100 + 2 × 10 + 3 × 1: each prepared insert size is used.
    const sent = Array.from({ length: 123 }, (_, i) => ({
      ...message(i),
      source: i % 2 ? ('client' as const) : ('api' as const),
      channels: i % 3 ? [`c${i}`] : [`c${i}`, 'private-x'],
      socketId: i % 4 ? `1.${i}` : null,
      ip: i % 5 ? `203.0.113.${i}` : null,
      recipients: i * 2,
      payloadBytes: 20 + i,
      payload: `{"n":${i},"text":"Привет"}`,
    }));
    logs.messages(sent);
    await logs.flush();
    const rows = await t.store.db.select().from(realtimeMessageLogs).orderBy(realtimeMessageLogs.id);
    expect(rows.map(({ id: _id, payloadDestroyedAt: _d, ...r }) => r)).toEqual(sent);
    expect(rows.every((r) => r.payloadDestroyedAt === null)).toBe(true);
  });

  it('writes a batch whose project was deleted meanwhile: the logs stay, its counters are skipped, nothing is retried for ever', async () => {
    const { realtimeConnectionLogs, realtimeProjects, realtimeUsageDaily } = t.store.tables;
    const logs = createRealtimeLogWriter(t.store, createLogger('silent'), { flushMs: 60_000 });
    logs.opened(open('9.1', 1000), '2026-11-01', 1);
    await t.store.db.delete(realtimeProjects).where(eq(realtimeProjects.id, 'prj_1'));
    await logs.flush();
    expect(logs.pending()).toBe(0);
    expect((await t.store.db.select().from(realtimeConnectionLogs)).map((r) => r.socketId)).toEqual(['9.1']);
    expect(await t.store.db.select().from(realtimeUsageDaily)).toEqual([]);
  });

  it('writes nothing before the interval, then every queued row in one batch', async () => {
    const { realtimeConnectionLogs, realtimeMessageLogs, realtimeUsageDaily } = t.store.tables;
    const logs = createRealtimeLogWriter(t.store, createLogger('error'), { flushMs: 60_000 });
    expect(logs.writeThrough).toBe(false);
    logs.opened(open('1.1', 1000), '2026-11-01', 1);
    logs.opened(open('1.2', 1001), '2026-11-01', 2);
    logs.closed('1.1', 1500, 1000);
    logs.messages([message(1), message(2)]);
    expect(logs.pending()).toBe(4);
    expect(await t.store.db.select().from(realtimeConnectionLogs)).toEqual([]);
    await logs.flush();
    expect(logs.pending()).toBe(0);
    const rows = await t.store.db.select().from(realtimeConnectionLogs).orderBy(realtimeConnectionLogs.socketId);
    expect(rows.map((r) => [r.socketId, r.disconnectedAt, r.closeCode])).toEqual([
      ['1.1', 1500, 1000],
      ['1.2', null, null],
    ]);
    expect((await t.store.db.select().from(realtimeMessageLogs)).map((m) => m.event)).toEqual(['e1', 'e2']);
    const [day] = await t.store.db.select().from(realtimeUsageDaily).where(eq(realtimeUsageDaily.projectId, 'prj_1'));
    expect(day).toMatchObject({ connectionsOpened: 2, peakConnections: 2 });

    // The next batch: a close of a row already written, more opens counted onto the same day.
    logs.closed('1.2', 2000, 4200);
    logs.opened(open('1.3', 2001), '2026-11-01', 1);
    await logs.flush();
    const [closed] = await t.store.db.select().from(realtimeConnectionLogs).where(eq(realtimeConnectionLogs.socketId, '1.2'));
    expect(closed).toMatchObject({ disconnectedAt: 2000, closeCode: 4200 });
    const [again] = await t.store.db.select().from(realtimeUsageDaily).where(eq(realtimeUsageDaily.projectId, 'prj_1'));
    expect(again).toMatchObject({ connectionsOpened: 3, peakConnections: 2 });
  });

  it('writes on its own once the interval has passed, or at once when the buffer is full', async () => {
    const { realtimeMessageLogs } = t.store.tables;
    const timed = createRealtimeLogWriter(t.store, createLogger('silent'), { flushMs: 30 });
    timed.messages([message(1)]);
    for (let waited = 0; timed.pending() > 0 && waited < 2000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    await timed.flush();
    expect(await t.store.db.select().from(realtimeMessageLogs)).toHaveLength(1);
    const full = createRealtimeLogWriter(t.store, createLogger('silent'), { flushMs: 60_000, maxRows: 3 });
    full.messages([message(2), message(3), message(4)]);
    await new Promise((r) => setTimeout(r, 0));
    expect(full.pending()).toBe(0);
    await full.flush();
    expect(await t.store.db.select().from(realtimeMessageLogs)).toHaveLength(4);
  });
});
