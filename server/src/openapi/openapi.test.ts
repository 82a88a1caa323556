// The served OpenAPI document against the routes the real app registers: every /v1 and /api
// route is documented, every documented operation exists, and the document holds together
// (OpenAPI 3.1, every $ref resolves, request schemas come from the zod contracts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.js';

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Hono's `:id` and `:file{.+\.pdf}` as OpenAPI's `{id}` / `{file}`. */
const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), doc);
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  let res: Response;
  beforeAll(async () => {
    t = await createTestApp();
    res = await t.app.request('/api/openapi.json');
    doc = (await res.clone().json()) as Json;
  });
  afterAll(async () => await t.cleanup());

  it('is served publicly and cacheably', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toMatch(/public/);
  });

  it('documents exactly the /v1 and /api routes the app registers', () => {
    const registered = new Set<string>();
    for (const r of t.app.routes) {
      // 'ALL' entries are middleware; OPTIONS is the CORS preflight of the embed API.
      if (r.method === 'ALL' || r.method === 'OPTIONS' || !/^\/(v1|api)\//.test(r.path)) continue;
      registered.add(`${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    }
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const method of Object.keys(item)) if (METHODS.includes(method)) documented.add(`${method} ${path}`);
    }
    expect(registered.size).toBeGreaterThan(100);
    expect([...registered].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((d) => !registered.has(d)).sort()).toEqual([]);
  });

  it('is structurally OpenAPI 3.1 and every $ref resolves', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect((doc.info as Json).title).toBeTypeOf('string');
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(resolvePointer(doc, ref), ref).toBeDefined();
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      expect(path).toMatch(/^\/(v1|api)\//);
      for (const op of Object.values(item)) {
        expect(ids.has(op.operationId as string), `duplicate ${op.operationId}`).toBe(false);
        ids.add(op.operationId as string);
        const params = (op.parameters as Json[]).filter((p) => p.in === 'path').map((p) => p.name);
        expect(params.sort()).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
      }
    }
  });

  it('describes errors in the one shape, with Retry-After on 429', () => {
    const components = doc.components as Record<string, Record<string, Json>>;
    const error = components.schemas!.Error as { properties: { error: { properties: Json; required: string[] } } };
    expect(error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    expect((error.properties.error.properties.code as { enum: string[] }).enum).toContain('rate_limited');
    const tooMany = components.responses!.TooManyRequests as { headers: Json };
    expect(tooMany.headers['Retry-After']).toBeDefined();
    const leads = (doc.paths as Record<string, Record<string, { responses: Json }>>)['/v1/leads']!.post!;
    expect(leads.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
  });

  it('takes request schemas from the zod contracts the routes validate with', async () => {
    const paths = doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Json }> }; parameters: Json[] }>>;
    const code = paths['/api/auth/code']!.post!.requestBody!.content['application/json']!.schema as { properties: Json; required: string[] };
    expect(Object.keys(code.properties)).toEqual(expect.arrayContaining(['email', 'consent']));
    // The schema says what the server does: a body missing a required field is refused.
    const missing = code.required[0]!;
    const probe = await t.app.request('/api/auth/code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.ru', consent: true, [missing]: undefined }),
    });
    expect(probe.status).toBe(422);
    expect(paths['/v1/leads']!.post!.requestBody!.content['text/plain']).toBeDefined();
    expect(paths['/api/leads']!.get!.parameters.map((p) => p.name)).toContain('page');
  });
});
