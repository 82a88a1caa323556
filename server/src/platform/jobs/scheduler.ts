// Runs the periodic jobs: once at start, then on their interval. Jobs take the clock, so
// tests call them directly with a moved clock instead of waiting.
import type { AppDeps } from '../../deps.js';
import { HOUR, MINUTE } from '../lib/clock.js';
import { destroyExpiredLeads } from '../../widgets/leads/destroy.js';
import { destroyExpiredChats } from '../../widgets/chat/retention.js';
import { eraseOldComplainantContacts } from '../abuse/retention.js';
import { runBillingCycle } from '../billing/renewals.js';
import { runInactivityCycle } from '../accounts/lifecycle.js';
import { purgeStaleCodes } from '../accounts/login-codes.js';
import { purgeExpiredSessions } from '../accounts/sessions.js';
import { REALTIME_JOBS } from '../../realtime/jobs.js';
import { mailDueNotices } from '../notices/notices.js';
import { runMonthlyReports } from '../../widgets/services/monthly-report.js';

export interface Job {
  name: string;
  everyMs: number;
  run(deps: AppDeps): void | Promise<void>;
}

export const JOBS: readonly Job[] = [
  // Periods end to the minute: reminders, autopay charges, switching widgets off.
  { name: 'billing_cycle', everyMs: MINUTE, run: runBillingCycle },
  { name: 'inactivity', everyMs: HOUR, run: runInactivityCycle },
  { name: 'monthly_reports', everyMs: HOUR, run: runMonthlyReports },
  { name: 'notices', everyMs: 5 * MINUTE, run: mailDueNotices },
  {
    name: 'lead_retention',
    everyMs: HOUR,
    run: (deps) => {
      const destroyed = destroyExpiredLeads(deps.db, deps.clock.now());
      if (destroyed > 0) deps.logger.info('job.lead_retention', { destroyed });
      // Chat history is the same personal data under the same rule (counts only in the log).
      const chats = destroyExpiredChats(deps.db, deps.clock.now());
      if (chats.conversations + chats.messages > 0) deps.logger.info('job.chat_retention', chats);
      const complaints = eraseOldComplainantContacts(deps.db, deps.clock.now());
      if (complaints > 0) deps.logger.info('job.complaint_contacts_erased', { complaints });
    },
  },
  {
    // Sign-in codes keep the e-mail of people who never signed up: gone after the hour they count.
    name: 'sign_in_cleanup',
    everyMs: 10 * MINUTE,
    run: (deps) => {
      const now = deps.clock.now();
      purgeStaleCodes(deps.db, now);
      purgeExpiredSessions(deps.db, now);
    },
  },
  ...REALTIME_JOBS,
];

export function startJobs(deps: AppDeps, jobs: readonly Job[] = JOBS): { stop(): void } {
  const runSafely = async (job: Job) => {
    try {
      await job.run(deps);
    } catch (err) {
      deps.logger.error('job.failed', { job: job.name, error: String(err) });
    }
  };
  const timers = jobs.map((job) => {
    void runSafely(job);
    const timer = setInterval(() => void runSafely(job), job.everyMs);
    timer.unref();
    return timer;
  });
  return { stop: () => timers.forEach(clearInterval) };
}
