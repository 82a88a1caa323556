import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { JOBS } from '../../jobs.js';
import { startJobs } from './scheduler.js';

let t: TestApp;
afterEach(() => t.cleanup());

describe('scheduler', () => {
  it('runs each job at start, hourly for lead retention, and survives a failing job', async () => {
    t = createTestApp();
    expect(JOBS.find((j) => j.name === 'lead_retention')?.everyMs).toBe(3_600_000);
    const runs: string[] = [];
    const jobs = startJobs(t.deps, [
      { name: 'boom', everyMs: 1_000_000, run: () => Promise.reject(new Error('boom')) },
      { name: 'ok', everyMs: 1_000_000, run: () => void runs.push('ok') },
    ]);
    await new Promise((r) => setTimeout(r, 10));
    jobs.stop();
    expect(runs).toEqual(['ok']);
    expect(t.logLines.some((l) => l.includes('job.failed') && l.includes('boom'))).toBe(true);
  });
});
