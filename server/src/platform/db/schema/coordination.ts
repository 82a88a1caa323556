import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { millis, int } from './columns.js';

/**
 * One row per periodic job (platform/jobs/scheduler.ts): every process of the app polls, and the
 * one whose conditional update claims the row runs the job, so it runs once per due time however
 * many processes there are.
 */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  /** The earliest time the next run may start; a claim moves it one interval on. */
  nextDueAt: millis('next_due_at').notNull(),
  /** The run holding the claim (null between runs), so only it releases the claim. */
  runId: text('run_id'),
  /** When the claim lapses if the process running the job died mid-run. */
  runningUntil: int('running_until'),
  startedAt: millis('started_at'),
  finishedAt: millis('finished_at'),
});

/**
 * Fixed-window counters of rate limits that every process shares (platform/lib/shared-rate-limit.ts):
 * the sign-in limits per client IP. Rows go once their window is over (the sign-in cleanup job).
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    /** A hash of the limit's name and the key (a client IP): the address itself is not stored. */
    key: text('key').primaryKey(),
    hits: int('hits').notNull(),
    /** End of the current window: the next hit after it starts a new one. */
    resetsAt: millis('resets_at').notNull(),
  },
  (t) => [index('rate_limits_resets_idx').on(t.resetsAt)],
);
