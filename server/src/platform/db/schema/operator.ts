import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { millis, int, serialId, createdAt } from './columns.js';

/** Abuse complaints from the public form (offer 003 §12.6), answered within 30 days. */
export const abuseComplaints = pgTable(
  'abuse_complaints',
  {
    id: text('id').primaryKey(),
    pageUrl: text('page_url').notNull(),
    rightInfringed: text('right_infringed').notNull(),
    proof: text('proof').notNull(),
    purpose: text('purpose').notNull(),
    /** The complainant's own contacts: personal data, kept for the handling only. */
    contacts: text('contacts').notNull(),
    status: text('status', { enum: ['new', 'in_progress', 'resolved', 'rejected'] })
      .notNull()
      .default('new'),
    resolution: text('resolution'),
    createdAt: createdAt(),
    dueAt: millis('due_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [index('abuse_status_idx').on(t.status, t.dueAt)],
);

/** Every operator read of a licensee's leads (SPEC §8): who, whose, what, when. */
export const leadAccessJournal = pgTable(
  'lead_access_journal',
  {
    id: serialId(),
    operatorId: text('operator_id').notNull(),
    accountId: text('account_id').notNull(),
    what: text('what').notNull(),
    at: int('at').notNull(),
  },
  (t) => [index('lead_access_account_idx').on(t.accountId, t.at)],
);
