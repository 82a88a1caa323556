// The one Hono app: error handling, body limits, CSRF origin check, and every route.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createAbuseRoutes } from './platform/abuse/routes.js';
import { createNoticeAdminRoutes, createNoticeRoutes } from './platform/notices/routes.js';
import { createServiceRequestAdminRoutes, createServiceRequestRoutes } from './widgets/services/routes.js';
import { createAdminRoutes } from './platform/admin/routes.js';
import { createBillingAdminRoutes } from './platform/billing/admin-routes.js';
import { createBillingRoutes, createYooKassaWebhookRoutes } from './platform/billing/routes.js';
import { createAuthRoutes, createMeRoutes } from './platform/accounts/routes.js';
import { requireOperator, requireSession } from './platform/accounts/sessions.js';
import type { AppDeps, AuthedEnv } from './deps.js';
import { createDemoRoutes } from './widgets/demo/routes.js';
import { createDevRoutes } from './platform/dev/routes.js';
import { createEmbedRoutes } from './widgets/embed/routes.js';
import { createDeliveryRoutes } from './widgets/integrations/delivery-routes.js';
import { createIntegrationRoutes } from './widgets/integrations/routes.js';
import { createTelegramHookRoutes } from './widgets/integrations/telegram-routes.js';
import { createLeadRoutes } from './widgets/leads/routes.js';
import { createLiveRoutes } from './platform/live/routes.js';
import { createTeamRoutes } from './platform/team/routes.js';
import { createChatRoutes } from './widgets/chat/routes.js';
import { createChatVisitorRoutes } from './widgets/chat/visitor-routes.js';
import { createRealtimeAdminRoutes } from './realtime/admin-routes.js';
import { BrokerUnavailableError } from './realtime/broker.js';
import { realtimeUnavailable } from './realtime/publish.js';
import { createPusherApiRoutes } from './realtime/pusher-api.js';
import { createRealtimeRoutes } from './realtime/routes.js';
import { createNotificationRoutes } from './platform/notifications/routes.js';
import { createStatsRoutes } from './widgets/stats/routes.js';
import { createTariffRoutes } from './platform/tariffs/routes.js';
import { limitBody } from './platform/lib/body-limit.js';
import { AppError, errorBody } from './platform/lib/errors.js';
import { nulInUrl, urlHasNul } from './platform/lib/storable-text.js';
import { createSiteRoutes } from './widgets/sites/routes.js';
import { createStaticRoutes } from './platform/static/routes.js';
import { requestLog, routeTemplate } from './platform/observe/request-log.js';
import { createObserveRoutes } from './platform/observe/routes.js';
import { createOpenApiRoutes } from './openapi/routes.js';
import { createUsageRoutes } from './widgets/usage/routes.js';
import { createWidgetRoutes } from './widgets/widgets/routes.js';
import { createVariantRoutes } from './widgets/ab/routes.js';
import { createEmailConfirmationRoutes } from './widgets/integrations/confirmation-routes.js';
import { errorFields } from './platform/lib/error-fields.js';

