// The public embed API the loader and runtime call from licensees' pages.
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { eventsBatchSchema, LEAD_BODY_LIMIT_BYTES, leadSubmissionSchema } from '../contracts/embed.js';
import { collectsLeads } from '../contracts/widget.js';
import { sites, widgets } from '../db/schema/index.js';
import type { AppDeps } from '../deps.js';
import { limitBody } from '../lib/body-limit.js';
import { clientIp } from '../lib/client-ip.js';
import { MINUTE } from '../lib/clock.js';
import { AppError, notFound } from '../lib/errors.js';
import { readJson } from '../lib/json-body.js';
import { createRateLimiter } from '../lib/rate-limit.js';
import { storeLead } from '../leads/submit.js';
import { isLikelyBot } from './bots.js';
import { buildEmbedConfig } from './config.js';
import { ingestEvents } from './events.js';
import { requestFromSite } from './origin.js';
import { siteByKey } from './site-lookup.js';

/** "Installed" needs a timestamp, not a write per page view. */
const LAST_SEEN_RESOLUTION_MS = MINUTE;
const EVENTS_BODY_LIMIT_BYTES = 16 * 1024;

export function createEmbedRoutes(deps: AppDeps) {
  const { db, env, clock } = deps;
  const leadsPerIp = createRateLimiter({ limit: env.LEAD_RATE_PER_IP_PER_MINUTE, windowMs: MINUTE, clock });
  const leadsPerWidget = createRateLimiter({ limit: env.LEAD_RATE_PER_WIDGET_PER_MINUTE, windowMs: MINUTE, clock });
  const originRefused = () => new AppError(403, 'origin_not_allowed', 'This page is not on one of the site’s domains');

  return (
    new Hono()
      // Public and credential-free: any page may read, and the site's domain list decides what it gets.
      .use('*', cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['Content-Type'], maxAge: 86400 }))
      .get('/sites/:siteKey/config', etag(), (c) => {
        const { site, account } = siteByKey(db, c.req.param('siteKey'));
        const now = clock.now();
        const fromSiteDomain = requestFromSite(c, site.domains);
        if (fromSiteDomain && (site.lastSeenAt ?? 0) < now - LAST_SEEN_RESOLUTION_MS) {
          db.update(sites).set({ lastSeenAt: now }).where(eq(sites.id, site.id)).run();
        }
        // Revalidate every time (cheap 304 via ETag): deactivation and caps take effect at once.
        c.header('Cache-Control', 'no-cache');
        c.header('Vary', 'Origin');
        return c.json(buildEmbedConfig(db, env, site, account, now, { fromSiteDomain }));
      })
      .post('/events', limitBody(EVENTS_BODY_LIMIT_BYTES), async (c) => {
        const batch = await readJson(c, eventsBatchSchema, { allowTextPlain: true });
        const { site, account } = siteByKey(db, batch.site);
        if (!requestFromSite(c, site.domains)) throw originRefused();
        const countImpressions = !(env.BOT_FILTER && isLikelyBot(c.req.header('user-agent')));
        const result = await ingestEvents(deps, account, site.id, batch, countImpressions);
        return c.json(result, 202);
      })
      .post('/leads', limitBody(LEAD_BODY_LIMIT_BYTES), async (c) => {
        const submission = await readJson(c, leadSubmissionSchema, { allowTextPlain: true });
        const { site, account } = siteByKey(db, submission.site);
        const widget = db
          .select()
          .from(widgets)
          .where(and(eq(widgets.id, submission.widget), eq(widgets.siteId, site.id), eq(widgets.active, true)))
          .get();
        // Banners, messengers and timers take no leads; a popup only when it has a form.
        if (!widget || !collectsLeads({ type: widget.type, content: widget.definition.content })) throw notFound('Widget');
        if (!requestFromSite(c, site.domains)) throw originRefused();
        const ip = clientIp(c, env.TRUST_PROXY);
        if (!leadsPerIp.hit(ip) || !leadsPerWidget.hit(widget.id)) {
          throw new AppError(429, 'rate_limited', 'Слишком много заявок. Попробуйте через минуту.');
        }
        // Honeypot filled or a form "filled" faster than a person can: refuse, store nothing.
        if ((submission.hp ?? '') !== '' || submission.elapsedMs < env.LEAD_MIN_FILL_MS) {
          throw new AppError(422, 'spam_rejected', 'Заявка отклонена. Попробуйте ещё раз.');
        }
        storeLead(deps, account, widget, submission, { ip, userAgent: c.req.header('user-agent') });
        return c.json({ ok: true }, 201);
      })
  );
}
