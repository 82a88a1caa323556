// Builds what the loader receives for a site: only what the runtime needs to draw the
// widgets that are live right now, with the badge decided by the tariff.
import { and, asc, eq, sql } from 'drizzle-orm';
import { badgeTextRu } from '#contracts/core/badge.js';
import type { EmbedConfig, EmbedWidget } from '#contracts/core/embed.js';
import { toEmbedWidget, type WidgetSource } from '#contracts/core/embed-widget.js';
import { takesSlot } from '#contracts/core/layout.js';
import type { Db } from '../../platform/db/store.js';
import type { accounts, sites } from '../../platform/db/schema/index.js';
import type { Env } from '../../env.js';
import { impressionCapReached, showsBadge } from '../../platform/tariffs/policy.js';
import { badgeLink } from './badge.js';
import type { ServableTest } from './servable.js';
import { withVariants, type ServedVariant } from '../ab/embed.js';

type Site = typeof sites.$inferSelect;
type Account = typeof accounts.$inferSelect;

/**
 * The link goes through the visit counter (badge.ts), which sends the visitor on to BADGE_URL or the product's page.
 * The English runtime puts «Made with» in place of the prefix (contracts/core/badge.ts).
 */
function badgeFor(env: Pick<Env, 'BRAND_NAME' | 'PUBLIC_URL'>, siteKey: string) {
  return { text: badgeTextRu(env.BRAND_NAME), url: badgeLink(env.PUBLIC_URL, siteKey) };
}

export interface EmbedConfigOptions {
  /** Whether the request came from one of the site's domains. */
  fromSiteDomain: boolean;
}

export type EmbedConfigBuilder = (site: Site, account: Account, now: number, options: EmbedConfigOptions & { servable: ServableTest }) => Promise<EmbedConfig>;

/**
 * Made once per app, with its query prepared: it runs on every miss of the served-config cache.
 * It reads this site's active widgets only (index widgets (site_id, active, created_at)):
 * the cost of a miss does not grow with the account's other sites.
 */
export function createEmbedConfigBuilder(db: Db, env: Env): EmbedConfigBuilder {
  const { widgets } = db.tables;
  const activeOfSite = db
    .select()
    .from(widgets)
    .where(and(eq(widgets.siteId, sql.placeholder('siteId')), eq(widgets.active, true)))
    .orderBy(asc(widgets.createdAt))
    .prepare('embed_config_active_widgets_of_site');
  // The A/B variants of the same widgets, in label order (index widget_variants (widget_id, label)).
  const { widgetVariants } = db.tables;
  const variantsOfSite = db
    .select({ widgetId: widgetVariants.widgetId, id: widgetVariants.id, testId: widgetVariants.testId, weight: widgetVariants.weight, definition: widgetVariants.definition })
    .from(widgetVariants)
    .innerJoin(widgets, eq(widgets.id, widgetVariants.widgetId))
    .where(and(eq(widgets.siteId, sql.placeholder('siteId')), eq(widgets.active, true)))
    .orderBy(asc(widgetVariants.widgetId), asc(widgetVariants.label))
    .prepare('embed_config_variants_of_site');

  return async (site, account, now, { fromSiteDomain, servable }) => {
    const config: EmbedConfig = {
      site: site.siteKey,
      badge: showsBadge(account) ? badgeFor(env, site.siteKey) : null,
      widgets: [],
      ...(site.dataLayer ? { dataLayer: true as const } : {}),
      ...(site.metrikaCounterId ? { metrika: site.metrikaCounterId } : {}),
    };
    // Wrong domain or an exhausted impression cap: a valid, empty config, so the loader stays quiet.
    if (!fromSiteDomain || (await impressionCapReached(db, account, now))) return config;
    const siteActive = await activeOfSite.execute({ siteId: site.id });
    const variants = (await variantsOfSite.execute({ siteId: site.id })) as ServedVariant[];
    config.widgets = siteActive.flatMap((w) => {
      // The stored definition: `rules` is absent from widgets saved before display rules existed.
      const x = servable(w) ? toEmbedWidget(w.id, { ...(w.definition as WidgetSource), type: w.type }, site.timezone, now) : null;
      return x
        ? [
            withVariants(
              x,
              w.type,
              variants.filter((v) => v.widgetId === w.id),
              site.timezone,
              now,
            ),
          ]
        : [];
    });
    // One type on the site: its runtime comes as one file (rt/solo/, scripts/build-embed.mjs).
    const [first] = config.widgets;
    if (first && config.widgets.every((w) => w.type === first.type)) config.rt = 'solo/';
    // Only widgets that take a slot give the layout manager work when there are two (pop-ups are
    // modal dialogs, contracts/core/layout.ts; the flag is contracts/core/embed.ts `lm`).
    if (config.widgets.filter(takesSlot).length > 1) config.lm = 1;
    // Only schedules read the zone (timers arrive as instants): no bytes for it otherwise.
    const scheduled = (w: EmbedWidget) => w.rules && (w.rules.from || w.rules.to || w.rules.weekdays || w.rules.hours);
    if (config.widgets.some((w) => scheduled(w) || w.ab?.some(scheduled))) config.tz = site.timezone;
    // The loader imports rt/ab.js, the variant draw, only for a site running a test.
    if (config.widgets.some((w) => w.ab)) config.ab = 'ab';
    return config;
  };
}
