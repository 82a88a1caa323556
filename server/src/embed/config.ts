// Builds what the loader receives for a site: only what the runtime needs to draw the
// widgets that are live right now, with the badge decided by the tariff.
import { and, asc, eq } from 'drizzle-orm';
import type { EmbedConfig, EmbedWidget } from '../contracts/embed.js';
import type { Db } from '../db/client.js';
import { widgets, type accounts, type sites } from '../db/schema/index.js';
import type { Env } from '../env.js';
import { impressionCapReached, servableWidgetIds, showsBadge } from '../tariffs/policy.js';
import { CONSENT_LABEL, MARKETING_LABEL } from './consent-text.js';

type Site = typeof sites.$inferSelect;
type Account = typeof accounts.$inferSelect;

export function badgeFor(env: Pick<Env, 'BRAND_NAME' | 'BADGE_URL' | 'PUBLIC_URL'>) {
  return { text: `Сделано на ${env.BRAND_NAME}`, url: env.BADGE_URL ?? `${env.PUBLIC_URL}/?ref=badge` };
}

function toEmbedWidget(w: typeof widgets.$inferSelect): EmbedWidget {
  const { position, inlineSelector, colors, urlRule, content } = w.definition;
  const base = { id: w.id, position, colors, urlRule, ...(inlineSelector ? { inlineSelector } : {}) };
  if (w.type === 'form') {
    const form = content as Extract<EmbedWidget, { type: 'form' }>['content'];
    return { ...base, type: 'form', content: form, consentText: CONSENT_LABEL, ...(form.marketingConsent ? { marketingText: MARKETING_LABEL } : {}) };
  }
  return { ...base, type: 'banner', content: content as Extract<EmbedWidget, { type: 'banner' }>['content'] };
}

export interface EmbedConfigOptions {
  /** Whether the request came from one of the site's domains. */
  fromSiteDomain: boolean;
}

export function buildEmbedConfig(db: Db, env: Env, site: Site, account: Account, now: number, { fromSiteDomain }: EmbedConfigOptions): EmbedConfig {
  const config: EmbedConfig = { site: site.siteKey, badge: showsBadge(account) ? badgeFor(env) : null, widgets: [] };
  // Wrong domain or an exhausted impression cap: a valid, empty config, so the loader stays quiet.
  if (!fromSiteDomain || impressionCapReached(db, account, now)) return config;
  const accountActive = db
    .select()
    .from(widgets)
    .where(and(eq(widgets.accountId, account.id), eq(widgets.active, true)))
    .orderBy(asc(widgets.createdAt))
    .all();
  const servable = servableWidgetIds(account, accountActive);
  config.widgets = accountActive.filter((w) => w.siteId === site.id && servable.has(w.id)).map(toEmbedWidget);
  return config;
}
