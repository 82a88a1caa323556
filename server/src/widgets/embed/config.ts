// Builds what the loader receives for a site: only what the runtime needs to draw the
// widgets that are live right now, with the badge decided by the tariff.
import { and, asc, eq } from 'drizzle-orm';
import type { EmbedConfig } from '#contracts/core/embed.js';
import { toEmbedWidget, type WidgetSource } from '#contracts/core/embed-widget.js';
import type { Db } from '../../platform/db/client.js';
import { widgets, type accounts, type sites } from '../../platform/db/schema/index.js';
import type { Env } from '../../env.js';
import { impressionCapReached, servableWidgetIds, showsBadge } from '../../platform/tariffs/policy.js';

type Site = typeof sites.$inferSelect;
type Account = typeof accounts.$inferSelect;

function badgeFor(env: Pick<Env, 'BRAND_NAME' | 'BADGE_URL' | 'PUBLIC_URL'>) {
  return { text: `Сделано на ${env.BRAND_NAME}`, url: env.BADGE_URL ?? `${env.PUBLIC_URL}/?ref=badge` };
}

export interface EmbedConfigOptions {
  /** Whether the request came from one of the site's domains. */
  fromSiteDomain: boolean;
}

export function buildEmbedConfig(db: Db, env: Env, site: Site, account: Account, now: number, { fromSiteDomain }: EmbedConfigOptions): EmbedConfig {
  const config: EmbedConfig = {
    site: site.siteKey,
    badge: showsBadge(account) ? badgeFor(env) : null,
    widgets: [],
    ...(site.dataLayer ? { dataLayer: true as const } : {}),
    ...(site.metrikaCounterId ? { metrika: site.metrikaCounterId } : {}),
  };
  // Wrong domain or an exhausted impression cap: a valid, empty config, so the loader stays quiet.
  if (!fromSiteDomain || impressionCapReached(db, account, now)) return config;
  const accountActive = db
    .select()
    .from(widgets)
    .where(and(eq(widgets.accountId, account.id), eq(widgets.active, true)))
    .orderBy(asc(widgets.createdAt))
    .all();
  const servable = servableWidgetIds(account, accountActive);
  config.widgets = accountActive.flatMap((w) => {
    // The stored definition: `rules` is absent from widgets saved before display rules existed.
    const x = w.siteId === site.id && servable.has(w.id) ? toEmbedWidget(w.id, { ...(w.definition as WidgetSource), type: w.type }, site.timezone, now) : null;
    return x ? [x] : [];
  });
  // Only schedules read the zone (timers arrive as instants): no bytes for it otherwise.
  if (config.widgets.some((w) => w.rules && (w.rules.from || w.rules.to || w.rules.weekdays || w.rules.hours))) config.tz = site.timezone;
  return config;
}
