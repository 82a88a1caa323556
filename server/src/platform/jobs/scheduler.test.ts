import { afterEach, describe, expect, it, vi } from 'vitest';
import { composeDeps } from '../../compose.js';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { JOBS } from '../../jobs.js';
import { HOUR, MINUTE } from '../lib/clock.js';
import type { Job } from './job.js';
import { createScheduler, startJobs } from './scheduler.js';

let t: TestApp;
/** Runs start on their own promises: wait for them, generously on a busy machine. */
const WAIT = { timeout: 10_000 };
afterEach(() => t.cleanup());

describe('scheduler', () => {
  it('runs each job at start, hourly for lead retention, and survives a failing job', async () => {
    t = await createTestApp();
    expect(JOBS.find((j) => j.name === 'lead_retention')?.everyMs).toBe(3_600_000);
    const runs: string[] = [];
    const jobs = startJobs(t.deps, [
      { name: 'boom', everyMs: 1_000_000, run: () => Promise.reject(new Error('boom')) },
      { name: 'ok', everyMs: 1_000_000, run: () => void runs.push('ok') },
    ]);
    await vi.waitFor(() => {
      expect(runs).toEqual(['ok']);
      expect(t.logLines.some((l) => l.includes('job.failed') && l.includes('boom'))).toBe(true);
    }, WAIT);
    jobs.stop();
  });

  it('runs a due job once however many processes schedule it on one database', async () => {
    t = await createTestApp();
    // A second app on the same database, as another process would be.
    const other = composeDeps({ ...t.deps });
    const runs: string[] = [];
    const job = (who: string): Job => ({ name: 'count', everyMs: HOUR, run: () => void runs.push(who) });
    const here = createScheduler(t.deps, [job('here')]);
    const there = createScheduler(other, [job('there')]);
    const round = async () => (await Promise.all([here.runDue(), there.runDue(), here.runDue(), there.runDue()])).flat();

    expect(await round()).toEqual(['count']);
    t.clock.advance(HOUR - 1);
    expect(await round()).toEqual([]);
    t.clock.advance(1);
    expect(await round()).toEqual(['count']);
    expect(runs).toHaveLength(2);
  });

  it('does not start a job again while its run is under way, unless that run’s process is presumed dead', async () => {
    t = await createTestApp();
    const other = composeDeps({ ...t.deps });
    let finish = () => {};
    const runs: string[] = [];
    const slow = (who: string): Job => ({
      name: 'slow',
      everyMs: HOUR,
      run: () => {
        runs.push(who);
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    const here = createScheduler(t.deps, [slow('here')]);
    const there = createScheduler(other, [slow('there')]);

    const first = here.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here']), WAIT);
    t.clock.advance(HOUR); // due again, but still running
    expect(await there.runDue()).toEqual([]);
    finish();
    expect(await first).toEqual(['slow']);
    // Finished: the other process may run it now that it is due.
    const second = there.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here', 'there']), WAIT);
    finish();
    expect(await second).toEqual(['slow']);

    // A run that never finishes (its process died) holds the job for its interval and 15 minutes.
    t.clock.advance(HOUR);
    void here.runDue();
    await vi.waitFor(() => expect(runs).toHaveLength(3), WAIT);
    t.clock.advance(HOUR + 15 * MINUTE - 1);
    expect(await there.runDue()).toEqual([]);
    t.clock.advance(1);
    const takeover = there.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here', 'there', 'here', 'there']), WAIT);
    finish();
    expect(await takeover).toEqual(['slow']);
  });

  it('a long run renews its lease at every poll of its own process, so no other process starts it again', async () => {
    t = await createTestApp();
    const other = composeDeps({ ...t.deps });
    let finish = () => {};
    const runs: string[] = [];
    const slow = (who: string): Job => ({
      name: 'long',
      everyMs: HOUR,
      run: () => {
        runs.push(who);
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    const here = createScheduler(t.deps, [slow('here')]);
    const there = createScheduler(other, [slow('there')]);
    const first = here.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here']), WAIT);
    // Hours go by; the running process keeps polling (and renewing), the other finds it held.
    for (let i = 0; i < 5; i++) {
      t.clock.advance(HOUR);
      expect(await here.runDue()).toEqual([]);
      expect(await there.runDue()).toEqual([]);
    }
    expect(runs).toEqual(['here']);
    finish();
    expect(await first).toEqual(['long']);
  });
});
