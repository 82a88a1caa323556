// The server's half of debug mode (GET /v1/sites/{siteKey}/debug, asked by rt/debug.js only):
// why this site's config is what it is for the asking page. It tells about this site alone —
// never whether the host belongs to another site or account — and names widgets only to pages on
// the site's own domains (elsewhere ids and types, which the config would carry anyway).
import { asc, eq } from 'drizzle-orm';
import type { SiteDiagnosis } from '#contracts/core/debug.js';
import { toEmbedWidget, type WidgetSource } from '#contracts/core/embed-widget.js';
import type { Db } from '../../platform/db/store.js';
import type { SiteWithOwner } from './site-lookup.js';
import { hostBelongsTo } from '../sites/domains.js';
import { serveVerdicts } from '../widgets/serve-verdicts.js';

export async function diagnoseSite(db: Db, { site, account }: SiteWithOwner, host: string | null, now: number): Promise<SiteDiagnosis> {
  const { widgets } = db.tables;
  const onSite = host !== null && hostBelongsTo(host, site.domains);
  const verdicts = await serveVerdicts(db, account, now);
  const rows = await db.select().from(widgets).where(eq(widgets.siteId, site.id)).orderBy(asc(widgets.createdAt), asc(widgets.id));
  return {
    site: site.siteKey,
    host,
    reason: onSite ? null : 'domain_not_registered',
    tz: site.timezone,
    widgets: rows.map((w) => {
      const verdict = verdicts.get(w.id);
      // Served by the policy, yet nothing to draw (a countdown that has run out): as the config decides.
      const drawable = toEmbedWidget(w.id, { ...(w.definition as WidgetSource), type: w.type }, site.timezone, now) !== null;
      const reason = verdict?.reason ?? (drawable ? null : 'not_drawable');
      return {
        id: w.id,
        type: w.type,
        ...(onSite ? { name: w.name } : {}),
        reason,
        ...(verdict?.resetsAt ? { resetsAt: verdict.resetsAt } : {}),
      };
    }),
  };
}
