import { bigint, boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { WidgetInput } from '#contracts/schemas/widget.js';
import { accounts } from './accounts.js';
import { sites } from './sites.js';

/** Everything the licensee edits except the columns queries filter on. */
export type WidgetDefinition = Omit<WidgetInput, 'name' | 'siteId' | 'active' | 'type'>;

export const widgets = pgTable(
  'widgets',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').$type<WidgetInput['type']>().notNull(),
    active: boolean('active').notNull().default(false),
    definition: jsonb('definition').$type<WidgetDefinition>().notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    /** Operator's block (abuse): not served whatever `active` says; the reason is shown to the licensee. */
    blockedAt: bigint('blocked_at', { mode: 'number' }),
    blockReason: text('block_reason'),
  },
  (t) => [index('widgets_account_idx').on(t.accountId, t.active), index('widgets_site_idx').on(t.siteId, t.active)],
);
