// Expiry by time on both engines: SQLite deletes the rows at their deadline; PostgreSQL's
// time-partitioned tables get half-month partitions ahead of time and lose them whole once they
// have expired, while rows keep landing (in a slice, or in the default partition past them).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testDialect, type TestStore } from '../../testing/test-store.js';
import { sliceOf, slicesBetween } from './partitions.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.cleanup());

const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const log = (ms: number, event: string) => ({ projectId: 'rtp_p', accountId: 'acc_p', at: ms, source: 'api' as const, event, channels: ['c'], recipients: 0, payloadBytes: 1, payload: 'x' });

async function insertLogs(...rows: [string, number][]) {
  const { realtimeMessageLogs } = t.store.tables;
  await t.store.db.insert(realtimeMessageLogs).values(rows.map(([event, ms]) => log(ms, event)));
}

const events = async () => (await t.store.db.select({ event: t.store.tables.realtimeMessageLogs.event }).from(t.store.tables.realtimeMessageLogs)).map((r) => r.event).sort();

/** PostgreSQL: the partition each row of the realtime message logs sits in. */
const placement = async () =>
  Object.fromEntries((await t.store.db.rows<{ event: string; part: string }>(sql`select event, tableoid::regclass::text as part from realtime_message_logs`)).map((r) => [r.event, r.part]));
const partitions = async (table: string) =>
  (await t.store.db.rows<{ name: string }>(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = ${table}::regclass order by 1`)).map(
    (r) => r.name,
  );

describe('time slices', () => {
  it('are half months, UTC, back to back', () => {
    expect(sliceOf(at('2026-02-15') + 86_399_999)).toEqual({ from: at('2026-02-01'), to: at('2026-02-16'), suffix: '2026_02_01' });
    expect(sliceOf(at('2026-02-16'))).toEqual({ from: at('2026-02-16'), to: at('2026-03-01'), suffix: '2026_02_16' });
    expect(sliceOf(at('2026-12-31'))).toMatchObject({ to: at('2027-01-01'), suffix: '2026_12_16' });
    expect(slicesBetween(at('2026-12-20'), at('2027-01-01')).map((s) => s.suffix)).toEqual(['2026_12_16', '2027_01_01']);
  });
});

describe(`expiry by time (${testDialect()})`, () => {
  it('destroys what is past its deadline — on PostgreSQL in whole slices made ahead of time — while new rows keep landing', async () => {
    const { realtimeMessageLogs: logs } = t.store.tables;
    const now = at('2026-01-10');
    // Written before any slice exists (on PostgreSQL: into the default partition).
    await insertLogs(['december', at('2025-12-20')]);
    const created = await t.store.preparePartitions(now);
    if (testDialect() === 'sqlite') expect(created).toEqual([]);
    else {
      // From the oldest waiting row to four slices ahead; the waiting row moved in.
      const suffixes = ['2025_12_16', '2026_01_01', '2026_01_16', '2026_02_01', '2026_02_16', '2026_03_01'];
      expect(created).toEqual(suffixes.map((s) => `realtime_message_logs_${s}`));
      expect(await placement()).toEqual({ december: 'realtime_message_logs_2025_12_16' });
      expect(await t.store.preparePartitions(now)).toEqual([]); // once
    }
    await insertLogs(['early-january', at('2026-01-05')], ['late-january', at('2026-01-20')], ['july', at('2026-07-01')]);
    if (testDialect() === 'postgres') {
      expect(await placement()).toMatchObject({ 'early-january': 'realtime_message_logs_2026_01_01', 'late-january': 'realtime_message_logs_2026_01_16', july: 'realtime_message_logs_default' });
    }

    // Everything up to the end of January 15th is past its deadline.
    expect(await t.store.expire(logs, logs.at, at('2026-01-16') - 1)).toBe(2);
    expect(await events()).toEqual(['july', 'late-january']);
    if (testDialect() === 'postgres') expect(await partitions('realtime_message_logs')).not.toContain('realtime_message_logs_2026_01_01');

    // A deadline in the middle of a slice: SQLite deletes the row at once; PostgreSQL keeps the
    // slice until its last moment has expired too (here: 12 days on).
    const midSlice = at('2026-01-20') + 1;
    expect(await t.store.expire(logs, logs.at, midSlice)).toBe(testDialect() === 'sqlite' ? 1 : 0);
    expect(await t.store.expire(logs, logs.at, at('2026-02-01') - 1)).toBe(testDialect() === 'sqlite' ? 0 : 1);
    expect(await events()).toEqual(['july']);

    // Months later the job runs again: the row that waited in the default partition moves into its
    // slice, and new rows land in slices.
    const july = at('2026-07-02');
    const later = await t.store.preparePartitions(july);
    await insertLogs(['july-later', july]);
    if (testDialect() === 'postgres') {
      expect(later).toContain('realtime_message_logs_2026_07_01');
      expect(await placement()).toEqual({ july: 'realtime_message_logs_2026_07_01', 'july-later': 'realtime_message_logs_2026_07_01' });
    }
    // The default partition's rows go one by one, at their deadline, like SQLite's.
    await insertLogs(['stray', at('2030-01-01')]);
    expect(await t.store.expire(logs, logs.at, at('2030-01-01'))).toBe(3);
    expect(await events()).toEqual([]);
  });
});
