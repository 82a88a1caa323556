// Every periodic job of the app, each from the part it belongs to; index.ts hands this list to
// the scheduler (platform/jobs/scheduler.ts), which runs each once per due time across processes.
import type { Job } from './platform/jobs/job.js';
import type { Store } from './platform/db/store.js';
import type { Logger } from './platform/lib/logger.js';
import { runBackupRetention } from './platform/backup/retention.js';
import { HOUR, MINUTE } from './platform/lib/clock.js';
import { destroyExpiredLeads } from './widgets/leads/destroy.js';
import { destroyExpiredChats } from './widgets/chat/retention.js';
import { eraseOldComplainantContacts } from './platform/abuse/retention.js';
import { runBillingCycle } from './platform/billing/renewals.js';
import { runInactivityCycle } from './platform/accounts/lifecycle.js';
import { purgeStaleCodes } from './platform/accounts/login-codes.js';
import { purgeExpiredSessions } from './platform/accounts/sessions.js';
import { purgeOverRateLimits } from './platform/lib/shared-rate-limit.js';
import { REALTIME_JOBS } from './realtime/jobs.js';
import { mailDueNotices } from './platform/notices/notices.js';
import { runMonthlyReports } from './widgets/services/monthly-report.js';

/**
 * Every retention rule for personal data, applied at `now`: the hourly jobs run them, and a
 * restore runs them on the restored backup, which destroys what fell due since it was taken.
 */
export async function applyRetention(store: Store, now: number, logger: Logger): Promise<void> {
  // The lead and chat retention run transactions (their parts take the store).
  const destroyed = await destroyExpiredLeads(store, now);
  if (destroyed > 0) logger.info('job.lead_retention', { destroyed });
  // Chat history is the same personal data under the same rule (counts only in the log).
  const chats = await destroyExpiredChats(store, now);
  if (chats.conversations + chats.messages > 0) logger.info('job.chat_retention', chats);
  const complaints = await eraseOldComplainantContacts(store, now);
  if (complaints > 0) logger.info('job.complaint_contacts_erased', { complaints });
}

export const JOBS: readonly Job[] = [
  // Periods end to the minute: reminders, autopay charges, switching widgets off.
  { name: 'billing_cycle', everyMs: MINUTE, run: runBillingCycle },
  { name: 'inactivity', everyMs: HOUR, run: runInactivityCycle },
  { name: 'monthly_reports', everyMs: HOUR, run: runMonthlyReports },
  { name: 'notices', everyMs: 5 * MINUTE, run: mailDueNotices },
  // Platform mail the SMTP server did not take at once, tried again with backoff (platform/mail/outbox.ts).
  {
    name: 'mail_outbox',
    everyMs: MINUTE,
    run: async (deps) => {
      const sent = await deps.mail.drain();
      if (sent > 0) deps.logger.info('job.mail_outbox', { sent });
    },
  },
  {
    name: 'lead_retention',
    everyMs: HOUR,
    run: (deps) => applyRetention(deps.store, deps.clock.now(), deps.logger),
  },
  // Backups past BACKUP_RETENTION_DAYS, and the erasure journal entries no remaining backup needs.
  { name: 'backup_retention', everyMs: HOUR, run: runBackupRetention },
  {
    // Sign-in codes keep the e-mail of people who never signed up: gone after the hour they count.
    // Rate-limit windows (hashed client IPs) go once they are over.
    name: 'sign_in_cleanup',
    everyMs: 10 * MINUTE,
    run: async (deps) => {
      const { db } = deps.store;
      const now = deps.clock.now();
      await purgeStaleCodes(db, now);
      await purgeExpiredSessions(db, now);
      await purgeOverRateLimits(db, now);
    },
  },
  {
    // PostgreSQL's time partitions (platform/db/partitions.ts), ready months before rows need them.
    name: 'partitions',
    everyMs: HOUR,
    run: async (deps) => {
      const created = await deps.store.preparePartitions(deps.clock.now());
      if (created.length > 0) deps.logger.info('job.partitions', { created });
    },
  },
  ...REALTIME_JOBS,
];
