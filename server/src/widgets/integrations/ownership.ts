// Account scoping for the integrations API: another account's site or widget is "not found".
import { ownedRow } from '../../platform/db/owned.js';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';
import { notFound } from '../../platform/lib/errors.js';

export function ownSite(db: Db, accountId: string, siteId: string) {
  return ownedRow(db, db.tables.sites, 'Site', accountId, siteId);
}

/** The widget must belong to the same account and to the integration's site. */
export async function ownWidgetOnSite(db: Db, accountId: string, siteId: string, widgetId: string) {
  const { widgets } = db.tables;
  const [widget] = await db
    .select({ id: widgets.id })
    .from(widgets)
    .where(and(eq(widgets.id, widgetId), eq(widgets.accountId, accountId), eq(widgets.siteId, siteId)));
  if (!widget) throw notFound('Widget');
  return widget;
}
