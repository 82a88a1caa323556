import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { millis, int, cascadeRef, operatorBlock, owned, timestamps } from './columns.js';
import type { WidgetInput } from '#contracts/schemas/widget.js';
import { sites } from './sites.js';

/** Everything the licensee edits except the columns queries filter on. */
export type WidgetDefinition = Omit<WidgetInput, 'name' | 'siteId' | 'active' | 'type'>;

export const widgets = pgTable(
  'widgets',
  {
    ...owned(),
    siteId: cascadeRef('site_id', () => sites.id),
    name: text('name').notNull(),
    type: text('type').$type<WidgetInput['type']>().notNull(),
    active: boolean('active').notNull().default(false),
    definition: jsonb('definition').$type<WidgetDefinition>().notNull(),
    ...timestamps(),
    /** Operator's block (abuse): not served whatever `active` says. */
    ...operatorBlock(),
  },
  // With created_at, the embed config's and the served-widget checks' ordered reads come straight from the index.
  (t) => [index('widgets_account_active_created_idx').on(t.accountId, t.active, t.createdAt), index('widgets_site_active_created_idx').on(t.siteId, t.active, t.createdAt)],
);

/**
 * A draft of a widget the owner opened on their own site from the editor (SPEC §11, "open on my
 * site"): kept for PREVIEW_TTL_MS, redeemed with a signed token (widgets/widgets/preview.ts).
 * `browserKey`: the random key of the browser tab that redeemed it first; no other tab may.
 */
export const widgetPreviews = pgTable('widget_previews', {
  ...owned(),
  widgetId: cascadeRef('widget_id', () => widgets.id),
  /** The draft as one entry of an embed config (EmbedWidget), with the site's key and zone. */
  entry: jsonb('entry').$type<{ site: string; tz: string; widget: unknown }>().notNull(),
  browserKey: text('browser_key'),
  expiresAt: millis('expires_at').notNull(),
});

/**
 * Variants B, C… of a widget's A/B test (README "A/B tests"); A is the widget row itself, and its
 * share is what the variants leave of 100 %. `id` is the variant's wire id (events, leads, the
 * visitor's frequency storage) and `testId` A's: all rows of a widget share it, and a new test
 * (the first variant after none) gets a new one, so a browser that kept a variant of an ended
 * test is not taken for a participant of the next. Promoting a variant or deleting the last
 * one ends the test (the rows go; the counts stay under their ids).
 */
export const widgetVariants = pgTable(
  'widget_variants',
  {
    ...owned(),
    widgetId: cascadeRef('widget_id', () => widgets.id),
    testId: text('test_id').notNull(),
    label: text('label').notNull(),
    /** Percent of page views. */
    weight: int('weight').notNull(),
    /** The variant's own copy of every field the editor changes (the widget's type and name stay). */
    definition: jsonb('definition').$type<WidgetDefinition>().notNull(),
    ...timestamps(),
  },
  (t) => [index('widget_variants_widget_idx').on(t.widgetId, t.label)],
);
