// Serves the built embed (loader, runtime chunks) and the dashboard single-page app.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.js';
import { PROJECT_ROOT } from '../paths.js';

const fromRoot = (dir: string) => resolve(PROJECT_ROOT, dir);

/** serveStatic warns at creation when its folder is missing (tests, before a build); create it on first use. */
function lazyStatic(options: Parameters<typeof serveStatic>[0]): MiddlewareHandler {
  let handler: ReturnType<typeof serveStatic> | undefined;
  return async (c, next) => {
    handler ??= serveStatic(options);
    return handler(c, next);
  };
}

export function createStaticRoutes(deps: AppDeps) {
  const assets = fromRoot(deps.env.ASSETS_DIR);
  const dashboard = fromRoot(deps.env.DASHBOARD_DIR);
  const dashboardIndex = join(dashboard, 'index.html');

  return (
    new Hono()
      .use('/loader.js', async (c, next) => {
        await next();
        // Short: a loader fix must reach every site quickly; the snippet URL never changes.
        c.header('Cache-Control', 'public, max-age=300');
        c.header('Access-Control-Allow-Origin', '*');
      })
      .use('/rt/*', async (c, next) => {
        await next();
        // Chunks carry a content hash in their name and never change; type entries may.
        c.header('Cache-Control', c.req.path.includes('/chunk-') ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
        // Dynamic import() from a host page is a CORS request.
        c.header('Access-Control-Allow-Origin', '*');
      })
      .get('/loader.js', lazyStatic({ root: assets }))
      .get('/rt/*', lazyStatic({ root: assets }))
      .get('/app/assets/*', lazyStatic({ root: dashboard, rewriteRequestPath: (p) => p.replace(/^\/app/, '') }))
      // Client-side routing: every other /app path gets the app's index.html.
      .get('/app/*', (c) => {
        if (!existsSync(dashboardIndex)) return c.text('Dashboard not built: run npm run build', 503);
        c.header('Cache-Control', 'no-cache');
        return c.html(readFileSync(dashboardIndex, 'utf8'));
      })
      .get('/app', (c) => c.redirect('/app/'))
      .get('/', (c) => c.redirect('/app/'))
  );
}