const DASHBOARD_API_BODY_LIMIT = 64 * 1024;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApp(deps: AppDeps) {
  const publicOrigin = new URL(deps.env.PUBLIC_URL).origin;

  const api = new Hono<AuthedEnv>()
    .use('*', limitBody(DASHBOARD_API_BODY_LIMIT))
    .use('*', async (c, next) => {
      // Browsers send Origin on cross-site POSTs: refuse any that is not our own dashboard
      // (this also stops login CSRF on the unauthenticated sign-in endpoints).
      const origin = c.req.header('origin');
      if (UNSAFE_METHODS.has(c.req.method) && origin && origin !== publicOrigin && origin !== new URL(c.req.url).origin) {
        throw new AppError(403, 'csrf_failed', 'Cross-site request refused');
      }
      await next();
    })
    .route('/openapi.json', createOpenApiRoutes(deps))
    .route('/auth', createAuthRoutes(deps))
    .route('/me', createMeRoutes(deps))
    .use('/sites/*', requireSession(deps))
    .use('/widgets/*', requireSession(deps))
    .use('/leads/*', requireSession(deps))
    .use('/integrations/*', requireSession(deps))
    .use('/usage/*', requireSession(deps))
    .use('/stats/*', requireSession(deps))
    .use('/notifications/*', requireSession(deps))
    .use('/billing/*', requireSession(deps))
    .use('/service-requests/*', requireSession(deps))
    .use('/notices/*', requireSession(deps))
    .use('/realtime/*', requireSession(deps))
    .use('/live/*', requireSession(deps))
    .use('/chats/*', requireSession(deps))
    .use('/team/*', requireSession(deps))
    .use('/admin/*', requireSession(deps), requireOperator())
    .route('/webhooks/yookassa', createYooKassaWebhookRoutes(deps))
    .route('/abuse', createAbuseRoutes(deps))
    .route('/email-confirmations', createEmailConfirmationRoutes(deps))
    .route('/billing', createBillingRoutes(deps))
    .route('/sites', createSiteRoutes(deps))
    .route('/widgets', createWidgetRoutes(deps))
    .route('/widgets', createVariantRoutes(deps))
    .route('/leads', createLeadRoutes(deps))
    .route('/leads', createDeliveryRoutes(deps))
    .route('/integrations', createIntegrationRoutes(deps))
    .route('/usage', createUsageRoutes(deps))
    .route('/stats', createStatsRoutes(deps))
    .route('/notifications', createNotificationRoutes(deps))
    .route('/tariffs', createTariffRoutes(deps))
    .route('/admin/billing', createBillingAdminRoutes(deps))
    .route('/admin/service-requests', createServiceRequestAdminRoutes(deps))
    .route('/admin/notices', createNoticeAdminRoutes(deps))
    .route('/service-requests', createServiceRequestRoutes(deps))
    .route('/notices', createNoticeRoutes(deps))
    .route('/realtime', createRealtimeRoutes(deps))
    .route('/live', createLiveRoutes(deps))
    .route('/chats', createChatRoutes(deps))
    .route('/team', createTeamRoutes(deps))
    .route('/admin/realtime', createRealtimeAdminRoutes(deps))
    .route('/admin', createAdminRoutes(deps));

  // strict: false — "/demo" and "/demo/" are the same page to a person typing the URL.
  const app = new Hono({ strict: false })
    .use('*', requestLog(deps.logger, deps.metrics))
    .use('*', async (c, next) => {
      // A %00 in a path id or query value would reach PostgreSQL, which refuses it with a 500.
      if (urlHasNul(c.req.url)) throw nulInUrl();
      await next();
    })
    .route('/', createObserveRoutes(deps))
    .route('/v1/chat', createChatVisitorRoutes(deps))
    .route('/v1', createEmbedRoutes(deps))
    .route('/api', api)
    // The Pusher HTTP API: SDKs call {host}/apps/{appId}/...; the WebSocket side is realtime/attach.ts.
    .route('/apps', createPusherApiRoutes(deps))
    .route('/hooks', createTelegramHookRoutes(deps))
    .route('/dev', createDevRoutes(deps))
    .route('/demo', createDemoRoutes(deps))
    .route('/', createStaticRoutes(deps));

  if (deps.env.BENCH_BASELINE_ROUTE) {
    // The cheapest answer this server can give, in the same process and router as the real
    // routes: npm run bench reports each embed endpoint as a fraction of it.
    app.get('/__bench/bare', (c) => c.json({ ok: true })).post('/__bench/bare', async (c) => c.json({ ok: true, bytes: (await c.req.text()).length }, 202));
  }

  app.notFound((c) => c.json(errorBody('not_found', 'No such endpoint'), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
    if (err instanceof BrokerUnavailableError) {
      const refusal = realtimeUnavailable();
      return c.json(errorBody(refusal.code, refusal.message), refusal.status, refusal.headers);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      return c.json(errorBody(status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'bad_request', err.message || 'Bad request'), status);
    }
    if (isBrokenRequest(err)) {
      // The client's body broke off or was malformed (bad chunked encoding, the connection
      // dropped mid-upload): its fault, not ours — no stack trace per request in the log.
      deps.logger.debug('request.broken', { requestId: c.get('requestId'), route: routeTemplate(c), error: err.message });
      return c.json(errorBody('bad_request', 'The request body could not be read'), 400, { connection: 'close' });
    }
    deps.logger.error('request.failed', { requestId: c.get('requestId'), method: c.req.method, route: routeTemplate(c), ...errorFields(err) });
    return c.json(errorBody('internal', 'Internal error'), 500);
  });
  return app;
}

/** Node's errors for a request body that could not be read: the parser's (HPE_*) and an aborted upload. */
function isBrokenRequest(err: Error): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if ((typeof code === 'string' && (code.startsWith('HPE_') || code === 'ECONNRESET')) || e.message === 'aborted' || e.message.startsWith('Parse Error')) return true;
  }
  return false;
}

export type AppType = ReturnType<typeof createApp>;
