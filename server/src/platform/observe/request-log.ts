// One log line and one metrics sample per HTTP request: request id, method, route template (never
// the URL itself, whose path and query may carry keys or personal data), status and duration.
// The first middleware of the app, so it times everything after it, error answers included.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { randomId } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from './metrics.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's id: the proxy's X-Request-Id when it sent a sane one, else our own. */
    requestId: string;
  }
}

const SANE_REQUEST_ID = /^[\w.:-]{1,64}$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Load balancers ask these every few seconds: their lines go at debug level, their counts still to the metrics. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** The template of the route that answered ('/api/sites/:id'); 'unmatched' for a 404 no route took. */
export function routeTemplate(c: Context): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  if (!route) return 'unmatched';
  // The answering "route" is a middleware: nothing after it matched (the app's notFound answered).
  if (route.method === 'ALL' && c.res.status === 404) return 'unmatched';
  return route.path;
}

export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && SANE_REQUEST_ID.test(given) ? given : randomId(12);
    c.set('requestId', requestId);
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const route = routeTemplate(c);
      const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
      const status = String(c.res.status);
      metrics.httpRequests.inc({ method, route, status });
      metrics.httpDuration.observe({ method, route, status }, seconds);
      const fields = { requestId, method, route, status: c.res.status, ms: Math.round(seconds * 10_000) / 10 };
      if (PROBES.has(route)) logger.debug('request', fields);
      else logger.info('request', fields);
    }
  };
}
