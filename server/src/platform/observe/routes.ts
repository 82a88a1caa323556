// Probes and metrics for load balancers and Prometheus: GET /healthz (the process answers),
// GET /readyz (it can serve: the readiness checks, 503 when one fails) and GET /metrics
// (Prometheus text; with METRICS_TOKEN set it needs `Authorization: Bearer <token>`, without
// it only this machine may read it, not through a proxy).
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { directFromThisMachine } from '../lib/direct-local.js';
import { AppError } from '../lib/errors.js';

const NO_STORE = { 'cache-control': 'no-store' };

function tokenMatches(c: Context, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createObserveRoutes(deps: AppDeps) {
  const { env, metrics, readiness } = deps;
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE))
    .get('/readyz', async (c) => {
      const { ready, checks } = await readiness.run();
      if (!ready) deps.logger.warn('readiness.failed', { failed: checks.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`) });
      return c.json({ status: ready ? 'ready' : 'unready', checks }, ready ? 200 : 503, NO_STORE);
    })
    .get('/metrics', async (c) => {
      const allowed = env.METRICS_TOKEN ? tokenMatches(c, env.METRICS_TOKEN) : directFromThisMachine(c, env.TRUST_PROXY);
      if (!allowed) {
        if (env.METRICS_TOKEN) throw new AppError(401, 'unauthorized', 'Metrics need the METRICS_TOKEN bearer token');
        throw new AppError(403, 'forbidden', 'Metrics are readable from this machine only (set METRICS_TOKEN to read them from elsewhere)');
      }
      return c.body(await metrics.render(), 200, { 'content-type': metrics.contentType, ...NO_STORE });
    });
}
