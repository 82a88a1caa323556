// Serves the built embed (loader, runtime chunks), the dashboard single-page app, the public
// product page at / and /en (where the "made with" badge leads) and the favicon. Scripts and
// styles go out as the .br/.gz files the build wrote beside them (scripts/precompress.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppDeps } from '../../deps.js';
import { PROJECT_ROOT } from '../../paths.js';

const fromRoot = (dir: string) => resolve(PROJECT_ROOT, dir);

/**
 * The dashboard's Content-Security-Policy: only our own scripts, styles and API, no inline
 * script or style attributes (Preact and uPlot set styles through the CSSOM, which CSP allows),
 * no plugins, no <base> tricks, and no framing by other sites (clickjacking). Images may come
 * from any https: host because licensees' banners link their own pictures.
 */
const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "font-src 'self'",
  // The widget editor's live preview is our own /app/preview.html.
  "frame-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The live preview runs the real runtime (/rt/*.js) inside a frame of the dashboard. It may
 * connect nowhere: whatever a runtime version does, a preview can never count an impression
 * or store a lead.
 */
const PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** The product page is static text with its stylesheet: it may load nothing else and run nothing. */
const PRODUCT_CSP = ["default-src 'none'", "style-src 'self'", "img-src 'self'", "base-uri 'none'", "form-action 'none'", "object-src 'none'", "frame-ancestors 'none'"].join('; ');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

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
  const previewPage = join(dashboard, 'preview.html');
  const productPage = { ru: join(dashboard, 'product', 'index.html'), en: join(dashboard, 'product', 'en.html') };
  // The build copies dashboard/public/ (the favicon) to the dashboard folder's top.
  const favicon = lazyStatic({ root: dashboard, rewriteRequestPath: (p) => p.replace(/^\/app/, '') });
  const dayCache: MiddlewareHandler = async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=86400');
  };
  // The brand is configuration (BRAND_NAME): the built page carries a placeholder for it.
  const brand = escapeHtml(deps.env.BRAND_NAME);
  // The product page's link to /demo/ sits between these markers: without the demo seeded, /demo/ is a 404.
  const withoutDemo = (html: string) => (deps.env.DEMO_SEED ? html : html.replace(/<!--demo-->[\s\S]*?<!--\/demo-->/g, ''));
  // Only the product pages carry the markers: the dashboard's index.html (every /app/* request) skips the regex.
  const page = (c: Context, file: string, csp: string, frameOptions: string, edit: (html: string) => string = (html) => html) => {
    if (!existsSync(file)) return c.text('Dashboard not built: run npm run build', 503);
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', csp);
    c.header('X-Frame-Options', frameOptions);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    return c.html(edit(readFileSync(file, 'utf8')).replaceAll('{{BRAND_NAME}}', brand));
  };

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
      .get('/loader.js', lazyStatic({ root: assets, precompressed: true }))
      .get('/rt/*', lazyStatic({ root: assets, precompressed: true }))
      .use('/app/assets/*', async (c, next) => {
        await next();
        if (c.res.status !== 200) return;
        // Vite puts a content hash in every asset name: a new build means new names.
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
        c.header('X-Content-Type-Options', 'nosniff');
      })
      .get('/app/assets/*', lazyStatic({ root: dashboard, precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/app/, '') }))
      // A missing asset is a 404, not the app's page (a browser would refuse HTML as a module).
      .get('/app/assets/*', (c) => c.notFound())
      // Browsers ask for /favicon.ico on pages that name none (the outbox, the demo, invoices).
      .use('/favicon.ico', dayCache)
      .use('/app/favicon.*', dayCache)
      .get('/favicon.ico', favicon)
      .get('/app/favicon.svg', favicon)
      .get('/app/favicon.ico', favicon)
      .get('/app/preview.html', (c) => page(c, previewPage, PREVIEW_CSP, 'SAMEORIGIN'))
      // Client-side routing: every other /app path gets the app's index.html.
      .get('/app/*', (c) => page(c, dashboardIndex, DASHBOARD_CSP, 'DENY'))
      .get('/app', (c) => c.redirect('/app/'))
      // What the product is, for the visitors the badge brings and anyone who types the address.
      .get('/', (c) => page(c, productPage.ru, PRODUCT_CSP, 'DENY', withoutDemo))
      .get('/en', (c) => page(c, productPage.en, PRODUCT_CSP, 'DENY', withoutDemo))
  );
}
