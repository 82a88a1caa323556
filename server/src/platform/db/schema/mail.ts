import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { counter, lease, millis, createdAt } from './columns.js';

/**
 * Platform mail waiting to be sent (billing, usage and inactivity notices, reports, complaints):
 * a durable outbox, so an SMTP outage delays these mails and loses none (platform/mail/outbox.ts).
 * A row is deleted once its mail is sent: recipient and text are kept no longer than that.
 * Sign-in codes do not come here (their codes are stored hashed only).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    attempts: counter('attempts'),
    nextAttemptAt: millis('next_attempt_at').notNull(),
    /** A sender's claim: this process's immediate try, or a drain. */
    ...lease(),
    /** Our own short description of the last failure (SMTP codes only; replies may echo addresses). */
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_due_idx').on(t.nextAttemptAt)],
);
