// The public embed API the loader and runtime call from licensees' pages.
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { LEAD_BODY_LIMIT_BYTES } from '#contracts/core/embed.js';
import { eventsBatchSchema, leadSubmissionSchema } from '#contracts/schemas/embed.js';
import { collectsLeads } from '#contracts/core/widget.js';
import type { AppDeps } from '../../deps.js';
import { limitBody } from '../../platform/lib/body-limit.js';
import { clientIp } from '../../platform/lib/client-ip.js';
import { HOUR, MINUTE } from '../../platform/lib/clock.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { readJson } from '../../platform/lib/json-body.js';
import { tooManyRequests } from '../../platform/lib/rate-limits.js';
import { createLeadStore } from '../leads/submit.js';
import { prepareBumpDaily } from '../stats/daily.js';
import { BADGE_VISITS_PER_IP_PER_HOUR, badgeTarget, countBadgeVisit } from './badge.js';
import { segmentOf } from '../stats/breakdowns.js';
import { isLikelyBot } from './bots.js';
import { createEmbedConfigBuilder } from './config.js';
import type { EmbedConfig } from '#contracts/core/embed.js';
import { createEmbedConfigCache, etagMatches, servedConfig, type CachedSite, type EmbedConfigCache } from './config-cache.js';
import { createEventIngest } from './events.js';
import { requestFromSite, requestHost } from './origin.js';
import { diagnoseSite } from './diagnosis.js';
import { createForeignHostCounter } from './foreign-hosts.js';
import { createServableCheck } from './servable.js';
import { createPreviews, previewRedeemQuerySchema } from '../widgets/preview.js';
import { readQuery } from '../../platform/lib/json-body.js';
import { createSiteLookup, SITE_KEY } from './site-lookup.js';
import { prepareVariantIds } from '../ab/variant-ids.js';
import { shownConsentLabel } from '../leads/consent-text.js';

/** "Installed" needs a timestamp, not a write per page view. */
const LAST_SEEN_RESOLUTION_MS = MINUTE;
const EVENTS_BODY_LIMIT_BYTES = 16 * 1024;
const DEBUG_RATE_PER_IP_PER_MINUTE = 60;
/** How long a submission refused for its filled honeypot waits before the runtime sends it again. */
const HONEYPOT_RETRY_MS = 3000;

/**
 * Public and credential-free: any page may read, and the site's domain list decides what it gets.
 * Not hono/cors: it writes c.res.headers before the handler runs, which makes Hono build a full
 * Response for every answer and takes @hono/node-server off its fast path (bench/src/analysis.ts).
 * c.header() only records the header, and error answers built by app.onError carry it too.
 */
const allowAnyOrigin = (c: Context) => c.header('Access-Control-Allow-Origin', '*');
const embedCors: MiddlewareHandler = async (c, next) => {
  allowAnyOrigin(c);
  await next();
};
const preflight = (c: Context) =>
  c.body(null, 204, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '86400',
  });

/** When a config changes with no write: the earliest end of a timer it shows, A/B variants included (timers past their end are left out). */
const selfExpiry = (config: EmbedConfig): number | null =>
  config.widgets.flatMap((w) => [w, ...(w.ab ?? [])]).reduce<number | null>((at, w) => (w.type === 'timer' && (at === null || w.content.end < at) ? w.content.end : at), null);

/** A refused lead's reason for the metrics: the error code it was answered with. */
function leadRefusalReason(err: unknown, status: number): string {
  if (err instanceof AppError) return err.code;
  if (status === 413) return 'payload_too_large';
  return status >= 500 ? 'internal' : 'bad_request';
}

