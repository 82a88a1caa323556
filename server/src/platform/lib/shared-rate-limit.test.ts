// Rate limits that hold across processes: two limiters on one database (as two app processes
// would have) count into the same windows, exactly, on whichever engine this project runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testDialect, type TestStore } from '../../testing/test-store.js';
import { createManualClock, HOUR, MINUTE } from './clock.js';
import { createSharedRateLimiter, purgeOverRateLimits } from './shared-rate-limit.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.cleanup());

describe(`shared rate limits (${testDialect()})`, () => {
  it('two processes enforce one limit, exactly, under parallel hits', async () => {
    const clock = createManualClock(Date.UTC(2026, 10, 1));
    const options = { name: 'codes-per-ip', limit: 30, windowMs: HOUR, clock };
    const here = createSharedRateLimiter(t.store.db, options);
    const there = createSharedRateLimiter(t.store.db, options);
    const hits = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? here : there).hit('10.0.0.1')));
    expect(hits.filter(Boolean)).toHaveLength(30);
    // Another key and another limit's windows are apart.
    expect(await here.hit('10.0.0.2')).toBe(true);
    expect(await createSharedRateLimiter(t.store.db, { ...options, name: 'verifies-per-ip' }).hit('10.0.0.1')).toBe(true);
    // The window is an hour from its first hit; then counting starts again.
    clock.advance(HOUR - 1);
    expect(await there.hit('10.0.0.1')).toBe(false);
    clock.advance(1);
    expect(await there.hit('10.0.0.1')).toBe(true);
    expect(await here.hit('10.0.0.1')).toBe(true);
  });

  it('stores no key in the clear and purges windows that are over', async () => {
    const clock = createManualClock(Date.UTC(2026, 10, 2));
    const limiter = createSharedRateLimiter(t.store.db, { name: 'purge', limit: 5, windowMs: MINUTE, clock });
    await limiter.hit('192.0.2.7');
    const rows = await t.store.db.select().from(t.store.tables.rateLimits);
    expect(JSON.stringify(rows)).not.toContain('192.0.2.7');
    const before = rows.length;
    clock.advance(MINUTE);
    expect(await purgeOverRateLimits(t.store.db, clock.now())).toBe(before);
    expect(await t.store.db.select().from(t.store.tables.rateLimits)).toHaveLength(0);
  });
});
