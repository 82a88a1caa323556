// The scheduler's jobs on a moved clock, as production runs them: `partitions` prepares the
// message logs' half-month slices, `realtime_log_retention` destroys three-year-old metadata —
// on PostgreSQL by dropping the whole slice once all of it has expired — and messages keep landing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../jobs.js';
import { DAY } from '../platform/lib/clock.js';
import { addCalendarMonths } from '../platform/tariffs/realtime-policy.js';
import { createTestApp, type TestApp } from '../testing/harness.js';
import { testDialect } from '../testing/test-store.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

const runJob = (name: string) => JOBS.find((j) => j.name === name)!.run(t.deps);
const logAt = (at: number, event: string) =>
  t.store.db.insert(t.store.tables.realtimeMessageLogs).values({ projectId: 'rtp_x', accountId: 'acc_x', at, source: 'api', event, channels: ['c'], recipients: 0, payloadBytes: 1, payload: 'x' });
const events = async () => (await t.store.db.select({ event: t.store.tables.realtimeMessageLogs.event }).from(t.store.tables.realtimeMessageLogs)).map((r) => r.event).sort();
const partitionOf = async (event: string) => (await t.store.db.rows<{ part: string }>(sql`select tableoid::regclass::text as part from realtime_message_logs where event = ${event}`))[0]?.part;
const slices = async () =>
  (await t.store.db.rows<{ name: string }>(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'realtime_message_logs'::regclass`)).map(
    (r) => r.name,
  );

describe(`message-log retention through the jobs (${testDialect()})`, () => {
  it('drops a slice of metadata once all of it is three years old; new messages still land in slices', async () => {
    const start = t.clock.now(); // 2026-11-01 09:00 UTC
    await runJob('partitions');
    await logAt(start, 'first');
    if (testDialect() === 'postgres') expect(await partitionOf('first')).toBe('realtime_message_logs_2026_11_01');

    // Three years on: the message's metadata is due. SQLite deletes it now; PostgreSQL keeps its
    // slice (1–15 November) until the whole of it is due, two weeks later.
    t.clock.set(addCalendarMonths(start, 36));
    await runJob('partitions');
    await runJob('realtime_log_retention');
    expect(await events()).toEqual(testDialect() === 'sqlite' ? [] : ['first']);

    t.clock.set(addCalendarMonths(start, 36) + 15 * DAY);
    await runJob('partitions');
    await runJob('realtime_log_retention');
    expect(await events()).toEqual([]);
    if (testDialect() === 'postgres') expect(await slices()).not.toContain('realtime_message_logs_2026_11_01');

    await logAt(t.clock.now(), 'later');
    expect(await events()).toEqual(['later']);
    if (testDialect() === 'postgres') expect(await partitionOf('later')).toBe('realtime_message_logs_2029_11_16');
  });
});
