// GET /api/openapi.json: public and cacheable; the document only changes with a deploy.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { buildOpenApiDocument } from './document.js';

export function createOpenApiRoutes(deps: AppDeps) {
  let body: string | undefined;
  return new Hono().get('/', (c) => {
    body ??= JSON.stringify(buildOpenApiDocument(deps.env.PUBLIC_URL));
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=3600' });
  });
}
