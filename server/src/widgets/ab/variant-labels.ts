// The A/B variant a lead came from, as the owner reads it ("A", "B"…): leads keep the variant's
// id (leads.variant_id), and the label lives with the running test (widget_variants), A's id
// being the test's. A test that ended took its rows along: its leads keep the id, no label.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';

/** Every running test's variant ids of an account, to their labels. */
export async function variantLabels(db: Db, accountId: string): Promise<Map<string, string>> {
  const { widgetVariants } = db.tables;
  const rows = await db.select({ id: widgetVariants.id, testId: widgetVariants.testId, label: widgetVariants.label }).from(widgetVariants).where(eq(widgetVariants.accountId, accountId));
  return new Map(rows.flatMap((r) => [[r.testId, 'A'] as const, [r.id, r.label] as const]));
}
