// One log line and one metrics sample per HTTP request: request id, method, route template (never
// the URL itself, whose path and query may carry keys or personal data), status and duration.
// The first middleware of the app, so it times everything after it, error answers included.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { randomId } from '../lib/ids.js';
import { type Logger, scrubPersonalData } from '../lib/logger.js';
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

/**
 * The proxy's X-Request-Id, read from Node's own request when there is one: `c.req.header()`
 * makes @hono/node-server build a whole Fetch Headers object, which cost the cheapest route
 * ~30 us of its ~80 us. Tests call the app without a socket; they take the Fetch path.
 */
function givenRequestId(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const value = incoming?.headers ? incoming.headers['x-request-id'] : c.req.header('x-request-id');
  return typeof value === 'string' ? value : undefined;
}

export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler {
  // prom-client hashes the label object on every call; the series are few (closed label sets),
  // so each one's bound counter and histogram are looked up once and kept.
  const series = new Map<string, { count: { inc(): void }; duration: { observe(v: number): void } }>();
  const seriesOf = (method: string, route: string, status: string) => {
    const key = `${method} ${status} ${route}`;
    let s = series.get(key);
    if (!s) {
      s = { count: metrics.httpRequests.labels(method, route, status), duration: metrics.httpDuration.labels(method, route, status) };
      series.set(key, s);
    }
    return s;
  };
  const finish = (c: Context, started: number, requestId: string) => {
    const seconds = (performance.now() - started) / 1000;
    const route = routeTemplate(c);
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    const status = c.res.status;
    const { count, duration } = seriesOf(method, route, String(status));
    count.inc();
    duration.observe(seconds);
    // The request id is ours ([0-9a-z]{12}) or a proxy's checked one (which is masked like any
    // string in a line, below); the method and route come from closed sets: nothing to scrub.
    const fields = `"requestId":${JSON.stringify(requestId)},"method":"${method}","route":${JSON.stringify(route)},"status":${status},"ms":${Math.round(seconds * 10_000) / 10}`;
    logger.checked(PROBES.has(route) ? 'debug' : 'info', 'request', fields);
  };
  // Not an async function: one promise less per request, on every route.
  return (c, next) => {
    const started = performance.now();
    const given = givenRequestId(c);
    const sane = given !== undefined && SANE_REQUEST_ID.test(given);
    const requestId = sane ? given : randomId(12);
    c.set('requestId', requestId);
    const logged = sane ? scrubPersonalData(given) : requestId;
    return next().then(
      () => finish(c, started, logged),
      (err: unknown) => {
        finish(c, started, logged);
        throw err;
      },
    );
  };
}
