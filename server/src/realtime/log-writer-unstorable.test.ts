// A row the database cannot store must not stop the realtime logs: before, its batch was queued
// again whole and failed every flush after it, so no message of any project was logged on that
// node until a restart. Both engines; PostgreSQL also refuses a NUL in text, SQLite stores it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../platform/db/store.js';
import { createLogger } from '../platform/lib/logger.js';
import { insertRealtimeProjectRow } from '../testing/realtime-project-row.js';
import { openTestStore, type TestStore } from '../testing/test-store.js';
import { createRealtimeLogWriter, type MessageLogRow } from './log-writer.js';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
  await insertRealtimeProjectRow(t.store);
});
afterEach(() => t.cleanup());

const SECRET = 'card 4111 1111 1111 1111';
const message = (n: number, payload = `{"n":${n}}`): MessageLogRow => ({
  projectId: 'prj_1',
  accountId: 'acc_1',
  at: n,
  source: 'client',
  event: `e${n}`,
  channels: ['private-c'],
  socketId: '1.1',
  ip: '203.0.113.7',
  recipients: 1,
  payloadBytes: payload.length,
  payload,
});
const open = (socketId: string, at: number) => ({ socketId, projectId: 'prj_1', accountId: 'acc_1', ip: '203.0.113.7', userAgent: 'UA', origin: null, connectedAt: at });

function collectingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('error', (line) => lines.push(line)) };
}

/** The store whose transactions fail, as on a lost connection, from the `healthy`-th call on (until `up()`). */
function flakyStore(store: Store, healthy: number) {
  let calls = 0;
  let down = true;
  const flaky: Store = Object.assign(Object.create(store) as Store, {
    transaction: ((fn, options) => (down && ++calls > healthy ? Promise.reject(new Error('Connection terminated unexpectedly')) : store.transaction(fn, options))) as Store['transaction'],
  });
  return { store: flaky, up: () => (down = false) };
}

async function loggedEvents(): Promise<string[]> {
  const { realtimeMessageLogs } = t.store.tables;
  return (await t.store.db.select({ event: realtimeMessageLogs.event }).from(realtimeMessageLogs).orderBy(realtimeMessageLogs.id)).map((r) => r.event);
}

it('sets aside the rows that cannot be stored, writes the rest of their batch and the batches after, and logs neither values nor payloads', async () => {
  const { realtimeConnectionLogs, realtimeUsageDaily } = t.store.tables;
  const { lines, logger } = collectingLogger();
  const logs = createRealtimeLogWriter(t.store, logger, { flushMs: 60_000 });
  logs.opened(open('9.1', 1000), '2026-11-01', 1);
  await logs.flush();

  // 57 good messages around a NUL (PostgreSQL cannot store it in text) and a time that is no
  // number (neither engine can); an open whose socket id is taken (neither engine can).
  const good = Array.from({ length: 57 }, (_, i) => message(i));
  logs.messages([...good.slice(0, 20), message(100, `{"text":"${SECRET}\u0000"}`), ...good.slice(20, 40), { ...message(101, SECRET), at: Number.NaN }, ...good.slice(40)]);
  logs.opened({ ...open('9.1', 2000), userAgent: SECRET }, '2026-11-01', 1);
  logs.opened(open('9.2', 2001), '2026-11-01', 2);
  await logs.flush();

  const postgres = t.store.dialect === 'postgres';
  expect(logs.pending()).toBe(0);
  expect(await loggedEvents()).toEqual([...good.slice(0, 20).map((m) => m.event), ...(postgres ? [] : ['e100']), ...good.slice(20).map((m) => m.event)]);
  expect((await t.store.db.select().from(realtimeConnectionLogs).orderBy(realtimeConnectionLogs.socketId)).map((r) => [r.socketId, r.connectedAt, r.userAgent])).toEqual([
    ['9.1', 1000, 'UA'],
    ['9.2', 2001, 'UA'],
  ]);
  // The day's counters count the connects, written or not.
  expect((await t.store.db.select().from(realtimeUsageDaily))[0]).toMatchObject({ connectionsOpened: 3, peakConnections: 2 });
  expect(logs.unstorable()).toBe(postgres ? 3 : 2);
  const unstorable = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'realtime.log_rows_unstorable');
  expect(unstorable.map(({ part, projectId, reason, rows }) => ({ part, projectId, reason, rows })).sort((a, b) => `${a.part}${a.reason}`.localeCompare(`${b.part}${b.reason}`))).toEqual(
    postgres
      ? [
          { part: 'messages', projectId: 'prj_1', reason: '22021', rows: 1 },
          { part: 'messages', projectId: 'prj_1', reason: '22P02', rows: 1 },
          { part: 'opens', projectId: 'prj_1', reason: '23505', rows: 1 },
        ]
      : [
          { part: 'messages', projectId: 'prj_1', reason: 'SQLITE_CONSTRAINT_NOTNULL', rows: 1 },
          { part: 'opens', projectId: 'prj_1', reason: 'SQLITE_CONSTRAINT_PRIMARYKEY', rows: 1 },
        ],
  );
  expect(lines.join('\n')).not.toContain('4111');

  // Nothing is retried: the next batch goes in alone.
  logs.messages([message(200)]);
  await logs.flush();
  expect((await loggedEvents()).at(-1)).toBe('e200');
  expect(lines.filter((l) => l.includes('log_flush_failed'))).toEqual([]);
});

it('keeps every row for the next flush when the database fails for another reason, also halfway through writing around a bad row', async () => {
  const { realtimeConnectionLogs } = t.store.tables;
  await t.store.db.insert(realtimeConnectionLogs).values(open('9.1', 1000));
  // Down for good: the batch is queued again whole, nothing is set aside.
  const down = flakyStore(t.store, 0);
  const { lines, logger } = collectingLogger();
  const logs = createRealtimeLogWriter(down.store, logger, { flushMs: 60_000 });
  logs.messages([message(1), message(2)]);
  await logs.flush();
  expect([logs.pending(), logs.unstorable(), await loggedEvents()]).toEqual([2, 0, []]);
  expect(lines.some((l) => l.includes('realtime.log_flush_failed'))).toBe(true);
  down.up();
  await logs.flush();
  expect([logs.pending(), await loggedEvents()]).toEqual([0, ['e1', 'e2']]);

  // Up for the whole batch (it fails on the taken socket id), the activity, and the opens' two
  // halves (one written, one failing on the bad row); down from the third part on.
  const halfway = flakyStore(t.store, 5);
  const again = createRealtimeLogWriter(halfway.store, logger, { flushMs: 60_000 });
  again.opened(open('9.1', 2000), '2026-11-01', 1);
  again.opened(open('9.3', 2001), '2026-11-01', 1);
  again.messages([message(3), message(4)]);
  await again.flush();
  expect(again.unstorable()).toBe(1);
  expect((await t.store.db.select().from(realtimeConnectionLogs).orderBy(realtimeConnectionLogs.socketId)).map((r) => [r.socketId, r.connectedAt])).toEqual([
    ['9.1', 1000],
    ['9.3', 2001],
  ]);
  // The counters and the messages wait; once the database is back each row goes in once.
  expect(again.pending()).toBe(2);
  halfway.up();
  await again.flush();
  expect([again.pending(), again.unstorable(), await loggedEvents()]).toEqual([0, 1, ['e1', 'e2', 'e3', 'e4']]);
});
