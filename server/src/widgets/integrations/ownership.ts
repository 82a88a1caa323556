// Account scoping for the integrations API: another account's site or widget is "not found".
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { sites, widgets } from '../../platform/db/schema/index.js';
import { notFound } from '../../platform/lib/errors.js';

export function ownSite(db: Db, accountId: string, siteId: string) {
  const site = db.select().from(sites).where(and(eq(sites.id, siteId), eq(sites.accountId, accountId))).get();
  if (!site) throw notFound('Site');
  return site;
}

/** The widget must belong to the same account and to the integration's site. */
export function ownWidgetOnSite(db: Db, accountId: string, siteId: string, widgetId: string) {
  const widget = db
    .select({ id: widgets.id })
    .from(widgets)
    .where(and(eq(widgets.id, widgetId), eq(widgets.accountId, accountId), eq(widgets.siteId, siteId)))
    .get();
  if (!widget) throw notFound('Widget');
  return widget;
}
