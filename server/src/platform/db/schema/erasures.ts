import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';

export const ERASURE_KINDS = ['lead', 'chat_conversation', 'chat_message', 'complaint_contacts', 'account', 'team_member'] as const;
export const ERASURE_BASES = ['retention_365_days', 'retention_3_years', 'licensee_request', 'account_deleted', 'inactivity'] as const;

/**
 * The erasure journal: which personal-data records were destroyed or deleted, when and why —
 * ids only, never the data. Written in the same transaction as each deletion, so a restore
 * (`npm run restore`) can replay it onto an older backup and no destroyed record comes back.
 * Entries are kept as long as a backup can be (platform/erasure/journal.ts).
 */
export const erasures = pgTable(
  'erasures',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ERASURE_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    basis: text('basis', { enum: ERASURE_BASES }).notNull(),
    erasedAt: bigint('erased_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('erasures_erased_idx').on(t.erasedAt)],
);
