// Reads and validates a JSON body: malformed JSON, a wrong content type and schema failures
// all become 4xx errors in the one error shape before any handler logic runs.
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from './errors.js';
import { storableJson } from './storable-text.js';

export interface ReadJsonOptions {
  /** Public endpoints also take text/plain: beacons and simple CORS requests send it. */
  allowTextPlain?: boolean;
}

/** A zod failure as the one 422 the API answers with, listing each field's problem. */
export function validationFailed(error: z.ZodError, message = 'The request has invalid fields'): AppError {
  return new AppError(422, 'validation_failed', message, { issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S, options: ReadJsonOptions = {}): Promise<z.infer<S>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const accepted = type === 'application/json' || (options.allowTextPlain && type === 'text/plain');
  if (!accepted) {
    throw new AppError(415, 'unsupported_media_type', options.allowTextPlain ? 'Send JSON as application/json or text/plain' : 'Send JSON as application/json');
  }
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'The body is not valid JSON');
  }
  const parsed = schema.safeParse(storableJson(text, raw));
  if (!parsed.success) throw validationFailed(parsed.error);
  return parsed.data;
}

/** Validates query parameters the same way. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(parsed.error, 'The query has invalid parameters');
  return parsed.data;
}
