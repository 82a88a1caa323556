// Builds the OpenAPI 3.1 document from the operation table: request bodies and query
// parameters are zod 4's JSON Schema (draft 2020-12, which OpenAPI 3.1 uses as is) of the
// schemas the routes validate with. Built once per process; nothing here is written by hand
// except summaries and the shared error answers.
import { z } from 'zod';
import { ERROR_CODES } from '#contracts/core/errors.js';
import { OPERATIONS, type Operation } from './operations.js';

type Json = Record<string, unknown>;

const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ description: 'The one error shape of every 4xx and 5xx answer' });

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string, headers?: Json): Json => ({ description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ERROR_REF } } });

const COMPONENTS = {
  schemas: { Error: z.toJSONSchema(errorSchema, { target: 'draft-2020-12' }) },
  headers: {
    RetryAfter: { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
  },
  responses: {
    BadRequest: errorResponse('Invalid input (bad JSON, wrong content type, failed validation)'),
    Unauthorized: errorResponse('No valid session'),
    Forbidden: errorResponse('Not allowed'),
    NotFound: errorResponse('No such resource'),
    TooManyRequests: errorResponse('Rate limited or over a limit; retry after Retry-After seconds', { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }),
  },
  securitySchemes: {
    session: { type: 'apiKey', in: 'cookie', name: 'wg_session', description: 'Dashboard session cookie; unsafe methods also send X-CSRF-Token' },
  },
};

/** JSON Schema of a zod schema as the request sees it (input side: defaults are optional). */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

function queryParameters(schema: z.ZodType): Json[] {
  const js = jsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s }));
}

const pathParameters = (path: string): Json[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));

function operationObject(op: Operation): Json {
  const responses: Json = {
    '200': op.produces ? { description: 'OK', content: { [op.produces]: {} } } : { description: 'OK', content: { 'application/json': {} } },
    '400': { $ref: '#/components/responses/BadRequest' },
    '404': { $ref: '#/components/responses/NotFound' },
    '429': { $ref: '#/components/responses/TooManyRequests' },
  };
  if (op.access !== 'public') Object.assign(responses, { '401': { $ref: '#/components/responses/Unauthorized' }, '403': { $ref: '#/components/responses/Forbidden' } });
  const body = op.body ? jsonSchema(op.body) : undefined;
  return {
    operationId: `${op.method}${op.path.replace(/[{}.]/g, '').replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    security: op.access === 'public' ? [] : [{ session: [] }],
    ...(op.access === 'operator' ? { description: 'Platform operators only.' } : {}),
    parameters: [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body }, ...(op.textPlain ? { 'text/plain': { schema: body } } : {}) } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(publicUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const item = paths[op.path] ?? {};
    item[op.method] = operationObject(op);
    paths[op.path] = item;
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Widgetry API',
      version: '1',
      description: '/v1 is the public embed API called from licensees’ pages; /api is the dashboard API (session cookie).',
    },
    servers: [{ url: publicUrl }],
    paths,
    components: COMPONENTS,
  };
}