export function createEmbedRoutes(deps: AppDeps, configCache: EmbedConfigCache = createEmbedConfigCache(deps.clock, { invalidations: deps.invalidations })) {
  const { store, env, clock, metrics } = deps;
  const { db } = store;
  const { sites, widgets } = db.tables;
  const siteByKey = createSiteLookup(db);
  const bumpRefusal = prepareBumpDaily(db);
  const buildConfig = createEmbedConfigBuilder(db, env);
  // Prepared once: see site-lookup.ts for what building a query per request costs.
  const activeWidget = db
    .select()
    .from(widgets)
    .where(and(eq(widgets.id, sql.placeholder('id')), eq(widgets.siteId, sql.placeholder('siteId')), eq(widgets.active, true)))
    .prepare('embed_active_widget');
  const servableOf = createServableCheck(db);
  const touchSite = db
    .update(sites)
    .set({ lastSeenAt: sql`${sql.placeholder('now')}`, lastSeenHost: sql`${sql.placeholder('host')}` })
    .where(eq(sites.id, sql.placeholder('id')))
    .prepare('embed_touch_site');
  const noteForeignHost = createForeignHostCounter(db, clock);
  const storeLead = createLeadStore(deps);
  const ingestEvents = createEventIngest(deps);
  const variantIdsOf = prepareVariantIds(db);
  const leadsPerIp = deps.rateLimits.limiter({ name: 'leads-per-ip', limit: env.LEAD_RATE_PER_IP_PER_MINUTE, windowMs: MINUTE });
  const leadsPerWidget = deps.rateLimits.limiter({ name: 'leads-per-widget', limit: env.LEAD_RATE_PER_WIDGET_PER_MINUTE, windowMs: MINUTE });
  // A script forging beacons from one address could otherwise use up a Free account's cap.
  const eventsPerIp = deps.rateLimits.limiter({ name: 'events-per-ip', limit: env.EVENTS_RATE_PER_IP_PER_MINUTE, windowMs: MINUTE });
  // Leads stored and refused, by the refusal's error code (a closed set): counted around the
  // handler, so every way a submission can fail is counted once.
  const countLeads: MiddlewareHandler = async (c, next) => {
    try {
      await next();
    } finally {
      const status = c.res.status;
      if (status === 201) metrics.leadsStored.inc();
      else if (status >= 400) metrics.leadsRefused.inc({ reason: leadRefusalReason(c.error, status) });
    }
  };
  // Debug answers read the database (no cache): a person reloading a page is far below this.
  const previews = createPreviews(deps);
  const debugPerIp = deps.rateLimits.limiter({ name: 'embed-debug-per-ip', limit: DEBUG_RATE_PER_IP_PER_MINUTE, windowMs: MINUTE });
  const badgePerIp = deps.rateLimits.limiter({ name: 'badge-visits-per-ip', limit: BADGE_VISITS_PER_IP_PER_HOUR, windowMs: HOUR });
  const originRefused = () => new AppError(403, 'origin_not_allowed', 'This page is not on one of the site’s domains');

  const loadSite = async (siteKey: string, readAt: number): Promise<CachedSite> => {
    const { site, account } = await siteByKey(siteKey);
    const now = clock.now();
    const servable = await servableOf(account);
    const onSite = await buildConfig(site, account, now, { fromSiteDomain: true, servable });
    const offSite = await buildConfig(site, account, now, { fromSiteDomain: false, servable });
    return configCache.set(
      siteKey,
      {
        siteId: site.id,
        accountId: account.id,
        domains: site.domains,
        lastSeenAt: site.lastSeenAt,
        onSite: servedConfig(onSite),
        offSite: servedConfig(offSite),
        expiresAt: selfExpiry(onSite),
      },
      readAt,
    );
  };
  // Misses being read, per site key: when a busy site's entry expires, the requests that arrive
  // meanwhile wait for the one read instead of each reading the database (config-cache.ts: load).
  const loadCachedSite = (siteKey: string): Promise<CachedSite> => configCache.load(siteKey, (readAt) => loadSite(siteKey, readAt));

  const serveConfig = (c: Context, entry: CachedSite): Response | Promise<Response> => {
    const fromSiteDomain = entry.fromSite(c.req.header('origin'), c.req.header('referer'));
    const served = fromSiteDomain ? entry.onSite : entry.offSite;
    const notModified = etagMatches(c.req.header('if-none-match'), served.etag);
    // (A 304 must have a null body, which takes @hono/node-server's ordinary path: rare enough.)
    const response = new Response(notModified ? null : served.body, {
      status: notModified ? 304 : 200,
      headers: {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': '*',
        // Revalidate every time (cheap 304 via ETag): deactivation and caps take effect at once.
        'Cache-Control': 'no-cache',
        Vary: 'Origin',
        ETag: served.etag,
      },
    });
    const now = clock.now();
    if (fromSiteDomain && (entry.lastSeenAt ?? 0) < now - LAST_SEEN_RESOLUTION_MS) {
      // Marked before the write, so requests meanwhile do not write it again.
      entry.lastSeenAt = now;
      return touchSite.execute({ id: entry.siteId, now, host: requestHost(c) }).then(() => response);
    }
    // Off the site's domains: counted, so the site page can offer to add the host (foreign-hosts.ts).
    const noted = fromSiteDomain ? undefined : noteForeignHost(entry.siteId, requestHost(c));
    return noted ? noted.then(() => response) : response;
  };

  return (
    new Hono()
      .options('*', preflight)
      // The hottest route, on every page view of every site: no middleware, and a Response with
      // plain-object headers, which @hono/node-server writes without building a Headers object.
      .get('/sites/:siteKey/config', (c): Response | Promise<Response> => {
        allowAnyOrigin(c); // only for the 404 that loading the site may throw
        const siteKey = c.req.param('siteKey');
        const hit = configCache.get(siteKey);
        // A hit answers without a promise in between, as almost every request does.
        return hit ? serveConfig(c, hit) : loadCachedSite(siteKey).then((entry) => serveConfig(c, entry));
      })
      // Debug mode only (rt/debug.js): why the config of this site is what it is for this page.
      .get('/sites/:siteKey/debug', embedCors, async (c) => {
        await debugPerIp.enforce(clientIp(c, env.TRUST_PROXY), 'Too many debug requests from this address');
        const owner = await siteByKey(c.req.param('siteKey'));
        c.header('Cache-Control', 'no-store');
        return c.json(await diagnoseSite(db, owner, requestHost(c), clock.now()));
      })
      // The "made with" link: counted (no personal data), then on to the product's page (badge.ts).
      .get('/sites/:siteKey/badge', async (c) => {
        const siteKey = c.req.param('siteKey');
        if (!SITE_KEY.test(siteKey)) throw new AppError(400, 'bad_request', 'Not a site key');
        const owner = await siteByKey(siteKey).catch(() => null);
        const human = !(env.BOT_FILTER && isLikelyBot(c.req.header('user-agent')));
        if (owner && human && (await badgePerIp.hit(clientIp(c, env.TRUST_PROXY))).ok) await countBadgeVisit(db, owner.account.id, clock.now());
        c.header('Cache-Control', 'no-store');
        return c.redirect(badgeTarget(env), 302);
      })
      // The owner's preview (rt/debug.js on ?widgetry_preview=…): the draft as a config of one
      // widget, for the browser tab that redeemed the token first (widgets/preview.ts). Counts nothing.
      .get('/preview/:token', embedCors, async (c) => {
        await debugPerIp.enforce(clientIp(c, env.TRUST_PROXY), 'Too many debug requests from this address');
        const { k } = readQuery(c, previewRedeemQuerySchema);
        c.header('Cache-Control', 'no-store');
        return c.json(await previews.redeem(c.req.param('token'), k));
      })
      .post('/events', embedCors, limitBody(EVENTS_BODY_LIMIT_BYTES), async (c) => {
        const batch = await readJson(c, eventsBatchSchema, { allowTextPlain: true });
        const { site, account } = await siteByKey(batch.site);
        if (!requestFromSite(c, site.domains)) throw originRefused();
        const rate = await eventsPerIp.hit(clientIp(c, env.TRUST_PROXY));
        if (!rate.ok) {
          metrics.impressionsRefused.inc({ reason: 'rate' }, batch.events.filter((e) => e.type === 'impression').length);
          throw tooManyRequests('Too many events from this address', rate.retryAfterSec);
        }
        const userAgent = c.req.header('user-agent');
        const human = !(env.BOT_FILTER && isLikelyBot(userAgent));
        const result = await ingestEvents(account, site, batch, human, segmentOf(batch, userAgent, site.domains));
        metrics.impressionsAccepted.inc(result.impressions.accepted);
        for (const [reason, n] of Object.entries(result.impressions.refused)) if (n > 0) metrics.impressionsRefused.inc({ reason }, n);
        // The cap was just reached: the next config of this account's sites must be empty.
        if (result.capReached) deps.invalidations.account(account.id);
        return c.json({ accepted: result.accepted, refused: result.refused }, 202);
      })
      .post('/leads', embedCors, limitBody(LEAD_BODY_LIMIT_BYTES), countLeads, async (c) => {
        const submission = await readJson(c, leadSubmissionSchema, { allowTextPlain: true });
        // A consent label none of our runtimes showed is refused before anything is counted or stored.
        shownConsentLabel(submission);
        const { site, account } = await siteByKey(submission.site);
        const [widget] = await activeWidget.execute({ id: submission.widget, siteId: site.id });
        // Banners, messengers and timers take no leads; a popup only when it has a form.
        if (!widget || !collectsLeads({ type: widget.type, content: widget.definition.content })) throw notFound('Widget');
        // Only a widget the config would serve takes leads: an operator's block or a tariff that no
        // longer covers it must stop the collection of personal data, not just the showing.
        if (!(await servableOf(account))(widget)) throw notFound('Widget');
        if (!requestFromSite(c, site.domains)) throw originRefused();
        const ip = clientIp(c, env.TRUST_PROXY);
        await leadsPerIp.enforce(ip, 'Слишком много заявок. Попробуйте через минуту.');
        await leadsPerWidget.enforce(widget.id, 'Слишком много заявок. Попробуйте через минуту.');
        // Honeypot filled or a form "filled" faster than a person can: refuse, store nothing but a
        // count per widget and day with the reason (the owner sees it). A person can trip either
        // (a quick autofill, a browser filling the hidden field), so the refusal says when to send
        // again — the runtime counts down visibly and resends once — and is never silent.
        const honeypot = (submission.hp ?? '') !== '';
        if (honeypot || submission.elapsedMs < env.LEAD_MIN_FILL_MS) {
          await bumpRefusal(account.id, widget.id, honeypot ? 'refusedHoneypot' : 'refusedTooFast', 1, clock.now(), site.timezone);
          const retryInMs = honeypot ? HONEYPOT_RETRY_MS : Math.ceil((env.LEAD_MIN_FILL_MS - submission.elapsedMs) / 1000) * 1000;
          throw new AppError(422, 'spam_rejected', 'Заявка отклонена. Попробуйте ещё раз.', { reason: honeypot ? 'honeypot' : 'too_fast', retryInMs });
        }
        const variantId = submission.v && (await variantIdsOf(widget.id)).has(submission.v) ? submission.v : null;
        await storeLead(account, widget, submission, { ip, userAgent: c.req.header('user-agent'), timezone: site.timezone, variantId });
        return c.json({ ok: true }, 201);
      })
  );
}
