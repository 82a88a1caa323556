// The ids a page may name as a widget's A/B variant (events, leads): its test's id (variant A)
// and each variant's. Anything else — an ended test's id kept by a browser, a forged value — is
// not a variant: the event or lead still counts for the widget, without one.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';

export type VariantIds = (widgetId: string) => Promise<Set<string>>;

/** Prepared once per app: events and leads ask on every request that names a variant. */
export function prepareVariantIds(db: Db): VariantIds {
  const { widgetVariants } = db.tables;
  const statement = db
    .select({ id: widgetVariants.id, testId: widgetVariants.testId })
    .from(widgetVariants)
    .where(eq(widgetVariants.widgetId, sql.placeholder('id')))
    .prepare('embed_variants_of_widget');
  return async (widgetId) => new Set((await statement.execute({ id: widgetId })).flatMap((r) => [r.id, r.testId]));
}
